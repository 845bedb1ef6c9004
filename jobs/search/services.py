"""Job search, saved searches and per-user job feedback: the use cases every interface calls."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from types import SimpleNamespace
from typing import Any

from django.core.exceptions import ValidationError
from django.core.paginator import Page, Paginator
from django.db import IntegrityError, transaction
from django.db.models import CharField, QuerySet, Value
from django.db.models.functions import Left
from django.http import QueryDict
from django.utils.functional import cached_property

from jobs.models import Job

from . import fulltext
from .filters import JobFilter
from .models import HiddenCompany, JobInteraction, JobSearchRow, SavedSearch

PER_PAGE = 20
MAX_RESULTS = fulltext.RANK_WINDOW  # results and relevance share one cap
SNIPPET_CHARS = 280
NOT_THIS_COMPANY = "not_this_company"
INTERACTION_KINDS = [*JobInteraction.Kind.values, NOT_THIS_COMPANY]
_OPPOSITE = {
    JobInteraction.Kind.THUMBS_UP: JobInteraction.Kind.THUMBS_DOWN,
    JobInteraction.Kind.THUMBS_DOWN: JobInteraction.Kind.THUMBS_UP,
}
# Never part of a saved search: where you are in the results is not what you searched for.
_NOT_SAVED = {"page", "page_size", "format"}
# Never loaded for a result row.
HEAVY_FIELDS = ("raw", "description_html", "description_text")


def visible_rows(*, user, marks: UserMarks | None = None) -> QuerySet[JobSearchRow]:
    """Search rows of active canonical jobs, minus the user's hidden jobs and companies and
    minus the jobs other users added by hand.

    Every search filters, sorts and counts these narrow rows; pages then load ``Job`` rows by
    id (see :class:`CappedPaginator`). Hand-added jobs are few, so leaving out the others'
    costs next to nothing and keeps the narrow table user-neutral.

    The left-out ids are read first (:func:`user_marks`, one query; pass ``marks`` when read
    already) and excluded as constant lists. As ``NOT IN (subquery)`` the planner would guess
    each exclusion keeps half the rows, think every filter eight times more selective than it
    is, and sort whole match sets where walking a sort index and stopping at the page is far
    cheaper; a constant list it estimates exactly (and PostgreSQL hashes it).
    """
    marks = user_marks(user) if marks is None else marks
    rows = JobSearchRow.objects.filter(is_active=True, is_canonical=True)
    if marks.hidden_jobs:
        rows = rows.exclude(pk__in=sorted(marks.hidden_jobs))
    if marks.hidden_companies:
        rows = rows.exclude(company_id__in=sorted(marks.hidden_companies))
    return rows


_PRIVATE, _COMPANY = "private", "company"  # beside the JobInteraction kinds, in user_marks


@dataclass
class UserMarks:
    """What one user's searches leave out, and the user's marks on jobs."""

    #: Jobs the user hid, and jobs other users added by hand.
    hidden_jobs: set[int] = field(default_factory=set)
    hidden_companies: set[int] = field(default_factory=set)
    #: Every job the user marked (saved, hidden, thumbs), with the kinds.
    kinds: dict[int, set[str]] = field(default_factory=dict)


def user_marks(user) -> UserMarks:
    """The user's :class:`UserMarks`, read in one query.

    All of the user's interactions come along, not just the hidden ones, so that a result page
    shows its marks without another query; a user marks hundreds of jobs, not millions.
    """
    private = Job.objects.filter(owner__isnull=False)
    parts = []
    if getattr(user, "is_authenticated", False):
        private = private.exclude(owner=user)
        parts = [
            JobInteraction.objects.for_user(user).values_list("kind", "job_id"),
            HiddenCompany.objects.for_user(user)
            .annotate(mark=Value(_COMPANY, CharField()))
            .values_list("mark", "company_id"),
        ]
    query = private.annotate(mark=Value(_PRIVATE, CharField())).values_list("mark", "pk")
    marks = UserMarks()
    for kind, pk in query.order_by().union(*(p.order_by() for p in parts), all=True):
        if kind == _COMPANY:
            marks.hidden_companies.add(pk)
            continue
        if kind in (_PRIVATE, JobInteraction.Kind.HIDDEN):
            marks.hidden_jobs.add(pk)
        if kind != _PRIVATE:
            marks.kinds.setdefault(pk, set()).add(kind)
    return marks


def visible_jobs(*, user) -> QuerySet[Job]:
    """The jobs of :func:`visible_rows`, as ``Job`` rows."""
    return Job.objects.filter(pk__in=visible_rows(user=user).values("pk"))


def result_rows(queryset: QuerySet[Job]) -> QuerySet[Job]:
    """What a result row loads: no payload, no full description, no source (a row names its
    board through ``Job.board_label``)."""
    return queryset.defer(*HEAVY_FIELDS).annotate(
        description_start=Left("description_text", SNIPPET_CHARS + 1)
    )


class CappedPaginator(Paginator):
    """Pages of search results, read in two steps and counted up to ``MAX_RESULTS``.

    ``object_list`` is a filtered, ordered :class:`JobSearchRow` queryset. The count stops at
    the cap (``capped`` says there were more): relevance only orders that many matches, so
    pages past it could not be ranked anyway. A page orders and slices ids on the narrow table,
    then loads just the shown ``Job`` rows by id.
    """

    @cached_property
    def ids(self) -> list[int]:
        """The ordered ids of every result up to the cap, plus one to tell there were more.

        One query serves the count and any page: ordering the matches is the expensive part
        and a separate count would repeat the matching (and for relevance, the ranking).
        """
        ranked = getattr(self.object_list, "ranked_ids", None)  # relevance: already ordered
        if ranked is not None:
            return ranked[: MAX_RESULTS + 1]
        return list(self.object_list.values_list("pk", flat=True)[: MAX_RESULTS + 1])

    @property
    def capped(self) -> bool:
        return len(self.ids) > MAX_RESULTS

    @cached_property
    def count(self) -> int:
        return min(len(self.ids), MAX_RESULTS)

    def page(self, number) -> Page:
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        ids = self.ids[bottom : min(bottom + self.per_page, self.count)]
        rows = {job.pk: job for job in result_rows(Job.objects.filter(pk__in=ids).order_by())}
        return Page([rows[pk] for pk in ids if pk in rows], number, self)


def job_filterset(
    *, user, params: Mapping, request=None, marks: UserMarks | None = None
) -> JobFilter:
    """The bound filter over what ``user`` may see (validate it with ``is_valid()``)."""
    return JobFilter(
        _as_querydict(params),
        queryset=visible_rows(user=user, marks=marks),
        request=request or SimpleNamespace(user=user),
    )


@dataclass
class SearchResults:
    filterset: JobFilter
    page: Page | None
    total: int
    capped: bool = False

    @property
    def valid(self) -> bool:
        return self.page is not None

    @property
    def query(self) -> str:
        return self.filterset.search_text if self.valid else ""


def job_search(*, user, params: Mapping, page: Any = 1, per_page: int = PER_PAGE) -> SearchResults:
    """One page of the user's job search: count, the page's jobs, snippets and their marks.

    ``params`` are the list page's query parameters (a QueryDict or a plain mapping). Invalid
    parameters give ``page=None``; the filterset's form carries the messages.
    """
    marks = user_marks(user)
    filterset = job_filterset(user=user, params=params, marks=marks)
    if not filterset.is_valid():
        return SearchResults(filterset=filterset, page=None, total=0)
    paginator = CappedPaginator(filterset.qs, per_page)
    page_obj = paginator.get_page(page)
    page_obj.object_list = list(page_obj.object_list)
    decorate_jobs(page_obj.object_list, user=user, text=filterset.search_text, marks=marks)
    return SearchResults(
        filterset=filterset, page=page_obj, total=paginator.count, capped=paginator.capped
    )


def decorate_jobs(
    jobs: list[Job], *, user, text: str = "", marks: UserMarks | None = None
) -> list[Job]:
    """Attach ``snippet`` (highlighted segments) and ``user_kinds`` to a page of jobs (the
    kinds come from ``marks`` when the caller read them already)."""
    marked = fulltext.snippets([j.pk for j in jobs], text) if text else {}
    if marks is None:
        kinds = interactions_by_job(user=user, job_ids=[j.pk for j in jobs])
    else:
        kinds = marks.kinds
    for job in jobs:
        if job.pk in marked:
            job.snippet = fulltext.segments(marked[job.pk])
        else:
            start = getattr(job, "description_start", None)
            if start is None:
                start = job.description_text[: SNIPPET_CHARS + 1]
            plain = start[:SNIPPET_CHARS]
            if len(start) > SNIPPET_CHARS:
                plain = plain.rsplit(" ", 1)[0] + " …"
            job.snippet = [(plain, False)] if plain else []
        job.user_kinds = set(kinds.get(job.pk, ()))
    return jobs


def interactions_by_job(*, user, job_ids: Iterable[int]) -> dict[int, set[str]]:
    rows = JobInteraction.objects.for_user(user).filter(job_id__in=list(job_ids)).order_by()
    out: dict[int, set[str]] = {}
    for job_id, kind in rows.values_list("job_id", "kind"):
        out.setdefault(job_id, set()).add(kind)
    return out


# --- feedback ---------------------------------------------------------------------------------


@transaction.atomic
def job_interaction_set(*, user, job_id: int, kind: str, on: bool = True) -> set[str]:
    """Turn one kind of feedback on or off; returns the user's kinds for the job afterwards.

    ``kind`` is a :class:`JobInteraction.Kind` or ``"not_this_company"`` (hides the job's
    company). Thumbs up and down exclude each other. Idempotent.
    """
    if kind not in INTERACTION_KINDS:
        raise ValidationError({"kind": f"Unknown kind “{kind}”."})
    job = Job.objects.visible_to(user).select_related("company").get(pk=job_id)
    if kind == NOT_THIS_COMPANY:
        if job.company is None:
            raise ValidationError({"kind": "This job does not name a company to hide."})
        company_hidden_set(user=user, company_id=job.company_id, on=on)
    elif on:
        JobInteraction.objects.get_or_create(user=user, job=job, kind=kind)
        if kind in _OPPOSITE:
            JobInteraction.objects.for_user(user).filter(job=job, kind=_OPPOSITE[kind]).delete()
    else:
        JobInteraction.objects.for_user(user).filter(job=job, kind=kind).delete()
    return interactions_by_job(user=user, job_ids=[job.pk]).get(job.pk, set())


@transaction.atomic
def company_hidden_set(*, user, company_id: int, on: bool = True) -> None:
    """Hide ("not this company") or show again every job of a company for the user."""
    if on:
        HiddenCompany.objects.get_or_create(user=user, company_id=company_id)
    else:
        HiddenCompany.objects.for_user(user).filter(company_id=company_id).delete()


# --- saved searches ---------------------------------------------------------------------------


def _as_querydict(params: Mapping) -> QueryDict:
    if isinstance(params, QueryDict):
        return params
    data = QueryDict(mutable=True)
    for key, value in (params or {}).items():
        values = value if isinstance(value, list | tuple) else [value]
        data.setlist(str(key), ["true" if v is True else str(v) for v in values if v is not None])
    return data


def clean_search_params(params: Mapping) -> dict[str, list[str]]:
    """Only the known, non-empty filter parameters, validated; ``ValidationError`` otherwise."""
    data = _as_querydict(params)
    filterset = JobFilter(data, queryset=Job.objects.none())
    if not filterset.is_valid():
        raise ValidationError({"params": _errors_text(filterset.form.errors)})
    known = set(filterset.filters) - _NOT_SAVED
    cleaned: dict[str, list[str]] = {}
    for key in sorted(known):
        values = [v.strip() for v in data.getlist(key) if v and v.strip()]
        if values:
            cleaned[key] = values
    return cleaned


def _errors_text(errors) -> list[str]:
    return [f"{field}: {msg}" for field, msgs in errors.items() for msg in msgs]


def _saved_search_validate(search: SavedSearch) -> None:
    search.full_clean(exclude=["user"], validate_unique=False)
    taken = SavedSearch.objects.for_user(search.user).filter(name__iexact=search.name)
    if taken.exclude(pk=search.pk).exists():
        raise ValidationError({"name": "You already have a saved search with this name."})


@transaction.atomic
def saved_search_create(
    *, user, name: str, params: Mapping, alert: str = SavedSearch.Alert.OFF
) -> SavedSearch:
    """Save a set of job filters under a name."""
    search = SavedSearch(user=user, name=(name or "").strip(), alert=alert)
    search.params = clean_search_params(params)
    _saved_search_validate(search)
    try:
        search.save()
    except IntegrityError as exc:
        raise ValidationError({"name": "You already have a saved search with this name."}) from exc
    return search


@transaction.atomic
def saved_search_update(
    *,
    user,
    saved_search_id: int,
    name: str | None = None,
    params: Mapping | None = None,
    alert: str | None = None,
) -> SavedSearch:
    """Rename, re-filter or change the alert of one of the user's saved searches."""
    search = SavedSearch.objects.for_user(user).select_for_update().get(pk=saved_search_id)
    if name is not None:
        search.name = name.strip()
    if params is not None:
        search.params = clean_search_params(params)
    if alert is not None:
        search.alert = alert
    _saved_search_validate(search)
    search.save()
    return search


@transaction.atomic
def saved_search_delete(*, user, saved_search_id: int) -> None:
    SavedSearch.objects.for_user(user).get(pk=saved_search_id).delete()


def saved_search_matches(*, saved_search: SavedSearch, since=None) -> QuerySet[Job]:
    """The jobs a saved search finds now (first seen after ``since`` when given), for alerts."""
    filterset = job_filterset(user=saved_search.user, params=saved_search.params)
    filterset.rank = False  # every match, not the ranked window; usable as a subquery
    if not filterset.is_valid():
        return Job.objects.none()
    rows = filterset.qs
    if since:
        rows = rows.filter(first_seen_at__gt=since)
    return Job.objects.filter(pk__in=rows.values("pk"))
