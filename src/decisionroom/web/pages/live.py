"""The live workshop: every open view of a decision hears of a new version within a second.

Server-sent events, fed by polling the decision's version in the database
(a primary-key read every quarter second), so a change made through any app
process reaches the views served by every other (docs/web.md). The same poll
reads the facilitator's unsaved what-if weights (:mod:`decisionroom.store.whatif`)
and sends each change of them as a ``whatif`` event. The stream
ends after ``LIFETIME`` seconds and the browser reconnects on its own, which
also bounds how long a connection is held.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator

from fastapi import APIRouter, Request
from fastapi.responses import StreamingResponse
from sqlalchemy import select
from starlette.concurrency import run_in_threadpool

from decisionroom.store import Store, whatif
from decisionroom.store.tables import Decision, DecisionChange
from decisionroom.web.pages.render import signed_in

__all__ = ["POLL_SECONDS", "state_of"]

router = APIRouter(include_in_schema=False)
POLL_SECONDS = 0.25
LIFETIME = 60.0


def state_of(store: Store, decision_id: int) -> tuple[int, str, whatif.WhatIf | None] | None:
    """The decision's version, who made it, and the what-if shared on it, in one short read."""
    with store.engine.connect() as connection:
        found = connection.execute(
            select(Decision.version, DecisionChange.actor)
            .outerjoin(
                DecisionChange,
                (DecisionChange.decision_id == Decision.id)
                & (DecisionChange.version == Decision.version),
            )
            .where(Decision.id == decision_id)
        ).first()
        if found is None:
            return None
        shared = whatif.current(connection, decision_id, int(found[0]))
        connection.rollback()
    return int(found[0]), str(found[1] or ""), shared


@router.get("/d/{decision_id}/events")
async def events(
    request: Request, decision_id: int, v: int = 0, lifetime: float = LIFETIME
) -> StreamingResponse:
    """Events ``change`` with ``{"version": N, "by": "..."}`` whenever it moves past ``v``.

    And ``whatif`` with ``{"weights": {...}, "by": "...", "at": "..."}`` (or
    ``null`` when it ends) whenever the shared what-if changes.
    """
    with signed_in(request) as pg:
        pg.tx.decision(decision_id)
    store: Store = request.app.state.store
    lifetime = max(0.5, min(lifetime, LIFETIME))

    async def stream() -> AsyncIterator[str]:
        seen = v
        seen_whatif: str | None = None
        yield "retry: 1000\n\n"
        loop = asyncio.get_running_loop()
        end = loop.time() + lifetime
        while loop.time() < end:
            if await request.is_disconnected():
                return
            found = await run_in_threadpool(state_of, store, decision_id)
            if found is None:
                yield "event: gone\ndata: {}\n\n"
                return
            if found[0] != seen:
                seen = found[0]
                data = json.dumps({"version": found[0], "by": found[1]})
                yield f"event: change\ndata: {data}\n\n"
            shared = found[2]
            marker = None if shared is None else f"{found[0]}:{shared.get('at')}"
            if marker != seen_whatif:
                seen_whatif = marker
                payload = None if shared is None else {**shared, "version": found[0]}
                yield f"event: whatif\ndata: {json.dumps(payload)}\n\n"
            await asyncio.sleep(POLL_SECONDS)

    headers = {"Cache-Control": "no-store", "X-Accel-Buffering": "no"}
    return StreamingResponse(stream(), media_type="text/event-stream", headers=headers)
