"""The background worker of one app process: runs queued jobs (PDF briefs, large SMAA runs).

Each process runs one worker thread; with PostgreSQL the workers of every
process share the queue (:mod:`decisionroom.store.jobs`).
"""

from __future__ import annotations

import json
import logging
import threading
from typing import Any

from decisionroom.errors import DecisionroomError
from decisionroom.store import jobs
from decisionroom.store.analyses import analysis_of
from decisionroom.store.db import Store
from decisionroom.store.tables import Decision, Job

__all__ = ["Worker", "analysis_of", "brief_bytes", "run_job"]

log = logging.getLogger("decisionroom.worker")
MEDIA = {
    "html": "text/html; charset=utf-8",
    "md": "text/markdown; charset=utf-8",
    "pdf": "application/pdf",
    "pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def brief_bytes(
    store: Store,
    decision_id: int,
    version: int,
    document: dict[str, Any],
    fmt: str,
    reader: str | None = None,
) -> bytes:
    """The brief of a decision version in one format, for one reader (docs/advice.md)."""
    from decisionroom.model.validate import validate
    from decisionroom.reports import render

    analysis = analysis_of(store, decision_id, version, document)
    return render(validate(dict(document)), analysis, fmt, view=reader)


def run_job(store: Store, job: Job) -> None:
    """Run one claimed job and record its result or its errors."""
    try:
        with store.transaction() as session:
            row = session.get(Decision, job.decision_id)
            if row is None:
                raise DecisionroomError.at("decision_id", "The decision was deleted.")
            version, document = row.version, dict(row.document)
        if job.kind == "brief":
            fmt = str(job.params["format"])
            reader = job.params.get("for")
            data = brief_bytes(store, job.decision_id, version, document, fmt, reader)
            jobs.finish(store, job.id, data, MEDIA[fmt])
        else:
            result = analysis_of(store, job.decision_id, version, document, **job.params)
            jobs.finish(store, job.id, json.dumps(result).encode("utf-8"), "application/json")
    except DecisionroomError as exc:
        jobs.fail(store, job.id, [d.to_dict() for d in exc.errors])
    except Exception:  # a bug: keep the worker alive, record the failure
        log.exception("job %s failed", job.id)
        jobs.fail(store, job.id, [{"loc": "", "code": "internal", "msg": "The job failed."}])


class Worker:
    """A thread that runs queued jobs until stopped."""

    def __init__(self, store: Store, poll_seconds: float = 1.0) -> None:
        self.store = store
        self.poll_seconds = poll_seconds
        self.wake = threading.Event()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._loop, name="decisionroom-worker", daemon=True)

    def start(self) -> None:
        """Start the thread."""
        self._thread.start()

    def stop(self) -> None:
        """Stop after the current job."""
        self._stop.set()
        self.wake.set()
        self._thread.join(timeout=30)

    def _loop(self) -> None:
        while not self._stop.is_set():
            try:
                job = jobs.claim(self.store)
            except Exception:  # the database may be restarting: try again later
                log.exception("claiming a job failed")
                job = None
            if job is not None:
                run_job(self.store, job)
                continue
            self.wake.wait(self.poll_seconds)
            self.wake.clear()
