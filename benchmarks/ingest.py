"""Ingestion throughput: parse + normalise, store, and end to end (network excluded), in one
process and in two side by side (the worker's two ingestion tasks at once); then whole runs
crawled from a loopback server, stored page by page against crawling first, storing after.

Runs in a child process against a dedicated PostgreSQL database (SQLite when no server).
"""

from __future__ import annotations

import json
import os

from benchmarks.bench_db import postgres_url, run_worker, sqlite_url


def run():
    size = 2000 if os.environ.get("BENCH_QUICK") else 20000
    url = postgres_url("careercopilot_bench_ingest") or sqlite_url("ingest")
    for line in run_worker("benchmarks.ingest_worker", url, str(size)):
        yield json.loads(line)
