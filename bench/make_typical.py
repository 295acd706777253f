"""Write ``bench/data/typical-decision.yaml``: 8 options, 12 factors, 6 stakeholders.

A typical decision for the ``analyze`` target of issue 5 (SMAA 10,000 is the
default of ``analyze``): a CRM platform selection with every option kind,
some performance given as ``[low, likely, high]`` ranges, and stakeholders
using points, ranking, swing and pairwise weights. Valid per DESIGN contract 1.
Run: ``.venv/bin/python -m bench.make_typical`` (the file is committed).
"""

from __future__ import annotations

import os

import numpy as np
import yaml

PATH = os.path.join(os.path.dirname(os.path.abspath(__file__)), "data", "typical-decision.yaml")

FACTORS = [  # id, name, direction, unit, need, (low, high) of the generated values
    ("licence_cost", "Licence cost", "min", "kEUR per year", "affordable", (40, 200)),
    ("setup_cost", "Set-up cost", "min", "kEUR", "affordable", (20, 300)),
    ("time_to_live", "Time to go live", "min", "months", "fast", (2, 14)),
    ("fit", "Fit to the sales process", "max", "score 0-10", "adoption", (3, 9)),
    ("usability", "Usability", "max", "score 0-10", "adoption", (3, 9)),
    ("integration", "Integration with ERP", "max", "score 0-10", "one_view", (2, 9)),
    ("reporting", "Reporting", "max", "score 0-10", "one_view", (3, 9)),
    ("scalability", "Scalability", "max", "users (thousands)", "growth", (1, 20)),
    ("vendor_risk", "Vendor risk", "min", "score 0-10", "growth", (1, 8)),
    ("support", "Support quality", "max", "score 0-10", "adoption", (3, 9)),
    ("security", "Security and compliance", "max", "score 0-10", "compliance", (4, 10)),
    ("data_migration", "Data migration effort", "min", "person-days", "fast", (10, 120)),
]

OPTIONS = [
    ("build", "Build on the in-house platform", "build", False),
    ("hire", "Hire a CRM team and configure open source", "hire", False),
    ("northwind", "Northwind CRM", "external", True),
    ("contoso", "Contoso Sales Cloud", "external", False),
    ("fabrikam", "Fabrikam Suite", "external", False),
    ("tailspin", "Tailspin CRM", "external", False),
    ("partner", "Integration partner with Contoso", "partner", False),
    ("status_quo", "Keep the spreadsheets", "status-quo", False),
]


def build() -> dict:
    rng = np.random.default_rng(5)
    needs = sorted({f[4] for f in FACTORS})
    decision: dict = {
        "decisionroom": 1,
        "title": "CRM platform selection (benchmark)",
        "client": "Acme Industrial",
        "decision_maker": {"name": "Dana Reyes", "role": "COO"},
        "stage": "shortlist",
        "goal": {
            "statement": "Grow repeat revenue by 25% with one view of each customer",
            "horizon": "2 years",
        },
        "challenges": [
            {"id": "scattered_data", "statement": "Customer data sits in spreadsheets"},
            {"id": "budget", "statement": "The IT budget is fixed for two years"},
        ],
        "needs": [
            {
                "id": nd,
                "statement": f"Need: {nd.replace('_', ' ')}",
                "challenges": ["budget"] if nd == "affordable" else ["scattered_data"],
            }
            for nd in needs
        ],
        "factors": [
            {
                "id": fid,
                "name": name,
                "why": f"{name} matters for {need.replace('_', ' ')}.",
                "needs": [need],
                "direction": d,
                "unit": unit,
            }
            for fid, name, d, unit, need, _ in FACTORS
        ],
        "options": [
            {"id": oid, "name": name, "kind": kind, **({"ours": True} if ours else {})}
            for oid, name, kind, ours in OPTIONS
        ],
    }
    performance: dict = {}
    for i, (oid, *_rest) in enumerate(OPTIONS):
        row: dict = {}
        for j, (fid, *_f, (lo, hi)) in enumerate(FACTORS):
            likely = round(float(rng.uniform(lo, hi)), 1)
            if (i + j) % 4 == 0:  # a quarter of the cells are ranges
                spread = round((hi - lo) * 0.1, 1)
                row[fid] = [
                    round(max(lo * 0.5, likely - spread), 1),
                    likely,
                    round(likely + spread, 1),
                ]
            else:
                row[fid] = likely
        performance[oid] = row
    decision["performance"] = performance
    ids = [f[0] for f in FACTORS]
    points = {fid: int(rng.integers(5, 40)) for fid in ids}
    decision["weights"] = points
    decision["stakeholders"] = [
        {
            "id": "coo",
            "role": "COO",
            "influence": 2,
            "weights": {fid: int(rng.integers(5, 40)) for fid in ids},
        },
        {
            "id": "cfo",
            "role": "CFO",
            "influence": 1.5,
            "weights": {
                "ranking": ["licence_cost", "setup_cost", *[f for f in ids if "cost" not in f]]
            },
        },
        {
            "id": "sales_head",
            "role": "Head of Sales",
            "influence": 1,
            "weights": {
                "swing": {
                    fid: 100 if k == 3 else int(rng.integers(10, 100)) for k, fid in enumerate(ids)
                }
            },
        },
        {
            "id": "cio",
            "role": "CIO",
            "influence": 1,
            "weights": {fid: int(rng.integers(5, 40)) for fid in ids},
        },
        {
            "id": "ops",
            "role": "Sales operations",
            "influence": 1,
            "weights": {"ranking": [str(f) for f in rng.permutation(ids)]},
        },
        {
            "id": "security",
            "role": "Security officer",
            "influence": 0.5,
            "weights": {
                "pairwise": {
                    "judgments": [
                        [ids[k], ids[k + 1], int(rng.integers(1, 5))] for k in range(len(ids) - 1)
                    ]
                }
            },
        },
    ]
    decision["method"] = {"name": "weighted-sum"}
    return decision


def main() -> None:
    os.makedirs(os.path.dirname(PATH), exist_ok=True)
    with open(PATH, "w", encoding="utf-8") as fh:
        fh.write(
            "# Generated by bench/make_typical.py: a typical decision for the analyze target\n"
        )
        fh.write(
            "# (8 options, 12 factors, 6 stakeholders; analyze runs SMAA with 10,000 samples).\n"
        )
        yaml.safe_dump(build(), fh, sort_keys=False, allow_unicode=True, width=100)
    print(PATH)


if __name__ == "__main__":
    main()
