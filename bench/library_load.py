"""Library page, search and discovery guide times (issue 14), median of 20 requests each.

The app runs in process behind Starlette's TestClient on a fresh SQLite store,
so the times are the server's work plus the in-process transport (no network).

    .venv/bin/python -m bench.library_load
"""

from __future__ import annotations

import statistics
import tempfile
import time
from pathlib import Path

from fastapi.testclient import TestClient

from decisionroom.settings import Settings
from decisionroom.store import accounts, open_store
from decisionroom.web import create_app

QUERIES = [
    "nobody has heard of us and our leads dried up",
    "our sysadmins cannot keep up with the servers",
    "we need a CRM the sales team will actually use",
    "who should we hire as head of engineering",
    "export to Germany or find a local distributor",
]


def _median(client: TestClient, urls: list[str], n: int = 20) -> tuple[float, float]:
    times = []
    for i in range(n):
        t0 = time.perf_counter()
        r = client.get(urls[i % len(urls)])
        times.append((time.perf_counter() - t0) * 1000)
        assert r.status_code == 200, (urls[i % len(urls)], r.status_code)
    return statistics.median(times), max(times)


def main() -> None:
    store = open_store(Settings(data_dir=Path(tempfile.mkdtemp()), database_url=None))
    with store.transaction() as s:
        user = accounts.add_user(s, "bench@example.com", "Bench", "correct horse")
        accounts.add_workspace(s, "bench", user)
    with TestClient(create_app(store=store)) as c:
        c.get("/login")
        c.post(
            "/login",
            data={
                "email": "bench@example.com",
                "password": "correct horse",
                "csrf_token": c.cookies["decisionroom_csrf"],
            },
        )
        created = c.post(
            "/board/new",
            data={"template": "marketing-capability", "csrf_token": c.cookies["decisionroom_csrf"]},
            follow_redirects=False,
        )
        room = created.headers["location"]
        c.get("/library")  # the first request parses the template files once
        rows = [
            ("library page", ["/library"]),
            ("template page", ["/library/marketing-capability"]),
            ("search (page with hits)", [f"/library?q={q}" for q in QUERIES]),
            ("discovery guide (analysis cached)", [room]),
        ]
        for name, urls in rows:
            median, worst = _median(c, urls)
            print(f"{name}: median {median:.1f} ms, max {worst:.1f} ms")  # noqa: T201 - the report
    store.close()


if __name__ == "__main__":
    main()
