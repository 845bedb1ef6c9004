"""Child process of the ingest benchmark (Django set up against the bench database)."""

from __future__ import annotations

import json
import multiprocessing
import os
import sys
import time

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "careercopilot.settings")
django.setup()

from django.db import connection  # noqa: E402

from benchmarks.ingest_corpus import corpus  # noqa: E402
from jobs.models import Company, IngestRun, Job, JobSource  # noqa: E402
from jobs.services import ingest_postings, normalize_all  # noqa: E402
from jobs.sources import ADAPTERS  # noqa: E402
from jobs.store import store_postings  # noqa: E402

CONFIG = {"company": "Globex"}


def rate(name: str, postings: int, seconds: float, **context) -> None:
    """Print one throughput figure (postings/s) as a JSON line."""
    figure = {
        "metric": f"ingest.{name}",
        "value": round(postings / seconds, 1),
        "unit": "postings/s",
        "postings": postings,
        "seconds": round(seconds, 2),
        "database": connection.vendor,
        **context,
    }
    print(json.dumps(figure), flush=True)


def reset() -> None:
    if connection.vendor == "postgresql":
        # TRUNCATE, not DELETE: each phase starts on empty tables and indexes, instead of
        # on the dead rows of the previous phases and runs (the server here runs without
        # autovacuum, so a DELETE-reset measured index bloat more than the code).
        tables = [m._meta.db_table for m in (IngestRun, Job, Company, JobSource)]
        with connection.cursor() as cursor:
            cursor.execute(f"TRUNCATE {', '.join(tables)} CASCADE")
        return
    IngestRun.objects.all().delete()
    Job.objects.all().delete()
    Company.objects.all().delete()
    JobSource.objects.all().delete()


def sources() -> dict[str, JobSource]:
    return {
        kind: JobSource.objects.create(name=f"bench {kind}", kind=kind, config=CONFIG)
        for kind in ("greenhouse", "lever", "remotive", "arbeitnow")
    }


def main(size: int) -> None:
    pages = corpus(size)
    total = 0

    # 1. Parse + normalise (pure, in this process).
    started = time.perf_counter()
    normalised = []
    for kind, payload in pages:
        raws = ADAPTERS[kind].parse(payload, CONFIG).postings
        normalised.append((kind, normalize_all(raws).postings))
        total += len(raws)
    parse_s = time.perf_counter() - started
    rate("parse_postings_per_s", total, parse_s)

    # 2. Store: the bulk upsert alone, into an empty catalogue, then again unchanged.
    reset()
    by_kind = sources()
    started = time.perf_counter()
    for kind, postings in normalised:
        store_postings(source=by_kind[kind], postings=postings)
    store_s = time.perf_counter() - started
    rate("store_postings_per_s", total, store_s, phase="insert")
    started = time.perf_counter()
    for kind, postings in normalised:
        store_postings(source=by_kind[kind], postings=postings)
    again_s = time.perf_counter() - started
    rate("store_unchanged_postings_per_s", total, again_s, phase="unchanged")

    # 3. End to end through the ingestion service (parse, normalise, store, dedup, run row),
    # on the whole corpus: dedup's work per batch is bounded (company-blocked band lookups,
    # template buckets skipped; see jobs.dedup.index), so it no longer needs a cap.
    reset()
    by_kind = sources()
    started = time.perf_counter()
    ingest_pages(pages, by_kind)
    e2e_s = time.perf_counter() - started
    rate(
        "postings_per_s",
        total,
        e2e_s,
        target=2000,
        duplicates=Job.objects.filter(is_canonical=False).count(),
    )

    # 4. The same, as deployed: the worker runs two ingestion tasks at once (``--concurrency
    # 2``), one source each. Two processes ingest two sources' pages each, side by side; the
    # figure is all postings over the wall time until both are done.
    reset()
    by_kind = sources()
    parts = [
        [(kind, payload) for kind, payload in pages if kind in kinds]
        for kinds in (("greenhouse", "lever"), ("remotive", "arbeitnow"))
    ]
    connection.close()  # each process opens its own
    fork = multiprocessing.get_context("fork")
    workers = [fork.Process(target=ingest_pages, args=(part, by_kind)) for part in parts]
    started = time.perf_counter()
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    parallel_s = time.perf_counter() - started
    if any(worker.exitcode != 0 for worker in workers):
        raise RuntimeError("an ingestion process failed")
    rate(
        "postings_per_s_2_workers",
        total,
        parallel_s,
        processes=2,
        duplicates=Job.objects.filter(is_canonical=False).count(),
    )


def ingest_pages(pages: list[tuple[str, bytes]], by_kind: dict[str, JobSource]) -> None:
    """Ingest each page as one run of its source, as a fetch would."""
    for kind, payload in pages:
        result = ADAPTERS[kind].parse(payload, CONFIG)
        run = IngestRun.objects.create(source=by_kind[kind])
        ingest_postings(
            run=run,
            raw_postings=result.postings,
            skipped=result.skipped,
            pages=1,
            complete=True,
            deactivate=False,
        )
    connection.close()


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 20000)
