"""Safe defaults for every response and every state-changing page request.

* Every response carries a Content-Security-Policy that allows scripts from
  this server only (no inline script, no eval) and forbids framing
  (``frame-ancestors 'none'``), with the usual companion headers.
* Every POST from a page carries a CSRF token (a form field or the
  ``X-CSRF-Token`` header htmx sends) equal to the ``decisionroom_csrf`` cookie;
  a cross-site form can send the cookie but cannot read it to copy it into the
  form (docs/server.md). Requests whose ``Origin`` names another site are
  refused outright, API calls included.
"""

from __future__ import annotations

import hmac
import secrets
from urllib.parse import urlsplit

from fastapi import Request, Response
from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from decisionroom.errors import InvalidInput

__all__ = ["CSP", "CSRF_COOKIE", "SafeHeaders", "check_csrf", "csrf_token"]

CSRF_COOKIE = "decisionroom_csrf"
CSRF_FIELD = "csrf_token"
CSRF_HEADER = "X-CSRF-Token"

#: Styles may be inline: the charts are matplotlib SVG, which styles its shapes inline.
CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data:; connect-src 'self'; font-src 'self'; object-src 'none'; "
    "base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)
UNSAFE = {"POST", "PUT", "PATCH", "DELETE"}


class CsrfRefused(InvalidInput):
    """A page request without the right CSRF token, or from another site."""

    status = 403


class SafeHeaders:
    """Security headers on every response; cross-site writes refused.

    A plain ASGI middleware rather than ``BaseHTTPMiddleware``: it touches the
    response's first message only, so bodies and event streams pass through
    untouched and every request saves a task and a body copy (issue 12, read p95).
    """

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Refuse a write whose Origin is another site; add the headers."""
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        request = Request(scope)
        origin = request.headers.get("origin")
        https = scope.get("scheme") == "https"

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                headers.setdefault("Content-Security-Policy", CSP)
                headers.setdefault("X-Content-Type-Options", "nosniff")
                headers.setdefault("Referrer-Policy", "same-origin")
                headers.setdefault("X-Frame-Options", "DENY")
                if https:
                    headers.setdefault("Strict-Transport-Security", "max-age=31536000")
            await send(message)

        if request.method in UNSAFE and origin and not _same_origin(origin, request):
            from decisionroom.web.errors import error_response

            response: Response = error_response(
                403, ["header", "Origin"], "Requests from other sites are refused.", "csrf"
            )
            await response(scope, receive, with_headers)
            return
        await self.app(scope, receive, with_headers)


def _same_origin(origin: str, request: Request) -> bool:
    parts = urlsplit(origin)
    host = request.headers.get("host", "")
    return parts.netloc == host


def csrf_token(request: Request) -> str:
    """The request's CSRF token: the cookie's, or a new one the response will set."""
    token = request.cookies.get(CSRF_COOKIE) or getattr(request.state, "new_csrf", None)
    if not token:
        token = secrets.token_urlsafe(32)
        request.state.new_csrf = token
    return str(token)


def set_csrf_cookie(request: Request, response: Response) -> None:
    """Set the CSRF cookie when this request made a new token."""
    token = getattr(request.state, "new_csrf", None)
    if token:
        response.set_cookie(
            CSRF_COOKIE,
            token,
            httponly=True,
            samesite="strict",
            secure=request.url.scheme == "https",
            path="/",
        )


async def check_csrf(request: Request) -> None:
    """Refuse a state-changing page request without the cookie's CSRF token (a dependency)."""
    if request.method not in UNSAFE:
        return
    cookie = request.cookies.get(CSRF_COOKIE, "")
    sent = request.headers.get(CSRF_HEADER)
    if sent is None:
        form = await request.form()  # cached on the request: the route reads it again
        value = form.get(CSRF_FIELD)
        sent = value if isinstance(value, str) else None
    if not cookie or not sent or not hmac.compare_digest(cookie, sent):
        raise CsrfRefused.at(
            CSRF_FIELD,
            "This form has expired or came from another site; reload the page and try again.",
            code="csrf",
        )
