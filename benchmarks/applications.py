"""Kanban board and table with 2,000 applications: server time and query count.

Runs in a child process against a dedicated PostgreSQL database (SQLite when no server).
"""

from __future__ import annotations

import json

from benchmarks.bench_db import postgres_url, run_worker, sqlite_url


def run():
    url = postgres_url("careercopilot_bench_applications") or sqlite_url("applications")
    for line in run_worker("benchmarks.applications_worker", url, "2000"):
        yield json.loads(line)
