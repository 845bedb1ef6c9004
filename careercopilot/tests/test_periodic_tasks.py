import pytest
from django.core.management import call_command
from django_celery_beat.models import IntervalSchedule, PeriodicTask


@pytest.mark.django_db
def test_setup_periodic_tasks_is_idempotent():
    call_command("setup_periodic_tasks")
    call_command("setup_periodic_tasks")
    assert PeriodicTask.objects.filter(name="heartbeat").count() == 1
    task = PeriodicTask.objects.get(name="heartbeat")
    assert task.task == "careercopilot.tasks.heartbeat"
    assert task.interval.every == 30


@pytest.mark.django_db
def test_setup_keeps_operator_edits_unless_reset():
    call_command("setup_periodic_tasks")
    task = PeriodicTask.objects.get(name="heartbeat")
    slower, _ = IntervalSchedule.objects.get_or_create(every=60, period=IntervalSchedule.SECONDS)
    task.interval = slower
    task.enabled = False
    task.save()
    call_command("setup_periodic_tasks")
    task.refresh_from_db()
    assert (task.interval.every, task.enabled) == (60, False)
    call_command("setup_periodic_tasks", "--reset")
    task.refresh_from_db()
    assert (task.interval.every, task.enabled) == (30, True)


@pytest.mark.django_db
def test_heartbeat_task_records_the_worker(settings):
    from careercopilot.models import Heartbeat
    from careercopilot.tasks import heartbeat

    heartbeat.apply()
    assert Heartbeat.objects.filter(name="worker").exists()
    heartbeat.apply(headers={"periodic_task_name": "heartbeat"})
    assert Heartbeat.objects.filter(name="beat").exists()
