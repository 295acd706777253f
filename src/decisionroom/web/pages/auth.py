"""Sign in, sign out, and the workspace switcher."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse

from decisionroom.store import accounts
from decisionroom.store.errors import NotAuthenticated, TooManySignIns
from decisionroom.web.deps import COOKIE
from decisionroom.web.pages.render import (
    WORKSPACE_COOKIE,
    message_of,
    redirect,
    render,
    signed_in,
)
from decisionroom.web.pages.security import check_csrf

router = APIRouter(dependencies=[Depends(check_csrf)], include_in_schema=False)


def _safe_next(url: str | None) -> str:
    # Only paths on this site: an open redirect would send a fresh session elsewhere.
    if url and url.startswith("/") and not url.startswith("//") and "\\" not in url:
        return url
    return "/board"


@router.get("/")
def home(request: Request) -> RedirectResponse:
    """The board when signed in, else the sign-in page."""
    return redirect("/board")


@router.get("/login")
def login_page(request: Request, next: str | None = None) -> HTMLResponse:
    """The sign-in form."""
    return render(request, "login.html", next=_safe_next(next), email="", error=None)


@router.post("/login", response_model=None)
def login(
    request: Request,
    email: Annotated[str, Form()] = "",
    password: Annotated[str, Form()] = "",
    next: Annotated[str, Form()] = "/board",
) -> HTMLResponse | RedirectResponse:
    """Check the password (rate-limited) and start a session."""
    store = request.app.state.store
    # Failed attempts are counted in the database, so every app process sees them.
    try:
        with store.transaction() as session:
            accounts.check_sign_in_allowed(session, email)
    except TooManySignIns as exc:
        return render(
            request, "login.html", 429, next=_safe_next(next), email=email, error=message_of(exc)
        )
    try:
        with store.transaction() as session:
            user = accounts.authenticate(session, email, password)
            token = accounts.create_session(session, user, store.settings.session_days)
    except NotAuthenticated as exc:
        with store.transaction() as session:  # its own: the failed one is rolled back
            accounts.record_sign_in_failure(session, email)
        return render(
            request, "login.html", 401, next=_safe_next(next), email=email, error=message_of(exc)
        )
    response = redirect(_safe_next(next))
    response.set_cookie(
        COOKIE,
        token,
        max_age=store.settings.session_days * 86400,
        httponly=True,
        samesite="strict",
        secure=request.url.scheme == "https",
        path="/",
    )
    return response


@router.post("/logout")
def logout(request: Request) -> RedirectResponse:
    """End the session on the server and drop the cookie."""
    cookie = request.cookies.get(COOKIE)
    if cookie:
        with request.app.state.store.transaction() as session:
            accounts.end_session(session, cookie)
    response = redirect("/login")
    response.delete_cookie(COOKIE, path="/")
    return response


@router.post("/workspace")
def switch_workspace(request: Request, workspace: Annotated[str, Form()] = "") -> RedirectResponse:
    """Work in another of your workspaces."""
    with signed_in(request) as pg:
        known = workspace in pg.workspaces.values()
    response = redirect("/board")
    if known:
        response.set_cookie(WORKSPACE_COOKIE, workspace, httponly=True, samesite="strict", path="/")
    return response
