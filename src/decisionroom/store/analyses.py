"""Analyses cached by decision version, so reading an unchanged decision never recomputes.

The cache lives in the database (``analysis_cache``), shared by every app
process. The analysis runs outside any transaction: a slow SMAA run never holds
a lock, and two processes computing the same version at once both succeed (the
second insert is ignored; both results are identical, the runs being seeded).
"""

from __future__ import annotations

import json
import threading
from collections.abc import Iterable
from typing import Any

from sqlalchemy import Text, cast, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from decisionroom.store.accounts import now
from decisionroom.store.db import Store
from decisionroom.store.errors import NotFound
from decisionroom.store.tables import AnalysisCache, Decision

__all__ = [
    "DEFAULT_KEY",
    "analysis_of",
    "cache_key",
    "cached",
    "cached_text",
    "compute",
    "current_text",
    "lookup",
    "store_result",
]


def cache_key(method: str | None, params: dict[str, Any], smaa: int, seed: int) -> str:
    """The options of an analysis as one cache key."""
    return json.dumps(
        {"m": method, "p": params, "n": smaa, "s": seed}, sort_keys=True, separators=(",", ":")
    )[:200]


#: The key of the analysis with the file's own method and the default robustness run.
DEFAULT_KEY = cache_key(None, {}, 10_000, 0)


def cached(store: Store, decision_id: int, version: int, key: str) -> dict[str, Any] | None:
    """The cached analysis JSON, if this version was analysed with these options."""
    with store.transaction(read_only=True) as session:
        found = session.scalar(
            select(AnalysisCache.result).where(
                AnalysisCache.decision_id == decision_id,
                AnalysisCache.version == version,
                AnalysisCache.key == key,
            )
        )
    return dict(found) if found is not None else None


def cached_text(session: Session, decision_id: int, version: int, key: str) -> str | None:
    """The cached analysis JSON as the database holds it (text), if there is one."""
    found = session.scalar(
        select(cast(AnalysisCache.result, Text)).where(
            AnalysisCache.decision_id == decision_id,
            AnalysisCache.version == version,
            AnalysisCache.key == key,
        )
    )
    return str(found) if found is not None else None


def current_text(
    session: Session, workspace_ids: Iterable[int], decision_id: int, key: str
) -> tuple[int, str | None]:
    """The current version of a decision and its cached analysis as text, in one query.

    A cached read is then one round trip after the caller's (issue 12, read p95).

    Raises:
        NotFound: no such decision in these workspaces (existence is not revealed).
    """
    found = session.execute(
        select(Decision.workspace_id, Decision.version, cast(AnalysisCache.result, Text))
        .outerjoin(
            AnalysisCache,
            (AnalysisCache.decision_id == Decision.id)
            & (AnalysisCache.version == Decision.version)
            & (AnalysisCache.key == key),
        )
        .where(Decision.id == decision_id)
    ).first()
    if found is None or found[0] not in set(workspace_ids):
        raise NotFound.at("decision_id", "There is no decision with this id.", input=decision_id)
    return int(found[1]), (str(found[2]) if found[2] is not None else None)


def compute(
    document: dict[str, Any],
    method: str | None = None,
    params: dict[str, Any] | None = None,
    smaa: int = 10_000,
    seed: int = 0,
) -> dict[str, Any]:
    """Run the analysis of a stored document (the analysis JSON, contract 2)."""
    from decisionroom._output import to_json
    from decisionroom.analysis import analyze
    from decisionroom.model.validate import validate

    result = analyze(validate(dict(document)), method=method, params=params, smaa=smaa, seed=seed)
    # Through the JSON writer, so the stored numbers are those `analyze --format json` prints.
    data: dict[str, Any] = json.loads(to_json(result.to_dict()))
    return data


def store_result(
    store: Store, decision_id: int, version: int, key: str, result: dict[str, Any]
) -> None:
    """Keep a result in the cache (a concurrent identical insert is ignored)."""
    try:
        with store.transaction() as session:
            session.add(
                AnalysisCache(
                    decision_id=decision_id,
                    version=version,
                    key=key,
                    result=result,
                    created_at=now(),
                )
            )
    except IntegrityError:
        pass  # another process stored the same version first, or the decision was deleted


def analysis_of(
    store: Store, decision_id: int, version: int, document: dict[str, Any], **options: Any
) -> dict[str, Any]:
    """The analysis JSON of a decision version, from the cache or computed and cached."""
    return lookup(store, decision_id, version, document, **options)[0]


# One computation per version and options in this process: requests that miss the cache
# together wait for the first one instead of repeating its work. Only a lock per key is
# held here, never a result, so the process still keeps no state of its own.
_running: dict[tuple[int, int, str], threading.Lock] = {}
_guard = threading.Lock()


def lookup(
    store: Store, decision_id: int, version: int, document: dict[str, Any], **options: Any
) -> tuple[dict[str, Any], bool]:
    """The analysis JSON and whether it came from the cache (computed and cached otherwise)."""
    method, params = options.get("method"), options.get("params") or {}
    smaa, seed = int(options.get("smaa", 10_000)), int(options.get("seed", 0))
    key = cache_key(method, params, smaa, seed)
    found = cached(store, decision_id, version, key)
    if found is not None:
        return found, True
    slot = (decision_id, version, key)
    with _guard:
        lock = _running.setdefault(slot, threading.Lock())
    try:
        with lock:
            found = cached(store, decision_id, version, key)
            if found is not None:
                return found, True
            found = compute(document, method, params, smaa, seed)
            store_result(store, decision_id, version, key, found)
            return found, False
    finally:
        with _guard:
            _running.pop(slot, None)
