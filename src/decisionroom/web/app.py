"""The team server: ``create_app(settings)`` builds the FastAPI app (web pages, REST API).

The app keeps no state of its own between requests: sessions, tokens, cached
analyses and jobs live in the database, so any number of processes can serve
one team from one PostgreSQL (docs/server.md).
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI

from decisionroom import __version__
from decisionroom.settings import Settings
from decisionroom.store import Store, open_store
from decisionroom.web import errors, pages
from decisionroom.web.limits import BodyLimit
from decisionroom.web.routes import (
    api_v1_analysis,
    api_v1_auth,
    api_v1_decisions,
    api_v1_library,
    api_v1_stakeholders,
    api_v1_survey,
    api_v1_versions,
)
from decisionroom.web.worker import Worker

__all__ = ["create_app"]

API = "/api/v1"


def create_app(
    settings: Settings | None = None, *, store: Store | None = None, worker: bool = True
) -> FastAPI:
    """The app for these settings (or an open ``store``); ``worker`` runs queued jobs here."""
    settings = settings or (store.settings if store else Settings())

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        own = store is None
        app.state.store = store or open_store(settings)
        app.state.worker = Worker(app.state.store) if worker else None
        if app.state.worker:
            app.state.worker.start()
        try:
            yield
        finally:
            if app.state.worker:
                app.state.worker.stop()
            if own:
                app.state.store.close()

    app = FastAPI(
        title="decisionroom",
        version=__version__,
        description=(
            "The team workspace of decisionroom: decisions, stakeholders, analyses, the library."
        ),
        openapi_url=f"{API}/openapi.json",
        docs_url=f"{API}/docs",
        redoc_url=None,
        lifespan=lifespan,
    )
    app.state.debug = settings.debug
    errors.install(app)
    app.add_middleware(BodyLimit, limit=settings.max_body_bytes)
    for module in (
        api_v1_auth,
        api_v1_decisions,
        api_v1_versions,
        api_v1_stakeholders,
        api_v1_survey,
        api_v1_analysis,
        api_v1_library,
    ):
        app.include_router(module.router, prefix=API)
    pages.install(app)
    return app


def app_from_environment() -> FastAPI:
    """The app configured by the environment (``DECISIONROOM_*``); uvicorn's factory."""
    return create_app(Settings())
