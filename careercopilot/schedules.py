"""Every periodic task, declared in code. ``manage.py setup_periodic_tasks`` writes them to
django-celery-beat's tables; operators may then change times or disable them in admin, and a
later sync keeps those edits unless run with ``--reset``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta


@dataclass(frozen=True)
class Schedule:
    name: str
    task: str
    every: timedelta | None = None
    crontab: dict[str, str] = field(default_factory=dict)  # minute, hour, day_of_week, ...
    queue: str = "default"
    description: str = ""


def all_schedules() -> list[Schedule]:
    from django.conf import settings

    return [
        Schedule(
            name="heartbeat",
            task="careercopilot.tasks.heartbeat",
            every=timedelta(seconds=settings.HEARTBEAT_INTERVAL_SECONDS),
            description="Proves a worker and beat are alive; read by /health/ready/.",
        ),
        Schedule(
            name="ingest-all-sources",
            task="jobs.tasks.ingest_all_sources",
            crontab={"minute": "0", "hour": "4"},
            queue="ingest",
            description="Daily at 04:00 UTC: fetch every enabled job source.",
        ),
        Schedule(
            name="applications-follow-ups",
            task="applications.tasks.follow_ups_sweep",
            crontab={"minute": "15", "hour": "5"},
            description="Daily: follow-up reminders due, ghosted suggestions.",
        ),
    ]
