"""The library page: templates with their factors, options, questions and insights; ranked search.

Every page reads the catalog through :func:`_catalog` and searches through
:func:`_search`, so a workspace's store-backed catalog replaces the template
files in one place (issue 14). Search hits mark their matched words with
``**``; :func:`highlight` escapes everything else and turns those marks into
``<mark>``, so a query or a user template can never inject markup.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse
from markupsafe import Markup, escape

from decisionroom.errors import DecisionroomError
from decisionroom.library import Catalog, Template, default_user_folder
from decisionroom.library.search import Hit, search
from decisionroom.library.template import (
    AddFactor,
    AddOption,
    Condition,
    FlagRisk,
    MustHaveEffect,
    Rule,
    WeightEffect,
)
from decisionroom.model.decision import STAGES
from decisionroom.web.pages.render import error_page, message_of, page, signed_in
from decisionroom.web.pages.security import check_csrf

__all__ = ["highlight", "rule_text", "safe_catalog"]

router = APIRouter(dependencies=[Depends(check_csrf)], include_in_schema=False)
MAX_QUERY = 400

# Parsed catalogs by the user folder's listing: parsing the YAML files takes about 100 ms,
# so it happens again only when a file there changes. Derived from files, never state.
_CATALOGS: dict[tuple[Any, ...], Catalog] = {}
_CATALOGS_MAX = 4


def _folder_state(folder: Path) -> tuple[Any, ...]:
    try:
        stats = [
            (p.name, p.stat().st_mtime_ns, p.stat().st_size)
            for p in folder.iterdir()
            if p.suffix.lower() in (".yaml", ".yml", ".json")
        ]
    except OSError:
        stats = []
    return (str(folder), tuple(sorted(stats)))


def _catalog(request: Request, workspace_id: int | None = None) -> Catalog:
    """The templates this request may use: shipped, the user folder's, the workspace's own.

    The workspace's templates come from the store (docs/library.md, "In the
    team store") and win on the same id; no workspace sees another's.

    Raises:
        InvalidTemplate: a file in the user folder is not a valid template.
    """
    folder = default_user_folder()
    key = _folder_state(folder)
    if key not in _CATALOGS:
        if len(_CATALOGS) >= _CATALOGS_MAX:
            _CATALOGS.pop(next(iter(_CATALOGS)))
        _CATALOGS[key] = Catalog.load(folder)
    catalog = _CATALOGS[key]
    if workspace_id is None:
        return catalog
    from decisionroom.store import library as store_library

    with request.app.state.store.transaction(read_only=True) as session:
        rows = store_library.list_templates(session, workspace_id)
        own = [store_library.template_of(row) for row in rows]
    return catalog.with_templates(own) if own else catalog


def _search(request: Request, text: str, workspace_id: int | None = None) -> list[Hit]:
    """The ranked hits of a free-text query over the catalog (templates, insights, questions).

    With a workspace the store searches (PostgreSQL full-text search for teams,
    FTS5 over the workspace's catalog on SQLite).

    Raises:
        InvalidParameter: the text holds no word to search for.
    """
    if workspace_id is None:
        return search(_catalog(request), text, limit=12)
    from decisionroom.store.library import search_library

    store = request.app.state.store
    return search_library(store, workspace_id, text, 12, user_folder=default_user_folder())


def safe_catalog(request: Request, workspace_id: int | None = None) -> tuple[Catalog, str]:
    """The catalog, or the shipped templates and the reason when a user template is broken.

    The board and the room keep working with a broken user template; the
    library page shows the error itself.
    """
    try:
        return _catalog(request, workspace_id), ""
    except DecisionroomError as exc:
        return Catalog.load(None), message_of(exc)


def highlight(snippet: str) -> Markup:
    """A search snippet as HTML: text escaped, ``**word**`` as ``<mark>word</mark>``."""
    parts = snippet.split("**")
    return Markup("").join(
        Markup("<mark>{}</mark>").format(part) if i % 2 else escape(part)
        for i, part in enumerate(parts)
    )


def hit_url(hit: Hit) -> str:
    """Where a hit is shown: its template's page, at the insight or question."""
    if hit.kind == "template":
        return f"/library/{hit.id}"
    return f"/library/{hit.template}#{hit.kind}-{hit.id}"


def _value(v: Any) -> str:
    if isinstance(v, bool):
        return "yes" if v else "no"
    if isinstance(v, float | int):
        return f"{v:g}"
    return f"“{v}”"


def condition_text(c: Condition) -> str:
    """When a rule applies, in words."""
    if c.equals is not None:
        return f"the answer is {_value(c.equals)}"
    if c.in_ is not None:
        return "the answer is " + " or ".join(_value(v) for v in c.in_)
    if c.below is not None:
        return f"the answer is below {c.below:g}"
    return f"the answer is at least {c.at_least:g}"


def effect_text(effect: Any, template: Template) -> str:
    """What one effect of a rule does, in words."""
    names = {f.id: f.name for f in template.factors}
    if isinstance(effect, WeightEffect):
        verb = "raise" if effect.effect == "raise_weight" else "lower"
        low, high = effect.range
        return f"{verb} the weight of {names[effect.factor]} to {low:g}–{high:g}%"
    if isinstance(effect, MustHaveEffect):
        limits = [f"at least {effect.min:g}"] if effect.min is not None else []
        limits += [f"at most {effect.max:g}"] if effect.max is not None else []
        if effect.limit is not None:
            limits.append(f"the answer as its {'minimum' if effect.limit == 'min' else 'maximum'}")
        return f"make {names[effect.factor]} a must-have ({', '.join(limits)})"
    if isinstance(effect, AddFactor):
        return f"add the factor {names[effect.factor]}"
    if isinstance(effect, AddOption):
        option = next(o for o in template.options if o.id == effect.option)
        return f"add the option {option.name}"
    assert isinstance(effect, FlagRisk)
    return f"flag a risk: {effect.risk.strip()}"


def rule_text(rule: Rule, template: Template) -> str:
    """A rule in one sentence: when, what, and the effects (the reason is shown apart)."""
    effects = "; ".join(effect_text(e, template) for e in rule.then)
    return f"When {condition_text(rule.when)}: {effects}."


def _writer(pg: Any) -> bool:
    return pg.current is not None and pg.can_write(pg.current)


@router.get("/library")
def library(request: Request, q: str = "") -> HTMLResponse:
    """The templates, and ranked hits for a search (the htmx search swaps ``#hits`` only)."""
    with signed_in(request) as pg:
        writer = _writer(pg)
    catalog, problem = safe_catalog(request, pg.current)
    if problem:
        return error_page(request, 422, problem)
    hits: list[Hit] = []
    error, status = "", 200
    if len(q) > MAX_QUERY:
        error, status = f"Search with at most {MAX_QUERY} characters.", 422
    elif q.strip():
        try:
            hits = _search(request, q, pg.current)
        except DecisionroomError as exc:
            error, status = message_of(exc), 422
    titles = {t.id: t.title for t in catalog.templates}
    return page(
        request,
        "library.html",
        pg,
        status,
        catalog=catalog,
        q=q,
        hits=hits,
        error=error,
        titles=titles,
        highlight=highlight,
        hit_url=hit_url,
        writer=writer,
    )


@router.get("/library/{template_id}")
def template_page(request: Request, template_id: str) -> HTMLResponse:
    """One template: factors with their why and weight range, options, questions, insights."""
    with signed_in(request) as pg:
        writer = _writer(pg)
    catalog, problem = safe_catalog(request, pg.current)
    if problem:
        return error_page(request, 422, problem)
    template = next((t for t in catalog.templates if t.id == template_id), None)
    if template is None:
        return error_page(request, 404, "There is no template with this id in the library.")
    by_stage = {s: [q for q in template.questions if q.stage == s] for s in STAGES}
    return page(
        request,
        "library_template.html",
        pg,
        t=template,
        by_stage={s: qs for s, qs in by_stage.items() if qs},
        factor_names={f.id: f.name for f in template.factors},
        rule_text=rule_text,
        user_template=template.id in catalog.user_ids | catalog.workspace_ids,
        writer=writer,
    )
