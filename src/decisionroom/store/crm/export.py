"""One CSV row per decision, ready to update the CRM: the recommendation and how sure it is.

Cells holding user text are made safe against formula injection (OWASP "CSV
injection"): text that a spreadsheet would run as a formula (starting with
``=``, ``+``, ``-``, ``@``, a tab or a carriage return) is prefixed with ``'``.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Mapping
from typing import Any

__all__ = ["COLUMNS", "crm_row", "export_csv", "safe"]

COLUMNS = (
    "Decision ID",
    "Opportunity Name",
    "Account Name",
    "Client Stage",
    "Recommendation",
    "Margin",
    "Winner First-Place Share",
    "Consensus Verdict",
    "Decision Version",
)
_FORMULA = ("=", "+", "-", "@", "\t", "\r")


def safe(value: Any) -> Any:
    """A cell value a spreadsheet shows as written (numbers stay numbers)."""
    if isinstance(value, str) and value.startswith(_FORMULA):
        return "'" + value
    return value


def crm_row(
    decision_id: int, version: int, document: Mapping[str, Any], analysis: Mapping[str, Any]
) -> dict[str, Any]:
    """The CRM fields of one decision from its analysis JSON."""
    ranking = analysis.get("ranking") or []
    winner = ranking[0] if ranking else None
    margin: float | None = None
    if len(ranking) > 1:
        margin = round(abs(float(ranking[0]["score"]) - float(ranking[1]["score"])), 6)
    share: float | None = None
    smaa = analysis.get("smaa") or {}
    if winner is not None and winner["option"] in (smaa.get("rank_acceptability") or {}):
        share = round(float(smaa["rank_acceptability"][winner["option"]][0]), 4)
    return {
        "Decision ID": decision_id,
        "Opportunity Name": document.get("title"),
        "Account Name": document.get("client") or "",
        "Client Stage": document.get("stage") or "",
        "Recommendation": (winner["name"] or winner["option"]) if winner else "",
        "Margin": "" if margin is None else margin,
        "Winner First-Place Share": "" if share is None else share,
        "Consensus Verdict": (analysis.get("consensus") or {}).get("verdict") or "",
        "Decision Version": version,
    }


def export_csv(rows: Iterable[Mapping[str, Any]]) -> bytes:
    """The rows as UTF-8 CSV (with a BOM, so spreadsheets read the accents right)."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for row in rows:
        writer.writerow([safe(row.get(c, "")) for c in COLUMNS])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")
