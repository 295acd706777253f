"""The measurements, group by group; each returns rows for the report and target checks."""

from __future__ import annotations

import os
import tempfile
import time
from collections.abc import Callable
from typing import Any

from bench import ahp_batch, end_to_end, methods, smaa
from bench._timing import Timing, in_subprocess, measure

Log = Callable[[str], None]
TOL = 1e-9  # scores: ours and a peer compute the same formula in floating point


def row(
    group: str,
    case: str,
    side: str,
    how: str,
    timing: Timing | None,
    agreement: dict | None = None,
    **extra: Any,
) -> dict:
    return {
        "group": group,
        "case": case,
        "side": side,
        "how": how,
        "timing": timing.to_dict() if timing else None,
        "agreement": agreement,
        **extra,
    }


def run_all(groups: list[str], peers: dict[str, str], *, quick: bool, exe: str, log: Log) -> dict:
    out: dict[str, Any] = {"rows": [], "targets": []}
    started = time.perf_counter()
    for name in groups:
        log(f"[{time.perf_counter() - started:6.1f} s] {name} ...")
        rows, targets = GROUPS[name](peers, quick, exe, log)
        out["rows"].extend(rows)
        out["targets"].extend(targets)
    out["seconds"] = time.perf_counter() - started
    return out


# ------------------------------------------------------------------ methods


def run_methods(peers, quick, exe, log):
    sizes = [10_000] if quick else [1_000, 10_000]
    budget = 0.3 if quick else 2.0
    rows, speedups = [], {}
    m = 10
    for variant in methods.VARIANTS:
        if variant == "promethee-ii-linear":
            continue
        higher = methods.VARIANTS[variant][2]
        for n in sizes:
            case = f"{variant} {n:,} x {m}"
            ours_t, ours_scores = measure(methods.ours(variant, n, m), budget=budget)
            rows.append(row("methods", case, "decisionroom", _our_how(variant), ours_t))
            best = None
            for p in methods.PEERS[variant]:
                if p not in peers:
                    continue
                how = methods.HOW[(p, variant)]
                fn = methods.peer(p, variant, n, m)
                check = methods.agree(ours_scores, fn(), higher, TOL)  # first: same results?
                if not check["ok"]:
                    rows.append(row("methods", case, p, how, None, check))
                    continue
                t, _ = measure(fn, budget=budget)
                rows.append(row("methods", case, p, how, t, check))
                best = t.seconds if best is None else min(best, t.seconds)
            if n == 10_000:
                speedups[variant] = None if best is None else best / ours_t.seconds
            log(
                f"  {case}: ours {ours_t.seconds * 1e3:.2f} ms, fastest peer "
                f"{'-' if best is None else f'{best * 1e3:.2f} ms'}"
            )
    targets = []
    for variant, s in speedups.items():
        targets.append(
            {
                "target": f"{variant} at 10,000 x 10: >= 1.5x faster than the fastest peer",
                "value": "no agreeing peer measured" if s is None else f"{s:.1f}x",
                "met": None if s is None else s >= 1.5,
            }
        )
    return rows, targets


def _our_how(variant: str) -> str:
    method, params, _ = methods.VARIANTS[variant]
    if method == "promethee-ii":
        return "promethee-ii, linear q=5 p=20 (spec.kwargs once, spec.func per call)"
    shown = ", ".join(f"{k}={v}" for k, v in params.items())
    return f"{method} {shown} (spec.kwargs once, spec.func per call)"


# ------------------------------------------------------------------ PROMETHEE II


def run_promethee(peers, quick, exe, log):
    variant, m = "promethee-ii-linear", 10
    sizes = [1_000] if quick else [2_000, 5_000]
    rows, targets = [], []
    small = 200
    pre = {}
    ours_small = methods.ours(variant, small, m)()
    for p in methods.PEERS[variant]:
        if p in peers:  # agreement first, at a size every peer finishes quickly
            pre[p] = methods.agree(ours_small, methods.peer(p, variant, small, m)(), True, TOL)
            log(f"  agreement at {small} x {m} with {p}: {pre[p]['ok']}")
    timed_out: dict[str, float] = {}
    pymcdm_5000 = None
    for n in [*sizes, 100_000]:
        case = f"promethee-ii linear {n:,} x {m}"
        ours_t, ours_scores = measure(methods.ours(variant, n, m), budget=0.3 if quick else 2.0)
        rows.append(row("promethee", case, "decisionroom", _our_how(variant), ours_t))
        log(f"  {case}: ours {ours_t.seconds * 1e3:.1f} ms")
        if n == 100_000:
            targets.append(
                {
                    "target": "PROMETHEE II 100,000 x 10 under 1 s",
                    "value": f"{ours_t.seconds:.3f} s",
                    "met": ours_t.seconds < 1.0,
                }
            )
            continue
        for p in methods.PEERS[variant]:
            if p not in peers:
                continue
            how = methods.HOW[(p, variant)]
            if not pre[p]["ok"]:
                rows.append(row("promethee", case, p, how, None, pre[p]))
                continue
            if p in timed_out:  # a bigger input cannot be faster
                t = Timing(
                    None,
                    0,
                    None,
                    timed_out=timed_out[p],
                    note="not run: timed out at a smaller size",
                )
                rows.append(row("promethee", case, p, how, t, pre[p]))
                continue
            fast = p == "pymcdm"
            timeout = (30.0 if fast else 10.0) if quick else 60.0
            t, scores = in_subprocess(
                "bench.methods",
                "peer",
                {"name": p, "variant": variant, "n": n, "m": m},
                timeout=timeout,
                runs=(1 if quick else 3) if fast else 1,
                memory=fast,
            )
            check = pre[p] if scores is None else methods.agree(ours_scores, scores, True, TOL)
            if t.timed_out:
                timed_out[p] = t.timed_out
            if not check["ok"]:
                t = None
            rows.append(row("promethee", case, p, how, t, check))
            log(f"  {case}: {p} {'disagrees' if t is None else t.seconds or t.note or '>'}")
            if p == "pymcdm" and n == 5_000 and t is not None:
                pymcdm_5000 = (t, check, ours_t)
    if pymcdm_5000 is not None:
        t, check, ours_t = pymcdm_5000
        s = t.seconds / ours_t.seconds if t.seconds else None
        targets.append(
            {
                "target": "PROMETHEE II 5,000 x 10: >= 100x faster than pymcdm, "
                "identical net flows",
                "value": f"{s:.0f}x, max |flow diff| {check['max_abs_diff']:.1e}" if s else "n/a",
                "met": bool(s and s >= 100 and check["ok"]),
            }
        )
    else:
        targets.append(
            {
                "target": "PROMETHEE II 5,000 x 10: >= 100x faster than pymcdm, "
                "identical net flows",
                "value": "not measured (quick or no pymcdm)",
                "met": None,
            }
        )
    return rows, targets


# ------------------------------------------------------------------ AHP


def run_ahp(peers, quick, exe, log):
    k, n = (1_000 if quick else 10_000), 9
    case = f"{k:,} pairwise matrices {n} x {n}"
    budget = 0.5 if quick else 2.0
    ours_t, w = measure(ahp_batch.ours(k, n), budget=budget)
    rows = [row("ahp", case, "decisionroom", "engine.ahp.eigen_priorities_batch(stack)", ours_t)]
    log(f"  {case}: ours {ours_t.seconds * 1e3:.1f} ms")
    for p in ahp_batch.PEERS:
        if p not in peers:
            continue
        fn = ahp_batch.peer(p, k, n)
        check = ahp_batch.agree(w, fn())
        t = measure(fn, budget=budget)[0] if check["ok"] else None
        rows.append(row("ahp", case, p, ahp_batch.HOW[p], t, check))
        log(f"  {case}: {p} {t.seconds if t else 'disagrees'}")
    return rows, []


# ------------------------------------------------------------------ SMAA-2


def run_smaa(peers, quick, exe, log):
    rows, targets = [], []
    sizes = [100_000] if quick else [100_000, 1_000_000]
    agree_n = 10_000 if quick else smaa.AGREE_SAMPLES
    ref_timing = {}
    for ranged in (False, True):  # agreement first: ours against the plain loop
        label = "ranges" if ranged else "weights only"
        a = smaa.ours("weighted-sum", agree_n, ranged)()
        t0 = time.perf_counter()
        b = smaa.reference(agree_n, ranged)()
        ref_timing[ranged] = (time.perf_counter() - t0) / agree_n
        check = smaa.agree(a, b)
        log(f"  reference loop ({label}) agrees at {agree_n:,}: {check}")
        ref_timing[(ranged, "check")] = check
    pyrepo_check, pyrepo_per_sample = None, None
    if "pyrepo-mcda" in peers:
        a = smaa.ours("vikor", agree_n, False)()
        fn = smaa.pyrepo(agree_n)
        t0 = time.perf_counter()
        b = fn()
        pyrepo_per_sample = (time.perf_counter() - t0) / agree_n
        pyrepo_check = smaa.agree(a, b)
        log(f"  pyrepo VIKOR_SMAA agrees at {agree_n:,}: {pyrepo_check}")
    budget = 0.5 if quick else 3.0
    equal = agree_n if quick else 100_000
    vikor_at: dict[int, Timing] = {}
    for samples in sorted({*sizes, equal}):
        for method, ranged, rank_only in (
            ("weighted-sum", False, False),
            ("weighted-sum", True, False),
            ("weighted-sum", True, True),
            ("vikor", False, False),
        ):
            if samples not in sizes and method != "vikor":
                continue
            label = _smaa_label(method, ranged, rank_only)
            case = f"{samples:,} samples, 10 x 10"
            t, _ = measure(
                smaa.ours(method, samples, ranged, rank_only), budget=budget, min_runs=3, max_runs=7
            )
            rows.append(row("smaa", case, "decisionroom", label, t))
            log(f"  {case} {label}: {t.seconds:.3f} s, peak {t.peak_bytes / 2**20:.0f} MB")
            if method == "vikor":
                vikor_at[samples] = t
            if method == "weighted-sum" and ranged and not rank_only and samples == 1_000_000:
                targets.append(
                    {
                        "target": "SMAA-2 1,000,000 samples, 10 x 10, weighted sum with "
                        "ranges: under 2 s (default call, confidence pass included)",
                        "value": f"{t.seconds:.2f} s",
                        "met": t.seconds < 2.0,
                    }
                )
                targets.append(
                    {
                        "target": "SMAA-2 1,000,000 samples: peak memory under 500 MB "
                        "(tracemalloc)",
                        "value": f"{t.peak_bytes / 2**20:.0f} MB",
                        "met": t.peak_bytes < 500 * 2**20,
                    }
                )
        if samples not in sizes:
            continue
        for ranged in (False, True):
            per = ref_timing[ranged]
            t = Timing(
                per * samples, 0, None, note=f"extrapolated from {agree_n:,} samples in one run"
            )
            rows.append(
                row(
                    "smaa",
                    f"{samples:,} samples, 10 x 10",
                    "NumPy reference loop",
                    f"weighted sum, {'PERT ranges' if ranged else 'weights only'}, "
                    "one Python iteration per sample",
                    t,
                    ref_timing[(ranged, "check")],
                    extrapolated=True,
                )
            )
    if "pyrepo-mcda" in peers:
        how = "VIKOR_SMAA()(matrix, weights, types); weights drawn before timing"
        if not pyrepo_check["ok"]:
            rows.append(
                row("smaa", f"{equal:,} samples, 10 x 10", "pyrepo-mcda", how, None, pyrepo_check)
            )
        else:
            if quick:
                t = Timing(pyrepo_per_sample * equal, 1, None, note="one run")
            else:
                t, _ = in_subprocess("bench.smaa", "pyrepo", {"samples": equal}, timeout=120.0)
            rows.append(
                row("smaa", f"{equal:,} samples, 10 x 10", "pyrepo-mcda", how, t, pyrepo_check)
            )
            if t.seconds:
                s = t.seconds / vikor_at[equal].seconds
                targets.append(
                    {
                        "target": "SMAA-2 >= 10x faster than pyrepo-mcda's VIKOR-SMAA "
                        f"at equal samples ({equal:,}, VIKOR both)",
                        "value": f"{s:.0f}x",
                        "met": s >= 10,
                    }
                )
                if not quick:
                    per = t.seconds / equal
                    rows.append(
                        row(
                            "smaa",
                            "1,000,000 samples, 10 x 10",
                            "pyrepo-mcda",
                            how,
                            Timing(
                                per * 1_000_000,
                                0,
                                None,
                                note=f"extrapolated from {equal:,} samples",
                            ),
                            pyrepo_check,
                            extrapolated=True,
                        )
                    )
    return rows, targets


def _smaa_label(method: str, ranged: bool, rank_only: bool) -> str:
    what = "weighted sum" if method == "weighted-sum" else "VIKOR"
    perf = "PERT ranges" if ranged else "weights only"
    pass_ = "rank pass only" if rank_only else "default call"
    return f"smaa2 {what}, {perf}, {pass_}"


# ------------------------------------------------------------------ end to end


def run_e2e(peers, quick, exe, log):
    import decisionroom  # noqa: F401 - imported before timing: the command's start-up is separate

    rows, targets = [], []
    budget, runs = (0.5, 3) if quick else (2.0, 10)
    for path in end_to_end.files():
        name = os.path.basename(path)
        t = end_to_end.in_process(path, budget)
        rows.append(row("e2e", name, "decisionroom", "decisionroom.analyze(path), in process", t))
        c = end_to_end.command(exe, ["analyze", path, "--format", "json"], runs)
        rows.append(
            row(
                "e2e",
                name,
                "decisionroom",
                "`decisionroom analyze FILE --format json`, whole command",
                c,
            )
        )
        log(
            f"  {name}: in process {t.seconds * 1e3:.0f} ms, command "
            f"{c.seconds if c.seconds else c.note}"
        )
        if path == end_to_end.TYPICAL:
            targets.append(
                {
                    "target": "analyze, typical decision (8 options, 12 factors, "
                    "6 stakeholders, SMAA 10,000): under 150 ms in process",
                    "value": f"{t.seconds * 1e3:.0f} ms",
                    "met": t.seconds < 0.150,
                }
            )
            targets.append(
                {
                    "target": "analyze, typical decision: whole command under 0.6 s",
                    "value": f"{c.seconds:.2f} s" if c.seconds else c.note,
                    "met": bool(c.seconds and c.seconds < 0.6),
                }
            )
    formats = end_to_end.brief_formats(exe)
    if formats is None:
        rows.append(
            row(
                "e2e",
                "brief",
                "decisionroom",
                "`decisionroom brief`",
                Timing(None, 0, None, note="skipped: no `brief` command yet"),
            )
        )
    else:
        for fmt in formats:
            target = os.path.join(tempfile.gettempdir(), f"decisionroom-bench-brief.{fmt}")
            args = ["brief", end_to_end.TYPICAL, "--output", target, "--format", fmt]
            c = end_to_end.command(exe, args, runs)
            rows.append(
                row(
                    "e2e",
                    f"brief --format {fmt}",
                    "decisionroom",
                    "`decisionroom brief`, whole command",
                    c,
                )
            )
    return rows, targets


def run_command(peers, quick, exe, log):
    """The whole command on long lists, against pymcdm in its own process (issue 9)."""
    from bench import whole_command

    sizes = [1_000] if quick else [1_000, 5_000, 100_000]
    python = whole_command.peer_python() if "pymcdm" in peers or not peers else None
    found = whole_command.measure(exe, python, sizes, 1 if quick else 3, lambda s: log("  " + s))
    rows, targets = [], []
    for r in found:
        case = f"{r['method']}, {r['options']:,} x {whole_command.M}"
        ours = Timing(r["seconds"], r["runs"], int(r["peak_mb"] * 2**20))
        ours.note = f"JSON {r['output_bytes'] / 1e6:.2f} MB"
        how = f"`decisionroom rank list.csv --method {r['method']} --format json`, whole command"
        rows.append(row("command", case, "decisionroom", how, ours))
        if "peer_seconds" in r:
            agreement = {"ok": r["peer_max_diff"] < 1e-9, "max_abs_diff": r["peer_max_diff"]}
            peer_t = Timing(r["peer_seconds"], r["runs"], int(r["peer_peak_mb"] * 2**20))
            peer_how = f"{whole_command.PEER_CALLS[r['method']]} on the CSV, own process"
            rows.append(row("command", case, "pymcdm", peer_how, peer_t, agreement))
        elif "peer_note" in r:
            rows.append(row("command", case, "pymcdm", r["peer_note"], None))
        if r["options"] == 5_000:
            targets.append(
                {
                    "target": f"whole `rank` on 5,000 x 10 in seconds ({r['method']})",
                    "value": f"{r['seconds']:.2f} s",
                    "met": r["seconds"] < 10,
                }
            )
        if r["options"] == 100_000:
            targets.append(
                {
                    "target": f"whole `rank` on 100,000 x 10 well under a minute ({r['method']})",
                    "value": f"{r['seconds']:.1f} s, {r['peak_mb']:.0f} MB",
                    "met": r["seconds"] < 45,
                }
            )
    return rows, targets


GROUPS = {
    "command": run_command,
    "methods": run_methods,
    "promethee": run_promethee,
    "ahp": run_ahp,
    "smaa": run_smaa,
    "e2e": run_e2e,
}
