"""Benchmarks of decisionroom against the peer MCDA libraries (issue 5).

Run ``make bench`` (full) or ``make bench-quick`` (about a minute), or
``.venv/bin/python -m bench [--quick] [--no-peers]``. See ``bench/__main__.py``.
"""
