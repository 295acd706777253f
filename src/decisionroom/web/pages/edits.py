"""How each room form changes the decision file (pure functions: document + form -> document).

Rows are matched by id, not position, so applying a form to a newer version
(the merge after a conflict) keeps what a colleague added meanwhile.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from decisionroom.model.decision import KINDS
from decisionroom.web.pages.forms import Form, slug

__all__ = ["EDITS"]

Edit = Callable[[dict[str, Any], Form], dict[str, Any]]


def _by_id(items: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    return {str(x["id"]): x for x in items}


def about(doc: dict[str, Any], form: Form) -> dict[str, Any]:
    """Title, client and goal."""
    if not form.get("title"):
        form.errors["title"] = "Give the decision a title."
    doc["title"] = form.get("title")
    doc["client"] = form.text("client")
    statement, horizon = form.text("goal.statement"), form.text("goal.horizon")
    if statement:
        doc["goal"] = {"statement": statement, **({"horizon": horizon} if horizon else {})}
    elif horizon:
        form.errors["goal.statement"] = "Write the goal itself, not only its horizon."
    else:
        doc.pop("goal", None)
    return doc


def _rows(
    doc: dict[str, Any], form: Form, key: str, update: Callable[[dict[str, Any], str], None]
) -> dict[str, Any]:
    """Update, delete and reorder the rows of a list; ``update(item, prefix)`` sets fields."""
    items = [dict(x) for x in doc.get(key) or []]
    current = _by_id(items)
    order: dict[str, float] = {}
    for i in form.rows(key):
        prefix = f"{key}[{i}]"
        item = current.get(form.get(f"{prefix}.id"))
        if item is None:
            continue  # deleted by a colleague meanwhile
        if form.get(f"{prefix}.delete"):
            items = [x for x in items if x["id"] != item["id"]]
            continue
        update(item, prefix)
        position = form.number(f"{prefix}.order")
        order[item["id"]] = float(position) if position is not None else i + 1
    items.sort(key=lambda x: order.get(x["id"], len(items) + 1))
    doc[key] = items
    return doc


def challenges(doc: dict[str, Any], form: Form) -> dict[str, Any]:
    """Edit, delete and add challenges."""

    def update(item: dict[str, Any], prefix: str) -> None:
        item["statement"] = form.get(f"{prefix}.statement")
        if not item["statement"]:
            form.errors[f"{prefix}.statement"] = "Describe the challenge, or tick delete."

    doc = _rows(doc, form, "challenges", update)
    if form.get("new.statement"):
        taken = {c["id"] for c in doc["challenges"]}
        doc["challenges"].append(
            {
                "id": slug(form.get("new.id") or form.get("new.statement")[:30], taken),
                "statement": form.get("new.statement"),
            }
        )
    return doc


def needs(doc: dict[str, Any], form: Form) -> dict[str, Any]:
    """Edit, delete and add needs, each with the challenges it overcomes."""

    def update(item: dict[str, Any], prefix: str) -> None:
        item["statement"] = form.get(f"{prefix}.statement")
        item["challenges"] = form.getlist(f"{prefix}.challenges")
        if not item["statement"]:
            form.errors[f"{prefix}.statement"] = "Say what must be true, or tick delete."

    doc = _rows(doc, form, "needs", update)
    if form.get("new.statement"):
        taken = {n["id"] for n in doc["needs"]}
        doc["needs"].append(
            {
                "id": slug(form.get("new.id") or form.get("new.statement")[:30], taken),
                "statement": form.get("new.statement"),
                "challenges": form.getlist("new.challenges"),
            }
        )
    return doc


def _factor_fields(item: dict[str, Any], form: Form, prefix: str) -> None:
    item["name"] = form.text(f"{prefix}.name")
    for key in ("why", "unit"):
        value = form.text(f"{prefix}.{key}")
        if value:
            item[key] = value
        else:
            item.pop(key, None)
    item["needs"] = form.getlist(f"{prefix}.needs")
    direction = form.get(f"{prefix}.direction", "max")
    item["direction"] = direction if direction in ("max", "min") else "max"
    worst, best = form.number(f"{prefix}.value.worst"), form.number(f"{prefix}.value.best")
    if worst is not None and best is not None:
        item["value"] = {"worst": worst, "best": best}
    elif worst is None and best is None:
        item.pop("value", None)
    else:
        form.errors.setdefault(
            f"{prefix}.value.worst", "Give both bounds (worst and best) or neither."
        )
    low, high = form.number(f"{prefix}.must_have.min"), form.number(f"{prefix}.must_have.max")
    must = {k: v for k, v in (("min", low), ("max", high)) if v is not None}
    if must:
        item["must_have"] = must
    else:
        item.pop("must_have", None)


def factors(doc: dict[str, Any], form: Form) -> dict[str, Any]:
    """Edit, reorder, delete and add factors (a new one needs a value for every option)."""
    doc = _rows(doc, form, "factors", lambda item, p: _factor_fields(item, form, p))
    kept = {f["id"] for f in doc["factors"]}
    doc["performance"] = {
        o: {f: c for f, c in cells.items() if f in kept}
        for o, cells in (doc.get("performance") or {}).items()
    }
    _prune_weights(doc, kept)
    if form.get("new.name"):
        fid = slug(form.get("new.name"), kept)
        item: dict[str, Any] = {"id": fid}
        _factor_fields(item, form, "new")
        doc["factors"].append(item)
        for option in doc.get("options") or []:
            cell = form.estimate(f"new.perf.{option['id']}")
            doc["performance"].setdefault(option["id"], {})[fid] = cell
        if isinstance(doc.get("weights"), dict) and _plain(doc["weights"]):
            weight = form.number("new.weight", required=True)
            doc["weights"][fid] = weight
    return doc


def _plain(weights: dict[str, Any]) -> bool:
    return not ({"ranking", "swing", "pairwise", "best_worst", "objective"} & set(weights))


def _pruned(weights: Any, kept: set[str]) -> Any:
    """Weights without the deleted factors; comparisons that named one are asked again."""
    if not isinstance(weights, dict):
        return weights
    if _plain(weights):
        return {k: v for k, v in weights.items() if k in kept}
    if "ranking" in weights:
        return {"ranking": [f for f in weights["ranking"] if f in kept]} or None
    if "swing" in weights:
        left = {k: v for k, v in weights["swing"].items() if k in kept}
        top = max(left.values(), default=0)
        # the largest swing left is the new reference of 100, the others keep their ratios
        return {"swing": {k: round(100 * v / top, 6) for k, v in left.items()}} if top else None
    if "objective" in weights:
        return weights
    return None  # pairwise and best-worst answers lose their meaning without the factor


def _prune_weights(doc: dict[str, Any], kept: set[str]) -> None:
    if doc.get("weights") is not None:
        doc["weights"] = _pruned(doc["weights"], kept)
        if not doc["weights"]:
            doc.pop("weights")
    people = []
    for person in doc.get("stakeholders") or []:
        person = dict(person)
        if person.get("weights") is not None:
            person["weights"] = _pruned(person["weights"], kept)
            if not person["weights"]:
                person.pop("weights")
        people.append(person)
    if people:
        doc["stakeholders"] = people


def options(doc: dict[str, Any], form: Form) -> dict[str, Any]:
    """Edit, delete and add options (a new one needs a value on every factor)."""

    def update(item: dict[str, Any], prefix: str) -> None:
        item["name"] = form.text(f"{prefix}.name")
        kind = form.get(f"{prefix}.kind")
        if kind in KINDS:
            item["kind"] = kind
        else:
            item.pop("kind", None)
        item["ours"] = bool(form.get(f"{prefix}.ours"))
        item["shortlisted"] = not form.get(f"{prefix}.set_aside")

    doc = _rows(doc, form, "options", update)
    kept = {o["id"] for o in doc["options"]}
    doc["performance"] = {o: c for o, c in (doc.get("performance") or {}).items() if o in kept}
    if form.get("new.name"):
        oid = slug(form.get("new.name"), kept)
        item: dict[str, Any] = {"id": oid}
        update(item, "new")
        doc["options"].append(item)
        doc["performance"][oid] = {
            f["id"]: form.estimate(f"new.perf.{f['id']}") for f in doc.get("factors") or []
        }
    return doc


def performance(doc: dict[str, Any], form: Form) -> dict[str, Any]:
    """The performance grid: a value (or range) and its evidence per cell."""
    table: dict[str, dict[str, Any]] = {}
    for option in doc.get("options") or []:
        for factor in doc.get("factors") or []:
            o, f = option["id"], factor["id"]
            name = f"performance.{o}.{f}"
            old = (doc.get("performance") or {}).get(o, {}).get(f)
            value = form.estimate(name) if name in form.values else old
            evidence = form.text(f"evidence.{o}.{f}") if name in form.values else None
            if name not in form.values and isinstance(old, dict):
                value, evidence = old.get("value"), old.get("evidence")
            table.setdefault(o, {})[f] = (
                {"value": value, "evidence": evidence} if evidence else value
            )
    doc["performance"] = table
    return doc


def stakeholders(doc: dict[str, Any], form: Form) -> dict[str, Any]:
    """Edit, delete and add stakeholders: name, role, influence."""

    def update(item: dict[str, Any], prefix: str) -> None:
        for key in ("name", "role"):
            value = form.text(f"{prefix}.{key}")
            if value:
                item[key] = value
            else:
                item.pop(key, None)
        influence = form.number(f"{prefix}.influence")
        item["influence"] = influence if influence is not None else 1

    doc = _rows(doc, form, "stakeholders", update)
    if form.get("new.name"):
        taken = {p["id"] for p in doc["stakeholders"]}
        item: dict[str, Any] = {"id": slug(form.get("new.name"), taken)}
        update(item, "new")
        doc["stakeholders"].append(item)
    return doc


def weights(doc: dict[str, Any], form: Form) -> dict[str, Any]:
    """The decision's joint weights, from the analysis sliders."""
    out = {}
    for factor in doc.get("factors") or []:
        value = form.number(f"weights.{factor['id']}", required=True)
        if value is not None and value < 0:
            form.errors[f"weights.{factor['id']}"] = "A weight cannot be negative."
        out[factor["id"]] = value
    if all(v == 0 for v in out.values()):
        form.errors["weights"] = "At least one factor needs a weight above 0."
    doc["weights"] = out
    return doc


def method(doc: dict[str, Any], form: Form) -> dict[str, Any]:
    """The method the analysis uses."""
    doc["method"] = {"name": form.get("method.name") or "weighted-sum", "params": {}}
    return doc


EDITS: dict[str, tuple[Edit, str]] = {
    "about": (about, "map"),
    "challenges": (challenges, "map"),
    "needs": (needs, "map"),
    "factors": (factors, "factors"),
    "options": (options, "options"),
    "performance": (performance, "options"),
    "stakeholders": (stakeholders, "stakeholders"),
    "weights": (weights, "analysis"),
    "method": (method, "analysis"),
}
