"""Forms for adding a job by hand: from a link, or field by field."""

from __future__ import annotations

from django import forms

from .models import EmploymentType, RemoteType


class AddJobLinkForm(forms.Form):
    url = forms.URLField(
        label="Link to the job",
        max_length=1000,
        assume_scheme="https",
        help_text="We read the job's details from the page when it publishes them.",
        widget=forms.URLInput(attrs={"placeholder": "https://careers.example.com/jobs/123"}),
    )

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", "link_%s")  # the by-hand form on the same page has a url
        super().__init__(*args, **kwargs)


class AddJobForm(forms.Form):
    title = forms.CharField(max_length=300)
    company = forms.CharField(max_length=200)
    url = forms.URLField(label="Link", max_length=1000, required=False, assume_scheme="https")
    location = forms.CharField(
        max_length=200, required=False, help_text="City, region and country, e.g. Berlin, DE."
    )
    remote_type = forms.ChoiceField(
        label="Work place", choices=RemoteType.choices, initial=RemoteType.UNKNOWN
    )
    employment_type = forms.ChoiceField(
        label="Employment type",
        choices=[("", "Not stated"), *EmploymentType.choices],
        required=False,
    )
    salary = forms.CharField(
        max_length=200, required=False, help_text="As written, e.g. “€60,000–75,000 a year”."
    )
    description = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 8}), required=False, max_length=50_000
    )
