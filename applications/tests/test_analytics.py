import datetime as dt

import pytest

from applications.analytics import analytics_figures, goals_progress, weekly_streak
from applications.models import Application, Goal, StatusChange

pytestmark = pytest.mark.django_db

TODAY = dt.date(2026, 3, 18)  # a Wednesday; its week starts 2026-03-16


def _app(user, path, *, applied, response=None, source="", detail=""):
    application = Application.objects.create(
        user=user,
        title="Engineer",
        company="Co",
        status=path[-1],
        applied_on=applied,
        first_response_on=response,
        source=source,
        source_detail=detail,
    )
    previous = ""
    for step, status in enumerate(path):
        StatusChange.objects.create(
            application=application,
            from_status=previous,
            to_status=status,
            changed_at=dt.datetime(2026, 3, 1, tzinfo=dt.UTC) + dt.timedelta(hours=step),
        )
        previous = status
    return application


@pytest.fixture
def dataset(user):
    Goal.objects.create(user=user, metric="applications", period="week", target=2)
    d = dt.date
    _app(
        user,
        ["saved", "applied", "screening", "interviewing", "offer", "accepted"],
        applied=d(2026, 3, 2),
        response=d(2026, 3, 6),
        source="referral",
        detail="Ann",
    )
    _app(
        user,
        ["applied", "screening", "rejected"],
        applied=d(2026, 3, 3),
        response=d(2026, 3, 13),
        source="job_board",
        detail="LinkedIn",
    )
    _app(
        user,
        ["applied", "interviewing"],
        applied=d(2026, 3, 9),
        response=d(2026, 3, 11),
        source="job_board",
        detail="LinkedIn",
    )
    _app(user, ["applied", "ghosted"], applied=d(2026, 3, 10), source="job_board", detail="Indeed")
    _app(user, ["applied"], applied=d(2026, 3, 16), source="company_site")
    _app(user, ["saved"], applied=None, source="job_board", detail="LinkedIn")


def test_figures_match_hand_computed_values(user, dataset):
    figures = analytics_figures(user=user, today=TODAY, weeks=4)
    assert figures["total"] == 6
    assert figures["applied"] == 5
    assert [(row["status"], row["count"]) for row in figures["funnel"]] == [
        ("applied", 5),
        ("screening", 3),
        ("interviewing", 2),
        ("offer", 1),
        ("accepted", 1),
    ]
    assert figures["responded"] == 3
    assert figures["response_rate"] == 0.6
    assert figures["interview_rate"] == 0.4
    assert figures["offer_rate"] == 0.2
    assert figures["median_days_to_first_response"] == 4.0  # median of 4, 10 and 2 days


def test_outcomes_by_source_and_board_match_hand_computed_values(user, dataset):
    figures = analytics_figures(user=user, today=TODAY, weeks=4)
    by_source = {
        row["key"]: (
            row["applied"],
            row["responded"],
            row["interviewing"],
            row["offers"],
            row["rejected"],
        )
        for row in figures["by_source"]
    }
    assert by_source == {
        "job_board": (3, 2, 1, 0, 1),
        "referral": (1, 1, 1, 1, 0),
        "company_site": (1, 0, 0, 0, 0),
    }
    assert [(row["label"], row["applied"]) for row in figures["by_board"]] == [
        ("LinkedIn", 2),
        ("Not recorded", 1),
        ("Ann", 1),
        ("Indeed", 1),
    ]


def test_weekly_pace_against_the_goal_and_the_streak(user, dataset):
    figures = analytics_figures(user=user, today=TODAY, weeks=4)
    assert [(row["week_start"], row["applications"], row["met"]) for row in figures["weekly"]] == [
        (dt.date(2026, 2, 23), 0, False),
        (dt.date(2026, 3, 2), 2, True),
        (dt.date(2026, 3, 9), 2, True),
        (dt.date(2026, 3, 16), 1, False),
    ]
    assert figures["streak"] == 2


def test_streak_includes_the_current_week_once_it_is_met(user, dataset):
    Application.objects.create(
        user=user, title="x", company="y", status="applied", applied_on=dt.date(2026, 3, 17)
    )
    assert weekly_streak(user=user, today=TODAY) == 3


def test_without_applications_rates_are_unknown_not_zero(user):
    figures = analytics_figures(user=user, today=TODAY)
    assert figures["response_rate"] is None
    assert figures["median_days_to_first_response"] is None


def test_goal_progress_falls_back_to_the_profile_goal(user):
    from accounts.services import profile_update

    profile_update(user=user, data={"weekly_application_goal": 4})
    Application.objects.create(
        user=user, title="x", company="y", status="applied", applied_on=dt.date(2026, 3, 16)
    )
    [weekly] = goals_progress(user=user, today=TODAY)
    assert (weekly["target"], weekly["done"], weekly["percent"]) == (4, 1, 25)
