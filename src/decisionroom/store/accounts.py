"""Users, workspaces and roles; passwords, sessions and API tokens.

Passwords are hashed with argon2 (argon2-cffi). Session, API-token and survey
secrets are random 256-bit tokens; only their SHA-256 is stored, so a copy of
the database opens nothing (a fast hash is enough for random secrets, unlike
passwords).
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import re
import secrets
from typing import Any

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from decisionroom.errors import ErrorDetail, InvalidInput
from decisionroom.store.errors import AlreadyExists, NotAuthenticated, NotFound, TooManySignIns
from decisionroom.store.tables import (
    ROLES,
    ApiToken,
    Membership,
    SignInFailure,
    User,
    UserSession,
    Workspace,
)

__all__ = [
    "add_user",
    "add_workspace",
    "authenticate",
    "caller",
    "check_sign_in_allowed",
    "create_api_token",
    "create_session",
    "end_session",
    "hash_secret",
    "new_secret",
    "now",
    "record_sign_in_failure",
    "revoke_api_token",
    "roles_of",
    "set_role",
    "user_by_email",
    "user_for_secret",
    "workspace_by_name",
]

_hasher = PasswordHasher()
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_WORKSPACE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,99}$")
MIN_PASSWORD = 8


def now() -> dt.datetime:
    """The current time in UTC."""
    return dt.datetime.now(dt.UTC)


def new_secret() -> tuple[str, str]:
    """A random 256-bit URL-safe token and the hash that is stored for it."""
    token = secrets.token_urlsafe(32)
    return token, hash_secret(token)


def hash_secret(token: str) -> str:
    """The stored form of a token (SHA-256, hex)."""
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def add_user(session: Session, email: str, name: str, password: str) -> User:
    """Create a user; the email is their login."""
    email = email.strip().lower()
    problems = []
    if not _EMAIL.match(email):
        problems.append(ErrorDetail("email", "email", "This is not an email address.", email))
    if len(password) < MIN_PASSWORD:
        problems.append(
            ErrorDetail(
                "password", "too_short", f"A password needs at least {MIN_PASSWORD} characters."
            )
        )
    if problems:
        raise InvalidInput(problems)
    if user_by_email(session, email) is not None:
        raise AlreadyExists.at("email", "A user with this email exists already.", input=email)
    user = User(
        email=email,
        name=name.strip() or email,
        password_hash=_hasher.hash(password),
        created_at=now(),
    )
    session.add(user)
    session.flush()
    return user


def user_by_email(session: Session, email: str) -> User | None:
    """The user with this email, if any."""
    return session.scalar(select(User).where(User.email == email.strip().lower()))


def workspace_by_name(session: Session, name: str) -> Workspace:
    """The workspace with this name.

    Raises:
        NotFound: there is none.
    """
    found = session.scalar(select(Workspace).where(Workspace.name == name))
    if found is None:
        raise NotFound.at("workspace", "There is no workspace with this name.", input=name)
    return found


def add_workspace(session: Session, name: str, owner: User) -> Workspace:
    """Create a workspace (a team) with its first owner."""
    if not _WORKSPACE.match(name):
        raise InvalidInput.at(
            "name",
            "A workspace name is letters, digits, '_', '.' or '-', starting with a letter or "
            "digit, at most 100 characters.",
            code="pattern",
            input=name,
        )
    if session.scalar(select(Workspace).where(Workspace.name == name)) is not None:
        raise AlreadyExists.at("name", "A workspace with this name exists already.", input=name)
    workspace = Workspace(name=name, created_at=now())
    session.add(workspace)
    session.flush()
    set_role(session, workspace, owner, "owner")
    return workspace


def set_role(session: Session, workspace: Workspace, user: User, role: str) -> None:
    """Give a user a role in a workspace (owner, member or viewer)."""
    if role not in ROLES:
        raise InvalidInput.at(
            "role", "The role must be owner, member or viewer.", code="choice", input=role
        )
    found = session.get(Membership, (user.id, workspace.id))
    if found is None:
        session.add(Membership(user_id=user.id, workspace_id=workspace.id, role=role))
    else:
        found.role = role
    session.flush()


def roles_of(session: Session, user_id: int) -> dict[int, str]:
    """Workspace id -> the user's role there."""
    rows = session.execute(
        select(Membership.workspace_id, Membership.role).where(Membership.user_id == user_id)
    )
    return {int(workspace_id): str(role) for workspace_id, role in rows}


def authenticate(session: Session, email: str, password: str) -> User:
    """The user whose email and password these are.

    Raises:
        NotAuthenticated: unknown email or wrong password (one message for both).
    """
    user = user_by_email(session, email)
    try:
        # An unknown email costs one hash check too, so the answer's timing tells nothing.
        _hasher.verify(user.password_hash if user else _unknown_user_hash(), password)
        if user is None:
            raise VerificationError
    except (VerificationError, InvalidHashError):
        raise NotAuthenticated.at(
            "body", "The email or the password is wrong.", code="bad_credentials"
        ) from None
    return user


#: Failed sign-ins for one email within SIGN_IN_WINDOW before further tries are refused.
SIGN_IN_LIMIT = 10
SIGN_IN_WINDOW = dt.timedelta(minutes=15)


def check_sign_in_allowed(session: Session, email: str) -> None:
    """Refuse a sign-in while the email has too many recent failures.

    Raises:
        TooManySignIns: SIGN_IN_LIMIT failures within SIGN_IN_WINDOW.
    """
    since = now() - SIGN_IN_WINDOW
    failures = session.scalar(
        select(func.count())
        .select_from(SignInFailure)
        .where(SignInFailure.email == email.strip().lower(), SignInFailure.created_at > since)
    )
    if (failures or 0) >= SIGN_IN_LIMIT:
        minutes = int(SIGN_IN_WINDOW.total_seconds() // 60)
        raise TooManySignIns.at(
            "body.email",
            f"Too many failed sign-ins for this email; try again in {minutes} minutes.",
            code="too_many_sign_ins",
        )


def record_sign_in_failure(session: Session, email: str) -> None:
    """Remember a failed sign-in (and forget the ones older than the window)."""
    session.add(SignInFailure(email=email.strip().lower()[:320], created_at=now()))
    session.execute(delete(SignInFailure).where(SignInFailure.created_at < now() - SIGN_IN_WINDOW))


@functools.cache
def _unknown_user_hash() -> str:
    return _hasher.hash(secrets.token_urlsafe(16))


def create_session(session: Session, user: User, days: int) -> str:
    """Start a login session; returns the token for the cookie."""
    token, digest = new_secret()
    expires = now() + dt.timedelta(days=days)
    session.add(UserSession(token_hash=digest, user_id=user.id, expires_at=expires))
    session.execute(delete(UserSession).where(UserSession.expires_at < now()))
    return token


def end_session(session: Session, token: str) -> None:
    """Sign out: forget the session."""
    session.execute(delete(UserSession).where(UserSession.token_hash == hash_secret(token)))


def create_api_token(session: Session, user: User, name: str) -> tuple[ApiToken, str]:
    """A personal API token; the plain token is shown once and never stored."""
    token, digest = new_secret()
    row = ApiToken(user_id=user.id, name=name, token_hash=digest, created_at=now())
    session.add(row)
    session.flush()
    return row, token


def revoke_api_token(session: Session, user: User, token_id: int) -> None:
    """Revoke one of the user's API tokens."""
    row = session.get(ApiToken, token_id)
    if row is None or row.user_id != user.id:
        raise NotFound.at("token_id", "You have no API token with this id.", input=token_id)
    row.revoked_at = row.revoked_at or now()


def user_for_secret(session: Session, *, cookie: str | None, bearer: str | None) -> User:
    """The user a session cookie or an API token belongs to.

    Raises:
        NotAuthenticated: neither is given, unknown, expired or revoked.
    """
    user_id: int | None = None
    if bearer:
        row = session.scalar(select(ApiToken).where(ApiToken.token_hash == hash_secret(bearer)))
        if row is not None and row.revoked_at is None:
            user_id = row.user_id
    elif cookie:
        live = session.get(UserSession, hash_secret(cookie))
        if live is not None and live.expires_at > now():
            user_id = live.user_id
    user = session.get(User, user_id) if user_id is not None else None
    if user is None:
        raise NotAuthenticated.at(
            "headers.authorization",
            "Sign in, or send a personal API token as 'Authorization: Bearer <token>'.",
            code="not_authenticated",
        )
    return user


def caller(
    session: Session, *, cookie: str | None, bearer: str | None
) -> tuple[User, dict[int, str]]:
    """The user a session cookie or an API token belongs to, with their roles, in one query.

    One round trip instead of three, as every request of the API starts here
    (issue 12, analysis read p95).

    Raises:
        NotAuthenticated: neither is given, unknown, expired or revoked.
    """
    query = select(User, Membership.workspace_id, Membership.role).outerjoin(
        Membership, Membership.user_id == User.id
    )
    rows: list[Any] = []
    if bearer:
        rows = list(
            session.execute(
                query.join(ApiToken, ApiToken.user_id == User.id).where(
                    ApiToken.token_hash == hash_secret(bearer), ApiToken.revoked_at.is_(None)
                )
            )
        )
    elif cookie:
        rows = list(
            session.execute(
                query.join(UserSession, UserSession.user_id == User.id).where(
                    UserSession.token_hash == hash_secret(cookie), UserSession.expires_at > now()
                )
            )
        )
    if not rows:
        raise NotAuthenticated.at(
            "headers.authorization",
            "Sign in, or send a personal API token as 'Authorization: Bearer <token>'.",
            code="not_authenticated",
        )
    roles = {int(w): str(r) for _, w, r in rows if w is not None}
    return rows[0][0], roles
