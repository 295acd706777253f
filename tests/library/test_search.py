import json

import pytest

from decisionroom.library import Catalog
from decisionroom.library.search import query_terms, search
from tests.library.conftest import invoke

CATALOG = Catalog.load()

# Realistic descriptions of a client's situation, in the client's words rather than the
# template's: each shares at most a few words with the template's title and description.
DESCRIPTIONS = [
    (
        "We are a 40-person fintech and nobody outside our niche has heard of us; the founders run ads at night. Should we get someone to do this properly?",
        "marketing-capability",
    ),
    (
        "Our webshop traffic is flat and the two founders post on Instagram when they find time; should we train staff, recruit a marketer or pay specialists?",
        "marketing-capability",
    ),
    (
        "Leads dried up and competitors outspend us on Google and LinkedIn; outside help, or train the people we have?",
        "marketing-capability",
    ),
    (
        "Our sales reps keep customer notes in spreadsheets and email and we lose track of deals. Which system should we buy?",
        "software-platform",
    ),
    (
        "The warehouse team tracks stock in Excel and orders get lost; we are comparing cloud tools.",
        "software-platform",
    ),
    (
        "Our customer database is a mess and sales and support each use a different application.",
        "software-platform",
    ),
    (
        "Our two sysadmins are overwhelmed and keep quitting; we are thinking of letting a provider run our servers and helpdesk.",
        "outsourcing",
    ),
    (
        "Finance wants to move payroll and bookkeeping to an external service company to save cost.",
        "outsourcing",
    ),
    (
        "Management wants an external team to review our supply chain; we are comparing bids from several advisory houses.",
        "consultancy-selection",
    ),
    (
        "We need a partner firm to run the transformation programme; the big four pitched against a boutique.",
        "consultancy-selection",
    ),
    (
        "Customers in Scandinavia keep asking for our product and we are weighing a reseller against setting up a local entity.",
        "market-entry",
    ),
    (
        "The board asks whether to open a sales office in the US or keep serving American customers from London.",
        "market-entry",
    ),
    ("Our operations lead resigned and three people are interviewing for the job.", "hiring"),
    (
        "We have to fill the head of engineering seat before the summer and have a shortlist of four people.",
        "hiring",
    ),
]


@pytest.mark.parametrize(
    ("text", "expected"), DESCRIPTIONS, ids=lambda x: x[:40] if len(x) > 30 else x
)
def test_a_description_in_other_words_finds_its_template_first(text, expected):
    own = set(query_terms(CATALOG.get(expected).title + " " + CATALOG.get(expected).description))
    assert len(set(query_terms(text)) & own) <= 3  # the words are the client's, not the template's
    hits = search(CATALOG, text, limit=5)
    assert (hits[0].kind, hits[0].id) == ("template", expected)


def test_search_json_shape_and_order():
    result = invoke("library", "search", "structured interview", "--format", "json", "-n", "3")
    assert result.exit_code == 0, result.output
    hits = json.loads(result.output)
    assert [(h["kind"], h["id"]) for h in hits[:2]] == [
        ("insight", "structured-selection"),
        ("template", "hiring"),
    ]
    assert set(hits[0]) == {"kind", "id", "title", "score", "snippet", "template"}
    assert "**structured interviews**" in hits[0]["snippet"]
    scores = [h["score"] for h in hits]
    assert scores == sorted(scores, reverse=True)


def test_search_kind_filter():
    hits = json.loads(
        invoke("library", "search", "budget", "--kind", "question", "--format", "json").output
    )
    assert hits and all(h["kind"] == "question" for h in hits)
    bad = invoke("library", "search", "budget", "--kind", "page")
    assert bad.exit_code == 2
    assert bad.output.startswith(
        "error: --kind: The kind must be template, insight or question. Got 'page' instead."
    )


def test_search_table():
    out = invoke("library", "search", "reseller or a local entity", "-n", "1").output
    assert out.splitlines()[0].endswith("template  market-entry: Entering a new market")
    assert "**local entity**" in out.splitlines()[1]


def test_search_needs_words_and_ignores_query_syntax():
    empty = invoke("library", "search", "the of")
    assert empty.exit_code == 2
    assert empty.output == "error: TEXT: Give some words to search for. Got 'the of' instead.\n"
    odd = invoke("library", "search", 'NEAR(crm "', "--format", "json")
    assert odd.exit_code == 0 and json.loads(odd.output)[0]["id"] == "software-platform"
    assert invoke("library", "search", "zzzqx").output.startswith("No match; try other words")


def test_search_finds_user_templates(_own_templates_folder):
    from decisionroom.library.starter import to_template
    from decisionroom.model import load
    from decisionroom.model.fileio import dumps
    from tests.library.conftest import STARTUP

    data = to_template(
        load(STARTUP), "news-app-growth", "News app growth", "Grow a streaming news app."
    )
    data["concepts"] = ["podcast listeners", "newsroom"]
    (_own_templates_folder / "news.yaml").write_text(dumps(data))
    hits = json.loads(
        invoke("library", "search", "more podcast listeners", "--format", "json").output
    )
    assert hits[0]["id"] == "news-app-growth"
