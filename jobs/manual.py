"""Jobs a user adds by hand: from a link (the page's schema.org JobPosting when it has one)
or from a form.

A hand-added job is private to the user who added it (``Job.owner``): nobody else sees it in
search, on a job page, in the API or in a group's "also on" list. It goes through the same
normalisation as the catalogue (sanitised description, salary, location, skills) and the same
dedup, so a job already in the catalogue is linked to its catalogue posting, which stays the
canonical one; two users' hand-added jobs never share a group.

The link is fetched once, in the request, through the SSRF-safe fetcher
(:func:`careercopilot.safe_fetch.safe_get`): http(s) only, every hop's address checked, size
and time capped. A page without JSON-LD is not an error: its title, site name and description
pre-fill the form for the user to complete.
"""

from __future__ import annotations

import hashlib
import logging
import uuid
from collections.abc import Mapping
from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from parsel import Selector

from careercopilot.safe_fetch import FetchError, Policy, SafeResponse, UnsafeURLError, safe_get
from jobs.dedup.services import dedup_jobs, dedup_regroup
from jobs.models import Job, JobSource, RemoteType
from jobs.normalize import canonical_url
from jobs.sources import ADAPTERS, ParseError
from jobs.sources.manual import MANUAL_ADAPTER, MANUAL_KIND
from jobs.store import store_postings
from jobs.types import RawPosting

logger = logging.getLogger(__name__)

#: Interactive fetch: the user is waiting, so tighter than the crawler's limits.
FETCH_POLICY = Policy(max_bytes=3 * 1024 * 1024, timeout=8.0, total_timeout=15.0)
HTML_TYPES = ("text/html", "application/xhtml+xml")


@dataclass
class AddOutcome:
    """What adding produced: the stored job, or (from a link without job data) a pre-fill."""

    job: Job | None = None
    created: bool = False
    #: the catalogue posting this job turned out to duplicate (shown instead of it)
    catalogue_job: Job | None = None
    prefill: dict[str, str] = field(default_factory=dict)
    note: str = ""


def manual_source() -> JobSource:
    """The one pseudo-source every hand-added job belongs to (created on first use)."""
    source = JobSource.objects.filter(kind=MANUAL_KIND).order_by("pk").first()
    if source is None:
        source = JobSource.objects.create(
            name=MANUAL_ADAPTER.label, kind=MANUAL_KIND, enabled=False, max_pages=0, max_items=0
        )
    return source


def _external_id(user, url: str | None) -> str:
    """Per user: the same link added twice is the same job; a job without a link is new."""
    if url:
        digest = hashlib.sha256((canonical_url(url) or url).encode()).hexdigest()[:32]
        return f"u{user.pk}-{digest}"
    return f"u{user.pk}-{uuid.uuid4().hex}"


def _existing(user, external_id: str) -> Job | None:
    return (
        Job.objects.for_user(user).filter(source__kind=MANUAL_KIND, external_id=external_id).first()
    )


@transaction.atomic
def _store_private(*, user, raw: RawPosting) -> AddOutcome:
    existing = _existing(user, raw.external_id)
    if existing is not None:
        return AddOutcome(job=existing, created=False, note="You had already added this job.")
    # Imported here: the services module imports dedup and search, which import this one's
    # neighbours; keeping the import local avoids a cycle at start-up.
    from jobs.services import normalize_all

    outcome = normalize_all([raw])
    if not outcome.postings:
        reason = outcome.invalid[0][1] if outcome.invalid else "the job could not be read"
        raise ValidationError(reason)
    source = manual_source()
    store_postings(source=source, postings=outcome.postings)
    job = Job.objects.get(source=source, external_id=outcome.postings[0].external_id)
    # Still inside this transaction: nobody else ever sees the row without its owner.
    Job.objects.filter(pk=job.pk).update(owner=user)
    dedup_jobs(job_ids=[job.pk])
    job = Job.objects.select_related("canonical", "source").get(pk=job.pk)
    result = AddOutcome(job=job, created=True)
    if job.canonical_id and job.canonical.owner_id is None:
        result.catalogue_job = job.canonical
        result.note = "This job is already in the catalogue; your copy is linked to it."
    return result


# --- by form ----------------------------------------------------------------------------------


def job_add(*, user, data: Mapping[str, str]) -> AddOutcome:
    """Add a job from the form's cleaned fields (title and company required)."""
    title = (data.get("title") or "").strip()
    company = (data.get("company") or "").strip()
    errors = {}
    if not title:
        errors["title"] = "Give the job a title."
    if not company:
        errors["company"] = "Name the company."
    remote = (data.get("remote_type") or RemoteType.UNKNOWN).strip()
    if remote not in RemoteType.values:
        errors["remote_type"] = f"Choose one of: {', '.join(RemoteType.values)}."
    if errors:
        raise ValidationError(errors)
    url = (data.get("url") or "").strip()
    location = (data.get("location") or "").strip()
    raw = RawPosting(
        source=MANUAL_KIND,
        external_id=_external_id(user, url or None),
        title=title[:300],
        company=company[:200],
        url=url or None,
        apply_url=url or None,
        locations=[location[:200]] if location else [],
        remote_hint=None if remote == RemoteType.UNKNOWN else remote,
        description_html=(data.get("description_html") or None),
        description_text=(data.get("description") or "").strip() or None,
        salary_text=(data.get("salary") or "").strip()[:200] or None,
        employment_type=(data.get("employment_type") or "").strip() or None,
        raw={"added_by_hand": True, "fields": {k: str(v)[:2000] for k, v in data.items()}},
    )
    return _store_private(user=user, raw=raw)


# --- by link ----------------------------------------------------------------------------------


def _fetch(url: str, policy: Policy) -> SafeResponse:
    headers = {"User-Agent": settings.CRAWLER_USER_AGENT, "Accept": ", ".join(HTML_TYPES)}
    try:
        response = safe_get(url, policy, headers=headers)
        response.raise_for_status()
    except UnsafeURLError as exc:
        raise ValidationError({"url": f"That address cannot be fetched: {exc}"}) from None
    except FetchError as exc:
        raise ValidationError({"url": f"The page could not be fetched: {exc}"}) from None
    kind = response.headers.get("Content-Type", "").split(";")[0].strip().lower()
    if kind and kind not in HTML_TYPES:
        raise ValidationError({"url": f"That address is not a web page (it sent {kind[:60]})."})
    return response


def _page_prefill(html: str, url: str) -> dict[str, str]:
    """What a page without job data still tells us: its title, site name and summary."""
    page = Selector(text=html)

    def first(*queries: str) -> str:
        for query in queries:
            value = page.xpath(query).get()
            if value and value.strip():
                return " ".join(value.split())
        return ""

    return {
        "url": url,
        "title": first("//meta[@property='og:title']/@content", "//title/text()")[:300],
        "company": first("//meta[@property='og:site_name']/@content")[:200],
        "description": first(
            "//meta[@property='og:description']/@content", "//meta[@name='description']/@content"
        )[:5000],
    }


def job_add_from_url(*, user, url: str, policy: Policy | None = None) -> AddOutcome:
    """Fetch ``url`` and add the job its JSON-LD describes, or return a pre-filled form."""
    url = (url or "").strip()
    if not url:
        raise ValidationError({"url": "Paste the link of the job's page."})
    if not url.lower().startswith(("http://", "https://")):
        raise ValidationError({"url": "Use an http:// or https:// link."})
    response = _fetch(url, policy or FETCH_POLICY)
    html = response.body.decode("utf-8", errors="replace")
    try:
        parsed = ADAPTERS["jsonld"].parse(html, {"url": response.url}).postings
    except ParseError:
        parsed = []
    if not parsed:
        return AddOutcome(
            prefill=_page_prefill(html, response.url),
            note="That page has no structured job details: check and complete the form.",
        )
    # A page may describe several jobs: prefer the one whose link is the page itself.
    final = canonical_url(response.url)
    raw = next((p for p in parsed if p.url and canonical_url(p.url) == final), parsed[0])
    raw.source = MANUAL_KIND
    raw.url = raw.url or response.url
    raw.external_id = _external_id(user, response.url)
    raw.raw = {"added_by_hand": True, "from_url": response.url, "posting": raw.raw}
    return _store_private(user=user, raw=raw)


# --- removal ----------------------------------------------------------------------------------


@transaction.atomic
def job_remove(*, user, job_id: int) -> None:
    """Delete one of the user's hand-added jobs (catalogue jobs cannot be deleted by users)."""
    job = Job.objects.for_user(user).get(pk=job_id)
    members = list(Job.objects.filter(canonical_id=job.pk).values_list("pk", flat=True))
    job.delete()
    if members:
        dedup_regroup(job_ids=members)  # the group it headed picks a new canonical
