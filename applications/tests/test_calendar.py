import datetime as dt

import icalendar
import pytest
from django.urls import reverse

from applications import services
from applications.tests.factories import ApplicationFactory, InterviewFactory

pytestmark = pytest.mark.django_db


def _events(body: bytes) -> list:
    return list(icalendar.Calendar.from_ical(body).walk("VEVENT"))


def test_interview_ics_parses_with_the_right_instant_in_its_time_zone(user, user_client):
    application = ApplicationFactory(user=user, title="SRE", company="Acme")
    interview = services.interview_schedule(
        user=user,
        application_id=application.pk,
        kind="onsite",
        starts_at=dt.datetime(2026, 3, 30, 9, 30),  # the day after Berlin switches to CEST
        ends_at=dt.datetime(2026, 3, 30, 11, 0),
        time_zone="Europe/Berlin",
        location="Alexanderplatz 1",
    )
    response = user_client.get(reverse("applications:interview_ics", args=[interview.pk]))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    [event] = _events(response.content)
    start, end = event.decoded("dtstart"), event.decoded("dtend")
    assert start == dt.datetime(2026, 3, 30, 7, 30, tzinfo=dt.UTC)
    assert end == dt.datetime(2026, 3, 30, 9, 0, tzinfo=dt.UTC)
    assert str(start.tzinfo) == "Europe/Berlin"
    assert "SRE at Acme" in str(event["summary"])
    assert str(event["location"]) == "Alexanderplatz 1"
    calendar = icalendar.Calendar.from_ical(response.content)
    assert [str(tz["tzid"]) for tz in calendar.walk("VTIMEZONE")] == ["Europe/Berlin"]


def test_feed_lists_interviews_of_several_time_zones_at_their_instants(user, client):
    application = ApplicationFactory(user=user)
    for when, zone in [
        (dt.datetime(2030, 1, 15, 9, 0), "America/Los_Angeles"),
        (dt.datetime(2030, 1, 15, 9, 0), "Asia/Tokyo"),
    ]:
        services.interview_schedule(
            user=user,
            application_id=application.pk,
            kind="technical",
            starts_at=when,
            time_zone=zone,
        )
    secret = services.calendar_feed_regenerate(user=user)
    response = client.get(reverse("applications:calendar_feed", args=[secret]))
    assert response.status_code == 200
    starts = sorted(event.decoded("dtstart") for event in _events(response.content))
    assert starts == [
        dt.datetime(2030, 1, 15, 0, 0, tzinfo=dt.UTC),  # 09:00 Tokyo (UTC+9)
        dt.datetime(2030, 1, 15, 17, 0, tzinfo=dt.UTC),  # 09:00 Los Angeles (UTC-8)
    ]


def test_feed_shows_only_its_owners_interviews(user, other_user, client):
    InterviewFactory(application=ApplicationFactory(user=user))
    InterviewFactory(application=ApplicationFactory(user=other_user))
    secret = services.calendar_feed_regenerate(user=user)
    response = client.get(reverse("applications:calendar_feed", args=[secret]))
    assert len(_events(response.content)) == 1


def test_revoked_feed_token_returns_404(user, client):
    secret = services.calendar_feed_regenerate(user=user)
    services.calendar_feed_revoke(user=user)
    assert client.get(reverse("applications:calendar_feed", args=[secret])).status_code == 404


def test_regenerated_feed_token_retires_the_old_url(user, client):
    old = services.calendar_feed_regenerate(user=user)
    new = services.calendar_feed_regenerate(user=user)
    assert client.get(reverse("applications:calendar_feed", args=[old])).status_code == 404
    assert client.get(reverse("applications:calendar_feed", args=[new])).status_code == 200


def test_unknown_feed_token_returns_404(client, db):
    assert client.get(reverse("applications:calendar_feed", args=["guess"])).status_code == 404


def test_calendar_page_shows_the_url_once_and_can_turn_it_off(user, user_client):
    url = reverse("applications:calendar")
    response = user_client.post(url, {"action": "regenerate"})
    feed_url = response.context["feed_url"]
    assert feed_url and feed_url in response.content.decode()
    assert user_client.get(feed_url).status_code == 200
    assert feed_url not in user_client.get(url).content.decode()
    user_client.post(url, {"action": "revoke"})
    assert user_client.get(feed_url).status_code == 404


def test_other_user_cannot_download_an_interview_ics(user, other_client):
    interview = InterviewFactory(application=ApplicationFactory(user=user))
    response = other_client.get(reverse("applications:interview_ics", args=[interview.pk]))
    assert response.status_code == 404
