"""``make run``: a demo workspace holding the bundled examples, then the web app on 127.0.0.1.

The first run creates the user ``demo@example.com`` and the workspace ``demo``
in the default SQLite store (``DECISIONROOM_DATA_DIR`` moves it) and imports
every example, analysed once so the board shows their recommendations; later
runs find them and only serve. The demo password is printed: the server
listens on the loopback address only (docs/web.md).
"""

from __future__ import annotations

import sys
from pathlib import Path

from decisionroom.settings import Settings

__all__ = ["DEMO_EMAIL", "DEMO_PASSWORD", "main", "seed"]

DEMO_EMAIL = "demo@example.com"
DEMO_PASSWORD = "decisionroom-demo"
WORKSPACE = "demo"


def seed(settings: Settings, examples: Path) -> bool:
    """Create the demo user, workspace and decisions unless they exist; True when created."""
    from decisionroom.model.fileio import read
    from decisionroom.store import accounts, analyses, decisions, open_store

    store = open_store(settings)
    try:
        with store.transaction() as session:
            if accounts.user_by_email(session, DEMO_EMAIL) is not None:
                return False
            user = accounts.add_user(session, DEMO_EMAIL, "Demo Seller", DEMO_PASSWORD)
            space = accounts.add_workspace(session, WORKSPACE, user)
            rows = [
                decisions.create(
                    session, space.id, read(path), decisions.Actor(DEMO_EMAIL, user.id)
                )
                for path in sorted(examples.glob("*.yaml"))
            ]
            made = [(r.id, r.version, dict(r.document)) for r in rows]
        for decision_id, version, document in made:
            analyses.analysis_of(store, decision_id, version, document)  # long lists only
        return True
    finally:
        store.close()


def main(argv: list[str] | None = None) -> int:
    """Seed the demo (first time only) and serve on 127.0.0.1:8000."""
    import uvicorn

    from decisionroom.web import create_app

    args = argv if argv is not None else sys.argv[1:]
    examples = Path(args[0]) if args else Path("examples")
    port = int(args[1]) if len(args) > 1 else 8000
    settings = Settings()
    created = seed(settings, examples)
    url = f"http://127.0.0.1:{port}/"
    print(  # noqa: T201 - the one thing `make run` must tell
        f"decisionroom demo {'created' if created else 'found'} in {settings.url()}\n"
        f"  open {url}\n  sign in as {DEMO_EMAIL} with the password {DEMO_PASSWORD}",
        flush=True,
    )
    uvicorn.run(create_app(settings), host="127.0.0.1", port=port, log_level="warning")
    return 0


if __name__ == "__main__":  # pragma: no cover - `make run`
    raise SystemExit(main())
