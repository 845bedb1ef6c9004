from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.db import models

from careercopilot.reference import CURRENCY_CODES, is_time_zone

from .models import (
    Application,
    Contact,
    Goal,
    Interview,
    Status,
)
from .services import EDITABLE_FIELDS


def _formfield(field, **kwargs):
    if isinstance(field, models.URLField):
        kwargs["assume_scheme"] = "https"  # what people paste without a scheme is https
    return field.formfield(**kwargs)


DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
DATETIME = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


class ApplicationForm(forms.ModelForm):
    """Create (with a starting status) or edit an application; status moves use MoveForm."""

    class Meta:
        model = Application
        formfield_callback = _formfield
        fields = ["status", *EDITABLE_FIELDS]
        widgets = {
            "applied_on": DATE,
            "first_response_on": DATE,
            "next_follow_up_on": DATE,
            "notes": forms.Textarea(attrs={"rows": 5}),
        }
        labels = {"status": "Starting status"}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            del self.fields["status"]
        self.fields["salary_currency"].help_text = "ISO code, e.g. EUR."

    def clean_salary_currency(self):
        code = (self.cleaned_data.get("salary_currency") or "").strip().upper()
        if code and code not in CURRENCY_CODES:
            raise ValidationError(f"“{code}” is not a currency code (for example USD, EUR, GBP).")
        return code


class MoveForm(forms.Form):
    status = forms.ChoiceField(choices=Status.choices, label="Move to")
    note = forms.CharField(max_length=500, required=False)


class InterviewForm(forms.ModelForm):
    """Start and end are wall-clock times in the chosen time zone."""

    starts_at = forms.DateTimeField(label="Starts", widget=DATETIME)
    ends_at = forms.DateTimeField(label="Ends", widget=DATETIME)
    time_zone = forms.CharField(
        max_length=64, help_text="IANA name, e.g. Europe/Berlin or America/New_York."
    )

    class Meta:
        model = Interview
        formfield_callback = _formfield
        fields = [
            "kind",
            "starts_at",
            "ends_at",
            "time_zone",
            "location",
            "video_url",
            "interviewers",
            "prep_notes",
            "outcome",
        ]
        widgets = {"prep_notes": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.initial["starts_at"] = self.instance.local_starts_at.replace(tzinfo=None)
            self.initial["ends_at"] = self.instance.local_ends_at.replace(tzinfo=None)

    def clean_time_zone(self):
        name = self.cleaned_data["time_zone"].strip()
        if not is_time_zone(name):
            raise ValidationError(
                f"“{name}” is not a known time zone; use an IANA name such as Europe/Berlin."
            )
        return name

    def _wall_clock(self, name):
        # Django made the typed value aware in the server zone; keep only the wall-clock time.
        value = self.cleaned_data[name]
        return value.replace(tzinfo=None) if value else value

    def clean_starts_at(self):
        return self._wall_clock("starts_at")

    def clean_ends_at(self):
        return self._wall_clock("ends_at")

    def clean(self):
        data = super().clean()
        start, end = data.get("starts_at"), data.get("ends_at")
        if start and end and end <= start:
            self.add_error("ends_at", "The interview must end after it starts.")
        return data

    def _post_clean(self):
        # The service computes the instant and the duration; skip the model's own validation.
        pass

    def service_data(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.Meta.fields}


class ContactForm(forms.ModelForm):
    applications = forms.ModelMultipleChoiceField(
        queryset=Application.objects.none(),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 6}),
    )

    class Meta:
        model = Contact
        formfield_callback = _formfield
        fields = ["name", "role", "email", "phone", "profile_url", "notes", "applications"]
        widgets = {"notes": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        # Only the user's own applications can be chosen; any other id is "not a valid choice".
        self.fields["applications"].queryset = Application.objects.for_user(user).only(
            "id", "title", "company"
        )


class GoalForm(forms.ModelForm):
    class Meta:
        model = Goal
        fields = ["metric", "target", "period"]

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def clean(self):
        data = super().clean()
        existing = Goal.objects.for_user(self.user).filter(
            metric=data.get("metric"), period=data.get("period")
        )
        if self.instance.pk:
            existing = existing.exclude(pk=self.instance.pk)
        if existing.exists():
            raise ValidationError("You already have this goal; change its target instead.")
        return data


class BulkForm(forms.Form):
    ids = forms.ModelMultipleChoiceField(
        queryset=Application.objects.none(),
        error_messages={"required": "Select at least one application."},
    )
    action = forms.ChoiceField(
        choices=[
            *((f"status:{v}", f"Move to {label}") for v, label in Status.choices),
            ("delete", "Delete"),
        ]
    )
    confirm = forms.BooleanField(required=False)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["ids"].queryset = Application.objects.for_user(user)
