"""Small handmade postings for dedup tests: one job as several boards list it."""

from __future__ import annotations

from jobs.models import IngestRun, Job, JobSource
from jobs.services import ingest_postings
from jobs.tests.factories import JobSourceFactory
from jobs.types import RawPosting

BODY = (
    "<p>Acme Robotics builds warehouse robots that pick, pack and ship for retailers in twelve "
    "countries. Founded in 2015, we are a team of two hundred engineers, designers and operators "
    "who care about reliable machines and calm on-call rotations.</p>"
    "<p>As a {title} in {city} you will own the fleet control services that schedule thousands "
    "of robots every hour, design APIs that our warehouse partners integrate with, and improve "
    "the observability of a distributed system that must never stop a shift.</p>"
    "<h3>What you will do</h3><ul><li>Design and build Python services for fleet scheduling."
    "</li><li>Own PostgreSQL schemas and migrations for high write volumes.</li><li>Review "
    "code, mentor engineers and write clear technical proposals.</li><li>Take part in a fair "
    "on-call rotation with generous time off in lieu.</li></ul>"
    "<h3>What you bring</h3><ul><li>{years}+ years building backend systems in Python or Go."
    "</li><li>Experience with Kubernetes, Kafka and message-driven architectures.</li><li>A "
    "habit of measuring before optimising and of writing things down.</li></ul>"
)
BOARD_TEXT = {
    "greenhouse": ("", "<p>Acme Robotics is an equal opportunity employer.</p>"),
    "lever": ("", "<p>Apply for this job. We welcome applicants of every background.</p>"),
    "linkedin": (
        "<p>Acme Robotics is hiring. Easy apply.</p>",
        "<p>Show more. Seniority level: not applicable. Referrals increase your "
        "chances of interviewing at Acme Robotics by 2x.</p>",
    ),
}


def posting(
    external_id: str,
    *,
    board: str = "greenhouse",
    title: str = "Senior Backend Engineer",
    company: str = "Acme Robotics Inc.",
    city: str = "Berlin",
    location: str = "Berlin, Germany",
    years: int = 5,
    body: str | None = None,
    **overrides,
) -> RawPosting:
    head, foot = BOARD_TEXT[board]
    text = body if body is not None else BODY.format(title=title, city=city, years=years)
    data = {
        "source": board,
        "external_id": external_id,
        "title": title,
        "company": company,
        "url": f"https://{board}.example/acme/jobs/{external_id}",
        "locations": [location],
        "description_html": head + text + foot,
        "posted_at": "2026-11-20T10:00:00Z",
    }
    data.update(overrides)
    return RawPosting(**data)


def board(kind: str = "greenhouse") -> JobSource:
    return JobSourceFactory(name=f"{kind} board", kind=kind)


def ingest(source: JobSource, *raws: RawPosting, complete: bool = False) -> IngestRun:
    """Store postings the way a source run does (normalise, store, dedup)."""
    run = IngestRun.objects.create(source=source, trigger=IngestRun.Trigger.COMMAND)
    return ingest_postings(run=run, raw_postings=list(raws), pages=1, complete=complete)


def job(external_id: str) -> Job:
    return Job.objects.get(external_id=external_id)


def groups() -> set[frozenset[str]]:
    """Every group of two or more, as sets of external ids."""
    out: dict[int, set[str]] = {}
    for pk, root, ext in Job.objects.values_list("pk", "canonical_id", "external_id"):
        out.setdefault(root or pk, set()).add(ext)
    return {frozenset(g) for g in out.values() if len(g) > 1}
