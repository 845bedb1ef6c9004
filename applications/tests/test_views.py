import datetime as dt

import pytest
from django.urls import reverse

from applications.models import Application, Interview, StatusChange
from applications.tests.factories import (
    ApplicationFactory,
    ContactFactory,
    InterviewFactory,
    ReminderFactory,
)

pytestmark = pytest.mark.django_db

HX = {"HTTP_HX_REQUEST": "true"}


def test_board_shows_a_column_per_status_with_counts(user, user_client):
    ApplicationFactory(user=user, status="applied", title="Platform Engineer")
    ApplicationFactory(user=user, status="applied")
    response = user_client.get(reverse("applications:board"))
    assert response.status_code == 200
    columns = {c["status"]: c["count"] for c in response.context["columns"]}
    assert columns["applied"] == 2 and columns["saved"] == 0
    assert len(columns) == 9
    body = response.content.decode()
    assert "Platform Engineer" in body and 'id="board"' in body and "<html" in body
    assert "HX-Request" in response["Vary"]


def test_board_columns_show_a_limited_number_of_cards_but_count_all(
    user, user_client, settings, monkeypatch
):
    from applications.views import pipeline

    monkeypatch.setattr(pipeline, "BOARD_COLUMN_LIMIT", 2)
    ApplicationFactory.create_batch(3, user=user, status="saved")
    response = user_client.get(reverse("applications:board"))
    [saved] = [c for c in response.context["columns"] if c["status"] == "saved"]
    assert (saved["count"], len(saved["cards"]), saved["hidden"]) == (3, 2, 1)
    assert "1 more in the table" in response.content.decode()


def test_board_fragment_is_only_the_board(user, user_client):
    response = user_client.get(reverse("applications:board"), **HX)
    body = response.content.decode()
    assert body.lstrip().startswith('<div id="board"') and "<html" not in body


def test_board_hides_other_users_applications(user, other_user, user_client):
    ApplicationFactory(user=other_user, title="Secret Role")
    assert "Secret Role" not in user_client.get(reverse("applications:board")).content.decode()


def test_board_query_count_does_not_grow_with_applications(
    user, user_client, django_assert_max_num_queries
):
    ApplicationFactory.create_batch(30, user=user, status="applied")
    with django_assert_max_num_queries(6):
        user_client.get(reverse("applications:board"))


def test_table_query_count_does_not_grow_with_applications(
    user, user_client, django_assert_max_num_queries
):
    ApplicationFactory.create_batch(30, user=user, status="applied")
    with django_assert_max_num_queries(6):
        user_client.get(reverse("applications:table"))


def test_move_with_htmx_returns_the_board_and_records_history(user, user_client):
    application = ApplicationFactory(user=user, status="applied", applied_on=dt.date(2026, 1, 1))
    response = user_client.post(
        reverse("applications:move", args=[application.pk]), {"status": "screening"}, **HX
    )
    assert response.status_code == 200
    assert "Moved" in response["HX-Trigger"]
    application.refresh_from_db()
    assert application.status == "screening"
    assert application.status_changes.last().to_status == "screening"


def test_move_without_javascript_redirects_back_to_the_board(user, user_client):
    application = ApplicationFactory(user=user, status="saved")
    response = user_client.post(
        reverse("applications:move", args=[application.pk]), {"status": "applied"}
    )
    assert response.status_code == 302 and response["Location"] == reverse("applications:board")
    application.refresh_from_db()
    assert application.status == "applied"


def test_forbidden_move_shows_an_error_and_changes_nothing(user, user_client):
    application = ApplicationFactory(user=user, status="saved")
    response = user_client.post(
        reverse("applications:move", args=[application.pk]), {"status": "offer"}, **HX
    )
    assert response.status_code == 422
    assert "Cannot move" in response.content.decode()
    application.refresh_from_db()
    assert application.status == "saved"
    assert StatusChange.objects.filter(application=application).count() == 1


def test_forbidden_move_without_javascript_shows_a_message(user, user_client):
    application = ApplicationFactory(user=user, status="rejected")
    response = user_client.post(
        reverse("applications:move", args=[application.pk]), {"status": "applied"}, follow=True
    )
    assert "Cannot move" in response.content.decode()
    application.refresh_from_db()
    assert application.status == "rejected"


def test_table_filters_by_status_searches_and_sorts(user, user_client):
    ApplicationFactory(user=user, status="applied", title="Zeta", company="Acme")
    ApplicationFactory(user=user, status="applied", title="Alpha", company="Beta")
    ApplicationFactory(user=user, status="saved", title="Gamma", company="Acme")
    url = reverse("applications:table")
    page = user_client.get(url, {"status": "applied", "ordering": "title"}).context["page"]
    assert [a.title for a in page.object_list] == ["Alpha", "Zeta"]
    page = user_client.get(url, {"q": "acme", "ordering": "-title"}).context["page"]
    assert [a.title for a in page.object_list] == ["Zeta", "Gamma"]
    fragment = user_client.get(url, {"q": "gamma"}, **HX).content.decode()
    assert fragment.lstrip().startswith('<div id="table"') and "Gamma" in fragment


def test_bulk_status_change_moves_all_selected(user, user_client):
    apps = ApplicationFactory.create_batch(2, user=user, status="saved")
    user_client.post(
        reverse("applications:bulk"),
        {"ids": [a.pk for a in apps], "action": "status:applied"},
    )
    assert set(Application.objects.values_list("status", flat=True)) == {"applied"}


def test_bulk_status_change_with_a_forbidden_move_changes_nothing(user, user_client):
    saved = ApplicationFactory(user=user, status="saved")
    rejected = ApplicationFactory(user=user, status="rejected")
    response = user_client.post(
        reverse("applications:bulk"),
        {"ids": [saved.pk, rejected.pk], "action": "status:applied"},
        follow=True,
    )
    assert "Nothing was changed" in response.content.decode()
    saved.refresh_from_db()
    assert saved.status == "saved"


def test_bulk_delete_asks_for_confirmation_first(user, user_client):
    apps = ApplicationFactory.create_batch(2, user=user)
    url = reverse("applications:bulk")
    response = user_client.post(url, {"ids": [a.pk for a in apps], "action": "delete"})
    assert response.status_code == 200 and "Delete 2 applications?" in response.content.decode()
    assert Application.objects.count() == 2
    user_client.post(url, {"ids": [a.pk for a in apps], "action": "delete", "confirm": "1"})
    assert Application.objects.count() == 0


def test_bulk_ignores_nothing_and_refuses_another_users_ids(user, other_user, user_client):
    theirs = ApplicationFactory(user=other_user)
    user_client.post(
        reverse("applications:bulk"), {"ids": [theirs.pk], "action": "delete", "confirm": "1"}
    )
    assert Application.objects.filter(pk=theirs.pk).exists()


def test_create_form_adds_an_application_with_history(user, user_client):
    response = user_client.post(
        reverse("applications:create"),
        {"status": "applied", "title": "SRE", "company": "Acme", "priority": 4},
    )
    application = Application.objects.get(user=user)
    assert response["Location"] == application.get_absolute_url()
    assert application.applied_on is not None
    assert application.status_changes.count() == 1


def test_create_form_shows_errors_for_bad_input(user, user_client):
    response = user_client.post(
        reverse("applications:create"),
        {
            "status": "saved",
            "title": "",
            "company": "Acme",
            "priority": 9,
            "salary_currency": "ABC",
        },
    )
    assert response.status_code == 400
    form = response.context["form"]
    assert {"title", "priority", "salary_currency"} <= set(form.errors)
    assert not Application.objects.exists()


def test_edit_form_changes_fields_but_not_the_status(user, user_client):
    application = ApplicationFactory(user=user, status="saved")
    user_client.post(
        reverse("applications:edit", args=[application.pk]),
        {"title": "New title", "company": "Acme", "priority": 2, "status": "accepted"},
    )
    application.refresh_from_db()
    assert (application.title, application.status) == ("New title", "saved")


def test_detail_timeline_lists_history_interviews_and_reminders(user, user_client):
    application = ApplicationFactory(user=user, status="saved")
    user_client.post(reverse("applications:move", args=[application.pk]), {"status": "applied"})
    InterviewFactory(application=application, kind="final")
    ReminderFactory(application=application)
    contact = ContactFactory(user=user, name="Rita Recruiter")
    contact.applications.add(application)
    response = user_client.get(application.get_absolute_url())
    kinds = [event["kind"] for event in response.context["timeline"]]
    assert kinds.count("status") == 2 and "interview" in kinds and "reminder" in kinds
    body = response.content.decode()
    assert "Saved → Applied" in body and "Final interview" in body and "Rita Recruiter" in body


def test_add_interview_form_stores_the_instant_in_the_chosen_zone(user, user_client):
    application = ApplicationFactory(user=user)
    response = user_client.post(
        reverse("applications:interview_add", args=[application.pk]),
        {
            "kind": "phone_screen",
            "starts_at": "2030-06-01T10:00",
            "ends_at": "2030-06-01T10:45",
            "time_zone": "Asia/Kolkata",
            "outcome": "pending",
        },
    )
    assert response.status_code == 302
    interview = Interview.objects.get()
    assert interview.starts_at == dt.datetime(2030, 6, 1, 4, 30, tzinfo=dt.UTC)
    assert interview.duration_minutes == 45


@pytest.mark.parametrize(
    ("ends_at", "zone", "field"),
    [("2030-06-01T09:00", "UTC", "ends_at"), ("2030-06-01T11:00", "Nowhere/City", "time_zone")],
)
def test_add_interview_form_refuses_bad_times(user, user_client, ends_at, zone, field):
    application = ApplicationFactory(user=user)
    response = user_client.post(
        reverse("applications:interview_add", args=[application.pk]),
        {
            "kind": "technical",
            "starts_at": "2030-06-01T10:00",
            "ends_at": ends_at,
            "time_zone": zone,
            "outcome": "pending",
        },
    )
    assert response.status_code == 400
    assert field in response.context["form"].errors
    assert not Interview.objects.exists()


def test_upcoming_lists_future_interviews_only(user, user_client):
    soon = InterviewFactory(application=ApplicationFactory(user=user, title="Future Role"))
    InterviewFactory(
        application=ApplicationFactory(user=user, title="Past Role"),
        starts_at=dt.datetime(2020, 1, 1, tzinfo=dt.UTC),
    )
    response = user_client.get(reverse("applications:upcoming"))
    assert list(response.context["interviews"]) == [soon]
    assert "Future Role" in response.content.decode()


def test_reminder_can_be_marked_done(user, user_client):
    reminder = ReminderFactory(application=ApplicationFactory(user=user))
    user_client.post(reverse("applications:reminder_action", args=[reminder.pk, "done"]))
    reminder.refresh_from_db()
    assert reminder.status == "done"


def test_contact_form_refuses_another_users_application(user, other_user, user_client):
    theirs = ApplicationFactory(user=other_user)
    response = user_client.post(
        reverse("applications:contacts"), {"name": "Ann", "applications": [theirs.pk]}
    )
    assert response.status_code == 400
    assert "applications" in response.context["form"].errors
    assert not theirs.contacts.exists()


def test_goal_page_adds_a_goal_and_shows_progress(user, user_client):
    user_client.post(
        reverse("applications:goals"), {"metric": "interviews", "target": 3, "period": "month"}
    )
    response = user_client.get(reverse("applications:goals"))
    metrics = [(row["metric"], row["period"]) for row in response.context["progress"]]
    assert ("applications", "week") in metrics and ("interviews", "month") in metrics


def test_analytics_page_renders_a_chart_and_a_table(user, user_client):
    ApplicationFactory(user=user, status="applied", applied_on=dt.date.today())
    body = user_client.get(reverse("applications:analytics")).content.decode()
    assert "<svg" in body and "<table" in body and "Funnel" in body


def test_dashboard_shows_goal_progress_and_streak(user, user_client):
    ApplicationFactory(user=user, status="applied", applied_on=dt.date.today())
    body = user_client.get(reverse("dashboard")).content.decode()
    assert "Applications this week" in body and "streak" in body


def test_interview_times_show_the_wall_clock_of_their_zone(user, user_client):
    from applications import services

    application = ApplicationFactory(user=user)
    services.interview_schedule(
        user=user,
        application_id=application.pk,
        kind="final",
        starts_at=dt.datetime(2030, 5, 1, 10, 0),
        time_zone="Europe/Berlin",
    )
    upcoming = user_client.get(reverse("applications:upcoming")).content.decode()
    detail = user_client.get(application.get_absolute_url()).content.decode()
    assert "2030-05-01 10:00" in upcoming and "2030-05-01 10:00 Europe/Berlin" in detail
    assert "2030-05-01 08:00" not in upcoming + detail


def test_ghosted_suggestion_is_confirmed_from_the_page(user, user_client):
    application = ApplicationFactory(user=user, status="applied", applied_on=dt.date(2020, 1, 1))
    reminder = ReminderFactory(application=application, reason="ghosted")
    assert "Yes, mark ghosted" in user_client.get(application.get_absolute_url()).content.decode()
    user_client.post(reverse("applications:reminder_action", args=[reminder.pk, "ghosted"]))
    application.refresh_from_db()
    assert application.status == "ghosted"


def test_a_follow_up_reminder_cannot_be_confirmed_as_ghosted(user, user_client):
    application = ApplicationFactory(user=user, status="applied", applied_on=dt.date(2020, 1, 1))
    reminder = ReminderFactory(application=application, reason="follow_up")
    url = reverse("applications:reminder_action", args=[reminder.pk, "ghosted"])
    assert user_client.post(url).status_code == 404
    application.refresh_from_db()
    assert application.status == "applied"
