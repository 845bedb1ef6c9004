"""Search benchmark: our full-text search against naive ``icontains``, PostgreSQL and SQLite.

Each backend runs in a child process (``benchmarks.search_worker``) against its own dedicated
bench database, loaded with 100,000 generated jobs (5,000 with ``BENCH_QUICK=1``) from a fixed
seed and reused across runs. PostgreSQL is skipped, with a note, when it is unreachable.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PG_SERVER = os.environ.get("BENCH_PG_URL", "postgres://postgres@127.0.0.1:5432")
PG_DB = "careercopilot_bench"
SQLITE_DIR = ROOT / "var" / "bench"
TARGET_P95_MS = {"pg": 25, "sqlite": 50}


def _size() -> int:
    return 5_000 if os.environ.get("BENCH_QUICK") else 100_000


def _pg_ready() -> str | None:
    """The bench database URL, creating the database if needed; None when unreachable."""
    try:
        import psycopg
    except ImportError:
        print("# search: psycopg is not installed; skipping PostgreSQL", file=sys.stderr)
        return None
    try:
        with psycopg.connect(f"{PG_SERVER}/postgres", autocommit=True, connect_timeout=3) as conn:
            exists = conn.execute(
                "SELECT 1 FROM pg_database WHERE datname = %s", [PG_DB]
            ).fetchone()
            if not exists:
                conn.execute(f'CREATE DATABASE "{PG_DB}"')
    except psycopg.OperationalError as exc:
        print(f"# search: PostgreSQL unreachable ({exc}); skipping it", file=sys.stderr)
        return None
    return f"{PG_SERVER}/{PG_DB}"


def _run_worker(database_url: str, size: int) -> dict:
    env = {
        **os.environ,
        "DATABASE_URL": database_url,
        "BENCH_SIZE": str(size),
        "DEBUG": "false",  # no query logging in the timed process
        "SECRET_KEY": os.environ.get("SECRET_KEY", "bench-only-secret-key"),
        "LOG_LEVEL": "WARNING",
    }
    proc = subprocess.run(
        [sys.executable, "-m", "benchmarks.search_worker"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=3600,
        check=False,
    )
    if proc.returncode != 0:
        raise RuntimeError(f"search worker failed ({database_url}):\n{proc.stderr[-3000:]}")
    return json.loads(proc.stdout.strip().splitlines()[-1])


def run() -> Iterator[dict]:
    size = _size()
    SQLITE_DIR.mkdir(parents=True, exist_ok=True)
    backends = []
    pg_url = _pg_ready()
    if pg_url:
        backends.append(("pg", pg_url))
    backends.append(("sqlite", f"sqlite:///{SQLITE_DIR / f'search_{size}.sqlite3'}"))
    for short, url in backends:
        figures = _run_worker(url, size)
        context = {
            "jobs": figures["jobs"],
            "queries": figures["queries"],
            "repeats": figures["repeats"],
            "load_seconds": figures["load_seconds"],
        }
        print(f"# search {short}: per query {json.dumps(figures['per_query'])}", file=sys.stderr)
        yield {
            "metric": f"search.{short}_p50_ms",
            "value": figures["p50_ms"],
            "unit": "ms",
            **context,
        }
        yield {
            "metric": f"search.{short}_p95_ms",
            "value": figures["p95_ms"],
            "unit": "ms",
            "target": TARGET_P95_MS[short],
            **context,
        }
        yield {
            "metric": f"search.{short}_icontains_p95_ms",
            "value": figures["icontains_p95_ms"],
            "unit": "ms",
            "icontains_p50_ms": figures["icontains_p50_ms"],
            **context,
        }
