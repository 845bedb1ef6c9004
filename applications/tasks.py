from celery import shared_task

from .services import follow_ups_sweep


@shared_task(
    name="applications.tasks.follow_ups_sweep",
    ignore_result=True,
    soft_time_limit=120,
    time_limit=150,
)
def sweep_follow_ups() -> dict[str, int]:
    """Daily: create and mark due follow-up reminders, suggest "ghosted" after long silence."""
    return follow_ups_sweep()
