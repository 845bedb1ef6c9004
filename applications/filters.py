"""One filter definition for the HTML table and the API list."""

from __future__ import annotations

import django_filters

from .models import Application, Source, Status

ORDERINGS = (
    ("title", "title"),
    ("company", "company"),
    ("status", "status"),
    ("applied_on", "applied_on"),
    ("priority", "priority"),
    ("updated_at", "updated_at"),
)


class ApplicationFilter(django_filters.FilterSet):
    status = django_filters.MultipleChoiceFilter(choices=Status.choices)
    source = django_filters.ChoiceFilter(choices=Source.choices)
    q = django_filters.CharFilter(method="filter_q", label="Search")
    ordering = django_filters.OrderingFilter(fields=ORDERINGS)

    class Meta:
        model = Application
        fields = ["status", "source"]

    def filter_q(self, queryset, name, value):
        return queryset.search(value)
