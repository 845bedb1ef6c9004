"""Thin Celery wrappers around the dedup services (queue ``ingest``)."""

from celery import shared_task


@shared_task(
    name="jobs.dedup.tasks.dedup_jobs", queue="ingest", soft_time_limit=600, time_limit=660
)
def dedup_jobs(job_ids: list[int]) -> int:
    """Group these jobs with their duplicates; idempotent, so safe to retry."""
    from .services import dedup_jobs as run

    return run(job_ids=job_ids).regrouped


@shared_task(name="jobs.dedup.tasks.rebuild", queue="ingest", soft_time_limit=1800, time_limit=1900)
def rebuild() -> int:
    """The backfill from admin or a schedule: every fingerprint and group from scratch."""
    from .services import dedup_rebuild

    return dedup_rebuild()["groups"]
