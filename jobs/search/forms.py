"""The saved-search form: a name, an alert setting and the list page's query string."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError

from .models import SavedSearch

MAX_QUERY = 4000


class SavedSearchForm(forms.ModelForm):
    query = forms.CharField(
        required=False,
        max_length=MAX_QUERY,
        label="Filters",
        help_text="The jobs page's filters, as in its address (q=python&remote=remote).",
    )

    class Meta:
        model = SavedSearch
        fields = ["name", "alert"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["query"].initial = self.instance.query_string
        else:
            self.fields["query"].widget = forms.HiddenInput()
        self.fields["name"].widget.attrs.setdefault("placeholder", "e.g. Remote Python in EU")

    def add_errors_from(self, exc: ValidationError) -> None:
        if not hasattr(exc, "error_dict"):
            self.add_error(None, exc.messages)
            return
        for field, errors in exc.message_dict.items():
            target = {"params": "query"}.get(field, field)
            self.add_error(target if target in self.fields else None, errors)
