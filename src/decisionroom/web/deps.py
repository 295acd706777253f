"""What every route shares: the store, the caller, one transaction per request.

Routes open the transaction themselves (``with ctx.begin() as tx``) rather
than through a ``yield`` dependency, so the commit happens before the
response is sent and a failed commit is the response the client sees.
The caller is identified inside that transaction, by the session cookie or a
personal API token (``Authorization: Bearer``).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends, Request
from fastapi.security import APIKeyCookie, HTTPAuthorizationCredentials, HTTPBearer
from sqlalchemy.orm import Session

from decisionroom.store import Store, analyses, decisions
from decisionroom.store.accounts import caller
from decisionroom.store.errors import NotAllowed
from decisionroom.store.tables import Decision, User
from decisionroom.web.routes._shared import located

__all__ = ["COOKIE", "Context", "Tx", "context"]

COOKIE = "decisionroom_session"
_bearer = HTTPBearer(auto_error=False, description="A personal API token.")
_cookie = APIKeyCookie(name=COOKIE, auto_error=False, description="The browser session.")
WRITERS = ("owner", "member")


@dataclass
class Tx:
    """One request's transaction: the session, the caller and their roles."""

    session: Session
    user: User
    roles: dict[int, str]

    def decision(self, decision_id: int, *, write: bool = False) -> Decision:
        """A decision of the caller's workspaces (404 otherwise; 403 for a viewer's write)."""
        with located("path"):
            row = decisions.get(self.session, self.roles, decision_id)
        if write:
            self.require_writer(row.workspace_id)
        return row

    def version_of(self, decision_id: int) -> int:
        """The current version of a decision of the caller's workspaces (404 otherwise)."""
        with located("path"):
            return decisions.version_of(self.session, self.roles, decision_id)

    def cached_analysis(self, decision_id: int, key: str) -> tuple[int, str | None]:
        """The current version of a decision of the caller's and its cached analysis text."""
        with located("path"):
            return analyses.current_text(self.session, self.roles, decision_id, key)

    def require_writer(self, workspace_id: int) -> None:
        """Refuse viewers (and non-members) a write."""
        if self.roles.get(workspace_id) not in WRITERS:
            raise NotAllowed.at(
                "",
                "Viewers can read this workspace's decisions but not change them.",
                code="viewer",
            )

    def actor(self) -> decisions.Actor:
        """The caller as the author of a change."""
        return decisions.Actor(self.user.email, self.user.id)


@dataclass
class Context:
    """The store and the credentials of one request."""

    store: Store
    cookie: str | None
    bearer: str | None
    reads_only: bool = False  # GET and HEAD requests never write in their transaction

    @contextmanager
    def begin(self, *, write: bool | None = None) -> Iterator[Tx]:
        """Open the request's transaction and identify the caller in it.

        ``write`` says whether the transaction may write; by default only
        requests other than GET and HEAD do (a GET that queues a job says so).
        """
        read_only = self.reads_only if write is None else not write
        with self.store.transaction(read_only=read_only) as session:
            user, roles = caller(session, cookie=self.cookie, bearer=self.bearer)
            yield Tx(session, user, roles)

    @contextmanager
    def anonymous(self) -> Iterator[Session]:
        """A transaction for routes that identify the caller otherwise (login, survey links)."""
        with self.store.transaction(read_only=self.reads_only) as session:
            yield session


def context(
    request: Request,
    bearer: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)],
    cookie: Annotated[str | None, Depends(_cookie)],
) -> Context:
    """The request's context (a dependency)."""
    store: Store = request.app.state.store
    reads_only = request.method in ("GET", "HEAD")
    return Context(store, cookie, bearer.credentials if bearer else None, reads_only)


Ctx = Annotated[Context, Depends(context)]
