"""Sign-in attempts limited per email and per address, counted in the database.

App processes keep no state (docs/server.md), so failed attempts are rows of
``login_attempt``: every process behind a load balancer sees the same count.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from decisionroom.errors import InvalidInput
from decisionroom.store.accounts import now
from decisionroom.store.tables import LoginAttempt

__all__ = ["PER_ADDRESS", "PER_EMAIL", "WINDOW", "TooManyAttempts", "check", "failed", "succeeded"]

WINDOW = dt.timedelta(minutes=15)
PER_EMAIL = 5
PER_ADDRESS = 30


class TooManyAttempts(InvalidInput):
    """Too many failed sign-ins lately."""

    status = 429


def _keys(email: str, address: str) -> tuple[str, str]:
    return f"email:{email.strip().lower()}", f"addr:{address}"


def check(session: Session, email: str, address: str) -> None:
    """Refuse a sign-in while too many recent attempts failed for this email or address.

    Raises:
        TooManyAttempts: wait until the window has passed.
    """
    since = now() - WINDOW
    session.execute(delete(LoginAttempt).where(LoginAttempt.at < since))
    by_email, by_address = _keys(email, address)
    for key, limit in ((by_email, PER_EMAIL), (by_address, PER_ADDRESS)):
        count = session.scalar(
            select(func.count()).select_from(LoginAttempt).where(LoginAttempt.key == key)
        )
        if (count or 0) >= limit:
            minutes = int(WINDOW.total_seconds() // 60)
            raise TooManyAttempts.at(
                "password",
                f"Too many failed sign-ins. Wait {minutes} minutes, then try again.",
                code="rate_limited",
            )


def failed(session: Session, email: str, address: str) -> None:
    """Count a failed attempt against the email and the address."""
    stamp = now()
    for key in _keys(email, address):
        session.add(LoginAttempt(key=key, at=stamp))


def succeeded(session: Session, email: str) -> None:
    """Forget the email's failed attempts after a good sign-in."""
    session.execute(delete(LoginAttempt).where(LoginAttempt.key == _keys(email, "")[0]))
