import datetime as dt

import pytest

from applications.models import Application, Contact, FollowUpReminder, Interview, StatusChange
from applications.tests.factories import (
    ApplicationFactory,
    ContactFactory,
    GoalFactory,
    InterviewFactory,
    ReminderFactory,
)

pytestmark = pytest.mark.django_db

BASE = "/api/v1"


def test_create_and_list_applications(user, user_api):
    response = user_api.post(
        f"{BASE}/applications/",
        {"title": "SRE", "company": "Acme", "status": "applied", "salary_currency": "eur"},
    )
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["salary_currency"] == "EUR"
    assert body["applied_on"] is not None
    assert [h["to_status"] for h in body["history"]] == ["applied"]
    listing = user_api.get(f"{BASE}/applications/").json()
    assert listing["count"] == 1 and listing["results"][0]["id"] == body["id"]


def test_list_filters_and_searches(user, user_api):
    ApplicationFactory(user=user, status="applied", title="Data Engineer")
    ApplicationFactory(user=user, status="saved", title="Designer")
    body = user_api.get(f"{BASE}/applications/", {"status": "applied"}).json()
    assert [r["title"] for r in body["results"]] == ["Data Engineer"]
    body = user_api.get(f"{BASE}/applications/", {"q": "design"}).json()
    assert [r["title"] for r in body["results"]] == ["Designer"]


def test_change_status_moves_and_records_history(user, user_api):
    application = ApplicationFactory(user=user, status="saved")
    response = user_api.post(
        f"{BASE}/applications/{application.pk}/change-status/", {"status": "applied"}
    )
    assert response.status_code == 200
    assert response.json()["status"] == "applied"
    assert [h["to_status"] for h in response.json()["history"]] == ["saved", "applied"]


def test_forbidden_change_status_is_a_400_on_status_and_changes_nothing(user, user_api):
    application = ApplicationFactory(user=user, status="saved")
    response = user_api.post(
        f"{BASE}/applications/{application.pk}/change-status/", {"status": "accepted"}
    )
    assert response.status_code == 400
    error = response.json()["error"]
    assert error["status"] == 400
    assert "Cannot move" in error["fields"]["status"][0]
    application.refresh_from_db()
    assert application.status == "saved"
    assert StatusChange.objects.filter(application=application).count() == 1


def test_status_cannot_be_changed_by_a_plain_update(user, user_api):
    application = ApplicationFactory(user=user, status="saved")
    response = user_api.patch(f"{BASE}/applications/{application.pk}/", {"status": "offer"})
    assert response.status_code == 400
    assert "status" in response.json()["error"]["fields"]


def test_update_changes_fields(user, user_api):
    application = ApplicationFactory(user=user)
    response = user_api.patch(f"{BASE}/applications/{application.pk}/", {"notes": "Call Ann"})
    assert response.status_code == 200 and response.json()["notes"] == "Call Ann"


def test_bulk_change_status_is_all_or_nothing(user, user_api):
    saved = ApplicationFactory(user=user, status="saved")
    rejected = ApplicationFactory(user=user, status="rejected")
    response = user_api.post(
        f"{BASE}/applications/bulk-change-status/",
        {"ids": [saved.pk, rejected.pk], "status": "applied"},
    )
    assert response.status_code == 400
    saved.refresh_from_db()
    assert saved.status == "saved"


def test_interview_create_with_wall_clock_time_and_end(user, user_api):
    application = ApplicationFactory(user=user)
    response = user_api.post(
        f"{BASE}/interviews/",
        {
            "application": application.pk,
            "kind": "technical",
            "starts_at": "2030-01-10T09:00:00",
            "ends_at": "2030-01-10T10:00:00",
            "time_zone": "Europe/London",
        },
    )
    assert response.status_code == 201, response.json()
    interview = Interview.objects.get()
    assert interview.starts_at == dt.datetime(2030, 1, 10, 9, 0, tzinfo=dt.UTC)
    assert response.json()["duration_minutes"] == 60


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({"ends_at": "2030-01-10T08:00:00", "time_zone": "UTC"}, "ends_at"),
        ({"time_zone": "Atlantis/Capital"}, "time_zone"),
    ],
)
def test_interview_bad_times_are_400(user, user_api, payload, field):
    application = ApplicationFactory(user=user)
    response = user_api.post(
        f"{BASE}/interviews/",
        {"application": application.pk, "kind": "technical", "starts_at": "2030-01-10T09:00:00"}
        | payload,
    )
    assert response.status_code == 400
    assert field in response.json()["error"]["fields"]
    assert not Interview.objects.exists()


def test_interview_cannot_be_attached_to_another_users_application(user, other_user, user_api):
    theirs = ApplicationFactory(user=other_user)
    response = user_api.post(
        f"{BASE}/interviews/",
        {
            "application": theirs.pk,
            "kind": "technical",
            "starts_at": "2030-01-10T09:00:00Z",
            "time_zone": "UTC",
        },
    )
    assert response.status_code == 400
    assert "application" in response.json()["error"]["fields"]
    assert not Interview.objects.exists()


def test_contact_cannot_be_linked_to_another_users_application(user, other_user, user_api):
    mine = ApplicationFactory(user=user)
    theirs = ApplicationFactory(user=other_user)
    response = user_api.post(
        f"{BASE}/contacts/", {"name": "Ann", "applications": [mine.pk, theirs.pk]}
    )
    assert response.status_code == 400
    assert "applications" in response.json()["error"]["fields"]
    assert not Contact.objects.exists()


def test_contact_create_links_own_applications(user, user_api):
    mine = ApplicationFactory(user=user)
    response = user_api.post(f"{BASE}/contacts/", {"name": "Ann", "applications": [mine.pk]})
    assert response.status_code == 201
    assert list(Contact.objects.get().applications.all()) == [mine]


def test_reminder_cannot_be_attached_to_another_users_application(other_user, user_api):
    theirs = ApplicationFactory(user=other_user)
    response = user_api.post(
        f"{BASE}/reminders/", {"application": theirs.pk, "due_on": "2030-01-01"}
    )
    assert response.status_code == 400
    assert not FollowUpReminder.objects.exists()


def test_reminder_marked_done_records_when(user, user_api):
    reminder = ReminderFactory(application=ApplicationFactory(user=user))
    response = user_api.patch(f"{BASE}/reminders/{reminder.pk}/", {"status": "done"})
    assert response.status_code == 200 and response.json()["resolved_at"]


def test_goal_duplicates_are_refused(user, user_api):
    GoalFactory(user=user, metric="applications", period="week")
    response = user_api.post(
        f"{BASE}/goals/", {"metric": "applications", "period": "week", "target": 3}
    )
    assert response.status_code == 400


def test_analytics_endpoint_returns_the_page_figures(user, user_api):
    ApplicationFactory(user=user, status="applied", applied_on=dt.date.today())
    body = user_api.get(f"{BASE}/applications/analytics/").json()
    assert body["applied"] == 1
    assert {"funnel", "response_rate", "by_source", "weekly", "goals", "streak"} <= set(body)


def test_calendar_feed_endpoints_create_show_and_revoke(user, user_api, client):
    assert user_api.get(f"{BASE}/calendar-feed/").status_code == 404
    created = user_api.post(f"{BASE}/calendar-feed/")
    assert created.status_code == 201
    url = created.json()["url"]
    assert client.get(url).status_code == 200
    state = user_api.get(f"{BASE}/calendar-feed/").json()
    assert state["is_active"] and "url" not in state
    assert user_api.post(f"{BASE}/calendar-feed/revoke/").status_code == 204
    assert client.get(url).status_code == 404


def test_export_json_and_csv(user, user_api):
    ApplicationFactory(user=user, title="=HYPERLINK(1)")
    body = user_api.get(f"{BASE}/applications/export/").json()
    assert body["applications"][0]["title"] == "=HYPERLINK(1)"
    csv_text = user_api.get(f"{BASE}/applications/export/", {"as": "csv"}).content.decode()
    assert "'=HYPERLINK(1)" in csv_text


def test_import_endpoint_reports_bad_rows_and_writes_nothing(user, user_api):
    from django.core.files.uploadedfile import SimpleUploadedFile

    data = b"title,company,status\nSRE,Acme,applied-ish\nDev,Beta,saved\n"
    response = user_api.post(
        f"{BASE}/applications/import/",
        {"file": SimpleUploadedFile("a.csv", data, "text/csv")},
        format="multipart",
    )
    assert response.status_code == 400
    error = response.json()["error"]
    assert "nothing was imported" in error["message"]
    assert error["fields"]["rows"][0].startswith("Line 2:")
    assert not Application.objects.exists()


def test_import_endpoint_with_mapping_and_skip_invalid(user, user_api):
    from django.core.files.uploadedfile import SimpleUploadedFile

    data = b"Role,Org\nSRE,Acme\n,Beta\n"
    response = user_api.post(
        f"{BASE}/applications/import/",
        {
            "file": SimpleUploadedFile("a.csv", data, "text/csv"),
            "mapping": '{"title": "Role", "company": "Org"}',
            "skip_invalid": "true",
        },
        format="multipart",
    )
    assert response.status_code == 201, response.json()
    assert response.json()["imported"] == 1 and len(response.json()["skipped"]) == 1


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("get", "applications/{app}/"),
        ("patch", "applications/{app}/"),
        ("delete", "applications/{app}/"),
        ("post", "applications/{app}/change-status/"),
        ("get", "interviews/{interview}/"),
        ("patch", "interviews/{interview}/"),
        ("delete", "interviews/{interview}/"),
        ("get", "contacts/{contact}/"),
        ("patch", "contacts/{contact}/"),
        ("delete", "contacts/{contact}/"),
        ("get", "goals/{goal}/"),
        ("patch", "goals/{goal}/"),
        ("delete", "goals/{goal}/"),
        ("get", "reminders/{reminder}/"),
        ("patch", "reminders/{reminder}/"),
        ("delete", "reminders/{reminder}/"),
    ],
)
def test_another_user_gets_404_for_every_object_endpoint(user, other_api, method, path):
    application = ApplicationFactory(user=user, status="saved")
    ids = {
        "app": application.pk,
        "interview": InterviewFactory(application=application).pk,
        "contact": ContactFactory(user=user).pk,
        "goal": GoalFactory(user=user).pk,
        "reminder": ReminderFactory(application=application).pk,
    }
    data = None if method == "get" else {"status": "applied"}
    response = getattr(other_api, method)(f"{BASE}/{path.format(**ids)}", data)
    assert response.status_code == 404
    assert response.json()["error"]["status"] == 404
    application.refresh_from_db()
    assert application.status == "saved"


def test_another_users_lists_and_exports_are_empty(user, other_api):
    application = ApplicationFactory(user=user)
    InterviewFactory(application=application)
    ReminderFactory(application=application)
    for path in ("applications", "interviews", "reminders", "contacts", "goals"):
        assert other_api.get(f"{BASE}/{path}/").json()["count"] == 0
    assert other_api.get(f"{BASE}/applications/export/").json()["applications"] == []
    assert other_api.get(f"{BASE}/applications/analytics/").json()["total"] == 0
