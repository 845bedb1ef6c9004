from datetime import timedelta

from django.utils import timezone

from careercopilot.dashboard import Card

from .models import Job


def cards(*, user) -> list[Card]:
    since = timezone.now() - timedelta(days=1)
    new_today = Job.objects.public().active().new_since(since).count()
    active = Job.objects.public().active().count()
    return [
        Card("New jobs today", f"{new_today:,}", f"{active:,} active jobs in the catalogue"),
    ]
