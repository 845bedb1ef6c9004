"""Saved-search alerts: after an ingestion, record the new jobs each alerting search finds.

A match is recorded once per saved search (so once per user and search), through the same
filter definition and visibility rules as the jobs page, so an alert never names a job the
user's list would not show. Instant searches also get a toast on the user's open pages; daily
ones wait for the digest (``delivered_at``). The dashboard and the saved-searches page show
the unseen ones until the user opens the search's matches.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from datetime import datetime

from django.db import transaction
from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.utils import timezone

from careercopilot.realtime import push_to_user_on_commit
from jobs.models import Job

from .models import SavedSearch, SavedSearchMatch
from .services import job_filterset

logger = logging.getLogger(__name__)

#: Job ids per ``pk IN (…)`` query: well under SQLite's variable limit.
CHUNK = 500


def record_alert_matches(*, job_ids: Iterable[int], since: datetime | None = None) -> int:
    """Record which of these jobs each alerting saved search finds; returns matches recorded.

    ``job_ids`` are the jobs an ingestion stored (and deduplicated). Only active canonical jobs
    the search's user can see count, and with ``since`` (the run's start) only jobs first seen
    from then on whose duplicate group has no older posting: a richer copy of a known job on
    another board is not a new job. A job whose group already has a recorded match for the
    search is skipped too, so a merge never announces the same job twice. One query per
    alerting search and chunk of ids; idempotent (the unique constraint drops repeats).
    """
    ids = sorted(set(job_ids))
    if not ids:
        return 0
    searches = (
        SavedSearch.objects.exclude(alert=SavedSearch.Alert.OFF)
        .filter(user__is_active=True)
        .select_related("user")
        .order_by("pk")
    )
    recorded = 0
    for search in searches:
        found = _new_matches(search, ids, since)
        if found:
            recorded += _record(search, found)
    return recorded


def _new_matches(search: SavedSearch, ids: list[int], since: datetime | None) -> list[int]:
    filterset = job_filterset(user=search.user, params=search.params)
    filterset.rank = False  # a plain match set: no ranking window
    if not filterset.is_valid():
        # Saved params are cleaned on save; a filter changed since then must not stop the rest.
        logger.warning("saved search %s has invalid params; no alerts recorded", search.pk)
        return []
    known = SavedSearchMatch.objects.filter(saved_search=search)
    rows = filterset.qs.order_by().filter(
        ~Exists(known.filter(job_id=OuterRef("pk"))),
        ~Exists(known.filter(job__canonical_id=OuterRef("pk"))),
    )
    if since is not None:
        older = Job.objects.filter(canonical_id=OuterRef("pk"), first_seen_at__lt=since)
        rows = rows.filter(first_seen_at__gte=since).exclude(Exists(older))
    found: list[int] = []
    for start in range(0, len(ids), CHUNK):
        chunk = ids[start : start + CHUNK]
        found += rows.filter(pk__in=chunk).values_list("pk", flat=True)
    return found


@transaction.atomic
def _record(search: SavedSearch, job_ids: list[int]) -> int:
    SavedSearchMatch.objects.bulk_create(
        [SavedSearchMatch(user_id=search.user_id, saved_search=search, job_id=i) for i in job_ids],
        ignore_conflicts=True,  # a concurrent run recorded it first: once is enough
        batch_size=CHUNK,
    )
    search.last_alerted_at = timezone.now()
    SavedSearch.objects.filter(pk=search.pk).update(last_alerted_at=search.last_alerted_at)
    if search.alert == SavedSearch.Alert.INSTANT:
        push_to_user_on_commit(
            search.user_id,
            template="jobs/partials/alert_toast_oob.html",
            context={"search": search, "count": len(job_ids)},
        )
    return len(job_ids)


def saved_searches_with_new_matches(*, user) -> QuerySet[SavedSearch]:
    """The user's saved searches, each annotated ``new_matches`` (recorded, not yet seen)."""
    unseen = Q(matches__seen_at__isnull=True)
    searches = SavedSearch.objects.for_user(user).order_by("name")  # GROUP BY drops Meta order
    return searches.annotate(new_matches=Count("matches", filter=unseen))


def alert_matches(*, user, saved_search_id: int) -> QuerySet[SavedSearchMatch]:
    """The jobs recorded for one of the user's saved searches, newest first."""
    return SavedSearchMatch.objects.for_user(user).filter(saved_search_id=saved_search_id)


def alert_matches_seen(*, user, saved_search_id: int) -> int:
    """Mark the search's recorded jobs seen (they leave the dashboard); returns how many."""
    unseen = alert_matches(user=user, saved_search_id=saved_search_id).filter(seen_at=None)
    return unseen.update(seen_at=timezone.now())
