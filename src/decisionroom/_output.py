"""JSON output: finite numbers only, rounded to significant digits, no float noise."""

from __future__ import annotations

import json
import math
from typing import Any

import numpy as np

#: Significant digits kept in JSON output; enough to reproduce any ranking shown.
DIGITS = 6


def clean(value: Any, digits: int = DIGITS) -> Any:
    """Round floats to ``digits`` significant digits, recursively; NaN becomes None."""
    if isinstance(value, bool | None | str | int) and not isinstance(value, np.generic):
        return value
    if isinstance(value, float | np.floating):
        x = float(value)
        if not math.isfinite(x):
            return None
        return float(f"{x:.{digits}g}") + 0.0
    if isinstance(value, np.integer):
        return int(value)
    if isinstance(value, np.ndarray):
        return clean(value.tolist(), digits)
    if isinstance(value, dict):
        return {str(k): clean(v, digits) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [clean(v, digits) for v in value]
    return value


def to_json(data: Any) -> str:
    """Serialise analysis data as indented JSON."""
    return json.dumps(clean(data), indent=2, ensure_ascii=False)
