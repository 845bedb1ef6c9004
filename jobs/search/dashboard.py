from django.urls import reverse

from careercopilot.dashboard import Card

from .alerts import saved_searches_with_new_matches
from .models import SavedSearch

#: Alert cards shown at most; the saved-searches page lists every search's count.
MAX_CARDS = 6


def alert_cards(*, user) -> list[Card]:
    """One card per alerting saved search with unseen new jobs, linking to those jobs."""
    searches = (
        saved_searches_with_new_matches(user=user)
        .exclude(alert=SavedSearch.Alert.OFF)
        .filter(new_matches__gt=0)
        .order_by("-last_alerted_at", "name")[:MAX_CARDS]
    )
    return [
        Card(
            f"Alert: {search.name}",
            f"{search.new_matches:,}",
            f"{search.new_matches:,} new job{'s' if search.new_matches != 1 else ''} "
            f"for {search.name}",
            reverse("jobs:saved_search_matches", args=[search.pk]),
        )
        for search in searches
    ]
