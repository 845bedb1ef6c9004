"""The one job filter definition, shared by the jobs page and ``/api/v1/jobs/``.

Salary: ``salary_min`` is an annual floor in ``currency`` and only rows listed in that same
currency are compared (no exchange rates: a stale rate would silently hide or show jobs). A job
passes when the top of its annual range (or its only figure) reaches the floor.

The filters run on :class:`~jobs.search.models.JobSearchRow`, the narrow trigger-maintained
copy of each job's filter and sort columns (same column names as ``jobs_job``).
"""

from __future__ import annotations

import copy
import json
from datetime import UTC, datetime

import django_filters
from django import forms
from django.db import connection
from django.db.models import F, Q, Value
from django.db.models.functions import Coalesce
from django.http import QueryDict
from django.utils.choices import BaseChoiceIterator

from careercopilot.reference import COUNTRY_CODES, CURRENCY_CODES
from jobs.models import EmploymentType, RemoteType, TriState
from jobs.normalize.titles import SENIORITY_LEVELS
from jobs.sources import ADAPTERS

from . import fulltext
from .models import JobSearchRow

MAX_QUERY_LENGTH = 500
_LONG_AGO = datetime(1, 1, 1, tzinfo=UTC)  # sorts after every posted date, like NULLS LAST
MAX_SKILLS = 20

SORTS = (("relevance", "Relevance"), ("date", "Newest"), ("salary", "Highest salary"))
POSTED_WITHIN = (("1", "Last 24 hours"), ("3", "Last 3 days"), ("7", "Last week"))
POSTED_WITHIN += (("14", "Last 2 weeks"), ("30", "Last 30 days"), ("90", "Last 90 days"))
SKILLS_MATCH = (("all", "All of them"),)  # empty (the default) means any


class FixedChoices(BaseChoiceIterator):
    """A choice list that is never changed, and so copies as itself.

    Every request builds a filter set and its form, and each deep-copies its fields and their
    choices: the country and currency lists alone (about 420 pairs) made that ~3 ms a search.
    Iterable like a list, so the form, the widgets and the OpenAPI enums read it as before.
    """

    def __init__(self, choices):
        self.choices = tuple(choices)

    def __iter__(self):
        return iter(self.choices)

    def __len__(self) -> int:
        return len(self.choices)

    def __copy__(self):
        return self

    def __deepcopy__(self, memo):
        return self


def _source_choices():
    return sorted(((kind, a.label) for kind, a in ADAPTERS.items()), key=lambda c: c[1])


def _split_list(value: str) -> list[str]:
    return [part.strip() for part in value.replace(";", ",").split(",") if part.strip()]


def _skill_q(skill: str) -> Q:
    if connection.vendor == "postgresql":
        return Q(skills__contains=[skill])  # jsonb containment: exact element
    # SQLite stores the list as JSON text; match the quoted, JSON-escaped element.
    return Q(skills__icontains=json.dumps(skill))


class JobFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        method="_deferred",
        label="Search",
        max_length=MAX_QUERY_LENGTH,
        help_text='Words, "exact phrases", -excluded, or',
    )
    country = django_filters.MultipleChoiceFilter(
        distinct=False,  # one table, no joins: DISTINCT would only stop index-ordered scans
        choices=FixedChoices(sorted((c, c) for c in COUNTRY_CODES)),
        method="filter_country",
        label="Country",
        widget=forms.SelectMultiple(attrs={"size": 4}),
    )
    location = django_filters.CharFilter(
        method="filter_location", max_length=100, label="City or region"
    )
    remote = django_filters.MultipleChoiceFilter(
        distinct=False,
        field_name="remote_type",
        choices=RemoteType.choices,
        label="Workplace",
        widget=forms.CheckboxSelectMultiple,
    )
    currency = django_filters.ChoiceFilter(
        choices=FixedChoices(sorted((c, c) for c in CURRENCY_CODES)),
        method="_deferred",
        label="Salary currency",
        empty_label="Currency…",
    )
    salary_min = django_filters.NumberFilter(
        method="_deferred",
        label="Minimum salary (per year)",
        min_value=0,
        max_value=100_000_000,
    )
    posted_within = django_filters.ChoiceFilter(
        choices=POSTED_WITHIN, method="filter_posted_within", label="Posted", empty_label="Any time"
    )
    employment_type = django_filters.MultipleChoiceFilter(
        distinct=False,
        choices=EmploymentType.choices,
        label="Employment type",
        widget=forms.CheckboxSelectMultiple,
    )
    seniority = django_filters.MultipleChoiceFilter(
        distinct=False,
        choices=[(s, s.capitalize()) for s in SENIORITY_LEVELS],
        label="Seniority",
        widget=forms.CheckboxSelectMultiple,
    )
    skills = django_filters.CharFilter(
        method="_deferred",
        max_length=500,
        label="Skills",
        help_text="Comma-separated, e.g. Python, Django",
    )
    skills_match = django_filters.ChoiceFilter(
        choices=SKILLS_MATCH, method="_deferred", empty_label="Any of them", label="Match skills"
    )
    source = django_filters.MultipleChoiceFilter(
        distinct=False,
        field_name="source_kind",
        choices=_source_choices,
        label="Board",
        widget=forms.SelectMultiple(attrs={"size": 4}),
    )
    company = django_filters.CharFilter(method="filter_company", max_length=200, label="Company")
    visa = django_filters.ChoiceFilter(
        field_name="visa_sponsorship", choices=TriState.choices, label="Visa sponsorship"
    )
    saved = django_filters.BooleanFilter(
        method="filter_saved", label="Saved jobs only", widget=forms.CheckboxInput
    )
    sort = django_filters.ChoiceFilter(
        choices=SORTS, method="_deferred", empty_label="Best match / newest", label="Sort by"
    )

    #: Order by relevance when asked (set False for a plain, subquery-safe match set).
    rank = True

    class Meta:
        model = JobSearchRow  # search filters the narrow table; pages load Job rows by id
        fields: list[str] = []

    # Every search builds a filter set and its form. django-filter deep-copies each filter and
    # then builds a fresh form class (fields, widgets, choices) per instance: 3 ms a search,
    # for definitions that never change. Filters are copied shallowly (each copy gets its own
    # ``parent``; nothing else on a filter changes after the class is made) and the form class
    # is built once; each form instance still deep-copies its fields, as Django forms do.

    def __init__(self, data=None, queryset=None, *, request=None, prefix=None):
        # BaseFilterSet.__init__, with copy.copy where it has copy.deepcopy.
        if queryset is None:
            queryset = self._meta.model._default_manager.all()
        self.is_bound = data is not None
        self.data = data or QueryDict()
        self.queryset = queryset
        self.request = request
        self.form_prefix = prefix
        self.filters = {}
        for name, base in self.base_filters.items():
            filter_ = copy.copy(base)
            filter_.model = queryset.model
            filter_.parent = self
            if base.method is not None:
                filter_.method = base.method  # rebinds the method proxy to this copy
            self.filters[name] = filter_

    def get_form_class(self):
        cls = type(self)
        if "_form_class" not in cls.__dict__:
            cls._form_class = super().get_form_class()
        return cls._form_class

    # -- per-field filters

    def _deferred(self, queryset, name, value):
        return queryset  # applied together in filter_queryset

    def filter_country(self, queryset, name, value):
        # ``countries`` is space-separated 2-letter codes, so a code can only match itself.
        query = Q()
        for code in value:
            query |= Q(countries__contains=code.upper())
        return queryset.filter(query)

    def filter_location(self, queryset, name, value):
        value = value.strip()
        query = Q(locations__icontains=value)
        if connection.vendor != "postgresql":
            # SQLite keeps JSON text ASCII-escaped ("M\u00fcnchen"): match that spelling too.
            query |= Q(locations__icontains=json.dumps(value)[1:-1])
        return queryset.filter(query)

    def filter_posted_within(self, queryset, name, value):
        from django.utils import timezone

        days = int(value)
        return queryset.filter(posted_at__gte=timezone.now() - timezone.timedelta(days=days))

    def filter_company(self, queryset, name, value):
        value = value.strip()
        return queryset.filter(Q(company_name__icontains=value) | Q(company__name__icontains=value))

    def filter_saved(self, queryset, name, value):
        if not value:
            return queryset
        from .models import JobInteraction

        user = getattr(self.request, "user", None)
        saved = JobInteraction.objects.for_user(user).filter(kind=JobInteraction.Kind.SAVED)
        return queryset.filter(pk__in=saved.values("job_id"))

    # -- validation and the filters that depend on each other

    def is_valid(self):
        valid = super().is_valid()
        data = self.form.cleaned_data if hasattr(self.form, "cleaned_data") else {}
        if valid and data.get("salary_min") is not None and not data.get("currency"):
            self.form.add_error("currency", "Choose the currency of your minimum salary.")
            return False
        if valid and len(_split_list(data.get("skills") or "")) > MAX_SKILLS:
            self.form.add_error("skills", f"Use at most {MAX_SKILLS} skills.")
            return False
        return valid

    @property
    def search_text(self) -> str:
        return (self.form.cleaned_data.get("q") or "").strip()

    def filter_queryset(self, queryset):
        queryset = super().filter_queryset(queryset)
        data = self.form.cleaned_data
        if data.get("salary_min") is not None and data.get("currency"):
            top = Coalesce("salary_annual_max", "salary_annual_min")
            queryset = queryset.alias(salary_top=top).filter(
                salary_currency=data["currency"], salary_top__gte=data["salary_min"]
            )
        skills = _split_list(data.get("skills") or "")
        if skills:
            if data.get("skills_match") == "all":
                for skill in skills:
                    queryset = queryset.filter(_skill_q(skill))
            else:
                query = Q()
                for skill in skills:
                    query |= _skill_q(skill)
                queryset = queryset.filter(query)
        text = self.search_text
        unmatched = queryset
        # posted_within bounds the newest-first scan itself, so it does not count as narrowing.
        plain = {"q", "sort", "skills_match", "posted_within"}
        narrowed = any(value for key, value in data.items() if key not in plain)
        queryset = fulltext.search(queryset, text, rank=False, narrowed=narrowed)
        sort = data.get("sort") or ""
        posted = F("posted_at")
        top = Coalesce("salary_annual_max", "salary_annual_min")
        if connection.vendor == "postgresql" and fulltext.is_text_query(text):
            # The same order, spelled so no sort index matches it: the planner could otherwise
            # walk an index newest-first and test each row's (out-of-line) document, which for
            # a common word costs far more than sorting the GIN index's matches.
            posted = Coalesce("posted_at", Value(_LONG_AGO))
            top = Coalesce("salary_annual_max", "salary_annual_min", Value(-1.0))
        newest = [posted.desc(nulls_last=True), F("first_seen_at").desc(), F("pk").desc()]
        if sort == "salary":
            return queryset.order_by(top.desc(nulls_last=True), *newest)
        ranked = bool(fulltext.parse_websearch(text).groups)  # "-java" alone has no relevance
        within = int(data.get("posted_within") or 0)
        try_recent = not narrowed and not (0 < within <= fulltext.RECENT_DAYS)
        if ranked and self.rank and sort in ("", "relevance"):
            return fulltext.rank_window(
                queryset, text, newest, unmatched=unmatched, try_recent=try_recent
            )
        if ranked and self.rank and try_recent and connection.vendor == "postgresql":
            return fulltext.newest_ids(queryset, newest, try_recent=True)
        return queryset.order_by(*newest)
