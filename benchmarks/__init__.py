"""Benchmarks: ``python -m benchmarks [--area AREA]`` (``make bench``).

Each area is a module in this package with ``run() -> Iterable[dict]``; every dict is one
figure ``{"metric": "<area>.<name>", "value": number, "unit": str, ...context}``. Figures are
printed as JSON lines and appended to ``var/bench/results.jsonl``. Ratios are measured side by
side in one run, never against numbers from another machine or day.
"""

AREAS = ["ingest", "dedup", "search", "applications"]
