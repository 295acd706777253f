"""Helpers the API routes share: the public shapes, base versions, located errors."""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Annotated, Any

from fastapi import Path
from sqlalchemy import select
from sqlalchemy.orm import Session

from decisionroom.errors import MISSING, DecisionroomError, InvalidInput
from decisionroom.model.fileio import to_data
from decisionroom.store.decisions import model_of
from decisionroom.store.tables import Decision, Workspace
from decisionroom.web.schemas import DecisionPublic, DecisionSummary, ErrorPublic

__all__ = [
    "ERRORS",
    "Id",
    "base_version",
    "errs",
    "located",
    "merge_patch",
    "public",
    "summary",
    "target_workspace",
    "workspace_names",
]

#: A row id in a path: positive and within the database's integer range.
Id = Annotated[int, Path(ge=1, le=2_147_483_647, description="An id.")]

#: The error responses every route documents (the one error shape).
ERRORS: dict[int | str, dict[str, Any]] = {
    code: {"model": ErrorPublic, "description": text}
    for code, text in {
        401: "Not signed in, or the API token is unknown or revoked.",
        403: "Viewers cannot change decisions.",
        404: "No such decision in your workspaces.",
        409: "The change is based on an old version.",
        413: "The request body is too large.",
        422: "The request or the decision it holds is not valid; each problem is located.",
        428: "The change does not name the version it is based on.",
        429: "Too many failed sign-ins for this email; wait and try again.",
    }.items()
}


def errs(*codes: int) -> dict[int | str, dict[str, Any]]:
    """The documented error responses for these status codes."""
    return {code: ERRORS[code] for code in codes}


_ETAG = re.compile(r'^\s*(?:W/)?"?(\d{1,9})"?\s*$')


class PreconditionRequired(InvalidInput):
    """A write that does not name its base version."""

    status = 428


def base_version(if_match: str | None, query: int | None) -> int:
    """The version a write is based on: ``If-Match: "3"`` or ``?base_version=3``."""
    if query is not None:
        return query
    found = _ETAG.match(if_match or "")
    if found is None:
        raise PreconditionRequired.at(
            "header.If-Match",
            'Name the version this change is based on: send If-Match: "<version>" '
            "(the ETag of the decision you read) or ?base_version=<version>.",
            code="base_version_missing",
            input=if_match if if_match is not None else MISSING,
        )
    return int(found.group(1))


@contextmanager
def located(*prefix: str | int) -> Iterator[None]:
    """Locate library errors raised inside under ``prefix`` (``body``, ``decision`` ...)."""
    try:
        yield
    except DecisionroomError as exc:
        if not hasattr(exc, "loc_prefix"):
            exc.loc_prefix = prefix  # type: ignore[attr-defined]
        raise


def merge_patch(target: Any, patch: Any) -> Any:
    """Apply a JSON Merge Patch (RFC 7386): objects merge, ``null`` removes, the rest replaces."""
    if not isinstance(patch, dict):
        return patch
    out = dict(target) if isinstance(target, dict) else {}
    for key, value in patch.items():
        if value is None:
            out.pop(key, None)
        else:
            out[key] = merge_patch(out.get(key), value)
    return out


def workspace_names(session: Session, ids: Any) -> dict[int, str]:
    """Workspace id -> name."""
    rows = session.execute(select(Workspace.id, Workspace.name).where(Workspace.id.in_(list(ids))))
    return {int(i): str(n) for i, n in rows}


def target_workspace(
    session: Session, roles: dict[int, str], name: str | None, loc: str = "body.workspace"
) -> int:
    """The id of the caller's workspace by this name, or of their only one."""
    names = {n: i for i, n in workspace_names(session, roles).items()}
    if name is None and len(names) == 1:
        return next(iter(names.values()))
    if name is None:
        raise InvalidInput.at(
            loc,
            "Name the workspace: you belong to several, or to none.",
            code="missing",
        )
    if name not in names:
        raise InvalidInput.at(
            loc, "You have no workspace with this name.", code="unknown", input=name
        )
    return names[name]


def summary(row: Decision, workspace: str) -> DecisionSummary:
    """A decision's queried fields."""
    return DecisionSummary(
        id=row.id,
        workspace=workspace,
        version=row.version,
        title=row.title,
        client=row.client,
        stage=row.stage,
        recommendation=row.recommendation,
        updated_at=row.updated_at,
    )


def public(row: Decision, workspace: str) -> DecisionPublic:
    """A decision with its document."""
    return DecisionPublic(
        **summary(row, workspace).model_dump(),
        created_at=row.created_at,
        decision=to_data(model_of(row)),  # in the file's key order (JSONB sorts keys)
    )
