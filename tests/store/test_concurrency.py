from __future__ import annotations

import datetime as dt
import threading

import pytest
from sqlalchemy import update

from decisionroom.model.fileio import read
from decisionroom.store import accounts, audit, decisions, jobs
from decisionroom.store.decisions import Actor
from decisionroom.store.errors import NotAuthenticated, StaleVersion
from decisionroom.store.tables import UserSession
from tests.conftest import EXAMPLES

EXAMPLE = EXAMPLES / "marketing-capability.yaml"


def _decision(store):
    with store.transaction() as s:
        user = accounts.add_user(s, "dana@example.com", "Dana", "correct horse")
        ws = accounts.add_workspace(s, "northwind", user)
        row = decisions.create(s, ws.id, read(EXAMPLE), Actor(user.email, user.id))
        return user.id, ws.id, row.id


def test_two_writers_on_one_version_exactly_one_wins(store):
    _, ws, decision_id = _decision(store)
    barrier = threading.Barrier(2, timeout=2)
    outcomes: list[str] = []

    def writer(title: str) -> None:
        try:
            with store.transaction() as s:
                row = decisions.get(s, [ws], decision_id)
                try:
                    barrier.wait()  # both have read version 1 ...
                except threading.BrokenBarrierError:
                    pass  # ... or, on SQLite, the other waits for this one's write lock
                decisions.write(s, row, 1, {**read(EXAMPLE), "title": title}, Actor(title))
            outcomes.append("won")
        except StaleVersion:
            outcomes.append("stale")

    threads = [threading.Thread(target=writer, args=(t,)) for t in ("first", "second")]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    # PostgreSQL: both read version 1, one UPDATE waits for the other and then matches
    # nothing. SQLite: BEGIN IMMEDIATE makes the second wait for the first to commit.
    assert sorted(outcomes) == ["stale", "won"]
    with store.transaction() as s:
        history = audit.history(s, decision_id)
        assert [c.version for c in history] == [1, 2]
        assert history[1].document["title"] == history[1].actor


def test_a_job_is_claimed_once(store):
    _, ws, decision_id = _decision(store)
    with store.transaction() as s:
        job_id = jobs.enqueue(s, ws, decision_id, "analysis", {"smaa": 0}).id
    first = jobs.claim(store)
    assert first is not None and first.id == job_id and first.status == "running"
    assert jobs.claim(store) is None
    jobs.finish(store, job_id, b"{}", "application/json")
    with store.transaction() as s:
        done = jobs.get(s, [ws], job_id)
        assert (done.status, done.result, done.finished_at is not None) == ("done", b"{}", True)


def test_sessions_expire_and_end(store):
    user_id, _, _ = _decision(store)
    with store.transaction() as s:
        from decisionroom.store.tables import User

        user = s.get(User, user_id)
        token = accounts.create_session(s, user, days=1)
        assert accounts.user_for_secret(s, cookie=token, bearer=None).id == user_id
        past = dt.datetime.now(dt.UTC) - dt.timedelta(seconds=1)
        s.execute(update(UserSession).values(expires_at=past))
        with pytest.raises(NotAuthenticated):
            accounts.user_for_secret(s, cookie=token, bearer=None)
        fresh = accounts.create_session(s, user, days=1)
        accounts.end_session(s, fresh)
        with pytest.raises(NotAuthenticated):
            accounts.user_for_secret(s, cookie=fresh, bearer=None)


def test_a_job_whose_process_died_runs_again_then_fails(store):
    from decisionroom.store.tables import Job

    _, ws, decision_id = _decision(store)
    with store.transaction() as s:
        job_id = jobs.enqueue(s, ws, decision_id, "analysis", {"smaa": 0}).id
    long_ago = dt.datetime.now(dt.UTC) - jobs.STALE_AFTER - dt.timedelta(seconds=1)
    for attempt in range(1, jobs.MAX_ATTEMPTS + 1):
        claimed = jobs.claim(store)
        assert claimed is not None and claimed.attempts == attempt
        assert jobs.claim(store) is None  # running, not stale yet
        with store.transaction() as s:
            s.execute(update(Job).where(Job.id == job_id).values(started_at=long_ago))
    assert jobs.claim(store) is None
    with store.transaction() as s:
        job = s.get(Job, job_id)
        assert job.status == "failed"
        assert (
            job.error[0]["msg"]
            == "The job was interrupted 3 times (its process stopped); start it again."
        )
