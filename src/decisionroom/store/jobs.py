"""A queue of long work in the database, shared by every app process.

Any process may claim a queued job: the claim is an ``UPDATE ... WHERE
status = 'queued'`` that only one process can win, and on PostgreSQL the
candidate is picked with ``FOR UPDATE SKIP LOCKED`` so workers on several
machines never wait on each other. With SQLite the one process runs its jobs
in a background thread.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import and_, or_, select, update
from sqlalchemy.orm import Session

from decisionroom.store.accounts import now
from decisionroom.store.db import Store
from decisionroom.store.errors import NotFound
from decisionroom.store.tables import Job

__all__ = ["claim", "enqueue", "fail", "finish", "get"]


def enqueue(
    session: Session, workspace_id: int, decision_id: int, kind: str, params: dict[str, Any]
) -> Job:
    """Queue a job."""
    job = Job(
        workspace_id=workspace_id,
        decision_id=decision_id,
        kind=kind,
        params=params,
        status="queued",
        created_at=now(),
    )
    session.add(job)
    session.flush()
    return job


def get(session: Session, workspace_ids: Any, job_id: int) -> Job:
    """A job of these workspaces.

    Raises:
        NotFound: no such job in these workspaces.
    """
    job = session.get(Job, job_id)
    if job is None or job.workspace_id not in set(workspace_ids):
        raise NotFound.at("job_id", "There is no job with this id.", input=job_id)
    return job


#: A job still running after this long is taken to have lost its process and runs again.
STALE_AFTER = dt.timedelta(minutes=15)
MAX_ATTEMPTS = 3


def claim(store: Store) -> Job | None:
    """Take the oldest queued job (or one whose process died), or None when there is none."""
    with store.transaction() as session:
        stale = now() - STALE_AFTER
        waiting = or_(Job.status == "queued", and_(Job.status == "running", Job.started_at < stale))
        query = select(Job.id, Job.status, Job.attempts).where(waiting).order_by(Job.id).limit(1)
        if store.dialect == "postgresql":
            query = query.with_for_update(skip_locked=True)
        found = session.execute(query).first()
        if found is None:
            return None
        job_id, status, attempts = found
        if attempts >= MAX_ATTEMPTS:
            session.execute(
                update(Job)
                .where(Job.id == job_id)
                .values(status="failed", error=[_interrupted(attempts)], finished_at=now())
            )
            return None
        won = session.execute(
            update(Job)
            .where(Job.id == job_id, Job.status == status, Job.attempts == attempts)
            .values(status="running", started_at=now(), attempts=attempts + 1)
            .execution_options(synchronize_session=False)
        )
        if getattr(won, "rowcount", 0) != 1:
            return None
        return session.get(Job, job_id)


def _interrupted(attempts: int) -> dict[str, Any]:
    return {
        "loc": "",
        "code": "interrupted",
        "msg": f"The job was interrupted {attempts} times (its process stopped); start it again.",
    }


def finish(store: Store, job_id: int, result: bytes, media_type: str) -> None:
    """Record a job's result."""
    with store.transaction() as session:
        session.execute(
            update(Job)
            .where(Job.id == job_id)
            .values(status="done", result=result, media_type=media_type, finished_at=now())
        )


def fail(store: Store, job_id: int, errors: list[dict[str, Any]]) -> None:
    """Record why a job failed."""
    with store.transaction() as session:
        session.execute(
            update(Job)
            .where(Job.id == job_id)
            .values(status="failed", error=errors, finished_at=now())
        )
