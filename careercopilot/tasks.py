from celery import shared_task

from .services import heartbeat_record


@shared_task(
    name="careercopilot.tasks.heartbeat", ignore_result=True, soft_time_limit=20, time_limit=30
)
def heartbeat() -> None:
    """Proves a worker is consuming; when beat sent it, proves beat is ticking too."""
    heartbeat_record(name="worker")
    headers = heartbeat.request.headers or {}
    if heartbeat.request.get("periodic_task_name") or headers.get("periodic_task_name"):
        heartbeat_record(name="beat")
