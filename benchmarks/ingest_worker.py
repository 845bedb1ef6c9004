"""Child process of the ingest benchmark (Django set up against the bench database)."""

from __future__ import annotations

import contextlib
import json
import multiprocessing
import os
import sys
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "careercopilot.settings")
django.setup()

from django.db import connection  # noqa: E402

from benchmarks.ingest_corpus import ARBEITNOW_API, arbeitnow_pages, corpus  # noqa: E402
from jobs.fetching import fetch_source  # noqa: E402
from jobs.models import Company, IngestRun, Job, JobSource  # noqa: E402
from jobs.services import fetch_limits, ingest_postings, normalize_all, source_run  # noqa: E402
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


def crawl(size: int) -> None:
    """Whole runs through the crawler child against a local server answering at once, with
    the production politeness settings: each page stored while the crawler fetches the next
    (what ``source_run`` does), against the whole crawl first and then storing it.

    Each way runs twice, in the order A B B A (the first run of a process is the slowest);
    the figures are their mean times."""
    pages = arbeitnow_pages(size)
    with local_board(pages) as base:
        figures = {"collected": 0.0, "streamed": 0.0}
        for mode in ("collected", "streamed", "streamed", "collected"):
            reset()
            source = JobSource.objects.create(
                name="bench crawl",
                kind="arbeitnow",
                config={"_rewrite_base": {ARBEITNOW_API.rsplit("/api/", 1)[0]: base}},
            )
            started = time.perf_counter()
            if mode == "streamed":
                run = source_run(source_id=source.pk)
            else:
                result = fetch_source(
                    kind="arbeitnow", config=source.config, **fetch_limits(source)
                )
                run = ingest_postings(
                    run=IngestRun.objects.create(source=source),
                    raw_postings=result.postings,
                    skipped=result.skipped,
                    pages=result.pages,
                    complete=result.complete,
                )
            figures[mode] += (time.perf_counter() - started) / 2
            if (run.status, run.new) != ("ok", size):
                raise RuntimeError(f"crawl run ended {run.status} with {run.new} new: {run.errors}")
        rate(
            "crawl_postings_per_s",
            size,
            figures["streamed"],
            pages=len(pages),
            collected_then_stored_per_s=round(size / figures["collected"], 1),
            speedup=round(figures["collected"] / figures["streamed"], 2),
        )


@contextlib.contextmanager
def local_board(pages: list[bytes]) -> Iterator[str]:
    """Serve the pages as the Arbeitnow API (``?page=N``) on a loopback port; yields its base."""

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):
            url = urlsplit(self.path)
            number = int(parse_qs(url.query).get("page", ["1"])[0])
            if url.path != "/api/job-board-api" or not 1 <= number <= len(pages):
                self.send_error(404)
                return
            body = pages[number - 1]
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


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
    size = int(sys.argv[1]) if len(sys.argv) > 1 else 20000
    main(size)
    crawl(max(500, size // 5))
