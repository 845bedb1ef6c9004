"""Idempotent bulk storage of normalised postings, keyed by (source, external id).

The same input twice changes nothing but ``last_seen_at``; a posting whose content hash changed
is updated in place; a new one is inserted. Everything happens in a few set-based queries per
batch, so storing is not the slow part of a run.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone

from careercopilot.db import matching
from jobs.normalize import company_key
from jobs.types import NormalizedPosting

from .models import Company, Job, JobSource

BATCH_SIZE = 500

#: Fields rewritten when a posting's content changed.
CONTENT_FIELDS = [
    "url",
    "apply_url",
    "title",
    "company",
    "company_name",
    "locations",
    "countries",
    "remote_type",
    "remote_regions",
    "salary_min",
    "salary_max",
    "salary_currency",
    "salary_period",
    "salary_annual_min",
    "salary_annual_max",
    "salary_estimated",
    "employment_type",
    "seniority",
    "skills",
    "visa_sponsorship",
    "relocation",
    "description_html",
    "description_text",
    "posted_at",
    "expires_at",
    "content_hash",
    "raw",
    "last_seen_at",
    "is_active",
]


@dataclass
class StoreCounts:
    new: int = 0
    updated: int = 0
    unchanged: int = 0
    #: Ids of the jobs inserted or changed (what dedup needs to look at).
    job_ids: list[int] = field(default_factory=list, compare=False, repr=False)

    def add(self, other: StoreCounts) -> None:
        self.new += other.new
        self.updated += other.updated
        self.unchanged += other.unchanged
        self.job_ids += other.job_ids


def _url(value: str | None) -> str:
    # Over-long URLs are tracking junk more often than not; an empty URL beats a failed insert.
    return value if value and len(value) <= 1000 else ""


def _companies_for(postings: Iterable[NormalizedPosting]) -> dict[str, Company]:
    wanted: dict[str, str] = {}
    for posting in postings:
        name = posting.company_canonical or posting.company
        if name:
            key = company_key(name)[:200]
            if key:
                wanted.setdefault(key, name[:200])
    if not wanted:
        return {}
    existing = {c.key: c for c in Company.objects.filter(key__in=wanted)}
    missing = [Company(key=k, name=v) for k, v in wanted.items() if k not in existing]
    if missing:
        Company.objects.bulk_create(missing, ignore_conflicts=True, batch_size=BATCH_SIZE)
        existing = {c.key: c for c in Company.objects.filter(key__in=wanted)}
    return existing


def _apply(job: Job, posting: NormalizedPosting, company: Company | None, now) -> Job:
    job.source_kind = posting.source
    job.url = _url(posting.url)
    job.apply_url = _url(posting.apply_url)
    job.title = posting.title[:300]
    job.company = company
    job.company_name = (posting.company or "")[:200]
    job.locations = [loc.as_dict() for loc in posting.locations]
    job.countries = " ".join(sorted({loc.country for loc in posting.locations if loc.country}))
    job.remote_type = posting.remote_type
    job.remote_regions = posting.remote_regions
    job.salary_min = posting.salary_min
    job.salary_max = posting.salary_max
    job.salary_currency = posting.salary_currency or ""
    job.salary_period = posting.salary_period or ""
    job.salary_annual_min = posting.salary_annual_min
    job.salary_annual_max = posting.salary_annual_max
    job.salary_estimated = posting.salary_estimated
    job.employment_type = posting.employment_type or ""
    job.seniority = posting.seniority or ""
    job.skills = posting.skills
    job.visa_sponsorship = posting.visa_sponsorship
    job.relocation = posting.relocation
    job.description_html = posting.description_html
    job.description_text = posting.description_text
    job.posted_at = posting.posted_at
    job.expires_at = posting.expires_at
    job.content_hash = posting.content_hash
    job.raw = posting.raw
    job.last_seen_at = now
    job.is_active = True
    return job


def store_postings(*, source: JobSource, postings: list[NormalizedPosting]) -> StoreCounts:
    """Upsert postings for one source; returns how many were new, updated and unchanged."""
    counts = StoreCounts()
    by_id: dict[str, NormalizedPosting] = {}
    for posting in postings:  # a source listing the same id twice: the last one wins
        by_id[posting.external_id[:255]] = posting
    items = list(by_id.items())
    for start in range(0, len(items), BATCH_SIZE):
        counts.add(_store_batch(source, dict(items[start : start + BATCH_SIZE])))
    return counts


@transaction.atomic
def _store_batch(source: JobSource, batch: dict[str, NormalizedPosting]) -> StoreCounts:
    now = timezone.now()
    counts = StoreCounts()
    companies = _companies_for(batch.values())
    # The key and hash only: most of a daily run is unchanged postings, and loading their
    # descriptions and raw payloads (kilobytes of JSON each) was most of the time it took.
    # ``_apply`` sets every field ``bulk_update`` writes, so no deferred field is ever read.
    known = Job.objects.filter(source=source).only("pk", "external_id", "content_hash").order_by()
    existing = {
        job.external_id: job
        for rows in matching(known, "external_id", batch, text=True)
        for job in rows
    }
    to_create, to_update, unchanged_ids = [], [], []
    for external_id, posting in batch.items():
        name = posting.company_canonical or posting.company
        company = companies.get(company_key(name)[:200]) if name else None
        job = existing.get(external_id)
        if job is None:
            job = Job(source=source, external_id=external_id, first_seen_at=now)
            to_create.append(_apply(job, posting, company, now))
        elif job.content_hash != posting.content_hash:
            to_update.append(_apply(job, posting, company, now))
        else:
            unchanged_ids.append(job.pk)
    if to_create:
        Job.objects.bulk_create(to_create, batch_size=BATCH_SIZE)
    if to_update:
        Job.objects.bulk_update(to_update, CONTENT_FIELDS, batch_size=BATCH_SIZE)
    for rows in matching(Job.objects.all(), "pk", unchanged_ids):
        rows.update(last_seen_at=now, is_active=True)
    counts.new, counts.updated, counts.unchanged = (
        len(to_create),
        len(to_update),
        len(unchanged_ids),
    )
    counts.job_ids = [job.pk for job in to_create + to_update]
    return counts


def deactivate_missing(*, source: JobSource, seen_before) -> int:
    """Mark inactive every active posting of the source not seen since ``seen_before``.

    Only call this after a *complete* fetch: a failed or partial fetch proves nothing about the
    postings it did not return.
    """
    return Job.objects.filter(source=source, is_active=True, last_seen_at__lt=seen_before).update(
        is_active=False
    )
