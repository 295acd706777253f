"""The library page, creating from a template, readiness, and the room's discovery guide (issue 14)."""

from __future__ import annotations

import re

from decisionroom.web.pages.library import highlight
from tests.web.pages_fixtures import csrf, field, sign_in, site  # noqa: F401


def _new(c, template: str, title: str = "", client: str = "") -> int:
    r = c.post(
        "/board/new",
        data={"template": template, "title": title, "client": client, "csrf_token": csrf(c)},
    )
    assert r.status_code == 303, r.text
    return int(r.headers["location"].split("/d/")[1].split("?")[0])


def _answer(c, decision_id: int, question: str, value: str, base: int | None = None):
    if base is None:
        html = c.get(f"/d/{decision_id}?tab=discovery").text
        base = int(field(html, "base"))
    return c.post(
        f"/d/{decision_id}/answer/{question}",
        data={f"answers.{question}": value, "base": str(base), "csrf_token": csrf(c)},
    )


def test_library_lists_every_template_and_is_in_the_navigation(site):  # noqa: F811
    c = site.client
    sign_in(c, "dana@example.com")
    assert '<a href="/library" >Library</a>' in c.get("/board").text
    html = c.get("/library").text
    assert '<a href="/library" aria-current="page">Library</a>' in html
    for title in (
        "Marketing capability: build, hire or buy",
        "Hiring for a role",
        "Entering a new market",
    ):
        assert title in html
    assert html.count('action="/board/new"') == 6  # a start button per template


def test_a_template_page_shows_factors_options_questions_insights(site):  # noqa: F811
    c = site.client
    sign_in(c, "dana@example.com")
    html = c.get("/library/marketing-capability").text
    assert '<tr id="factor-time_to_impact">' in html
    assert "10–25%" in html  # time to impact's typical weight range
    assert "Growth that arrives after the next funding round" in html  # its why
    assert (
        '<span class="tag">status-quo</span> <strong>Keep marketing as it is today</strong>' in html
    )
    assert '<li id="question-proof_point_months">' in html
    assert "When the answer is below 15: raise the weight of Time to impact to 25–35%." in html
    assert "Source: Binet &amp; Field, The Long and the Short of It, IPA (2013)" in html
    # the goal stage's questions come before the needs stage's
    assert html.index("<h3>Goal</h3>") < html.index("<h3>Needs</h3>")
    assert "Start a decision from this template" in html
    r = c.get("/library/no-such-template")
    assert r.status_code == 404
    assert "There is no template with this id in the library." in r.text


def test_search_ranks_and_highlights_without_javascript(site):  # noqa: F811
    c = site.client
    sign_in(c, "dana@example.com")
    html = c.get("/library", params={"q": "nobody has heard of us and our leads dried up"}).text
    hits = re.findall(
        r'<li class="hit">\s*<span class="tag k-(\w+)">\w+</span>\s*<a href="([^"]+)"', html
    )
    assert hits[0] == ("template", "/library/marketing-capability")
    assert "<mark>" in html
    # a question hit links to its question on the template page
    html = c.get("/library", params={"q": "investors board growth number"}).text
    assert "/library/marketing-capability#question-proof_point_months" in html


def test_search_query_is_escaped(site):  # noqa: F811
    c = site.client
    sign_in(c, "dana@example.com")
    attack = '<script>alert(1)</script> "><img src=x onerror=alert(2)> hiring'
    html = c.get("/library", params={"q": attack}).text
    assert "<script>alert(1)" not in html and "<img src=x" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    # a snippet's own text is escaped too; only the markers become <mark>
    assert str(highlight("a <b>x</b> **hire** & **y")) == (
        "a &lt;b&gt;x&lt;/b&gt; <mark>hire</mark> &amp; <mark>y</mark>"
    )


def test_search_errors_are_next_to_the_box(site):  # noqa: F811
    c = site.client
    sign_in(c, "dana@example.com")
    r = c.get("/library", params={"q": "the and of"})
    assert r.status_code == 422
    assert '<p class="error" id="library-q-error">Give some words to search for.</p>' in r.text
    assert 'aria-describedby="library-q-error"' in r.text
    r = c.get("/library", params={"q": "word " * 100})
    assert r.status_code == 422
    assert "Search with at most 400 characters." in r.text


def test_library_needs_sign_in(site):  # noqa: F811
    r = site.client.get("/library?q=crm")
    assert r.status_code == 303
    assert r.headers["location"] == "/login?next=/library%3Fq%3Dcrm"


def test_board_creates_from_any_template(site):  # noqa: F811
    c = site.client
    sign_in(c, "dana@example.com")
    html = c.get("/board").text
    assert '<option value="starter" selected>Blank starter' in html
    assert '<option value="hiring" >Hiring for a role — ' in html
    new_id = _new(c, "hiring", client="Initech")  # a blank title takes the template's
    doc = c.get(f"/api/v1/decisions/{new_id}").json()["decision"]
    assert (doc["title"], doc["client"], doc["template"], doc["stage"]) == (
        "Hiring for a role",
        "Initech",
        "hiring",
        "goal",
    )
    assert {f["id"] for f in doc["factors"]} >= {"role_skills"}
    r = c.post(
        "/board/new", data={"template": "crm-from-mars", "title": "x", "csrf_token": csrf(c)}
    )
    assert r.status_code == 422
    assert (
        '<p class="error" id="new-template-error">Choose a template from the list; '
        "this one is not in the library.</p>" in r.text
    )


def test_start_button_opens_the_discovery_guide(site):  # noqa: F811
    c = site.client
    sign_in(c, "dana@example.com")
    r = c.post(
        "/board/new",
        data={
            "template": "marketing-capability",
            "title": "Growth for Lumen",
            "csrf_token": csrf(c),
        },
    )
    assert r.status_code == 303
    assert r.headers["location"].endswith("?tab=discovery")


def test_readiness_on_the_card_and_in_the_room(site):  # noqa: F811
    c = site.client
    sign_in(c, "dana@example.com")
    c.get(f"/d/{site.decision_id}?tab=analysis")  # analyses and caches it
    html = c.get("/board").text
    card = html[html.index(f'id="card-{site.decision_id}"') :]
    found = re.search(r'<span class="sr">(\d+) out of 100</span>', card)
    assert found
    score = int(found.group(1))
    assert 0 <= score <= 100
    room = c.get(f"/d/{site.decision_id}?tab=map").text
    assert f"One-up readiness: {score} out of 100" in room
    assert "Goal measurable, with a horizon" in room
    assert "Every factor has a why" in room


def test_discovery_guide_lists_questions_current_stage_first(site):  # noqa: F811
    c = site.client
    sign_in(c, "dana@example.com")
    d = _new(c, "marketing-capability", "Growth for Lumen")
    html = c.get(f"/d/{d}?tab=discovery").text
    assert f'<a href="/d/{d}?tab=discovery" aria-current="page">Discovery</a>' in html
    heads = re.findall(r'<h3 class="stage-head">(\w+)', html)
    assert heads == ["Goal", "Challenges", "Needs", "Options"]
    assert "the client's stage now" in html
    assert 'name="answers.proof_point_months"' in html
    assert "One-up readiness" in html
    # a decision without a template says so
    html = c.get(f"/d/{site.decision_id}?tab=discovery").text
    assert "This decision did not start from a template" in html


def test_answer_applies_the_rules_and_shows_what_changed(site):  # noqa: F811
    c = site.client
    sign_in(c, "dana@example.com")
    d = _new(c, "marketing-capability", "Growth for Lumen")
    r = _answer(c, d, "proof_point_months", "9")
    assert r.status_code == 303
    assert r.headers["location"] == (
        f"/d/{d}?tab=discovery&answered=proof_point_months&since=1#consequences"
    )
    html = c.get(r.headers["location"].split("#")[0]).text
    assert "What the answer changed" in html
    assert "Weight of Time to impact raised from" in html
    assert "to 30.0% (suggested 25-35%)." in html
    assert "because the next proof point is less than 15 months away" in html
    assert "The analysis since version 1" in html
    assert "Time to impact 17.5% → 30.0%" in html  # the others give way in proportion
    assert "Expected growth impact 27.5% → 23.3%" in html
    assert re.search(r"Recommendation (unchanged|changed)", html)
    assert f'href="/d/{d}?tab=analysis">See the full analysis</a>' in html
    doc = c.get(f"/api/v1/decisions/{d}").json()
    assert doc["version"] == 2
    assert doc["decision"]["answers"] == {"proof_point_months": 9}
    history = c.get(f"/api/v1/decisions/{d}/versions").json()
    assert history[-1]["summary"] == "answered proof_point_months"
    # the answered question shows its answer and can be changed
    assert "Answered: 9" in html
    # a rule that adds an option: the ranking table shows it as new
    r = _answer(c, d, "reach_partner", "yes")
    html = c.get(r.headers["location"].split("#")[0]).text
    assert "Option to consider: Co-marketing partnership (partner)." in html
    assert re.search(r"<th scope=\"row\">Co-marketing partnership</th>.*?<td>new</td>", html, re.S)


def test_a_must_have_sets_options_aside(site):  # noqa: F811
    c = site.client
    sign_in(c, "dana@example.com")
    d = _new(c, "marketing-capability", "Growth for Lumen")
    r = _answer(c, d, "budget_ceiling", "200")
    html = c.get(r.headers["location"].split("#")[0]).text
    assert "First-year cost is now a must-have: at most 200 kEUR." in html
    assert "Set aside: " in html


def test_a_bad_answer_is_reported_next_to_its_field(site):  # noqa: F811
    c = site.client
    sign_in(c, "dana@example.com")
    d = _new(c, "marketing-capability", "Growth for Lumen")
    r = _answer(c, d, "proof_point_months", "soon")
    assert r.status_code == 422
    assert (
        '<p class="error" id="answers-proof_point_months-error">The answer must be a number '
        "(in months). Got &#39;soon&#39; instead.</p>" in r.text
    )
    assert 'value="soon"' in r.text  # the typing is kept
    r = _answer(c, d, "marketing_owner", "")  # no radio chosen
    assert r.status_code == 422
    assert (
        'id="answers-marketing_owner-error">Answer one of: a dedicated person; the founders; nobody.'
        in r.text
    )
    assert c.get(f"/api/v1/decisions/{d}").json()["version"] == 1
    r = _answer(c, d, "no_such_question", "1", base=1)
    assert r.status_code == 404


def test_a_stale_answer_gets_the_conflict_panel(site):  # noqa: F811
    c = site.client
    sign_in(c, "dana@example.com")
    d = _new(c, "marketing-capability", "Growth for Lumen")
    assert _answer(c, d, "own_or_rent", "own it", base=1).status_code == 303
    r = _answer(c, d, "proof_point_months", "9", base=1)
    assert r.status_code == 409
    assert "Someone saved this decision while you were editing" in r.text
    assert f'action="/d/{d}/answer/proof_point_months"' in r.text
    assert '<input type="hidden" name="answers.proof_point_months" value="9">' in r.text
    assert _answer(c, d, "proof_point_months", "9", base=2).status_code == 303
    answers = c.get(f"/api/v1/decisions/{d}").json()["decision"]["answers"]
    assert answers == {"own_or_rent": "own it", "proof_point_months": 9}


def test_a_viewer_cannot_answer(site):  # noqa: F811
    c = site.client
    sign_in(c, "dana@example.com")
    d = _new(c, "marketing-capability", "Growth for Lumen")
    viewer = site.browser()
    sign_in(viewer, "vic@example.com")
    html = viewer.get(f"/d/{d}?tab=discovery").text
    assert "answer-form" not in html and "Not answered yet." in html
    r = _answer(viewer, d, "proof_point_months", "9", base=1)
    assert r.status_code == 403
    assert c.get(f"/api/v1/decisions/{d}").json()["version"] == 1
    # without the CSRF token nobody can answer
    r = c.post(
        f"/d/{d}/answer/proof_point_months", data={"answers.proof_point_months": "9", "base": "1"}
    )
    assert r.status_code == 403


def test_stage_order_puts_the_clients_stage_first():
    from decisionroom.web.pages.discovery import stage_order

    assert stage_order("needs") == [
        "needs",
        "goal",
        "challenges",
        "options",
        "shortlist",
        "decision",
        "results",
    ]
    assert stage_order("goal")[0] == "goal" and len(stage_order("unknown")) == 7


def test_viewers_browse_the_library_but_start_nothing(site):  # noqa: F811
    c = site.client
    sign_in(c, "vic@example.com")
    assert 'action="/board/new"' not in c.get("/library").text
    assert "Start a decision from this template" not in c.get("/library/hiring").text
    r = c.post("/board/new", data={"template": "hiring", "csrf_token": csrf(c)})
    assert r.status_code == 403


def test_the_consequences_survive_a_reload_and_old_links(site):  # noqa: F811
    c = site.client
    sign_in(c, "dana@example.com")
    d = _new(c, "marketing-capability", "Growth for Lumen")
    url = _answer(c, d, "trust_sensitive", "yes").headers["location"].split("#")[0]
    first, again = c.get(url).text, c.get(url).text
    assert "Factor added: Brand safety, weighted 15.0%, with template estimates" in first
    assert "because a careless campaign in a trust-sensitive market" in first

    def panel(html: str) -> str:
        return html[html.index('id="consequences"') : html.index("Discovery questions")]

    assert panel(first) == panel(again)
    # a version that does not exist shows the guide without the panel
    html = c.get(f"/d/{d}?tab=discovery&answered=trust_sensitive&since=99").text
    assert 'id="consequences"' not in html and "Discovery questions" in html


def test_a_workspace_template_is_in_its_library_and_nowhere_else(site):  # noqa: F811
    """The pages read the workspace's own templates from the store (issue 14)."""
    import copy

    from decisionroom.library import Catalog
    from decisionroom.store import accounts, decisions
    from decisionroom.store import library as store_library

    own = copy.deepcopy(Catalog.load(None).get("hiring").model_dump(mode="json"))
    own.update(id="podcast-host", title="Signing a podcast host", concepts=["podcast host"])
    with site.store.transaction() as s:
        north = accounts.workspace_by_name(s, "northwind")
        store_library.save_template(s, north.id, own, decisions.Actor("dana"))
    c = site.client
    sign_in(c, "dana@example.com")
    c.cookies.set("decisionroom_workspace", "northwind")
    html = c.get("/library").text
    assert "Signing a podcast host" in html
    hits = c.get("/library", params={"q": "we need a podcast host"}).text
    assert '<a href="/library/podcast-host"' in hits
    assert "Signing a podcast host" in c.get("/library/podcast-host").text
    assert 'value="podcast-host"' in c.get("/board").text  # the board offers it
    decision = _new(c, "podcast-host", title="Host for the morning show")
    assert "Host for the morning show" in c.get(f"/d/{decision}?tab=discovery").text
    # another workspace (even the same user's) never sees it
    c.cookies.set("decisionroom_workspace", "dana-lab")
    assert "Signing a podcast host" not in c.get("/library").text
    assert c.get("/library/podcast-host").status_code == 404
