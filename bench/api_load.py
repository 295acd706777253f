"""Load test of the team server: two app processes on one PostgreSQL, 20 clients, 30 s.

``python -m bench.api_load`` (or ``make bench-api``) creates a throwaway
database on the server of ``DECISIONROOM_TEST_DATABASE_URL`` (default: the
local ``test`` database's server), starts two uvicorn processes on it, and runs
20 client threads over 127.0.0.1 that edit and analyse the same few decisions:
each write reads the decision, changes the title and the CEO's weights, and
sends them based on the version it read (a 409 means re-read and retry). At
the end every acknowledged write must be in the audit trail at the version the
server answered, with its content (no lost update), and no answer may be 5xx.
Prints p50/p95 of analysis reads and of writes; writes bench/results/api_load.md.

Before the load, one client alone reads a cached analysis 200 times: that
latency, and the server CPU each request costs (from /proc), say what the
code can do on an idle machine; the load figures then show how much of the
time under load is queueing for the shared cores.
"""

from __future__ import annotations

import argparse
import os
import random
import subprocess
import sys
import threading
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path

import httpx2 as httpx  # the HTTP client the dev extra installs (FastAPI TestClient uses it)
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "marketing-capability.yaml"
DEFAULT_PG = "postgresql+psycopg://postgres@127.0.0.1:5432/test"
FACTORS = [
    "user_growth",
    "time_to_impact",
    "first_year_cost",
    "sector_experience",
    "capability_retained",
    "execution_risk",
]


@dataclass
class Stats:
    analysis_ms: list[float] = field(default_factory=list)
    analysis_hit_ms: list[float] = field(default_factory=list)
    write_ms: list[float] = field(default_factory=list)
    acknowledged: list[tuple[int, int, str]] = field(
        default_factory=list
    )  # decision, version, title
    conflicts: int = 0
    requests: int = 0
    server_errors: list[str] = field(default_factory=list)
    other_errors: list[str] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)


def pct(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


def _p(values: list[float]) -> str:
    return f"{pct(values, 0.5):.1f} ms / {pct(values, 0.95):.1f} ms"


def _database(server: str) -> tuple[str, str]:
    url = make_url(server)
    name = f"decisionroom_bench_{uuid.uuid4().hex[:10]}"
    admin = create_engine(url, isolation_level="AUTOCOMMIT")
    with admin.connect() as c:
        c.execute(text(f'CREATE DATABASE "{name}"'))
    admin.dispose()
    return url.set(database=name).render_as_string(hide_password=False), name


def _drop(server: str, name: str) -> None:
    admin = create_engine(make_url(server), isolation_level="AUTOCOMMIT")
    with admin.connect() as c:
        c.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


def _setup(url: str, decisions: int) -> tuple[str, list[int]]:
    from decisionroom.model.fileio import read
    from decisionroom.settings import Settings
    from decisionroom.store import accounts, open_store
    from decisionroom.store import decisions as repo

    store = open_store(Settings(database_url=url))
    with store.transaction() as s:
        user = accounts.add_user(s, "bench@example.com", "Bench", "correct horse")
        ws = accounts.add_workspace(s, "bench", user)
        _, token = accounts.create_api_token(s, user, "bench")
        actor = repo.Actor(user.email, user.id)
        ids = [repo.create(s, ws.id, read(EXAMPLE), actor).id for _ in range(decisions)]
    store.close()
    return token, ids


def _serve(url: str, port: int) -> subprocess.Popen[bytes]:
    env = {**os.environ, "DECISIONROOM_DATABASE_URL": url}
    args = [
        sys.executable,
        "-m",
        "uvicorn",
        "decisionroom.web.app:app_from_environment",
        "--factory",
        "--host",
        "127.0.0.1",
        "--port",
        str(port),
        "--log-level",
        "warning",
    ]
    return subprocess.Popen(args, env=env, cwd=ROOT)


def _wait_up(port: int) -> None:
    for _ in range(300):
        try:
            if httpx.get(f"http://127.0.0.1:{port}/api/v1/openapi.json").status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.1)
    raise RuntimeError(f"the server on port {port} did not start")


def _client(
    n: int,
    ports: list[int],
    token: str,
    ids: list[int],
    until: float,
    stats: Stats,
    write_share: float,
) -> None:
    rng = random.Random(n)
    headers = {"Authorization": f"Bearer {token}"}
    clients = [
        httpx.Client(base_url=f"http://127.0.0.1:{p}", headers=headers, timeout=60) for p in ports
    ]
    writes = 0
    try:
        while time.monotonic() < until:
            http = rng.choice(clients)
            decision = rng.choice(ids)
            if rng.random() < write_share:
                writes += 1
                title = f"Decision {decision}: client {n}, write {writes}"
                t0 = time.perf_counter()
                while time.monotonic() < until + 30:
                    got = http.get(f"/api/v1/decisions/{decision}")
                    _count(stats, 2)  # this read and the write that follows
                    if _check(got, stats):
                        break
                    doc = got.json()["decision"]
                    people = doc["stakeholders"]
                    people[0]["weights"] = {f: rng.randint(1, 100) for f in FACTORS}
                    sent = rng.choice(clients).patch(
                        f"/api/v1/decisions/{decision}",
                        json={"title": title, "stakeholders": people},
                        headers={"If-Match": got.headers["etag"]},
                    )
                    if sent.status_code == 409:
                        with stats.lock:
                            stats.conflicts += 1
                        continue
                    if not _check(sent, stats):
                        with stats.lock:
                            stats.write_ms.append((time.perf_counter() - t0) * 1000)
                            stats.acknowledged.append((decision, sent.json()["version"], title))
                    break
            else:
                t0 = time.perf_counter()
                got = http.get(f"/api/v1/decisions/{decision}/analysis")
                ms = (time.perf_counter() - t0) * 1000
                _count(stats, 1)
                if not _check(got, stats):
                    with stats.lock:
                        stats.analysis_ms.append(ms)
                        if got.headers.get("x-analysis-cache") == "hit":
                            stats.analysis_hit_ms.append(ms)
    finally:
        for c in clients:
            c.close()


def _count(stats: Stats, n: int) -> None:
    with stats.lock:
        stats.requests += n


def _cpu_seconds(pids: list[int]) -> float:
    """User + system CPU time of these processes so far (Linux /proc)."""
    total = 0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            return float("nan")
        total += int(fields[11]) + int(fields[12])
    return total / os.sysconf("SC_CLK_TCK")


@dataclass
class Alone:
    """One client alone reading a cached analysis: latency and server CPU per request."""

    ms: list[float]
    server_cpu_ms: float


def _alone(port: int, token: str, decision: int, pids: list[int], n: int = 200) -> Alone:
    headers = {"Authorization": f"Bearer {token}"}
    with httpx.Client(base_url=f"http://127.0.0.1:{port}", headers=headers) as http:
        path = f"/api/v1/decisions/{decision}/analysis"
        for _ in range(20):  # warm up: connections, caches
            http.get(path)
        ms = []
        cpu0 = _cpu_seconds(pids)
        for _ in range(n):
            t0 = time.perf_counter()
            http.get(path).raise_for_status()
            ms.append((time.perf_counter() - t0) * 1000)
        cpu = _cpu_seconds(pids) - cpu0
    return Alone(ms, cpu / n * 1000)


def _check(response: httpx.Response, stats: Stats) -> bool:
    """True when the response is an error (recorded)."""
    if response.status_code >= 500:
        with stats.lock:
            stats.server_errors.append(f"{response.status_code} {response.text[:200]}")
        return True
    if response.status_code >= 400:
        with stats.lock:
            stats.other_errors.append(f"{response.status_code} {response.text[:200]}")
        return True
    return False


def _lost_updates(url: str, stats: Stats) -> int:
    """Acknowledged writes missing from the audit trail at the version the server answered."""
    engine = create_engine(url)
    with engine.connect() as c:
        rows = c.execute(
            text("SELECT decision_id, version, document->>'title' FROM decision_change")
        )
        kept = {(d, v): t for d, v, t in rows}
    engine.dispose()
    return sum(1 for d, v, t in stats.acknowledged if kept.get((d, v)) != t)


def main() -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.api_load", description=__doc__)
    parser.add_argument("--seconds", type=float, default=30)
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--decisions", type=int, default=5)
    parser.add_argument("--writes", type=float, default=0.3, help="share of operations that write")
    parser.add_argument("--ports", default="8761,8762")
    opts = parser.parse_args()
    server = os.environ.get("DECISIONROOM_TEST_DATABASE_URL", DEFAULT_PG)
    load_before = os.getloadavg()[0]
    url, name = _database(server)
    ports = [int(p) for p in opts.ports.split(",")]
    processes: list[subprocess.Popen[bytes]] = []
    try:
        token, ids = _setup(url, opts.decisions)
        processes = [_serve(url, p) for p in ports]
        for p in ports:
            _wait_up(p)
        pids = [proc.pid for proc in processes]
        alone = _alone(ports[0], token, ids[0], pids)
        stats = Stats()
        cpu0, client0, wall0 = _cpu_seconds(pids), time.process_time(), time.monotonic()
        until = time.monotonic() + opts.seconds
        threads = [
            threading.Thread(target=_client, args=(n, ports, token, ids, until, stats, opts.writes))
            for n in range(opts.clients)
        ]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        wall = time.monotonic() - wall0
        server_cpu = _cpu_seconds(pids) - cpu0
        client_cpu = time.process_time() - client0
        lost = _lost_updates(url, stats)
        per_request = server_cpu / max(stats.requests, 1)
        bound_ms = opts.clients * per_request / (os.cpu_count() or 1) * 1000
    finally:
        for proc in processes:
            proc.terminate()
        for proc in processes:
            proc.wait(timeout=30)
        _drop(server, name)
    report = "\n".join(
        [
            "# API load: two app processes on one PostgreSQL",
            "",
            f"Run {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}, "
            f"load average before {load_before:.1f}.",
            "",
            f"{opts.clients} clients, {opts.seconds:.0f} s, {opts.decisions} decisions, "
            f"{len(ports)} uvicorn processes, {opts.writes:.0%} writes, over 127.0.0.1; "
            f"{os.cpu_count()} CPU cores shared with the clients and PostgreSQL.",
            "",
            "| measure | value |",
            "|---|---|",
            f"| one client alone: cached analysis read p50 / p95 | {_p(alone.ms)} |",
            f"| one client alone: server CPU per cached analysis read "
            f"| {alone.server_cpu_ms:.1f} ms |",
            f"| under load: requests served | {stats.requests} ({stats.requests / wall:.0f}/s) |",
            f"| under load: server CPU per request (reads, writes, 409s) "
            f"| {per_request * 1000:.1f} ms |",
            f"| under load: CPU used, servers / load generator (of {os.cpu_count()} cores) "
            f"| {server_cpu / wall:.2f} / {client_cpu / wall:.2f} cores |",
            f"| lower bound on the mean answer time with every core for the servers "
            f"(Little's law: clients x CPU per request / cores) "
            f"| {bound_ms:.0f} ms |",
            f"| analysis reads | {len(stats.analysis_ms)} |",
            f"| analysis read p50 / p95 (all) | {_p(stats.analysis_ms)} |",
            f"| analysis read p50 / p95 (cache hits, {len(stats.analysis_hit_ms)}) "
            f"| {_p(stats.analysis_hit_ms)} |",
            f"| writes acknowledged | {len(stats.acknowledged)} |",
            f"| write p50 / p95 (read + patch, with retries) | {_p(stats.write_ms)} |",
            f"| stale writes refused (409, retried) | {stats.conflicts} |",
            f"| lost updates | {lost} |",
            f"| 5xx answers | {len(stats.server_errors)} |",
            f"| other 4xx answers | {len(stats.other_errors)} |",
            "",
        ]
    )
    print(report)
    for line in (stats.server_errors + stats.other_errors)[:5]:
        print("  ", line)
    out = ROOT / "bench" / "results" / "api_load.md"
    out.write_text(report, encoding="utf-8")
    return 0 if lost == 0 and not stats.server_errors else 1


if __name__ == "__main__":
    raise SystemExit(main())
