"""Board and room load times with 200 decisions in one workspace (issue 13).

Each decision is the bundled example with its analysis cached for its current
version (the write that stores a version caches its analysis), as after a day
of work; the times are of the full page answers over loopback through uvicorn,
median of 20 requests each.

    .venv/bin/python -m bench.web_load
"""

from __future__ import annotations

import socket
import statistics
import tempfile
import threading
import time
from pathlib import Path

import httpx2 as httpx
import uvicorn
from sqlalchemy import func, select

from decisionroom.model.fileio import read
from decisionroom.settings import Settings
from decisionroom.store import accounts, decisions, open_store
from decisionroom.store.analyses import DEFAULT_KEY
from decisionroom.store.tables import AnalysisCache
from decisionroom.web import create_app

N = 200
EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "marketing-capability.yaml"


def main() -> None:
    store = open_store(Settings(data_dir=Path(tempfile.mkdtemp()), database_url=None))
    data = read(EXAMPLE)
    with store.transaction() as s:
        user = accounts.add_user(s, "bench@example.com", "Bench", "correct horse")
        space = accounts.add_workspace(s, "bench", user)
        ids = []
        for i in range(N):
            row = decisions.create(
                s, space.id, {**data, "title": f"Decision {i}"}, decisions.Actor("bench")
            )
            ids.append((row.id, row.version))
    with store.transaction() as s:
        cached = s.scalar(
            select(func.count()).select_from(AnalysisCache).where(AnalysisCache.key == DEFAULT_KEY)
        )
    assert cached == N, cached
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = uvicorn.Server(
        uvicorn.Config(create_app(store=store), host="127.0.0.1", port=port, log_level="warning")
    )
    threading.Thread(target=server.run, daemon=True).start()
    while not server.started:
        time.sleep(0.05)
    base = f"http://127.0.0.1:{port}"
    with httpx.Client(base_url=base) as c:
        c.get("/login")
        c.post(
            "/login",
            data={
                "email": "bench@example.com",
                "password": "correct horse",
                "csrf_token": c.cookies["decisionroom_csrf"],
            },
        )
        for name, url in [
            ("board, 200 decisions", "/board"),
            ("room, map tab", f"/d/{ids[0][0]}?tab=map"),
            ("room, analysis tab (cached)", f"/d/{ids[0][0]}?tab=analysis"),
        ]:
            times = []
            for _ in range(20):
                t0 = time.perf_counter()
                r = c.get(url)
                times.append((time.perf_counter() - t0) * 1000)
                assert r.status_code == 200, r.status_code
            print(f"{name}: median {statistics.median(times):.0f} ms, max {max(times):.0f} ms")
    server.should_exit = True


if __name__ == "__main__":
    main()
