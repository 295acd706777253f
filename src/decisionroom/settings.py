"""The settings of the team server and the store: one object, passed in, never a global.

Every setting can come from the environment with the ``DECISIONROOM_`` prefix::

    DECISIONROOM_DATA_DIR=/srv/decisionroom            # where the SQLite file lives
    DECISIONROOM_DATABASE_URL=postgresql+psycopg://u@db/decisionroom   # a team's PostgreSQL

Build one with ``Settings()`` (reads the environment) or ``Settings(database_url=...)``
(tests) and hand it to :func:`decisionroom.store.open_store` or
:func:`decisionroom.web.create_app`.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

__all__ = ["Settings", "default_data_dir"]


def default_data_dir() -> Path:
    """The user's data directory for decisionroom, by the platform's convention."""
    if sys.platform == "win32":
        base = Path(os.environ.get("LOCALAPPDATA") or Path.home() / "AppData" / "Local")
    elif sys.platform == "darwin":
        base = Path.home() / "Library" / "Application Support"
    else:
        base = Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")
    return base / "decisionroom"


class Settings(BaseSettings):
    """Where the data lives and the limits of the server."""

    model_config = SettingsConfigDict(env_prefix="DECISIONROOM_", extra="ignore")

    data_dir: Path = Field(
        default_factory=default_data_dir, description="Directory of the SQLite file."
    )
    database_url: str | None = Field(
        default=None,
        description="SQLAlchemy URL; postgresql+psycopg://... for a team. Default: SQLite.",
    )
    max_body_bytes: int = Field(
        default=2 * 1024 * 1024, gt=0, description="Largest request body the API accepts."
    )
    session_days: int = Field(default=14, gt=0, description="Days a login session lasts.")
    survey_days: int = Field(default=30, gt=0, description="Default life of a survey link.")
    debug: bool = Field(default=False, description="Show tracebacks of unexpected errors.")

    def url(self) -> str:
        """The database URL: the configured one, or the SQLite file in the data directory."""
        if self.database_url:
            return self.database_url
        return f"sqlite:///{self.data_dir / 'decisionroom.db'}"
