"""Rendering pages: one Jinja2 environment, the signed-in caller, HTML error pages."""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from importlib.resources import files
from typing import Any
from urllib.parse import quote

from fastapi import Request
from fastapi.responses import HTMLResponse, RedirectResponse
from jinja2 import Environment, FileSystemLoader, select_autoescape
from sqlalchemy.orm import Session

from decisionroom import __version__
from decisionroom.errors import DecisionroomError
from decisionroom.model.decision import STAGES
from decisionroom.store import Store
from decisionroom.store.errors import NotAuthenticated
from decisionroom.web.deps import COOKIE, Context, Tx
from decisionroom.web.pages.security import csrf_token, set_csrf_cookie
from decisionroom.web.routes._shared import workspace_names

__all__ = ["Page", "SignedOut", "env", "page", "render", "signed_in"]

WORKSPACE_COOKIE = "decisionroom_workspace"
env = Environment(
    loader=FileSystemLoader(str(files("decisionroom.web") / "templates")),
    autoescape=select_autoescape(["html"]),
    trim_blocks=True,
    lstrip_blocks=True,
)
env.globals.update(version=__version__, stages=STAGES)
env.filters["tojson_attr"] = lambda value: json.dumps(value, separators=(",", ":"))


def answer_text(value: Any) -> str:
    """A discovery answer as text: yes/no for booleans, whole numbers without ``.0``."""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return "" if value is None else str(value)


env.filters["answer"] = answer_text


class SignedOut(Exception):
    """The page needs a signed-in user; the handler sends them to the sign-in page."""

    def __init__(self, next_url: str) -> None:
        self.next_url = next_url


@dataclass
class Page:
    """A signed-in request's transaction, its workspaces and the one being worked in."""

    tx: Tx
    workspaces: dict[int, str]
    current: int | None
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def session(self) -> Session:
        """The transaction's session."""
        return self.tx.session

    def can_write(self, workspace_id: int) -> bool:
        """Whether the caller may change this workspace's decisions."""
        return self.tx.roles.get(workspace_id) in ("owner", "member")

    def context(self) -> dict[str, Any]:
        """What every page's header shows."""
        return {
            "user": self.tx.user,
            "workspaces": self.workspaces,
            "current": self.current,
            "role": self.tx.roles.get(self.current or -1),
        }


@contextmanager
def signed_in(request: Request) -> Iterator[Page]:
    """The signed-in caller's transaction, or :class:`SignedOut` to go sign in."""
    store: Store = request.app.state.store
    # GET pages only read: on SQLite their transaction never waits for a writer.
    context = Context(store, request.cookies.get(COOKIE), None, request.method in ("GET", "HEAD"))
    try:
        with context.begin() as tx:
            names = workspace_names(tx.session, tx.roles)
            chosen = request.cookies.get(WORKSPACE_COOKIE)
            by_name = {n: i for i, n in names.items()}
            current = by_name.get(chosen or "") or (min(names) if names else None)
            yield Page(tx, dict(sorted(names.items(), key=lambda kv: kv[1])), current)
    except NotAuthenticated:
        target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
        raise SignedOut(target) from None


def render(request: Request, template: str, status: int = 200, **context: Any) -> HTMLResponse:
    """A page from a template, with the CSRF token its forms carry."""
    token = csrf_token(request)
    html = env.get_template(template).render(request=request, csrf=token, **context)
    response = HTMLResponse(html, status_code=status)
    response.headers["Cache-Control"] = "no-store"
    set_csrf_cookie(request, response)
    return response


def page(
    request: Request, template: str, pg: Page, status: int = 200, **context: Any
) -> HTMLResponse:
    """A signed-in page: the header's workspaces and user, then the template's own context."""
    return render(request, template, status, **pg.context(), **context)


def redirect(url: str) -> RedirectResponse:
    """See other (after a POST)."""
    return RedirectResponse(url, status_code=303)


def to_sign_in(request: Request, exc: Exception) -> RedirectResponse:
    """The handler of :class:`SignedOut`."""
    assert isinstance(exc, SignedOut)
    return redirect(f"/login?next={quote(exc.next_url, safe='/')}")


def error_page(request: Request, status: int, message: str) -> HTMLResponse:
    """A plain HTML error page."""
    return render(request, "error.html", status, code=status, message=message)


def message_of(exc: DecisionroomError) -> str:
    """The first error's sentence."""
    return exc.errors[0].msg if exc.errors else str(exc)
