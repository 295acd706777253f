"""The tables of the store (SQLAlchemy 2), with named constraints for Alembic.

A decision is a versioned document: ``decision.document`` holds the decision
file (contract 1) as JSON (JSONB on PostgreSQL) and the columns beside it are
the fields queried across decisions. Every version is kept in
``decision_change`` with the JSON Patch from the one before, which is both the
audit trail and the way to read or restore a past version. Sessions, API
tokens, survey links, cached analyses and jobs live here too, so the app
processes keep no state of their own. A workspace's own templates are
documents too (``workspace_template``); on PostgreSQL their search entries
sit in ``library_entry``, a full-text index kept by raw SQL in
:mod:`decisionroom.store.library_search` (like an FTS5 table, it is not mapped
here).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    DateTime,
    ForeignKey,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Text,
    TypeDecorator,
    UniqueConstraint,
)
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

__all__ = [
    "AnalysisCache",
    "ApiToken",
    "Base",
    "Decision",
    "DecisionChange",
    "Job",
    "Membership",
    "SignInFailure",
    "ROLES",
    "UNMAPPED",
    "SurveyLink",
    "User",
    "UserSession",
    "Workspace",
    "WorkspaceTemplate",
    "include_name",
]

#: Constraint names Alembic can find again on every backend (SQLite batch mode needs them).
NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}
ROLES = ("owner", "member", "viewer")
#: Tables the migrations create that are not mapped here: PostgreSQL's library index.
UNMAPPED = frozenset({"library_entry"})


def include_name(name: str | None, type_: str, parent_names: object) -> bool:
    """Alembic's filter: leave the unmapped tables out when comparing the schema."""
    return not (type_ == "table" and name in UNMAPPED)


Document = JSON().with_variant(JSONB(), "postgresql")


class Stamp(TypeDecorator[dt.datetime]):
    """A UTC timestamp, timezone-aware in Python on every backend (SQLite stores none)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: dt.datetime | None, dialect: Any) -> dt.datetime | None:
        if value is None:
            return None
        value = value.astimezone(dt.UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: dt.datetime | None, dialect: Any) -> dt.datetime | None:
        if value is None or value.tzinfo is not None:
            return value
        return value.replace(tzinfo=dt.UTC)


class Base(DeclarativeBase):
    """Declarative base with the naming convention."""

    metadata = MetaData(naming_convention=NAMING)


class User(Base):
    """A person who signs in."""

    __tablename__ = "user"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    email: Mapped[str] = mapped_column(String(320), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    password_hash: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[dt.datetime] = mapped_column(Stamp())


class Workspace(Base):
    """A team: its decisions are shared with its members only."""

    __tablename__ = "workspace"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(100), unique=True)
    created_at: Mapped[dt.datetime] = mapped_column(Stamp())


class Membership(Base):
    """A user's role in a workspace: owner, member or viewer."""

    __tablename__ = "membership"
    user_id: Mapped[int] = mapped_column(
        ForeignKey("user.id", ondelete="CASCADE"), primary_key=True
    )
    workspace_id: Mapped[int] = mapped_column(
        ForeignKey("workspace.id", ondelete="CASCADE"), primary_key=True
    )
    role: Mapped[str] = mapped_column(String(20))


class Decision(Base):
    """The current version of a decision, with the queried fields as columns."""

    __tablename__ = "decision"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    workspace_id: Mapped[int] = mapped_column(
        ForeignKey("workspace.id", ondelete="CASCADE"), index=True
    )
    version: Mapped[int] = mapped_column(Integer)
    document: Mapped[dict[str, Any]] = mapped_column(Document)
    title: Mapped[str] = mapped_column(Text)
    client: Mapped[str | None] = mapped_column(Text, index=True)
    stage: Mapped[str | None] = mapped_column(String(20), index=True)
    recommendation: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[dt.datetime] = mapped_column(Stamp())
    updated_at: Mapped[dt.datetime] = mapped_column(Stamp())


class DecisionChange(Base):
    """One version of a decision: who, when, the JSON Patch from the last one, the document."""

    __tablename__ = "decision_change"
    __table_args__ = (UniqueConstraint("decision_id", "version"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    decision_id: Mapped[int] = mapped_column(
        ForeignKey("decision.id", ondelete="CASCADE"), index=True
    )
    version: Mapped[int] = mapped_column(Integer)
    actor: Mapped[str] = mapped_column(Text)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))
    summary: Mapped[str] = mapped_column(Text)
    patch: Mapped[list[Any]] = mapped_column(Document)
    document: Mapped[dict[str, Any]] = mapped_column(Document)
    created_at: Mapped[dt.datetime] = mapped_column(Stamp())


class UserSession(Base):
    """A browser session (the cookie holds the token; only its hash is stored)."""

    __tablename__ = "user_session"
    token_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"), index=True)
    expires_at: Mapped[dt.datetime] = mapped_column(Stamp())


class SignInFailure(Base):
    """A failed sign-in, kept for a while so that guessing passwords is slowed down."""

    __tablename__ = "sign_in_failure"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    email: Mapped[str] = mapped_column(String(320), index=True)
    created_at: Mapped[dt.datetime] = mapped_column(Stamp())


class ApiToken(Base):
    """A personal API token for scripts; only its hash is stored."""

    __tablename__ = "api_token"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(200))
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[dt.datetime] = mapped_column(Stamp())
    revoked_at: Mapped[dt.datetime | None] = mapped_column(Stamp())


class SurveyLink(Base):
    """A stakeholder's secret link to weigh the factors of one decision."""

    __tablename__ = "survey_link"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    decision_id: Mapped[int] = mapped_column(
        ForeignKey("decision.id", ondelete="CASCADE"), index=True
    )
    stakeholder: Mapped[str] = mapped_column(String(200))
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    show_options: Mapped[bool] = mapped_column(Boolean)
    created_by: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))
    created_at: Mapped[dt.datetime] = mapped_column(Stamp())
    expires_at: Mapped[dt.datetime] = mapped_column(Stamp())
    revoked_at: Mapped[dt.datetime | None] = mapped_column(Stamp())


class AnalysisCache(Base):
    """The analysis JSON of one decision version under one set of options."""

    __tablename__ = "analysis_cache"
    decision_id: Mapped[int] = mapped_column(
        ForeignKey("decision.id", ondelete="CASCADE"), primary_key=True
    )
    version: Mapped[int] = mapped_column(Integer, primary_key=True)
    key: Mapped[str] = mapped_column(String(200), primary_key=True)
    result: Mapped[dict[str, Any]] = mapped_column(Document)
    created_at: Mapped[dt.datetime] = mapped_column(Stamp())


class Job(Base):
    """Long work (a PDF brief, a large SMAA run) queued for any app process to run."""

    __tablename__ = "job"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    workspace_id: Mapped[int] = mapped_column(
        ForeignKey("workspace.id", ondelete="CASCADE"), index=True
    )
    decision_id: Mapped[int] = mapped_column(ForeignKey("decision.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(20))
    params: Mapped[dict[str, Any]] = mapped_column(Document)
    status: Mapped[str] = mapped_column(String(20), index=True)
    result: Mapped[bytes | None] = mapped_column(LargeBinary)
    media_type: Mapped[str | None] = mapped_column(String(100))
    error: Mapped[list[Any] | None] = mapped_column(Document)
    created_at: Mapped[dt.datetime] = mapped_column(Stamp())
    started_at: Mapped[dt.datetime | None] = mapped_column(Stamp())
    attempts: Mapped[int] = mapped_column(Integer, server_default="0")
    finished_at: Mapped[dt.datetime | None] = mapped_column(Stamp())


class WorkspaceTemplate(Base):
    """A workspace's own template (decision type): the template document, who saved it, when."""

    __tablename__ = "workspace_template"
    __table_args__ = (UniqueConstraint("workspace_id", "template_id"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    workspace_id: Mapped[int] = mapped_column(
        ForeignKey("workspace.id", ondelete="CASCADE"), index=True
    )
    template_id: Mapped[str] = mapped_column(String(100))
    document: Mapped[dict[str, Any]] = mapped_column(Document)
    actor: Mapped[str] = mapped_column(Text)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))
    created_at: Mapped[dt.datetime] = mapped_column(Stamp())
    updated_at: Mapped[dt.datetime] = mapped_column(Stamp())
