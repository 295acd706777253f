"""Browser fixtures: the app served by uvicorn in a thread, Debian's Chromium driven by Playwright.

One browser per test session (tests share it through contexts). No browser is
ever downloaded: Playwright launches ``/usr/bin/chromium``; without it the
tests skip with the reason, and under CI they fail (tests/conftest.py).
"""

from __future__ import annotations

import os
import socket
import threading
import time
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.conftest import EXAMPLES, require

CHROMIUM = Path(os.environ.get("DECISIONROOM_CHROMIUM", "/usr/bin/chromium"))
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
PASSWORD = "correct horse"
AXE = Path(__file__).parent / "vendor" / "axe.min.js"


@dataclass
class Server:
    url: str
    store: object
    decision_id: int


@pytest.fixture(scope="session")
def browser():
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:  # pragma: no cover - the [dev] extra brings it
        sync_playwright = None
    require("Playwright", sync_playwright is not None, "pip install -e '.[dev]'")
    require("Chromium", CHROMIUM.is_file(), f"no browser at {CHROMIUM}; apt-get install chromium")
    assert sync_playwright is not None
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=FLAGS, headless=True)
        yield b
        b.close()


@pytest.fixture(scope="session")
def server(tmp_path_factory):
    import uvicorn

    from decisionroom.model.fileio import read
    from decisionroom.settings import Settings
    from decisionroom.store import accounts, decisions, open_store
    from decisionroom.web import create_app

    data = tmp_path_factory.mktemp("browser-store")
    store = open_store(Settings(data_dir=data, database_url=None))
    with store.transaction() as s:
        dana = accounts.add_user(s, "dana@example.com", "Dana Reyes", PASSWORD)
        vic = accounts.add_user(s, "vic@example.com", "Vic Viewer", PASSWORD)
        space = accounts.add_workspace(s, "northwind", dana)
        accounts.set_role(s, space, vic, "viewer")
        row = decisions.create(
            s, space.id, read(EXAMPLES / "marketing-capability.yaml"), decisions.Actor("dana")
        )
        decisions.create(
            s, space.id, read(EXAMPLES / "head-of-marketing-hire.yaml"), decisions.Actor("dana")
        )
        decision_id = row.id
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    config = uvicorn.Config(
        create_app(store=store), host="127.0.0.1", port=port, log_level="warning"
    )
    srv = uvicorn.Server(config)
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    for _ in range(200):
        if srv.started:
            break
        time.sleep(0.05)
    yield Server(f"http://127.0.0.1:{port}", store, decision_id)
    srv.should_exit = True
    thread.join(10)
    store.close()


def sign_in(page, server: Server, email: str = "dana@example.com") -> None:
    page.goto(f"{server.url}/login")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(f"{server.url}/board")


def axe_violations(page) -> list[dict]:
    """Serious and critical axe-core violations on the page (axe injected past the CSP)."""
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    return [
        {"id": v["id"], "impact": v["impact"], "nodes": [n["target"] for n in v["nodes"]][:3]}
        for v in result["violations"]
        if v["impact"] in ("serious", "critical")
    ]
