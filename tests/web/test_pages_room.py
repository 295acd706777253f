"""The decision room: every tab, edits validated next to the field, conflicts merged, history."""

from __future__ import annotations

import re
import time

from tests.web.pages_fixtures import csrf, field, sign_in, site  # noqa: F401


def _post(c, url, data):
    return c.post(url, data={**data, "csrf_token": csrf(c)})


def _doc(c, d):
    return c.get(f"/api/v1/decisions/{d}").json()


def test_map_shows_the_chain_and_its_gaps_with_hints(site):  # noqa: F811
    c, d = site.client, site.decision_id
    sign_in(c, "dana@example.com")
    html = c.get(f"/d/{d}?tab=map").text
    assert 'class="t-goal ">' in html
    # add a need that answers no challenge: it stands out with the hint
    r = _post(
        c, f"/d/{d}/edit/needs", {"base": "1", "new.statement": "A budget line for marketing"}
    )
    assert r.status_code == 303
    html = c.get(f"/d/{d}?tab=map").text
    assert "This need overcomes no challenge: tick the challenge it answers." in html
    # a factor without a why is flagged too
    doc = _doc(c, d)
    assert doc["decision"]["needs"][-1] == {
        "id": "a_budget_line_for_marketing",
        "statement": "A budget line for marketing",
        "challenges": [],
    }


def test_goal_edit_and_errors_next_to_the_field(site):  # noqa: F811
    c, d = site.client, site.decision_id
    sign_in(c, "dana@example.com")
    r = _post(
        c,
        f"/d/{d}/edit/about",
        {
            "base": "1",
            "title": "",
            "client": "Lumen",
            "goal.statement": "",
            "goal.horizon": "2 years",
        },
    )
    assert r.status_code == 422
    assert 'id="title-error">Give the decision a title.</p>' in r.text
    assert 'id="goal-statement-error">Write the goal itself, not only its horizon.</p>' in r.text
    assert 'value="Lumen"' in r.text  # what was typed stays
    r = _post(
        c,
        f"/d/{d}/edit/about",
        {
            "base": "1",
            "title": "Growth marketing",
            "client": "Lumen",
            "goal.statement": "Top 3 in two years",
            "goal.horizon": "2 years",
        },
    )
    assert r.status_code == 303
    doc = _doc(c, d)["decision"]
    assert doc["title"] == "Growth marketing"
    assert doc["goal"] == {"statement": "Top 3 in two years", "horizon": "2 years"}


def test_factor_edit_add_reorder_delete_validated(site):  # noqa: F811
    c, d = site.client, site.decision_id
    sign_in(c, "dana@example.com")
    html = c.get(f"/d/{d}?tab=factors").text
    assert field(html, "factors[0].id") == "user_growth"
    # a bad number is reported next to its field, and nothing is saved
    r = _post(
        c,
        f"/d/{d}/edit/factors",
        {
            "base": "1",
            "factors[0].id": "user_growth",
            "factors[0].name": "Growth",
            "factors[0].direction": "max",
            "factors[0].value.worst": "lots",
            "factors[0].value.best": "5",
        },
    )
    assert r.status_code == 422
    assert "&#39;lots&#39; is not a number; write it like 12 or 12.5." in r.text
    assert 'id="factors-0-value-worst-error">&#39;lots&#39; is not a number' in r.text
    assert _doc(c, d)["version"] == 1
    # a new factor without values for every option is refused, located per option
    r = _post(
        c,
        f"/d/{d}/edit/factors",
        {
            "base": "1",
            "new.name": "Data privacy",
            "new.direction": "max",
            "new.why": "Regulated clients",
        },
    )
    assert r.status_code == 422
    assert (
        'id="new-perf-build-error">Enter a number, or a range as low, likely, high.</p>' in r.text
    )
    opts = ["build", "hire", "northwind", "brightline", "status_quo"]
    data = {
        "base": "1",
        "new.name": "Data privacy",
        "new.direction": "max",
        "new.why": "Regulated clients",
        "new.unit": "score",
    }
    data.update({f"new.perf.{o}": "3" for o in opts})
    data["new.perf.build"] = "2, 3, 5"
    r = _post(c, f"/d/{d}/edit/factors", data)
    assert r.status_code == 303, r.text[:2000]
    doc = _doc(c, d)["decision"]
    assert doc["factors"][-1]["id"] == "data_privacy"
    assert doc["performance"]["build"]["data_privacy"] == [2, 3, 5]
    # reorder (position) and delete
    html = c.get(f"/d/{d}?tab=factors").text
    ids = re.findall(r'name="factors\[(\d+)\]\.id" value="([^"]+)"', html)
    form = {"base": "2"}
    for i, fid in ids:
        form[f"factors[{i}].id"] = fid
        form[f"factors[{i}].direction"] = "max"
        form[f"factors[{i}].order"] = str(100 - int(i))
        form[f"factors[{i}].name"] = fid
    form["factors[0].delete"] = "1"
    # keep the other fields as they were for the ones we do not touch
    r = _post(c, f"/d/{d}/edit/factors", form)
    assert r.status_code == 303, r.text[:3000]
    doc = _doc(c, d)["decision"]
    assert [f["id"] for f in doc["factors"]][0] == "data_privacy"
    assert "user_growth" not in [f["id"] for f in doc["factors"]]
    assert "user_growth" not in doc["performance"]["build"]


def test_performance_grid_ranges_and_evidence(site):  # noqa: F811
    c, d = site.client, site.decision_id
    sign_in(c, "dana@example.com")
    html = c.get(f"/d/{d}?tab=options").text
    assert field(html, "performance.build.time_to_impact")
    r = _post(c, f"/d/{d}/edit/performance", {"base": "1", "performance.build.cost": "1, 2"})
    # cost is not a factor of this decision: ignored; time_to_impact is checked
    r = _post(
        c,
        f"/d/{d}/edit/performance",
        {
            "base": "1",
            "performance.build.time_to_impact": "9, 12",
            "evidence.build.time_to_impact": "",
        },
    )
    assert r.status_code == 422
    assert "A range is three numbers: low, likely, high (e.g. 9, 12, 18)." in r.text
    r = _post(
        c,
        f"/d/{d}/edit/performance",
        {
            "base": "1",
            "performance.build.time_to_impact": "9, 12, 18",
            "evidence.build.time_to_impact": "Two hires in 2025 took 4 months",
        },
    )
    assert r.status_code == 303
    cell = _doc(c, d)["decision"]["performance"]["build"]["time_to_impact"]
    assert cell == {"value": [9, 12, 18], "evidence": "Two hires in 2025 took 4 months"}


def test_a_stale_form_shows_what_changed_keeps_the_typing_and_merges(site):  # noqa: F811
    c, d = site.client, site.decision_id
    sign_in(c, "dana@example.com")
    other = site.browser()
    sign_in(other, "dana@example.com")
    # a colleague renames the client first (version 2)
    r = _post(
        other,
        f"/d/{d}/edit/about",
        {
            "base": "1",
            "title": "Marketing capability for growth",
            "client": "Lumen Group",
            "goal.statement": "Top 5 by users with 20% market share",
            "goal.horizon": "3 years",
        },
    )
    assert r.status_code == 303
    # we add a challenge on version 1
    r = _post(c, f"/d/{d}/edit/challenges", {"base": "1", "new.statement": "No analytics team"})
    assert r.status_code == 409
    assert "Someone saved this decision while you were editing" in r.text
    assert "version 2 by dana@example.com: changed client" in r.text
    assert "<code>/client: &#34;Lumen Media&#34; → &#34;Lumen Group&#34;</code>" in r.text
    assert 'value="No analytics team"' in r.text  # the typing is kept
    assert _doc(c, d)["version"] == 2
    # merge: the same form applied to version 2 keeps the colleague's change
    pairs = re.search(r'<section class="conflict".*?</section>', r.text, re.S).group(0)
    hidden = dict(re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)">', pairs))
    assert hidden["base"] == "2" and hidden["new.statement"] == "No analytics team"
    r = c.post(f"/d/{d}/edit/challenges", data=hidden)
    assert r.status_code == 303
    doc = _doc(c, d)["decision"]
    assert doc["client"] == "Lumen Group"
    assert doc["challenges"][-1]["statement"] == "No analytics team"


def test_stakeholders_links_and_who_answered(site):  # noqa: F811
    c, d = site.client, site.decision_id
    sign_in(c, "dana@example.com")
    r = _post(
        c,
        f"/d/{d}/edit/stakeholders",
        {"base": "1", "new.name": "Priya Shah", "new.role": "CMO", "new.influence": "2"},
    )
    assert r.status_code == 303
    html = c.get(f"/d/{d}?tab=stakeholders").text
    assert 'value="Priya Shah"' in html
    assert '<span class="warn">not yet</span>' in html
    r = _post(c, f"/d/{d}/links/priya_shah", {"show_options": "1"})
    assert r.status_code == 201
    url = re.search(r'id="new-link" readonly value="([^"]+)"', r.text).group(1)
    assert url.startswith("http://testserver/s/")
    token = url.rsplit("/", 1)[1]
    survey = site.browser()
    page = survey.get(f"/s/{token}")
    assert page.status_code == 200 and "For Priya Shah, CMO" in page.text
    r = survey.post(
        f"/s/{token}",
        data={
            "kind": "ranking",
            "ranking": [
                "execution_risk",
                "user_growth",
                "time_to_impact",
                "first_year_cost",
                "sector_experience",
                "capability_retained",
            ],
            "csrf_token": csrf(survey),
        },
    )
    assert r.status_code == 200, r.text[:500]
    html = c.get(f"/d/{d}?tab=stakeholders").text
    assert re.search(r"<td>yes, \d{4}-\d\d-\d\d \d\d:\d\d UTC</td>", html)
    assert "<td>Northwind Growth Partners</td>" in html  # their first choice, by name
    assert '<th scope="col">Sam Okafor</th>' in html
    # revoke: the link stops working at once
    link_id = re.search(r"/links/(\d+)/revoke", html).group(1)
    assert _post(c, f"/d/{d}/links/{link_id}/revoke", {}).status_code == 303
    assert survey.get(f"/s/{token}").status_code == 404


def test_analysis_tab_ranking_sliders_methods_and_charts(site):  # noqa: F811
    c, d = site.client, site.decision_id
    sign_in(c, "dana@example.com")
    html = c.get(f"/d/{d}?tab=analysis").text
    names = re.findall(r'<li data-option="([^"]+)">', html)
    assert names == ["northwind", "hire", "brightline", "build", "status_quo"]
    assert 'type="range" id="w-user_growth" name="weights.user_growth"' in html
    assert "data-live" in html
    charts = c.get(f"/d/{d}/charts").text
    assert charts.count("<svg") >= 4 and "<script" not in charts
    # apply weights from the sliders: a new version with those joint weights
    weights = {
        "weights.user_growth": "5",
        "weights.time_to_impact": "5",
        "weights.first_year_cost": "80",
        "weights.sector_experience": "5",
        "weights.capability_retained": "3",
        "weights.execution_risk": "2",
    }
    r = _post(c, f"/d/{d}/edit/weights", {"base": "1", **weights})
    assert r.status_code == 303
    html = c.get(f"/d/{d}?tab=analysis").text
    assert re.findall(r'<li data-option="([^"]+)">', html)[0] == "status_quo"
    # the method switcher
    r = _post(c, f"/d/{d}/edit/method", {"base": "2", "method.name": "topsis"})
    assert r.status_code == 303
    html = c.get(f"/d/{d}?tab=analysis").text
    assert '<option value="topsis" selected>' in html and "data-live" not in html


def test_history_view_and_restore(site):  # noqa: F811
    c, d = site.client, site.decision_id
    sign_in(c, "dana@example.com")
    _post(c, f"/d/{d}/stage", {"stage": "results"})
    html = c.get(f"/d/{d}?tab=history").text
    assert "Version 2</a> · dana@example.com" in html and "moved to results" in html
    assert "<code>/stage: &#34;shortlist&#34; → &#34;results&#34;</code>" in html
    html = c.get(f"/d/{d}?tab=history&v=1").text
    assert "Restore version 1" in html
    r = _post(c, f"/d/{d}/restore/1", {})
    assert r.status_code == 303
    doc = _doc(c, d)
    assert doc["version"] == 3 and doc["decision"]["stage"] == "shortlist"


def test_brief_downloads_and_the_long_renders_as_jobs(site):  # noqa: F811
    c, d = site.client, site.decision_id
    sign_in(c, "dana@example.com")
    html = c.get(f"/d/{d}?tab=brief").text
    for fmt in ("md", "xlsx"):
        assert f'href="/api/v1/decisions/{d}/brief?format={fmt}&for=decision-maker"' in html
    for fmt in ("html", "pptx", "pdf"):
        assert f'hx-post="/d/{d}/brief/{fmt}"' in html
    assert c.get(f"/api/v1/decisions/{d}/brief?format=md").text.startswith("# ")
    for fmt, label, magic in (("pptx", "PowerPoint slides", b"PK"), ("pdf", "PDF brief", b"%PDF")):
        r = _post(c, f"/d/{d}/brief/{fmt}", {})
        assert r.status_code == 200 and "hx-get=" in r.text and "<progress" in r.text
        job = re.search(r"/jobs/(\d+)", r.text).group(1)
        for _ in range(120):
            r = c.get(f"/d/{d}/jobs/{job}")
            if f"download the {label}" in r.text:
                break
            time.sleep(0.5)
        assert f"download the {label}" in r.text
        got = c.get(f"/api/v1/jobs/{job}/result")
        assert got.content.startswith(magic)
        assert got.headers["content-disposition"].endswith(f'growth.{fmt}"')
    assert _post(c, f"/d/{d}/brief/md", {}).status_code == 404


def test_the_brief_tab_writes_for_one_reader(site):  # noqa: F811
    """Issue 10's views in the room: a stakeholder's or an option's own brief."""
    c, d = site.client, site.decision_id
    sign_in(c, "dana@example.com")
    html = c.get(f"/d/{d}?tab=brief").text
    assert '<option value="stakeholder:cfo" >Stakeholder: Sam Okafor</option>' in html
    assert '<option value="subject:brightline" >The option itself: Brightline' in html
    html = c.get(f"/d/{d}", params={"tab": "brief", "for": "subject:brightline"}).text
    preview = html[html.index('id="prev-title"') : html.index('id="dl-title"')]
    assert "Brightline Marketing" in preview
    for other in ("Northwind Growth Partners", "Hire a head of marketing"):
        assert other not in preview
    assert 'brief?format=md&for=subject%3Abrightline"' in html
    assert 'name="for" value="subject:brightline"' in html
    r = _post(c, f"/d/{d}/brief/pdf", {"for": "subject:brightline"})
    assert r.status_code == 200 and "<progress" in r.text
    html = c.get(f"/d/{d}", params={"tab": "brief", "for": "subject:nobody"}).text
    assert "&#39;nobody&#39; is not one of the decision&#39;s options" in html
    assert _post(c, f"/d/{d}/brief/pdf", {"for": "stakeholder:nobody"}).status_code == 422


def test_viewer_sees_the_room_without_forms(site):  # noqa: F811
    c, d = site.client, site.decision_id
    sign_in(c, "vic@example.com")
    for tab in ("map", "factors", "options", "stakeholders", "analysis", "history"):
        html = c.get(f"/d/{d}?tab={tab}").text
        assert "viewers cannot change it." in html
        assert not re.search(r"<button[^>]*>(Save|Apply|Use|Restore|Create)", html), tab
    r = _post(c, f"/d/{d}/edit/about", {"base": "1", "title": "x"})
    assert r.status_code == 403
