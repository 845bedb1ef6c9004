"""Figures about a user's search: goal progress, streaks, funnel and rates.

Everything here reads; every function returns plain data (dicts, lists, numbers) so the
dashboard card, the analytics page and the API show the same numbers.
"""

from __future__ import annotations

import statistics
from collections import Counter, defaultdict
from datetime import date, timedelta

from accounts.models import Profile, User

from .models import (
    PIPELINE,
    RESPONSES,
    Application,
    Goal,
    GoalMetric,
    GoalPeriod,
    Interview,
    Source,
    Status,
    StatusChange,
)
from .services import user_today

RANK = {status: index for index, status in enumerate(PIPELINE)}
FUNNEL = PIPELINE[1:]  # applied → accepted


def week_start(day: date) -> date:
    """The Monday of ``day``'s ISO week."""
    return day - timedelta(days=day.weekday())


def month_start(day: date) -> date:
    return day.replace(day=1)


def weekly_application_target(*, user: User) -> int:
    """The weekly applications goal: an explicit Goal wins over the profile setting."""
    goal = (
        Goal.objects.for_user(user)
        .filter(metric=GoalMetric.APPLICATIONS, period=GoalPeriod.WEEK)
        .values_list("target", flat=True)
        .first()
    )
    if goal is not None:
        return goal
    from_profile = (
        Profile.objects.filter(user=user).values_list("weekly_application_goal", flat=True).first()
    )
    if from_profile is not None:
        return from_profile
    return Profile._meta.get_field("weekly_application_goal").default


def _applied_per_week(user: User) -> Counter:
    dates = Application.objects.for_user(user).filter(applied_on__isnull=False)
    return Counter(week_start(d) for d in dates.values_list("applied_on", flat=True))


def weekly_streak(*, user: User, today: date | None = None) -> int:
    """Weeks in a row meeting the weekly applications goal.

    The current week counts once it is met; until then the streak runs to last week, so it does
    not drop to zero every Monday morning.
    """
    today = today or user_today(user)
    target = weekly_application_target(user=user)
    if target <= 0:
        return 0
    per_week = _applied_per_week(user)
    week = week_start(today)
    if per_week[week] < target:
        week -= timedelta(weeks=1)
    streak = 0
    while per_week[week] >= target:
        streak += 1
        week -= timedelta(weeks=1)
    return streak


def goals_progress(*, user: User, today: date | None = None) -> list[dict]:
    """Progress of every goal in its current period; the weekly applications goal always first."""
    today = today or user_today(user)
    goals = {(g.metric, g.period): g.target for g in Goal.objects.for_user(user)}
    goals.setdefault(
        (GoalMetric.APPLICATIONS, GoalPeriod.WEEK), weekly_application_target(user=user)
    )
    rows = []
    for (metric, period), target in sorted(
        goals.items(), key=lambda item: (item[0] != (GoalMetric.APPLICATIONS, GoalPeriod.WEEK),)
    ):
        start = week_start(today) if period == GoalPeriod.WEEK else month_start(today)
        end = (
            start + timedelta(days=7)
            if period == GoalPeriod.WEEK
            else (start + timedelta(days=32)).replace(day=1)
        )
        if metric == GoalMetric.APPLICATIONS:
            done = (
                Application.objects.for_user(user)
                .filter(applied_on__gte=start, applied_on__lt=end)
                .count()
            )
        else:
            done = (
                Interview.objects.for_user(user)
                .filter(starts_at__date__gte=start, starts_at__date__lt=end)
                .count()
            )
        rows.append(
            {
                "metric": metric,
                "metric_label": GoalMetric(metric).label,
                "period": period,
                "period_label": GoalPeriod(period).label,
                "target": target,
                "done": done,
                "percent": min(100, round(100 * done / target)) if target else 100,
                "period_start": start,
            }
        )
    return rows


def _rate(part: int, whole: int) -> float | None:
    return round(part / whole, 4) if whole else None


def analytics_figures(*, user: User, today: date | None = None, weeks: int = 8) -> dict:
    """Funnel, rates, time to first response, outcomes by source and weekly pace.

    An application "reached" a stage if its current status or any status in its history is
    that stage or a later one; "applied" also counts applications with an applied date.
    Rates are fractions of applied applications (``None`` when nothing was applied to).
    """
    today = today or user_today(user)
    apps = list(
        Application.objects.for_user(user).values(
            "id", "status", "applied_on", "first_response_on", "source", "source_detail"
        )
    )
    reached: dict[int, int] = {a["id"]: RANK.get(a["status"], -1) for a in apps}
    for app_id, to_status in StatusChange.objects.for_user(user).values_list(
        "application_id", "to_status"
    ):
        reached[app_id] = max(reached.get(app_id, -1), RANK.get(to_status, -1))
    for a in apps:
        if a["applied_on"] is not None:
            reached[a["id"]] = max(reached[a["id"]], RANK[Status.APPLIED])
    applied = [a for a in apps if reached[a["id"]] >= RANK[Status.APPLIED]]

    funnel = [
        {
            "status": stage,
            "label": Status(stage).label,
            "count": sum(1 for a in applied if reached[a["id"]] >= RANK[stage]),
        }
        for stage in FUNNEL
    ]
    counts = {row["status"]: row["count"] for row in funnel}
    responded = [a for a in applied if _responded(a, reached)]
    waits = [
        (a["first_response_on"] - a["applied_on"]).days
        for a in applied
        if a["first_response_on"] and a["applied_on"]
    ]

    def outcomes(key: str, label) -> list[dict]:
        groups: dict[str, list[dict]] = defaultdict(list)
        for a in applied:
            groups[a[key].strip() if key == "source_detail" else a[key]].append(a)
        rows = []
        for name, members in sorted(groups.items(), key=lambda item: (-len(item[1]), item[0])):
            rows.append(
                {
                    "key": name,
                    "label": label(name),
                    "applied": len(members),
                    "responded": sum(1 for a in members if _responded(a, reached)),
                    "interviewing": sum(
                        1 for a in members if reached[a["id"]] >= RANK[Status.INTERVIEWING]
                    ),
                    "offers": sum(1 for a in members if reached[a["id"]] >= RANK[Status.OFFER]),
                    "rejected": sum(1 for a in members if a["status"] == Status.REJECTED),
                }
            )
        return rows

    target = weekly_application_target(user=user)
    per_week = _applied_per_week(user)
    this_week = week_start(today)
    weekly = []
    for back in range(weeks - 1, -1, -1):
        start = this_week - timedelta(weeks=back)
        weekly.append(
            {
                "week_start": start,
                "applications": per_week[start],
                "goal": target,
                "met": target > 0 and per_week[start] >= target,
            }
        )

    return {
        "total": len(apps),
        "applied": len(applied),
        "responded": len(responded),
        "funnel": funnel,
        "response_rate": _rate(len(responded), len(applied)),
        "interview_rate": _rate(counts[Status.INTERVIEWING], len(applied)),
        "offer_rate": _rate(counts[Status.OFFER], len(applied)),
        "median_days_to_first_response": (float(statistics.median(waits)) if waits else None),
        "by_source": outcomes("source", lambda key: Source(key).label if key else "Not recorded"),
        "by_board": outcomes("source_detail", lambda key: key or "Not recorded"),
        "weekly": weekly,
        "weekly_goal": target,
        "streak": weekly_streak(user=user, today=today),
    }


def _responded(app: dict, reached: dict[int, int]) -> bool:
    return (
        app["first_response_on"] is not None
        or app["status"] in RESPONSES
        or reached[app["id"]] >= RANK[Status.SCREENING]
    )
