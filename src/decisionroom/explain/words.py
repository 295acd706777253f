"""Numbers and lists in words: the one place explanations format values."""

from __future__ import annotations

from collections.abc import Sequence


def pct(x: float, digits: int = 0) -> str:
    """A share as a percentage: 0.412 -> '41%'."""
    value = round(100 * x, digits)
    text = f"{value:.{digits}f}" if digits else f"{value:.0f}"
    return f"{text}%"


def num(x: float, digits: int = 2) -> str:
    """A number with at most ``digits`` decimals and no trailing zeros: 3.50 -> '3.5'."""
    text = f"{x:,.{digits}f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def quantity(x: float, unit: str | None, digits: int = 2) -> str:
    """A value with its unit: '12 months', '35 % per year', '360 kEUR'."""
    text = num(x, digits)
    if not unit:
        return text
    if unit.startswith("%"):
        return f"{text}{unit}"
    if "score" in unit or "rating" in unit:  # "4 (score 0-10)", not "4 score 0-10"
        return f"{text} ({unit})"
    return f"{text} {unit}"


def fixed(x: float, digits: int = 3) -> str:
    """A score with fixed decimals, so scores line up: 0.070, 0.682."""
    return f"{x:.{digits}f}"


def signed(x: float, digits: int = 3) -> str:
    """A difference with its sign and fixed decimals: +0.040, -0.033."""
    return f"{x:+.{digits}f}"


def first_clause(text: str) -> str:
    """The first clause of a statement, for quoting it inside a sentence."""
    for mark in (";", ":", ". "):
        head, sep, _ = text.partition(mark)
        if sep and len(head) >= 20:
            text = head
    return text.strip().rstrip(".")


def join(items: Sequence[str], word: str = "and") -> str:
    """['a', 'b', 'c'] -> 'a, b and c'."""
    items = list(items)
    if not items:
        return ""
    if len(items) == 1:
        return items[0]
    return f"{', '.join(items[:-1])} {word} {items[-1]}"


def times(n: int) -> str:
    """10000 -> '10,000'."""
    return f"{n:,}"


#: First-rank acceptability thresholds for the safety verdict (documented in the README).
SAFE, FAIRLY_SAFE = 0.8, 0.5


def safety_verdict(acceptability: float) -> str:
    """Plain words for a first-rank acceptability."""
    if acceptability >= SAFE:
        return "a safe choice"
    if acceptability >= FAIRLY_SAFE:
        return "a fairly safe choice"
    return "an uncertain choice"


def decimals_of(values: Sequence[float], most: int = 4) -> int:
    """How many decimals the user wrote: 143.88 -> 2, 4 -> 0 (at most ``most``)."""
    found = 0
    for x in values:
        text = f"{x:.{most}f}".rstrip("0")
        found = max(found, len(text.partition(".")[2]))
    return found


def round_toward(x: float, decimals: int, up: bool) -> float:
    """``x`` rounded to ``decimals``, up or down, so a threshold stays reached."""
    import math

    scale = 10.0**decimals
    return float(math.ceil(x * scale - 1e-9) if up else math.floor(x * scale + 1e-9)) / scale
