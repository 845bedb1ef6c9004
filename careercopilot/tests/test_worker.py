"""A real Celery worker consuming from Redis (runs when REDIS_URL is set, as in CI)."""

import time

import pytest
from celery.contrib.testing.worker import start_worker

from careercopilot.celery import app
from careercopilot.models import Heartbeat
from careercopilot.tasks import heartbeat

pytestmark = [pytest.mark.redis, pytest.mark.django_db(transaction=True)]


def _wait_for(predicate, timeout=20.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.2)
    return False


def test_a_real_worker_runs_the_heartbeat_and_readiness_turns_ok(client, settings):
    assert not settings.CELERY_TASK_ALWAYS_EAGER, "this test needs the real broker"
    assert client.get("/health/ready/").status_code == 503  # no heartbeat yet

    with start_worker(app, pool="solo", perform_ping_check=False, shutdown_timeout=10):
        # Sent the way beat sends it: django-celery-beat adds this header.
        heartbeat.apply_async(headers={"periodic_task_name": "heartbeat"})
        assert _wait_for(lambda: Heartbeat.objects.filter(name="beat").exists())

    assert Heartbeat.objects.filter(name="worker").exists()
    response = client.get("/health/ready/")
    body = response.json()
    assert response.status_code == 200, body
    assert body["components"]["workers"]["status"] == "ok"
    assert body["components"]["beat"]["status"] == "ok"
