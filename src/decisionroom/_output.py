"""JSON output for programs: finite numbers only, floats exactly as computed.

The analysis JSON is read by programs (contract 2, ``docs/analysis-json.md``),
so floats keep full precision: a weight of 11/18 comes out as
0.6111111111111112, not 0.611111. Only the views for people (tables, the
explanation, briefs) round. NaN and infinities, which JSON cannot hold,
become null.
"""

from __future__ import annotations

import json
import math
import re
from typing import Any

import numpy as np


def clean(value: Any, digits: int | None = None) -> Any:
    """Plain JSON data, recursively: NaN becomes None, numpy types become Python's.

    ``digits`` rounds floats to that many significant digits (for fixtures
    and views); by default they are kept as computed.
    """
    if isinstance(value, bool | None | str | int) and not isinstance(value, np.generic):
        return value
    if isinstance(value, float | np.floating):
        x = float(value)
        if not math.isfinite(x):
            return None
        return (x if digits is None else float(f"{x:.{digits}g}")) + 0.0
    if isinstance(value, np.integer):
        return int(value)
    if isinstance(value, np.ndarray):
        return clean(value.tolist(), digits)
    if isinstance(value, dict):
        return {str(k): clean(v, digits) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [clean(v, digits) for v in value]
    return value


#: C1 controls (json.dumps escapes C0 itself), DEL, line separators and bidi controls:
#: written as ``\\uNNNN`` they stay the same strings but cannot act on a terminal.
_UNSAFE = re.compile("[\x7f-\x9f\u2028\u2029\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def to_json(data: Any) -> str:
    """Serialise analysis data as indented JSON, safe to print on a terminal."""
    text = json.dumps(clean(data), indent=2, ensure_ascii=False)
    # these characters can only occur inside JSON strings, where \uNNNN is the same text
    return _UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)
