import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone

from careercopilot.models import Heartbeat


def test_liveness_answers_without_touching_the_database(client):
    # No django_db mark: any database access in the view would raise here.
    response = client.get("/health/")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


@pytest.mark.django_db
def test_readiness_is_ok_in_process_mode(client, settings):
    settings.REDIS_URL = ""
    response = client.get("/health/ready/")
    body = response.json()
    assert response.status_code == 200, body
    assert body["status"] == "ok"
    assert set(body["components"]) == {"database", "redis", "migrations", "workers", "beat"}
    assert all(c["status"] == "ok" for c in body["components"].values())


@pytest.mark.django_db
def test_readiness_names_redis_when_it_is_down(client, settings):
    settings.REDIS_URL = "redis://127.0.0.1:1/0"  # nothing listens on port 1
    response = client.get("/health/ready/")
    assert response.status_code == 503
    body = response.json()
    assert "redis" in body["failing"]
    assert body["components"]["database"]["status"] == "ok"


@pytest.mark.django_db
def test_pages_that_do_not_need_redis_keep_working_when_it_is_down(user_client, settings):
    settings.REDIS_URL = "redis://127.0.0.1:1/0"
    assert user_client.get("/profile/").status_code == 200


@pytest.mark.django_db
def test_readiness_fails_on_a_stale_worker_heartbeat(client, settings):
    import redis

    settings.REDIS_URL = "redis://127.0.0.1:6379/0"
    try:
        redis.Redis.from_url(settings.REDIS_URL, socket_connect_timeout=0.5).ping()
        redis_up = True
    except redis.ConnectionError:
        redis_up = False
    old = timezone.now() - timezone.timedelta(seconds=settings.HEARTBEAT_MAX_AGE_SECONDS + 5)
    Heartbeat.objects.create(name="worker", last_seen=old)
    Heartbeat.objects.create(name="beat", last_seen=timezone.now())
    body = client.get("/health/ready/").json()
    assert "workers" in body["failing"]
    assert "beat" not in body["failing"]
    assert ("redis" in body["failing"]) is not redis_up


@pytest.mark.django_db
def test_verify_system_health_exits_non_zero_and_names_the_failure(settings, capsys):
    settings.REDIS_URL = "redis://127.0.0.1:1/0"
    with pytest.raises(CommandError, match="redis"):
        call_command("verify_system_health")
    assert "FAIL redis" in capsys.readouterr().out


@pytest.mark.django_db
def test_verify_system_health_passes_in_process_mode(settings, capsys):
    settings.REDIS_URL = ""
    call_command("verify_system_health")
    assert "FAIL" not in capsys.readouterr().out
