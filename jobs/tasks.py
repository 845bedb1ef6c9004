"""Thin Celery wrappers around the ingestion services (queue ``ingest``)."""

from celery import shared_task

from .models import IngestRun, JobSource


@shared_task(name="jobs.tasks.ingest_source", soft_time_limit=900, time_limit=960)
def ingest_source(
    source_id: int, trigger: str = IngestRun.Trigger.SCHEDULE, requested_by_id: int | None = None
) -> int:
    """Run one source; the run row records success or failure. Safe to retry."""
    from .services import source_run

    run = source_run(source_id=source_id, trigger=trigger, requested_by_id=requested_by_id)
    return run.pk


@shared_task(name="jobs.tasks.ingest_all_sources", soft_time_limit=60, time_limit=90)
def ingest_all_sources(trigger: str = IngestRun.Trigger.SCHEDULE) -> int:
    """Fan out: one task per enabled source, so one failing source never stops the others."""
    ids = list(JobSource.objects.enabled().values_list("pk", flat=True))
    for source_id in ids:
        ingest_source.delay(source_id, trigger)
    return len(ids)


@shared_task(name="jobs.tasks.find_jobs_for_user", soft_time_limit=1800, time_limit=1900)
def find_jobs_for_user(user_id: int, source_ids: list[int], overrides: dict) -> None:
    """A user's "Find jobs now": search each source with the profile's terms."""
    from .services import find_now_run

    find_now_run(user_id=user_id, source_ids=source_ids, overrides=overrides)
