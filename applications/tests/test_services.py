import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from applications import services
from applications.models import (
    TRANSITIONS,
    Application,
    FollowUpReminder,
    Interview,
    Status,
    StatusChange,
)
from applications.tests.factories import ApplicationFactory

pytestmark = pytest.mark.django_db


def _move(user, application, to_status):
    return services.application_change_status(
        user=user, application_id=application.pk, to_status=to_status
    )


def test_every_exit_is_reachable_from_every_active_status():
    for status in ("saved", "applied", "screening", "interviewing", "offer"):
        assert {"rejected", "withdrawn", "ghosted"} <= TRANSITIONS[status]


def test_move_menus_offer_the_next_stage_first_and_back_moves_last():
    from applications.models import allowed_targets

    assert allowed_targets("applied") == [
        "screening",
        "interviewing",
        "offer",
        "rejected",
        "withdrawn",
        "ghosted",
        "saved",
    ]
    assert allowed_targets("ghosted") == ["screening", "interviewing", "offer", "rejected"]
    assert allowed_targets("rejected") == []


def test_create_records_the_starting_status_in_history(user):
    application = services.application_create(user=user, title="SRE", company="Acme")
    assert application.status == "saved"
    assert list(application.status_changes.values_list("from_status", "to_status")) == [
        ("", "saved")
    ]


def test_create_as_applied_sets_the_applied_date_and_a_follow_up(user, settings):
    settings.FOLLOW_UP_AFTER_DAYS = 5
    application = services.application_create(
        user=user, title="SRE", company="Acme", status="applied"
    )
    today = services.user_today(user)
    assert application.applied_on == today
    assert application.next_follow_up_on == today + dt.timedelta(days=5)
    reminder = FollowUpReminder.objects.get(application=application)
    assert (reminder.due_on, reminder.status) == (today + dt.timedelta(days=5), "pending")


def test_create_rejects_an_unknown_currency(user):
    with pytest.raises(ValidationError) as exc:
        services.application_create(user=user, title="SRE", company="Acme", salary_currency="XXX")
    assert "salary_currency" in exc.value.message_dict
    assert not Application.objects.exists()


def test_moving_to_applied_sets_applied_on_and_writes_a_status_change(user):
    application = ApplicationFactory(user=user)
    _move(user, application, "applied")
    application.refresh_from_db()
    assert application.status == "applied"
    assert application.applied_on == services.user_today(user)
    assert application.first_response_on is None
    change = application.status_changes.last()
    assert (change.from_status, change.to_status) == ("saved", "applied")


def test_first_move_past_applied_sets_first_response_once(user):
    application = ApplicationFactory(user=user, status="applied", applied_on=dt.date(2020, 1, 1))
    _move(user, application, "screening")
    application.refresh_from_db()
    first = application.first_response_on
    assert first == services.user_today(user)
    _move(user, application, "interviewing")
    application.refresh_from_db()
    assert application.first_response_on == first
    assert list(application.status_changes.values_list("to_status", flat=True)) == [
        "applied",
        "screening",
        "interviewing",
    ]


def test_a_rejection_counts_as_a_response_but_withdrawing_does_not(user):
    rejected = ApplicationFactory(user=user, status="applied", applied_on=dt.date(2020, 1, 1))
    withdrawn = ApplicationFactory(user=user, status="applied", applied_on=dt.date(2020, 1, 1))
    _move(user, rejected, "rejected")
    _move(user, withdrawn, "withdrawn")
    rejected.refresh_from_db()
    withdrawn.refresh_from_db()
    assert rejected.first_response_on is not None
    assert withdrawn.first_response_on is None


@pytest.mark.parametrize(
    ("start", "target"),
    [("saved", "offer"), ("saved", "screening"), ("rejected", "applied"), ("accepted", "saved")],
)
def test_forbidden_transition_raises_a_clear_error_and_changes_nothing(user, start, target):
    application = ApplicationFactory(user=user, status=start)
    before = StatusChange.objects.count()
    with pytest.raises(ValidationError) as exc:
        _move(user, application, target)
    message = exc.value.message_dict["status"][0]
    assert "Cannot move" in message and Status(target).label in message
    application.refresh_from_db()
    assert application.status == start
    assert StatusChange.objects.count() == before


def test_ghosted_can_be_revived_by_a_late_answer(user):
    application = ApplicationFactory(user=user, status="ghosted", applied_on=dt.date(2020, 1, 1))
    _move(user, application, "screening")
    application.refresh_from_db()
    assert application.status == "screening"


def test_bulk_change_is_all_or_nothing(user):
    saved = ApplicationFactory(user=user, status="saved")
    rejected = ApplicationFactory(user=user, status="rejected")
    with pytest.raises(ValidationError):
        services.applications_change_status(
            user=user, application_ids=[saved.pk, rejected.pk], to_status="applied"
        )
    saved.refresh_from_db()
    assert saved.status == "saved"


def test_another_users_application_cannot_be_moved(user, other_user):
    application = ApplicationFactory(user=other_user, status="saved")
    with pytest.raises(Application.DoesNotExist):
        _move(user, application, "applied")


def test_interview_schedule_reads_a_naive_time_in_its_time_zone(user):
    application = ApplicationFactory(user=user)
    interview = services.interview_schedule(
        user=user,
        application_id=application.pk,
        kind="technical",
        starts_at=dt.datetime(2026, 7, 1, 9, 0),
        ends_at=dt.datetime(2026, 7, 1, 10, 30),
        time_zone="America/New_York",
    )
    assert interview.starts_at == dt.datetime(2026, 7, 1, 13, 0, tzinfo=dt.UTC)
    assert interview.duration_minutes == 90


def test_interview_ending_before_it_starts_is_refused(user):
    application = ApplicationFactory(user=user)
    with pytest.raises(ValidationError) as exc:
        services.interview_schedule(
            user=user,
            application_id=application.pk,
            kind="technical",
            starts_at=dt.datetime(2026, 7, 1, 9, 0),
            ends_at=dt.datetime(2026, 7, 1, 8, 0),
            time_zone="UTC",
        )
    assert "ends_at" in exc.value.message_dict
    assert not Interview.objects.exists()


def test_interview_with_an_unknown_time_zone_is_refused(user):
    application = ApplicationFactory(user=user)
    with pytest.raises(ValidationError) as exc:
        services.interview_schedule(
            user=user,
            application_id=application.pk,
            kind="technical",
            starts_at=dt.datetime(2026, 7, 1, 9, 0),
            time_zone="Mars/Olympus_Mons",
        )
    assert "time_zone" in exc.value.message_dict


def test_contact_cannot_be_linked_to_another_users_application(user, other_user):
    theirs = ApplicationFactory(user=other_user)
    with pytest.raises(ValidationError):
        services.contact_save(user=user, data={"name": "Ann"}, application_ids=[theirs.pk])
    assert not theirs.contacts.exists()


def test_ghosted_confirm_moves_the_application_and_closes_the_reminder(user):
    application = ApplicationFactory(user=user, status="applied", applied_on=dt.date(2020, 1, 1))
    reminder = FollowUpReminder.objects.create(
        application=application, due_on=dt.date(2020, 1, 31), reason="ghosted", status="due"
    )
    services.ghosted_confirm(user=user, reminder_id=reminder.pk)
    application.refresh_from_db()
    reminder.refresh_from_db()
    assert application.status == "ghosted"
    assert reminder.status in ("done", "dismissed")


def test_calendar_feed_regenerate_replaces_the_old_secret(user):
    first = services.calendar_feed_regenerate(user=user)
    second = services.calendar_feed_regenerate(user=user)
    assert services.calendar_feed_owner(secret=first) is None
    assert services.calendar_feed_owner(secret=second) == user
    services.calendar_feed_revoke(user=user)
    assert services.calendar_feed_owner(secret=second) is None
