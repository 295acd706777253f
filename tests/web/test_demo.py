"""``make run``'s demo: the examples in a workspace once, analysed, signed in as printed."""

from __future__ import annotations

from fastapi.testclient import TestClient

from decisionroom.settings import Settings
from decisionroom.web import create_app
from decisionroom.web.demo import DEMO_EMAIL, DEMO_PASSWORD, seed
from tests.conftest import EXAMPLES, ROOT


def test_the_demo_is_created_once_and_its_board_is_analysed(tmp_path):
    settings = Settings(data_dir=tmp_path, database_url=None)
    assert seed(settings, EXAMPLES) is True
    assert seed(settings, EXAMPLES) is False  # the second run only serves
    with TestClient(create_app(settings, worker=False), follow_redirects=False) as c:
        c.get("/login")
        token = c.cookies["decisionroom_csrf"]
        r = c.post(
            "/login", data={"email": DEMO_EMAIL, "password": DEMO_PASSWORD, "csrf_token": token}
        )
        assert r.status_code == 303
        board = c.get("/board").text
        assert board.count('class="dcard"') == len(list(EXAMPLES.glob("*.yaml")))
        assert "Not analysed since the last change" not in board


def test_make_run_serves_the_demo():
    text = (ROOT / "Makefile").read_text()
    assert "run: system-deps $(STAMP) ## Serve the web app on 127.0.0.1:8000" in text
    assert "$(BIN)/python -m decisionroom.web.demo examples" in text
