from __future__ import annotations

import argparse
import datetime as dt
import importlib
import json
import os
import platform
import sys
from pathlib import Path

from benchmarks import AREAS
from benchmarks.tables import render

RESULTS = Path(__file__).resolve().parent.parent / "var" / "bench" / "results.jsonl"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__)
    parser.add_argument("--area", action="append", choices=AREAS, help="repeatable; default all")
    parser.add_argument("--quick", action="store_true", help="small sizes, for a smoke run")
    args = parser.parse_args(argv)
    if args.quick:
        os.environ["BENCH_QUICK"] = "1"
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    context = {
        "at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "python": platform.python_version(),
        "machine": platform.machine(),
        "cpus": os.cpu_count(),
    }
    failed = []
    figures = []
    with RESULTS.open("a") as out:
        for area in args.area or AREAS:
            try:
                module = importlib.import_module(f"benchmarks.{area}")
            except ModuleNotFoundError as exc:
                if exc.name != f"benchmarks.{area}":
                    raise
                print(f"# {area}: no benchmark module yet", file=sys.stderr)
                continue
            try:
                for figure in module.run():
                    figures.append(figure)
                    line = json.dumps({**figure, **context})
                    print(line, flush=True)
                    out.write(line + "\n")
            except Exception as exc:  # report and carry on with the other areas
                failed.append(area)
                print(f"# {area} failed: {type(exc).__name__}: {exc}", file=sys.stderr)
    tables = render(figures)
    if tables:
        print("\n" + tables, file=sys.stderr, flush=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
