"""Ingestion use cases: run a source, store parsed postings, read a recorded file."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.db import transaction
from django.utils import timezone

from jobs.dedup.services import dedup_jobs, dedup_refresh_canonicals
from jobs.normalize import normalize_posting
from jobs.sources import ADAPTERS
from jobs.sources.base import ConfigError, ParseError
from jobs.types import NormalizedPosting, RawPosting

from .models import IngestRun, Job, JobSource
from .store import StoreCounts, deactivate_missing, store_postings

logger = logging.getLogger(__name__)

#: Errors kept per run (the rest are counted, not stored).
MAX_RUN_ERRORS = 200
#: Largest recorded file ``ingest_file`` reads.
MAX_FILE_BYTES = 50 * 1024 * 1024


class IngestInputError(Exception):
    """Input the operator gave cannot be ingested (unknown kind, unreadable file...)."""


@dataclass
class NormalizeOutcome:
    postings: list[NormalizedPosting] = field(default_factory=list)
    invalid: list[tuple[str, str]] = field(default_factory=list)  # (external id, reason)


def normalize_all(raw_postings: list[RawPosting]) -> NormalizeOutcome:
    """Normalise each posting; one bad posting is recorded and skipped, never fatal."""
    outcome = NormalizeOutcome()
    for raw in raw_postings:
        try:
            posting = normalize_posting(raw)
        except Exception as exc:  # hostile input must not stop the run
            logger.warning("normalising %s/%s failed: %s", raw.source, raw.external_id, exc)
            outcome.invalid.append((raw.external_id, f"could not normalise: {exc}"[:300]))
            continue
        if not posting.title.strip():
            outcome.invalid.append((raw.external_id, "no title"))
            continue
        outcome.postings.append(posting)
    return outcome


def parse_file(*, kind: str, path: Path, config: dict[str, Any] | None = None):
    """Parse a recorded response with an adapter; raises IngestInputError on bad input."""
    adapter = ADAPTERS.get(kind)
    if adapter is None:
        known = ", ".join(sorted(ADAPTERS))
        raise IngestInputError(f"unknown source kind {kind!r} (known: {known})")
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise IngestInputError(f"cannot read {path}: {exc.strerror or exc}") from None
    if size > MAX_FILE_BYTES:
        raise IngestInputError(f"{path} is {size} bytes; the limit is {MAX_FILE_BYTES}")
    try:
        payload = path.read_bytes()
    except OSError as exc:
        raise IngestInputError(f"cannot read {path}: {exc.strerror or exc}") from None
    try:
        return adapter.parse(payload, config or {})
    except ParseError as exc:
        raise IngestInputError(str(exc)) from None


def _finish(run: IngestRun, *, errors: list[dict], status: str) -> IngestRun:
    run.errors = errors[:MAX_RUN_ERRORS]
    if len(errors) > MAX_RUN_ERRORS:
        run.errors.append({"reason": f"… and {len(errors) - MAX_RUN_ERRORS} more errors"})
    run.status = status
    run.finished_at = timezone.now()
    run.save()
    return run


class RunIngest:
    """One run's normalising, storing and grouping, fed batch by batch.

    A crawl hands its postings over while it goes on (:func:`jobs.fetching.fetch_source`),
    so each batch is stored (and its counts saved on the run) before the next page arrives;
    :meth:`close` then settles the run's status once the fetch is over.
    """

    def __init__(
        self,
        run: IngestRun,
        *,
        deactivate: bool = True,
        on_batch: Callable[[IngestRun], None] | None = None,
    ) -> None:
        self.run = run
        self.deactivate = deactivate
        self.on_batch = on_batch  # told after each batch, with the run's counts so far
        self.errors: list[dict] = []
        self.received = 0  # postings handed over (skipped items aside)
        self.skipped = 0
        self.counts = StoreCounts()
        self.normalize_failed = 0
        self._alerts_queued = False

    def add(self, raw_postings: list[RawPosting], skipped: list[tuple[str, str]] = ()) -> None:
        """Normalise, store and group one batch, and save the run's counts so far."""
        self.errors += [{"item": ref, "reason": reason} for ref, reason in skipped]
        outcome = normalize_all(raw_postings)
        self.errors += [{"item": ref, "reason": reason} for ref, reason in outcome.invalid]
        self.received += len(raw_postings)
        self.skipped += len(skipped)
        self.normalize_failed += len(outcome.invalid)
        counts = store_postings(source=self.run.source, postings=outcome.postings)
        self.counts.add(counts)
        try:
            dedup_jobs(job_ids=counts.job_ids)
        except Exception as exc:  # the postings are stored; backfill_job_fingerprints regroups
            logger.exception("dedup after storing %s failed", self.run.source)
            self.errors.append({"reason": f"dedup failed: {type(exc).__name__}: {exc}"[:500]})
        self._count()
        self.run.save(update_fields=["fetched", "invalid", "new", "updated", "unchanged"])
        if self.on_batch is not None:
            self.on_batch(self.run)

    def close(
        self, *, fetch_errors: list[dict] = (), pages: int = 0, complete: bool = False
    ) -> IngestRun:
        """End the run after the fetch: status, and postings no longer listed made inactive.

        Postings missing from the source are marked inactive only after a complete,
        error-free fetch.
        """
        run = self.run
        self._count()
        self._queue_alerts()
        run.pages = pages
        if fetch_errors and not self.received:
            status = IngestRun.Status.FAILED
        elif fetch_errors or not complete:
            status = IngestRun.Status.PARTIAL
        else:
            status = IngestRun.Status.OK
        if status == IngestRun.Status.OK and self.deactivate:
            # Canonical postings about to go inactive while their group lives on elsewhere:
            # the group is then shown through a member that is still listed.
            heads = list(
                Job.objects.filter(
                    source=run.source,
                    is_active=True,
                    last_seen_at__lt=run.started_at,
                    is_canonical=True,
                    duplicates__isnull=False,
                )
                .values_list("pk", flat=True)
                .distinct()
            )
            run.deactivated = deactivate_missing(source=run.source, seen_before=run.started_at)
            if heads:
                dedup_refresh_canonicals(job_ids=heads)
        return _finish(run, errors=[*map(dict, fetch_errors), *self.errors], status=status)

    def fail(self, reason: str) -> IngestRun:
        """End the run as failed; what was stored before the failure stays stored."""
        self._count()  # the failed batch's postings were fetched, if not stored
        self._queue_alerts()
        return _finish(
            self.run, errors=[*self.errors, {"reason": reason}], status=IngestRun.Status.FAILED
        )

    def _count(self) -> None:
        run, counts = self.run, self.counts
        run.fetched = self.received + self.skipped
        run.invalid = self.skipped + self.normalize_failed
        run.new, run.updated, run.unchanged = counts.new, counts.updated, counts.unchanged

    def _queue_alerts(self) -> None:
        # Saved-search alerts for this run's new jobs, queued once they commit. ``robust``: an
        # alert that fails to queue (or, run eagerly, to record) is logged, never fails the run.
        if not self.counts.new or self._alerts_queued:
            return
        self._alerts_queued = True
        from jobs.search.tasks import record_alert_matches

        ids, since = list(self.counts.job_ids), self.run.started_at.isoformat()
        transaction.on_commit(lambda: record_alert_matches.delay(ids, since), robust=True)


def ingest_postings(
    *,
    run: IngestRun,
    raw_postings: list[RawPosting],
    skipped: list[tuple[str, str]] = (),
    fetch_errors: list[dict] = (),
    pages: int = 0,
    complete: bool = False,
    deactivate: bool = True,
) -> IngestRun:
    """Normalise and store what a fetch (or a file) produced in one go, and close the run."""
    ingest = RunIngest(run, deactivate=deactivate)
    ingest.add(raw_postings, skipped)
    return ingest.close(fetch_errors=fetch_errors, pages=pages, complete=complete)


#: Guest pages of LinkedIn and Indeed are opt-in and fetched gently: few pages, long gaps.
OPT_IN_MAX_PAGES = 3
OPT_IN_DELAY_SECONDS = 8.0


def fetch_limits(source: JobSource) -> dict[str, Any]:
    """Per-source crawl limits; opt-in scraping sources are rate-limited hard."""
    if source.adapter.opt_in:
        return {
            "max_pages": min(source.max_pages, OPT_IN_MAX_PAGES),
            "max_items": min(source.max_items, 250),
            "delay": OPT_IN_DELAY_SECONDS,
        }
    return {"max_pages": source.max_pages, "max_items": source.max_items}


def source_run(
    *,
    source_id: int,
    trigger: str = IngestRun.Trigger.SCHEDULE,
    requested_by_id: int | None = None,
    config_overrides: dict[str, Any] | None = None,
    on_batch: Callable[[IngestRun], None] | None = None,
) -> IngestRun:
    """Fetch one source and store its postings. Never raises for a failing source: the run
    ends as ``failed`` with the error, so other sources carry on.

    ``on_batch`` is told, with the run and its counts so far, after each stored batch.
    """
    from jobs.fetching import fetch_source  # spawns the crawler child process

    source = JobSource.objects.get(pk=source_id)
    run = IngestRun.objects.create(source=source, trigger=trigger, requested_by_id=requested_by_id)
    config = {**source.config, **(config_overrides or {})}
    if source.ignore_robots:
        config["ignore_robots"] = True
    try:
        # Cheap and local: a missing API key or board token fails here, before any fetch.
        source.adapter.build_requests(config)
    except ConfigError as exc:
        return _finish(run, errors=[{"reason": str(exc)}], status=IngestRun.Status.FAILED)
    # Each batch the crawler hands over is stored while it fetches the next pages.
    # A user's search (config overrides) says nothing about the rest of the board: it never
    # makes postings inactive.
    ingest = RunIngest(run, deactivate=not config_overrides, on_batch=on_batch)
    try:
        result = fetch_source(
            kind=source.kind, config=config, on_postings=ingest.add, **fetch_limits(source)
        )
        if result.postings or result.skipped:  # not handed over (a fetch that never does)
            ingest.add(result.postings, result.skipped)
        return ingest.close(
            fetch_errors=[
                {"url": e.url, "reason": e.reason, "temporary": e.temporary} for e in result.errors
            ],
            pages=result.pages,
            complete=result.complete,
        )
    except Exception as exc:
        logger.exception("ingesting source %s failed", source.name)
        return ingest.fail(f"{type(exc).__name__}: {exc}"[:500])


def file_source(*, kind: str) -> JobSource:
    """The (disabled) source that postings imported from recorded files are stored under."""
    adapter = ADAPTERS[kind]
    source, _ = JobSource.objects.get_or_create(
        name=f"{adapter.label} (files)",
        defaults={"kind": kind, "enabled": False},
    )
    return source


def file_ingest(*, kind: str, path: Path, config: dict[str, Any] | None = None) -> IngestRun:
    """Parse a recorded response and store it like a run (``ingest_file --save``)."""
    result = parse_file(kind=kind, path=path, config=config)
    source = file_source(kind=kind)
    run = IngestRun.objects.create(source=source, trigger=IngestRun.Trigger.FILE)
    # A file is one response, not proof of what a board no longer lists: never deactivate.
    return ingest_postings(
        run=run,
        raw_postings=result.postings,
        skipped=result.skipped,
        pages=1,
        complete=True,
        deactivate=False,
    )


def sources_seed_defaults() -> list[str]:
    """Create the default sources that do not exist yet; returns the names created."""
    from jobs.defaults import DEFAULT_SOURCES

    created = []
    for spec in DEFAULT_SOURCES:
        adapter = ADAPTERS[spec["kind"]]
        _source, was_created = JobSource.objects.get_or_create(
            name=spec["name"],
            defaults={
                "kind": spec["kind"],
                "config": spec["config"],
                "enabled": spec.get("enabled", not adapter.opt_in),
                "credit_text": adapter.credit or "",
                "link_back_required": adapter.link_back_required,
            },
        )
        if was_created:
            created.append(spec["name"])
    return created


#: How often one user may start "Find jobs now".
FIND_NOW_COOLDOWN_SECONDS = 600


class FindNowError(Exception):
    """The user's "Find jobs now" cannot start; the message says why and what to do."""

    def __init__(self, message: str, *, retry_after: int | None = None) -> None:
        super().__init__(message)
        self.retry_after = retry_after


def find_now_plan(*, user) -> tuple[list[JobSource], dict[str, str]]:
    """The sources to search and the search terms taken from the user's profile."""
    from accounts.services import profile_for

    profile = profile_for(user=user)
    keywords = (profile.target_titles or [""])[0] or profile.headline
    if not keywords.strip():
        raise FindNowError("Add a target title to your profile first: it is what we search for.")
    overrides = {"keywords": keywords.strip()[:100]}
    if profile.preferred_locations:
        first = profile.preferred_locations[0]
        overrides["location"] = first.get("city") or first.get("country") or ""
        if first.get("country"):
            overrides["country"] = first["country"].lower()
    sources = [s for s in JobSource.objects.enabled() if s.adapter.search_capable]
    if not sources:
        raise FindNowError("No search-capable job source is enabled; ask your operator.")
    return sources, overrides


def find_now_start(*, user) -> list[JobSource]:
    """Queue a search of every enabled search-capable source for this user (rate-limited)."""
    from django.core.cache import cache

    from .tasks import find_jobs_for_user

    sources, overrides = find_now_plan(user=user)
    key = f"jobs:find-now:{user.pk}"
    now = timezone.now().timestamp()
    if not cache.add(key, now, timeout=FIND_NOW_COOLDOWN_SECONDS):
        started = cache.get(key) or now
        wait = max(1, int(FIND_NOW_COOLDOWN_SECONDS - (now - started)))
        raise FindNowError(
            f"A search ran moments ago; try again in {wait // 60 + 1} minutes.", retry_after=wait
        )
    find_jobs_for_user.delay_on_commit(user.pk, [s.pk for s in sources], overrides)
    return sources


def find_now_run(*, user_id: int, source_ids: list[int], overrides: dict[str, str]) -> None:
    """Run the queued searches one source at a time, pushing progress to the user's page."""
    from careercopilot.realtime import push_to_user_on_commit

    total, new = len(source_ids), 0

    def push(*, done: int, found: int, last: IngestRun | None = None, current: str = "") -> None:
        push_to_user_on_commit(
            user_id,
            template="jobs/partials/find_now_status.html",
            context={
                "oob": True,
                "running": done < total,
                "done": done,
                "total": total,
                "new": found,
                "last": last,
                "current": current,
                "keywords": overrides.get("keywords", ""),
            },
        )

    for done, source_id in enumerate(source_ids, start=1):
        run = source_run(
            source_id=source_id,
            trigger=IngestRun.Trigger.USER,
            requested_by_id=user_id,
            config_overrides=overrides,
            # A source of many pages shows its new jobs as each page is stored.
            on_batch=lambda run, done=done, before=new: push(
                done=done - 1, found=before + run.new, current=run.source.name
            ),
        )
        new += run.new
        push(done=done, found=new, last=run)
