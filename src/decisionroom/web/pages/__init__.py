"""The web app's pages: server-rendered HTML (Jinja2 + htmx), on the store and the API.

``install(app)`` adds the pages, the static files, the security headers and
HTML error pages to the app :func:`decisionroom.web.create_app` builds; the
API under ``/api/v1`` keeps its JSON errors (docs/web.md).
"""

from __future__ import annotations

from importlib.resources import files

from fastapi import FastAPI, Request
from fastapi.responses import Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException

from decisionroom.errors import DecisionroomError
from decisionroom.web import errors as api_errors
from decisionroom.web.pages import (
    auth,
    board,
    discovery,
    library,
    live,
    room,
    room_edit,
    survey,
    workshop,
)
from decisionroom.web.pages.render import SignedOut, error_page, message_of, to_sign_in
from decisionroom.web.pages.security import SafeHeaders

__all__ = ["install"]


def _is_page(request: Request) -> bool:
    return not request.url.path.startswith(("/api/", "/static/"))


async def _library(request: Request, exc: Exception) -> Response:
    if not _is_page(request):
        return await api_errors._library(request, exc)
    assert isinstance(exc, DecisionroomError)
    status = getattr(exc, "status", 422)
    return error_page(request, status if isinstance(status, int) else 422, message_of(exc))


async def _http(request: Request, exc: Exception) -> Response:
    if not _is_page(request):
        return await api_errors._http(request, exc)
    assert isinstance(exc, HTTPException)
    text = "There is nothing at this address." if exc.status_code == 404 else str(exc.detail)
    return error_page(request, exc.status_code, text)


def install(app: FastAPI) -> None:
    """Add the pages to the app."""
    app.mount(
        "/static", StaticFiles(directory=str(files("decisionroom.web") / "static")), name="static"
    )
    for module in (auth, board, library, room, room_edit, discovery, live, survey, workshop):
        app.include_router(module.router)
    app.add_exception_handler(SignedOut, to_sign_in)
    app.add_exception_handler(DecisionroomError, _library)
    app.add_exception_handler(HTTPException, _http)
    app.add_middleware(SafeHeaders)
