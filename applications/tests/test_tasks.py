import datetime as dt

import pytest
from django.core.management import call_command
from django_celery_beat.models import PeriodicTask

from applications import services
from applications.models import FollowUpReminder
from applications.tasks import sweep_follow_ups
from applications.tests.factories import ApplicationFactory

pytestmark = pytest.mark.django_db

TODAY = dt.date(2026, 3, 20)


def test_sweep_twice_leaves_one_reminder(user, settings):
    settings.FOLLOW_UP_AFTER_DAYS = 7
    application = ApplicationFactory(user=user, status="applied", applied_on=dt.date(2026, 3, 10))
    first = services.follow_ups_sweep(today=TODAY)
    second = services.follow_ups_sweep(today=TODAY)
    reminders = FollowUpReminder.objects.filter(application=application)
    assert reminders.count() == 1
    reminder = reminders.get()
    assert (reminder.due_on, reminder.reason, reminder.status) == (
        dt.date(2026, 3, 17),
        "follow_up",
        "due",
    )
    assert (first["created"], second["created"]) == (1, 0)


def test_sweep_marks_the_suggested_follow_up_due_when_its_day_comes(user, settings):
    settings.FOLLOW_UP_AFTER_DAYS = 7
    application = services.application_create(
        user=user, title="SRE", company="Acme", status="applied", applied_on=dt.date(2026, 3, 10)
    )
    reminder = FollowUpReminder.objects.get(application=application)
    assert reminder.status == "pending"
    services.follow_ups_sweep(today=dt.date(2026, 3, 16))
    reminder.refresh_from_db()
    assert reminder.status == "pending"
    services.follow_ups_sweep(today=TODAY)
    services.follow_ups_sweep(today=TODAY)
    reminder.refresh_from_db()
    assert reminder.status == "due"
    assert FollowUpReminder.objects.filter(application=application).count() == 1


def test_sweep_suggests_ghosted_but_leaves_the_status_alone(user, settings):
    settings.GHOSTED_AFTER_DAYS = 30
    application = ApplicationFactory(user=user, status="applied", applied_on=dt.date(2026, 2, 1))
    services.follow_ups_sweep(today=TODAY)
    services.follow_ups_sweep(today=TODAY)
    application.refresh_from_db()
    assert application.status == "applied"
    ghosted = FollowUpReminder.objects.filter(application=application, reason="ghosted")
    assert ghosted.count() == 1
    assert ghosted.get().due_on == dt.date(2026, 3, 3)


def test_a_dismissed_reminder_stays_dismissed(user):
    application = ApplicationFactory(user=user, status="applied", applied_on=dt.date(2026, 3, 1))
    services.follow_ups_sweep(today=TODAY)
    reminder = FollowUpReminder.objects.get(application=application, reason="follow_up")
    services.reminder_resolve(user=user, reminder_id=reminder.pk, status="dismissed")
    services.follow_ups_sweep(today=TODAY)
    reminder.refresh_from_db()
    assert reminder.status == "dismissed"
    assert FollowUpReminder.objects.filter(application=application).count() == 1


def test_applications_with_an_answer_get_no_reminder(user):
    ApplicationFactory(
        user=user,
        status="screening",
        applied_on=dt.date(2026, 1, 1),
        first_response_on=dt.date(2026, 1, 5),
    )
    ApplicationFactory(user=user, status="saved")
    services.follow_ups_sweep(today=TODAY)
    assert not FollowUpReminder.objects.exists()


def test_a_chosen_follow_up_date_becomes_a_due_reminder(user):
    application = ApplicationFactory(
        user=user,
        status="interviewing",
        applied_on=dt.date(2026, 3, 1),
        first_response_on=dt.date(2026, 3, 2),
        next_follow_up_on=dt.date(2026, 3, 19),
    )
    services.follow_ups_sweep(today=TODAY)
    reminder = FollowUpReminder.objects.get(application=application)
    assert (reminder.due_on, reminder.status) == (dt.date(2026, 3, 19), "due")


def test_the_task_runs_the_sweep(user):
    ApplicationFactory(user=user, status="applied", applied_on=dt.date(2000, 1, 1))
    sweep_follow_ups.apply()
    assert FollowUpReminder.objects.filter(reason="follow_up").count() == 1
    assert FollowUpReminder.objects.filter(reason="ghosted").count() == 1


def test_the_sweep_is_scheduled_daily():
    call_command("setup_periodic_tasks")
    task = PeriodicTask.objects.get(name="applications-follow-ups")
    assert task.task == "applications.tasks.follow_ups_sweep"
    assert (task.crontab.hour, task.crontab.minute) == ("5", "15")


def test_the_sweep_uses_each_users_own_follow_up_delay(user, other_user):
    import datetime as dt

    from accounts.services import profile_update
    from applications.models import FollowUpReminder
    from applications.services import follow_ups_sweep
    from applications.tests.factories import ApplicationFactory

    profile_update(user=user, data={"follow_up_after_days": 3, "ghosted_after_days": 10})
    today = dt.date(2026, 11, 20)
    mine = ApplicationFactory(user=user, status="applied", applied_on=today - dt.timedelta(days=4))
    theirs = ApplicationFactory(
        user=other_user, status="applied", applied_on=today - dt.timedelta(days=4)
    )
    follow_ups_sweep(today=today)
    assert FollowUpReminder.objects.filter(application=mine, reason="follow_up").exists()
    assert not FollowUpReminder.objects.filter(application=theirs).exists()  # default 7 days
    follow_ups_sweep(today=today + dt.timedelta(days=6))
    assert FollowUpReminder.objects.filter(application=mine, reason="ghosted").count() == 1
    assert FollowUpReminder.objects.filter(application=theirs, reason="follow_up").count() == 1
