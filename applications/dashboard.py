from django.urls import reverse
from django.utils import timezone

from careercopilot.dashboard import Card

from .analytics import goals_progress, weekly_streak
from .models import ACTIVE, Application, FollowUpReminder, Interview, ReminderStatus


def cards(*, user) -> list[Card]:
    weekly = goals_progress(user=user)[0]
    streak = weekly_streak(user=user)
    active = Application.objects.for_user(user).filter(status__in=ACTIVE)
    upcoming = Interview.objects.for_user(user).upcoming(now=timezone.now()).count()
    due = FollowUpReminder.objects.for_user(user).filter(status=ReminderStatus.DUE).count()
    weeks = "week" if streak == 1 else "weeks"
    return [
        Card(
            "Applications this week",
            f"{weekly['done']} / {weekly['target']}",
            f"Goal {weekly['percent']}% done · streak: {streak} {weeks} in a row",
            reverse("applications:board"),
        ),
        Card(
            "Active applications",
            str(active.count()),
            f"{upcoming} upcoming interview{'s' if upcoming != 1 else ''} · "
            f"{due} follow-up{'s' if due != 1 else ''} due",
            reverse("applications:table"),
        ),
    ]
