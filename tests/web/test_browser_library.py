"""The library and the discovery guide in a real browser (Chromium via Playwright), issue 14.

A seller finds the decision type by describing the client's situation, starts
a decision from it, answers discovery questions in the room and sees the
analysis change. The screenshots ``docs/images/web-library*`` and
``web-room-discovery-*`` are written here.
"""

from __future__ import annotations

import os
import re
import time
from pathlib import Path

import pytest

from tests.conftest import ROOT
from tests.web.browser_fixtures import axe_violations, sign_in

pytestmark = pytest.mark.slow
IMAGES = ROOT / "docs" / "images"
DESKTOP = {"width": 1366, "height": 900}
PHONE = {"width": 390, "height": 844}


def _shots(tmp_path: Path) -> Path:
    """docs/images only when asked (``make screenshots``); a scratch folder otherwise."""
    return IMAGES if os.environ.get("DECISIONROOM_SCREENSHOTS") == "1" else tmp_path


def _fits(page) -> bool:
    """Nothing wider than the screen: no sideways scrolling of the whole page."""
    return bool(
        page.evaluate("() => document.documentElement.scrollWidth <= window.innerWidth + 1")
    )


def _weight(page, factor: str) -> int:
    return int(page.locator(f"#w-{factor}").input_value())


def test_template_questions_answers_analysis(browser, server, tmp_path):
    shots = _shots(tmp_path)
    ctx = browser.new_context(viewport=DESKTOP, bypass_csp=True)  # axe is injected
    page = ctx.new_page()
    sign_in(page, server)
    problems = {}
    # the library, from the main navigation; search in the client's words (htmx, no reload)
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Library").click()
    page.wait_for_url(f"{server.url}/library")
    page.get_by_label("Describe the client's situation").fill(
        "nobody has heard of us and our leads dried up"
    )
    page.get_by_role("button", name="Search").click()
    page.wait_for_selector("#hits .hit")
    first = page.locator("#hits .hit").first
    assert first.locator("a").inner_text() == "Marketing capability: build, hire or buy"
    assert first.locator("mark").count() >= 1
    assert "q=nobody" in page.url  # the search is in the address, so it can be shared
    problems["library"] = axe_violations(page)
    page.screenshot(path=str(shots / "web-library-desktop.png"), full_page=True)
    first.locator("a").click()
    page.wait_for_url(f"{server.url}/library/marketing-capability")
    problems["library-template"] = axe_violations(page)
    page.screenshot(path=str(shots / "web-library-template-desktop.png"))
    # start a decision from the template: the room opens on the discovery guide
    page.get_by_label("Client").fill("Lumen Media")
    page.get_by_role("button", name="Start a decision from this template").click()
    page.wait_for_url(re.compile(r"/d/\d+\?tab=discovery"))
    decision = re.search(r"/d/(\d+)", page.url).group(1)
    assert page.locator("h3.stage-head").first.inner_text().startswith("Goal")
    # the analysis before any answer
    page.get_by_role("link", name="Analysis", exact=True).click()
    page.wait_for_selector("#ranking li")
    before = _weight(page, "time_to_impact")
    options_before = page.locator("#ranking li").count()
    # answer two questions in the room
    page.get_by_role("link", name="Discovery").click()
    page.get_by_label(re.compile("When do you next have to show investors")).fill("9")
    page.locator("#question-proof_point_months").get_by_role("button").click()
    page.wait_for_url(re.compile(r"answered=proof_point_months"))
    panel = page.locator("#consequences")
    assert "Weight of Time to impact raised from" in panel.inner_text()
    assert "because the next proof point is less than 15 months away" in panel.inner_text()
    assert "Time to impact 17.5% → 30.0%" in panel.inner_text()
    problems["room-discovery"] = axe_violations(page)
    page.evaluate("window.scrollTo(0, 0)")  # the room's header, tabs and the consequences
    page.screenshot(path=str(shots / "web-room-discovery-desktop.png"))
    t0 = time.perf_counter()
    page.locator("#question-reach_partner").get_by_label("yes").check()
    page.locator("#question-reach_partner").get_by_role("button").click()
    page.wait_for_url(re.compile(r"answered=reach_partner"))
    print(f"\nanswer -> consequences shown: {(time.perf_counter() - t0) * 1000:.0f} ms")  # noqa: T201 - measured figures, shown with -s
    text = page.locator("#consequences").inner_text()
    assert "Option to consider: Co-marketing partnership (partner)." in text
    assert re.search(r"Recommendation (unchanged|changed)", text)
    assert page.locator("#consequences tr", has_text="Co-marketing partnership").inner_text()
    assert (
        "new" in page.locator("#consequences tr", has_text="Co-marketing partnership").inner_text()
    )
    # a bad answer is shown next to its field
    page.get_by_label(re.compile("ceiling on what marketing may cost")).fill("a lot")
    page.locator("#question-budget_ceiling").get_by_role("button").click()
    assert (
        "The answer must be a number (in kEUR)."
        in page.locator("#answers-budget_ceiling-error").inner_text()
    )
    # the analysis tab shows the changed analysis
    page.goto(f"{server.url}/d/{decision}?tab=discovery&answered=reach_partner&since=2")
    page.get_by_role("link", name="See the full analysis").click()
    page.wait_for_selector("#ranking li")
    assert page.locator("#ranking li").count() == options_before + 1
    assert page.locator("#ranking li", has_text="Co-marketing partnership").count() == 1
    after = _weight(page, "time_to_impact")
    assert (before, after) == (18, 30)  # 17.5 % of the weight before, 30 % after
    # the board card carries the readiness
    page.goto(f"{server.url}/board")
    card = page.locator(f"#card-{decision}")
    assert re.search(r"Readiness\s+\d+/100", card.inner_text(), re.IGNORECASE)
    ctx.close()
    # phone width: the same pages fit the screen and stay accessible
    ctx = browser.new_context(viewport=PHONE, bypass_csp=True)
    page = ctx.new_page()
    sign_in(page, server)
    for name, url in (
        ("library", "/library?q=nobody+has+heard+of+us"),
        ("library-template", "/library/marketing-capability"),
        ("room-discovery", f"/d/{decision}?tab=discovery&answered=proof_point_months&since=1"),
    ):
        page.goto(server.url + url)
        page.evaluate("window.scrollTo(0, 0)")
        assert _fits(page), name
        found = axe_violations(page)
        if found:
            problems[f"{name} (phone)"] = found
        page.screenshot(path=str(shots / f"web-{name}-phone.png"))
    # the board's new-decision form with its template list fits a phone too
    page.goto(f"{server.url}/board")
    page.get_by_text("New decision").click()
    page.get_by_label("Start from").select_option("hiring")
    assert _fits(page), "board with the new-decision form open"
    found = axe_violations(page)
    if found:
        problems["board, new decision (phone)"] = found
    ctx.close()
    assert {k: v for k, v in problems.items() if v} == {}
