"""Every page that takes an id answers 404 to another user and changes nothing."""

import pytest
from django.urls import reverse

from applications.models import Application, Contact, FollowUpReminder, Goal, Interview
from applications.tests.factories import (
    ApplicationFactory,
    ContactFactory,
    GoalFactory,
    InterviewFactory,
    ReminderFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def owned(user):
    application = ApplicationFactory(user=user, status="saved")
    return {
        "app": application.pk,
        "interview": InterviewFactory(application=application).pk,
        "contact": ContactFactory(user=user).pk,
        "goal": GoalFactory(user=user).pk,
        "reminder": ReminderFactory(application=application).pk,
    }


@pytest.mark.parametrize(
    ("method", "name", "key", "extra"),
    [
        ("get", "applications:detail", "app", ()),
        ("get", "applications:edit", "app", ()),
        ("post", "applications:edit", "app", ()),
        ("get", "applications:delete", "app", ()),
        ("post", "applications:delete", "app", ()),
        ("post", "applications:move", "app", ()),
        ("get", "applications:interview_add", "app", ()),
        ("post", "applications:interview_add", "app", ()),
        ("get", "applications:interview_edit", "interview", ()),
        ("post", "applications:interview_edit", "interview", ()),
        ("post", "applications:interview_delete", "interview", ()),
        ("get", "applications:interview_ics", "interview", ()),
        ("post", "applications:reminder_action", "reminder", ("done",)),
        ("post", "applications:reminder_action", "reminder", ("ghosted",)),
        ("get", "applications:contact_edit", "contact", ()),
        ("post", "applications:contact_edit", "contact", ()),
        ("post", "applications:contact_delete", "contact", ()),
        ("post", "applications:goal_delete", "goal", ()),
    ],
)
def test_another_user_gets_404_and_nothing_changes(owned, other_client, method, name, key, extra):
    url = reverse(name, args=[owned[key], *extra])
    response = getattr(other_client, method)(url, {"status": "applied", "title": "x"})
    assert response.status_code == 404
    assert Application.objects.get(pk=owned["app"]).status == "saved"
    assert Interview.objects.filter(pk=owned["interview"]).exists()
    assert Contact.objects.filter(pk=owned["contact"]).exists()
    assert Goal.objects.filter(pk=owned["goal"]).exists()
    assert FollowUpReminder.objects.get(pk=owned["reminder"]).status == "due"


@pytest.mark.parametrize(
    "name",
    [
        "applications:board",
        "applications:table",
        "applications:upcoming",
        "applications:contacts",
        "applications:goals",
        "applications:analytics",
        "applications:calendar",
        "applications:import",
        "applications:export_csv",
        "applications:export_json",
    ],
)
def test_pages_need_a_login(client, db, name):
    response = client.get(reverse(name))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


@pytest.mark.parametrize(
    "name",
    ["applications:board", "applications:table", "applications:upcoming", "applications:contacts"],
)
def test_list_pages_hide_another_users_rows(user, other_client, name):
    application = ApplicationFactory(user=user, title="Confidential Title")
    InterviewFactory(application=application)
    ContactFactory(user=user, name="Confidential Contact")
    body = other_client.get(reverse(name)).content.decode()
    assert "Confidential" not in body
