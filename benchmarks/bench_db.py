"""Dedicated benchmark databases, so a bench never touches development or test data."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PG_ADMIN_URL = os.environ.get("BENCH_PG_ADMIN_URL", "postgresql://postgres@127.0.0.1:5432/postgres")


def postgres_url(name: str) -> str | None:
    """URL of a bench database on the local PostgreSQL, created if missing; None if no server."""
    try:
        import psycopg

        with psycopg.connect(PG_ADMIN_URL, autocommit=True, connect_timeout=3) as conn:
            exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
            if not exists:
                conn.execute(f'CREATE DATABASE "{name}"')
    except Exception as exc:
        print(f"# PostgreSQL unavailable for benchmarks: {exc}", file=sys.stderr)
        return None
    base = PG_ADMIN_URL.rsplit("/", 1)[0]
    return f"{base}/{name}"


def sqlite_url(name: str) -> str:
    path = ROOT / "var" / "bench" / f"{name}.sqlite3"
    path.parent.mkdir(parents=True, exist_ok=True)
    return f"sqlite:///{path}"


def run_worker(module: str, database_url: str, *args: str, timeout: int = 3600) -> Iterator[str]:
    """Run ``python -m module`` against a database (migrated first); yield its stdout lines."""
    env = {**os.environ, "DATABASE_URL": database_url, "DEBUG": "false"}
    env.setdefault("SECRET_KEY", "benchmark-only-secret-key-0123456789-abcdefghijklmnopqrstuvwxyz")
    env.pop("REDIS_URL", None)  # benchmarks measure the code, tasks run in-process
    env.setdefault("LOG_LEVEL", "WARNING")  # no per-task log lines in the timed process
    subprocess.run(
        [sys.executable, "manage.py", "migrate", "--noinput", "-v0"],
        cwd=ROOT,
        env=env,
        check=True,
        timeout=600,
    )
    proc = subprocess.run(
        [sys.executable, "-m", module, *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    if proc.stderr:
        sys.stderr.write(proc.stderr)
    if proc.returncode != 0:
        raise RuntimeError(f"{module} failed with exit code {proc.returncode}")
    yield from (line for line in proc.stdout.splitlines() if line.startswith("{"))
