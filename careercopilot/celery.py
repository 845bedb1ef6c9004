"""The Celery application. Configuration lives in Django settings under ``CELERY_``."""

import os

from celery import Celery
from celery.signals import beat_init, worker_ready

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "careercopilot.settings")

app = Celery("careercopilot")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


@worker_ready.connect
def _record_worker_start(**_kwargs) -> None:
    from careercopilot.services import heartbeat_record

    heartbeat_record(name="worker")


@beat_init.connect
def _record_beat_start(**_kwargs) -> None:
    from careercopilot.services import heartbeat_record

    heartbeat_record(name="beat")
