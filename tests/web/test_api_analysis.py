from __future__ import annotations

import json
import time

from sqlalchemy import func, select

from decisionroom.analysis import analyze
from decisionroom.model import load
from decisionroom.store import analyses
from decisionroom.store.tables import AnalysisCache, Decision
from tests.web.conftest import EXAMPLE


def test_analysis_matches_the_cli_json_and_is_cached(team, store):
    url = f"/api/v1/decisions/{team.decision_id}/analysis?smaa=2000"
    first = team.client.get(url, headers=team.owner)
    assert first.status_code == 200
    expected = analyze(load(EXAMPLE), smaa=2000, seed=0)
    assert [r["option"] for r in first.json()["ranking"]] == [r.option for r in expected.ranking]
    assert first.json()["smaa"]["samples"] == 2000
    again = team.client.get(url, headers=team.owner)
    assert again.json() == first.json()
    assert (first.headers["x-analysis-cache"], again.headers["x-analysis-cache"]) == ("miss", "hit")
    with store.transaction() as s:
        keys = s.scalars(select(AnalysisCache.key).order_by(AnalysisCache.key)).all()
    # the write cached the default analysis; this read added its own options' one
    assert sorted(keys) == sorted([analyses.DEFAULT_KEY, analyses.cache_key(None, {}, 2000, 0)])


def test_a_write_caches_the_new_versions_analysis(team, store):
    """Issue 12: the analysis of a new version is computed once, by the write, not per read."""
    url = f"/api/v1/decisions/{team.decision_id}"
    got = team.client.get(url, headers=team.owner)
    sent = team.client.patch(
        url,
        json={"title": "Marketing capability, weighed again"},
        headers={**team.owner, "If-Match": got.headers["etag"]},
    )
    assert sent.status_code == 200, sent.text
    read = team.client.get(f"{url}/analysis", headers=team.owner)
    assert read.headers["x-analysis-cache"] == "hit"
    assert read.headers["etag"] == f'"{sent.json()["version"]}"'
    with store.transaction() as s:
        document = dict(s.get(Decision, team.decision_id).document)  # type: ignore[union-attr]
    assert read.json() == analyses.compute(document)
    with store.transaction() as s:
        count = s.scalar(select(func.count()).select_from(AnalysisCache))
    assert count == 2  # version 1 and version 2, one analysis each


def _wait(team, job):
    for _ in range(600):
        state = team.client.get(job["url"], headers=team.owner).json()
        if state["status"] in ("done", "failed"):
            return state
        time.sleep(0.05)
    raise AssertionError("the job did not finish")


def test_large_smaa_runs_as_a_job(team):
    queued = team.client.get(
        f"/api/v1/decisions/{team.decision_id}/analysis?smaa=60000", headers=team.owner
    )
    assert queued.status_code == 202
    job = queued.json()
    assert queued.headers["location"] == job["url"]
    done = _wait(team, job)
    assert done["status"] == "done"
    result = team.client.get(done["result_url"], headers=team.owner)
    assert json.loads(result.content)["smaa"]["samples"] == 60000
    assert team.client.get(job["url"], headers=team.outsider).status_code == 404


TITLE = 'attachment; filename="marketing-capability-for-growth.{}"'


def test_brief_formats(team):
    base = f"/api/v1/decisions/{team.decision_id}/brief"
    md = team.client.get(f"{base}?format=md", headers=team.owner)
    assert md.status_code == 200 and md.headers["content-type"].startswith("text/markdown")
    assert md.text.startswith("# ")
    assert md.headers["content-disposition"] == TITLE.format("md")
    xlsx = team.client.get(f"{base}?format=xlsx", headers=team.owner)
    assert xlsx.content[:2] == b"PK"
    assert xlsx.headers["content-disposition"] == TITLE.format("xlsx")
    bad = team.client.get(f"{base}?format=doc", headers=team.owner)
    assert bad.status_code == 422 and bad.json()["errors"][0]["loc"] == ["query", "format"]


def test_long_brief_renders_are_jobs_with_named_results(team):
    """HTML and PPTX take a second or more: jobs, whose result is a named attachment."""
    base = f"/api/v1/decisions/{team.decision_id}/brief"
    for fmt, starts in (("html", b"<!doctype html"), ("pptx", b"pk")):
        queued = team.client.get(f"{base}?format={fmt}", headers=team.owner)
        assert queued.status_code == 202, queued.text
        done = _wait(team, queued.json())
        assert done["status"] == "done", done
        got = team.client.get(done["result_url"], headers=team.owner)
        assert got.content.lstrip()[: len(starts)].lower() == starts
        assert got.headers["content-disposition"] == TITLE.format(fmt)
        outsider = team.client.get(done["result_url"], headers=team.outsider)
        assert outsider.status_code == 404


def test_a_non_ascii_title_is_named_by_rfc_8187(team):
    team.client.patch(
        f"/api/v1/decisions/{team.decision_id}",
        json={"title": "Sélection CRM: Zürich 2027"},
        headers={**team.owner, "If-Match": '"1"'},
    ).raise_for_status()
    md = team.client.get(
        f"/api/v1/decisions/{team.decision_id}/brief?format=md", headers=team.owner
    )
    assert md.headers["content-disposition"] == (
        'attachment; filename="selection-crm-zurich-2027.md"; '
        "filename*=UTF-8''s%C3%A9lection-crm-z%C3%BCrich-2027.md"
    )


def test_pdf_brief_is_a_job(team):
    from tests.reports.conftest import require_pdf

    require_pdf()
    queued = team.client.get(
        f"/api/v1/decisions/{team.decision_id}/brief?format=pdf", headers=team.owner
    )
    assert queued.status_code == 202
    done = _wait(team, queued.json())
    assert done["status"] == "done", done
    pdf = team.client.get(done["result_url"], headers=team.owner)
    assert pdf.headers["content-type"] == "application/pdf" and pdf.content[:5] == b"%PDF-"
    assert pdf.headers["content-disposition"] == TITLE.format("pdf")


def test_crm_export_row(team):
    patched = team.client.patch(
        f"/api/v1/decisions/{team.decision_id}",
        json={"title": "=cmd|' /C calc'!A0"},
        headers={**team.owner, "If-Match": '"1"'},
    )
    assert patched.status_code == 200
    answer = team.client.get(f"/api/v1/decisions/{team.decision_id}/crm-export", headers=team.owner)
    assert answer.status_code == 200 and answer.headers["content-type"].startswith("text/csv")
    header, row = answer.content.decode("utf-8-sig").splitlines()
    assert header.startswith(
        "Decision ID,Opportunity Name,Account Name,Client Stage,Recommendation,Margin"
    )
    assert row.startswith(
        f"{team.decision_id},'=cmd|' /C calc'!A0,Lumen Media,shortlist,Northwind Growth Partners,"
    )


def test_a_brief_for_one_reader(team):
    """``for`` writes the brief for a stakeholder or a subject, as ``brief --for`` does."""
    base = f"/api/v1/decisions/{team.decision_id}/brief"
    subject = team.client.get(f"{base}?format=md&for=subject:brightline", headers=team.owner)
    assert subject.status_code == 200, subject.text
    assert "Brightline Marketing" in subject.text
    for other in ("Northwind Growth Partners", "Hire a head of marketing", "Keep founder-led"):
        assert other not in subject.text
    cfo = team.client.get(f"{base}?format=md&for=stakeholder:cfo", headers=team.owner)
    assert cfo.status_code == 200 and "Sam Okafor" in cfo.text
    queued = team.client.get(f"{base}?format=html&for=subject:brightline", headers=team.owner)
    assert queued.status_code == 202
    done = _wait(team, queued.json())
    html = team.client.get(done["result_url"], headers=team.owner).text
    assert "Brightline Marketing" in html and "Northwind Growth Partners" not in html
    bad = team.client.get(f"{base}?format=md&for=subject:nobody", headers=team.owner)
    assert bad.status_code == 422
    assert bad.json()["errors"][0]["loc"] == ["query", "for"]
    assert "'nobody' is not one of the decision's options" in bad.json()["errors"][0]["msg"]
