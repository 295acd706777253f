"""Decisions from a CRM export: one per opportunity, on a template decision."""

from __future__ import annotations

import os
import re
import statistics
from collections.abc import Sequence
from typing import Any

from decisionroom.errors import ErrorDetail, InvalidInput
from decisionroom.model.decision import spread
from decisionroom.model.fileio import to_data
from decisionroom.model.validate import validate
from decisionroom.store.crm import mapping
from decisionroom.store.crm._csv import Row, Table, read_table

__all__ = ["read_opportunities"]


def _slug(text: str, taken: set[str]) -> str:
    base = re.sub(r"[^a-z0-9]+", "_", text.lower())[:60].strip("_") or "x"  # ids: 100 at most
    slug, n = base, 2
    while slug in taken:
        slug, n = f"{base}_{n}", n + 1
    taken.add(slug)
    return slug


def _kind(path: str | os.PathLike[str]) -> tuple[str, Table]:
    """Read the opportunities as Salesforce or HubSpot, by their header."""
    try:
        return "Salesforce", read_table(
            path, mapping.SALESFORCE_COLUMNS, ("name",), "Salesforce opportunity export"
        )
    except InvalidInput:
        pass
    try:
        return "HubSpot", read_table(
            path, mapping.HUBSPOT_COLUMNS, ("name",), "HubSpot deal export"
        )
    except InvalidInput:
        raise InvalidInput.at(
            f"{os.fspath(path)}: line 1",
            "This is neither a Salesforce opportunity export (column 'Opportunity Name') "
            "nor a HubSpot deal export (column 'Deal Name').",
            code="missing_column",
        ) from None


def read_opportunities(
    opportunities: str | os.PathLike[str],
    template: dict[str, Any],
    *,
    contacts: str | os.PathLike[str] | None = None,
    competitors: str | os.PathLike[str] | None = None,
) -> tuple[list[dict[str, Any]], list[str]]:
    """Decision-file data for every opportunity, and the notes for the user.

    Raises:
        InvalidInput: every broken row, by file and line; nothing is returned then.
    """
    crm, deals = _kind(opportunities)
    count = f"{len(deals.rows)} row" + ("" if len(deals.rows) == 1 else "s")
    notes = [f"{deals.source}: read as a {crm} export ({count})"]
    problems: list[ErrorDetail] = []
    tables = [deals]
    people = (
        read_table(contacts, mapping.CONTACT_COLUMNS, ("role",), "contact roles export")
        if contacts
        else None
    )
    rivals = (
        read_table(competitors, mapping.COMPETITOR_COLUMNS, ("name",), "competitors export")
        if competitors
        else None
    )
    tables += [t for t in (people, rivals) if t is not None]
    for table in tables:
        if table.ignored:
            notes.append(f"{table.source}: ignored unknown columns: {', '.join(table.ignored)}")
    kept = [k for k in mapping.KEPT_IN_CRM if any(r.get(k) for r in deals.rows)]
    if kept:
        shown = ", ".join(k.replace("_", " ") for k in kept)
        notes.append(
            f"{deals.source}: {shown} stay in the CRM; a decision file has no field for them"
        )
    by_key: dict[str, int] = {}
    out: list[dict[str, Any]] = []
    for row in deals.rows:
        decision = _decision(deals, row, template, problems, notes)
        for key in (row.get("id"), row.get("name").lower()):
            if key:
                by_key.setdefault(key, len(out))
        out.append(decision)
    if people is not None:
        _attach(people, by_key, out, problems, _add_contact)
    if rivals is not None:
        _attach(rivals, by_key, out, problems, _add_competitor)
    for decision in out:
        _finish_competitors(decision, notes)
    if problems:
        raise InvalidInput(problems)
    return out, notes


def _decision(
    table: Table, row: Row, template: dict[str, Any], problems: list[ErrorDetail], notes: list[str]
) -> dict[str, Any]:
    name = row.get("name")
    if not name:
        problems.append(ErrorDetail(table.where(row, "name"), "missing", "The name is empty."))
    decision: dict[str, Any] = {**template, "title": name or "untitled"}
    if row.get("client"):
        decision["client"] = row.get("client")
    stage = row.get("stage")
    if stage:
        mapped = mapping.STAGES.get(stage.lower())
        if mapped is None:
            notes.append(
                f"{table.where(row, 'Stage')}: {stage!r} is not a stage decisionroom knows; "
                "the template's stage is kept"
            )
        else:
            decision["stage"] = mapped
    decision["_contacts"] = []
    decision["_competitors"] = []
    return decision


def _attach(
    table: Table,
    by_key: dict[str, int],
    out: list[dict[str, Any]],
    problems: list[ErrorDetail],
    add: Any,
) -> None:
    for row in table.rows:
        key = row.get("opportunity_id") or row.get("opportunity").lower()
        index = by_key.get(key)
        if index is None:
            problems.append(
                ErrorDetail(
                    table.where(row, "opportunity"),
                    "unknown_opportunity",
                    "No opportunity in the export has this name or id.",
                    input=row.get("opportunity_id") or row.get("opportunity"),
                )
            )
            continue
        add(table, row, out[index], problems)


def _add_contact(
    table: Table, row: Row, decision: dict[str, Any], problems: list[ErrorDetail]
) -> None:
    name = row.get("name") or f"{row.get('first_name')} {row.get('last_name')}".strip()
    if not name:
        problems.append(
            ErrorDetail(table.where(row, "name"), "missing", "The contact has no name.")
        )
        return
    role, title = row.get("role"), row.get("title")
    decision["_contacts"].append(
        {
            "name": name,
            # The job title and the buying role together: "CFO (Economic Buyer)".
            "role": f"{title} ({role})" if title and role else title or role or None,
            "title": title or role or None,
            "crm_role": role,
            "influence": mapping.INFLUENCE.get(role.lower(), 1.0),
        }
    )


def _add_competitor(
    table: Table, row: Row, decision: dict[str, Any], problems: list[ErrorDetail]
) -> None:
    name = row.get("name")
    if not name:
        problems.append(
            ErrorDetail(table.where(row, "name"), "missing", "The competitor is empty.")
        )
        return
    parts = [
        f"Strengths: {row.get('strengths')}." if row.get("strengths") else "",
        f"Weaknesses: {row.get('weaknesses')}." if row.get("weaknesses") else "",
    ]
    decision["_competitors"].append({"name": name, "description": " ".join(p for p in parts if p)})


def _finish_competitors(decision: dict[str, Any], notes: list[str]) -> None:
    """Contacts become the stakeholders; competitors become external options."""
    contacts: Sequence[dict[str, Any]] = decision.pop("_contacts")
    rivals: Sequence[dict[str, Any]] = decision.pop("_competitors")
    if contacts:
        taken: set[str] = set()
        decision["stakeholders"] = [
            {
                "id": _slug(c["name"], taken),
                "name": c["name"],
                **({"role": c["role"]} if c["role"] else {}),
                "influence": c["influence"],
            }
            for c in contacts
        ]
        maker = next((c for c in contacts if c["crm_role"].lower() == "decision maker"), None)
        if maker is not None:
            decision["decision_maker"] = {"name": maker["name"], "role": maker["title"]}
    options = [dict(o) for o in decision["options"]]
    known = {str(o.get("name") or o["id"]).lower() for o in options}
    taken = {o["id"] for o in options}
    performance = {k: dict(v) for k, v in decision["performance"].items()}
    for rival in rivals:
        if rival["name"].lower() in known:
            continue
        known.add(rival["name"].lower())
        option_id = _slug(rival["name"], taken)
        option = {"id": option_id, "name": rival["name"], "kind": "external"}
        if rival["description"]:
            option["description"] = rival["description"]
        options.append(option)
        performance[option_id] = _unknown_performance(decision)
        notes.append(
            f"{decision['title']}: competitor {rival['name']!r} added as an option; its "
            "performance is not known yet, so each factor spans the other options' range "
            "until you enter evidence"
        )
    decision["options"] = options
    decision["performance"] = performance


def _unknown_performance(decision: dict[str, Any]) -> dict[str, Any]:
    model = validate({k: v for k, v in decision.items() if not k.startswith("_")})
    row: dict[str, Any] = {}
    for factor in model.factors:
        values = sorted(
            x
            for cells in model.performance.values()
            if factor.id in cells
            for x in spread(cells[factor.id])
        )
        low, high = values[0], values[-1]
        mid = statistics.median(values)
        value: Any = low if low == high else [low, mid, high]
        row[factor.id] = {
            "value": value,
            "evidence": "Not known yet: the range of the other options (imported from the CRM).",
        }
    return row


def template_data(path: str | os.PathLike[str]) -> dict[str, Any]:
    """The template decision as plain data (a decision file)."""
    from decisionroom.model import load

    return to_data(load(path))
