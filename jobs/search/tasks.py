"""Thin Celery wrappers around saved-search alerts (queue ``default``)."""

from celery import shared_task
from django.db import OperationalError
from django.utils.dateparse import parse_datetime


@shared_task(
    name="jobs.search.tasks.record_alert_matches",
    queue="default",
    soft_time_limit=240,
    time_limit=300,
    autoretry_for=(OperationalError,),
    retry_backoff=True,
    max_retries=3,
)
def record_alert_matches(job_ids: list[int], since: str | None = None) -> int:
    """Record the saved-search matches among an ingestion's jobs. Idempotent: safe to retry."""
    from .alerts import record_alert_matches as record

    return record(job_ids=job_ids, since=parse_datetime(since) if since else None)
