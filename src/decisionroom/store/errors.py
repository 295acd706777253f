"""Errors of the store; each carries the HTTP status the API answers with.

::

    DecisionroomError
    ├── InvalidInput
    │   ├── NotFound          no such thing *in the caller's workspaces* (404, never 403)
    │   └── AlreadyExists     a unique name or email is taken (409)
    ├── NotAuthenticated      no valid session, API token or survey link (401)
    ├── NotAllowed            the role does not allow this (403; viewers cannot write)
    ├── TooManySignIns        too many failed sign-ins for one email (429)
    ├── StaleVersion          the write is based on an old version (409)
    └── StoreUnavailable      the database cannot be reached or opened
"""

from __future__ import annotations

from typing import Any

from decisionroom.errors import DecisionroomError, ErrorDetail, InvalidInput

__all__ = [
    "AlreadyExists",
    "NotAllowed",
    "NotAuthenticated",
    "NotFound",
    "StaleVersion",
    "StoreUnavailable",
    "TooManySignIns",
]


class NotFound(InvalidInput):
    """The decision, version, link or job does not exist for this caller."""

    status = 404


class AlreadyExists(InvalidInput):
    """A user with that email or a workspace with that name exists already."""

    status = 409


class NotAuthenticated(DecisionroomError):
    """The request carries no valid session, API token or survey link."""

    status = 401
    exit_code = 2


class NotAllowed(DecisionroomError):
    """The caller's role in the workspace does not allow this action."""

    status = 403
    exit_code = 2


class StaleVersion(DecisionroomError):
    """A write named a version that is no longer the current one."""

    status = 409

    def __init__(self, base: int, current: int, changes: list[dict[str, Any]]) -> None:
        said = (
            f"The decision changed since version {base}; it is now at version {current}."
            if base < current
            else f"The decision has no version {base}; it is at version {current}."
        )
        super().__init__(
            ErrorDetail(
                "base_version",
                "stale_version",
                said + " Read it again, apply your change to the current version and send that.",
            )
        )
        self.base = base
        self.current = current
        self.changes = changes


class StoreUnavailable(DecisionroomError):
    """The database cannot be reached or opened (the URL, the server, the file)."""

    status = 503


class TooManySignIns(DecisionroomError):
    """Too many failed sign-ins for one email in a short time."""

    status = 429
    exit_code = 2
