"""Write ``bench/results/<name>.json`` and ``<name>.md``."""

from __future__ import annotations

import json
import os

from bench._timing import ROOT, Timing, fmt_bytes, fmt_seconds

TITLES = {
    "methods": "TOPSIS, VIKOR, weighted sum (random matrices, 10 factors, every third a cost)",
    "promethee": "PROMETHEE II, linear preference function (q = 5, p = 20 on values 1..100)",
    "ahp": "AHP priorities of a batch of pairwise matrices (principal eigenvector)",
    "smaa": "SMAA-2 rank acceptability, 10 options x 10 factors",
    "e2e": "End to end (SMAA 10,000 samples, the command's default)",
    "command": "Whole command on long lists: `rank` with robustness and SMAA 10,000, process "
    "start to exit; peak memory is the process's maximum resident set",
}


def _timing(d: dict | None) -> Timing | None:
    return None if d is None else Timing(**d)


def _ratio_cells(rows: list[dict]) -> list[str]:
    """Each row's time over the fastest peer's time in the same case."""
    peers = [r for r in rows if r["side"] != "decisionroom" and r["timing"]]
    done = [r["timing"]["seconds"] for r in peers if r["timing"]["seconds"]]
    late = [r["timing"]["timed_out"] for r in peers if r["timing"]["timed_out"]]
    cells = []
    for r in rows:
        t = r["timing"]
        if not t or not t["seconds"]:
            cells.append("–")
        elif done:
            cells.append(f"{t['seconds'] / min(done):.3g}×")
        elif late:
            cells.append(f"< {t['seconds'] / min(late):.2g}×")
        else:
            cells.append("no peer")
    return cells


def _agree_cell(a: dict | None) -> str:
    if a is None:
        return ""
    if a["ok"]:
        return f"yes ({a['max_abs_diff']:.0e})"
    return f"**no**: {a['why']}"


def markdown(info: dict, results: dict) -> str:
    peers = ", ".join(f"{k} {v}" for k, v in info["peers"].items()) or "none"
    lines = [
        f"# decisionroom benchmarks ({info['mode']})",
        "",
        f"- date: {info['date']}; commit {info['commit']}; decisionroom {info['decisionroom']}",
        f"- machine: {info['cpu']}, {info['cores']} cores; Python {info['python']}, "
        f"NumPy {info['numpy']}",
        f"- peers: {peers}" + (f" ({info['peers_note']})" if info["peers_note"] else ""),
        f"- time: {info['timing']}",
        f"- memory: {info['memory']}",
        "- ratio: the row's median time over the fastest agreeing peer's in the same case "
        "(below 1× is faster than every peer; `< x` when every peer timed out)",
        "- agrees: a peer's scores are checked against ours before it is timed (max |diff| "
        "shown); a peer that disagrees is reported, not timed",
        f"- whole run: {results['seconds']:.0f} s",
        "",
    ]
    for group, title in TITLES.items():
        rows = [r for r in results["rows"] if r["group"] == group]
        if not rows:
            continue
        lines += [
            f"## {title}",
            "",
            "| case | side | how | median | runs | peak memory | ratio to fastest peer | agrees |",
            "|---|---|---|---:|---:|---:|---:|---|",
        ]
        cases = list(dict.fromkeys(r["case"] for r in rows))
        for case in cases:
            in_case = [r for r in rows if r["case"] == case]
            for r, ratio in zip(in_case, _ratio_cells(in_case), strict=True):
                t = _timing(r["timing"])
                median = fmt_seconds(t) if t else "not timed"
                if t and t.seconds and t.note:
                    median += f" ({t.note})"
                runs = str(t.runs) if t and t.runs else "–"
                peak = fmt_bytes(t.peak_bytes) if t else "–"
                lines.append(
                    f"| {case} | {r['side']} | {r['how']} | {median} | {runs} | "
                    f"{peak} | {ratio} | {_agree_cell(r['agreement'])} |"
                )
        lines.append("")
    lines += ["## Targets (issues 5 and 9)", ""]
    for t in results["targets"]:
        mark = {True: "**met**", False: "**not met**", None: "not measured"}[t["met"]]
        lines.append(f"- {mark}: {t['target']} — {t['value']}")
    lines.append("")
    return "\n".join(lines)


def write(info: dict, results: dict, name: str, *, quick: bool) -> list[str]:
    out = os.path.join(ROOT, "bench", "results")
    os.makedirs(out, exist_ok=True)
    js = os.path.join(out, f"{name}.json")
    md = os.path.join(out, f"{name}.md")
    with open(js, "w", encoding="utf-8") as fh:
        json.dump({"machine": info, **results}, fh, indent=1)
        fh.write("\n")
    with open(md, "w", encoding="utf-8") as fh:
        fh.write(markdown(info, results))
    return [js, md]
