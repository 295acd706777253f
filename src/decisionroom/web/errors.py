"""One error shape for every error the API answers (docs/api.md).

::

    {"ok": false, "errors": [{"loc": ["body", "factors", 2, "direction"],
                              "msg": "...", "type": "..."}]}

Library errors carry their HTTP status (:mod:`decisionroom.store.errors`);
bad input is 4xx, never 500; anything unexpected is a plain 500 whose
traceback is shown only in debug.
"""

from __future__ import annotations

import logging
import re
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException

from decisionroom.errors import DecisionroomError, ErrorDetail, InvalidInput
from decisionroom.store.errors import StaleVersion

__all__ = ["error_body", "error_response", "install", "split_loc"]

log = logging.getLogger("decisionroom.web")
_PART = re.compile(r"([^.\[\]]+)|\[(\d+)\]")


def split_loc(loc: str, prefix: tuple[str | int, ...] = ()) -> list[str | int]:
    """``factors[2].direction`` -> ``["factors", 2, "direction"]`` (after ``prefix``)."""
    parts: list[str | int] = list(prefix)
    for name, index in _PART.findall(loc):
        parts.append(int(index) if index else name)
    return parts


def error_body(errors: list[dict[str, Any]], **extra: Any) -> dict[str, Any]:
    """The error document."""
    return {"ok": False, "errors": errors, **extra}


def error_response(
    status: int, loc: list[str | int], msg: str, type_: str, **extra: Any
) -> JSONResponse:
    """A response holding one error."""
    return JSONResponse(error_body([{"loc": loc, "msg": msg, "type": type_}], **extra), status)


def detail_dicts(details: list[ErrorDetail], prefix: tuple[str | int, ...]) -> list[dict[str, Any]]:
    """Library error details in the API's shape (the value received joins the sentence)."""
    return [
        {
            "loc": split_loc(d.loc, prefix),
            "msg": ErrorDetail("", d.code, d.msg, d.input).render(),
            "type": d.code,
        }
        for d in details
    ]


def _status(exc: DecisionroomError) -> int:
    status = getattr(exc, "status", None)
    if isinstance(status, int):
        return status
    return 422 if isinstance(exc, InvalidInput) else 400


async def _library(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, DecisionroomError)
    prefix: tuple[str | int, ...] = getattr(exc, "loc_prefix", ())
    extra: dict[str, Any] = {}
    if isinstance(exc, StaleVersion):  # the base version came in If-Match (or ?base_version)
        prefix = ("header", "If-Match")
        exc.errors = [ErrorDetail("", d.code, d.msg, d.input) for d in exc.errors]
        extra = {"current_version": exc.current, "changes": exc.changes}
    return JSONResponse(error_body(detail_dicts(exc.errors, prefix), **extra), _status(exc))


async def _validation(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)
    errors = [
        {"loc": list(e.get("loc", ())), "msg": str(e.get("msg", "")), "type": str(e.get("type"))}
        for e in exc.errors()
    ]
    return JSONResponse(error_body(errors), 422)


_HTTP_TYPES = {404: "not_found", 405: "method_not_allowed", 413: "too_large"}


async def _http(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, HTTPException)
    msg = exc.detail if isinstance(exc.detail, str) else "The request failed."
    if exc.status_code == 404 and msg == "Not Found":
        msg = "There is nothing at this address."
    if exc.status_code == 405:
        msg = "This address does not accept this method."
    kind = _HTTP_TYPES.get(exc.status_code, "http_error")
    loc: list[str | int] = ["body"] if exc.status_code == 413 else []
    body = error_body([{"loc": loc, "msg": msg, "type": kind}])
    return JSONResponse(body, exc.status_code, headers=exc.headers)


async def _unexpected(request: Request, exc: Exception) -> JSONResponse:
    log.exception("unexpected error on %s %s", request.method, request.url.path)
    debug = bool(getattr(request.app.state, "debug", False))
    msg = f"{type(exc).__name__}: {exc}" if debug else "Something went wrong on the server."
    return error_response(500, [], msg, "internal")


def install(app: FastAPI) -> None:
    """Register the handlers on the app."""
    app.add_exception_handler(DecisionroomError, _library)
    app.add_exception_handler(RequestValidationError, _validation)
    app.add_exception_handler(HTTPException, _http)
    app.add_exception_handler(Exception, _unexpected)
