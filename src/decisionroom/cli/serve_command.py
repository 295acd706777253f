"""`decisionroom serve`: the team server (REST API under /api/v1) with uvicorn."""

from __future__ import annotations

from typing import Annotated

import typer

from decisionroom.cli._app import app
from decisionroom.cli._common import guard


@app.command()
def serve(
    host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(min=1, max=65535, help="Port to listen on.")] = 8000,
    workers: Annotated[
        int, typer.Option(min=1, help="Processes; they share everything through the database.")
    ] = 1,
) -> None:
    """Run the team server: REST API under /api/v1, OpenAPI at /api/v1/openapi.json.

    The database comes from DECISIONROOM_DATABASE_URL (PostgreSQL for a team)
    or DECISIONROOM_DATA_DIR (SQLite); migrations are applied on start.
    """

    def body() -> None:
        try:
            import uvicorn
        except ImportError:
            from decisionroom.errors import InvalidInput

            raise InvalidInput.at(
                "", "The server needs the server extra: pip install 'decisionroom[server]'."
            ) from None
        from decisionroom.cli._store import open_configured

        # Open once here: a wrong URL is reported plainly before any worker starts.
        open_configured().close()
        uvicorn.run(
            "decisionroom.web.app:app_from_environment",
            factory=True,
            host=host,
            port=port,
            workers=workers,
            log_level="info",
        )

    guard(body)
