from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError

from careercopilot.reference import COUNTRY_CODES, CURRENCY_CODES

from .models import Profile, Skill, SkillLevel


class CommaListField(forms.CharField):
    """A list of short strings typed as comma-separated text."""

    def __init__(self, *, upper: bool = False, max_items: int = 30, **kwargs):
        self.upper, self.max_items = upper, max_items
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)

    def prepare_value(self, value):
        if isinstance(value, list | tuple):
            return ", ".join(str(v) for v in value)
        return value

    def to_python(self, value):
        text = super().to_python(value) or ""
        items, seen = [], set()
        for raw in text.split(","):
            item = " ".join(raw.split())
            if self.upper:
                item = item.upper()
            if item and item.casefold() not in seen:
                seen.add(item.casefold())
                items.append(item[:100])
        if len(items) > self.max_items:
            raise ValidationError(f"Up to {self.max_items} entries, please.")
        return items


class CountryListField(CommaListField):
    def __init__(self, **kwargs):
        super().__init__(upper=True, **kwargs)

    def validate(self, value):
        super().validate(value)
        unknown = [code for code in value if code not in COUNTRY_CODES]
        if unknown:
            raise ValidationError(
                f"Unknown country code(s): {', '.join(unknown)}. "
                "Use two-letter ISO codes such as US, DE, GB."
            )


class LocationListField(forms.CharField):
    """One location per line as "City, CC" (or just "CC" for a whole country)."""

    widget = forms.Textarea(attrs={"rows": 3})

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)

    def prepare_value(self, value):
        if isinstance(value, list):
            return "\n".join(
                ", ".join(part for part in (loc.get("city"), loc.get("country")) if part)
                for loc in value
                if isinstance(loc, dict)
            )
        return value

    def to_python(self, value):
        text = super().to_python(value) or ""
        locations, errors = [], []
        for line in text.splitlines():
            line = " ".join(line.split())
            if not line:
                continue
            city, _, country = line.rpartition(",")
            country = country.strip().upper()
            city = city.strip()
            if country not in COUNTRY_CODES:
                errors.append(f"“{line}”: end each line with a two-letter country code.")
                continue
            locations.append({"city": city[:100] or None, "country": country})
        if errors:
            raise ValidationError(errors)
        if len(locations) > 20:
            raise ValidationError("Up to 20 locations, please.")
        return locations


class ProfileSectionForm(forms.ModelForm):
    """Base for the inline-editable sections of the profile page."""

    section: str = ""
    title: str = ""

    class Meta:
        model = Profile
        fields: list[str] = []


class AboutForm(ProfileSectionForm):
    section, title = "about", "About you"

    class Meta:
        model = Profile
        fields = ["headline", "seniority", "years_experience"]
        labels = {"years_experience": "Years of experience"}


class TargetsForm(ProfileSectionForm):
    section, title = "targets", "What you are looking for"
    target_titles = CommaListField(
        label="Target titles", help_text="Comma-separated, e.g. Backend Engineer, SRE."
    )
    preferred_locations = LocationListField(
        label="Preferred locations", help_text="One per line: “Berlin, DE” or just “DE”."
    )

    class Meta:
        model = Profile
        fields = ["target_titles", "remote_preference", "preferred_locations"]


class PayForm(ProfileSectionForm):
    section, title = "pay", "Pay"
    min_salary = forms.IntegerField(
        label="Minimum salary",
        min_value=0,
        required=False,
        error_messages={"min_value": "The minimum salary cannot be negative."},
    )
    salary_currency = forms.CharField(
        label="Currency", max_length=3, required=False, help_text="ISO code, e.g. EUR."
    )

    class Meta:
        model = Profile
        fields = ["min_salary", "salary_currency", "salary_period"]

    def clean_salary_currency(self):
        code = (self.cleaned_data.get("salary_currency") or "").strip().upper()
        if code and code not in CURRENCY_CODES:
            raise ValidationError(f"“{code}” is not a currency code (for example USD, EUR, GBP).")
        return code


class WorkForm(ProfileSectionForm):
    section, title = "work", "Work rights, languages and time zone"
    work_authorization = CountryListField(
        label="Authorised to work in", help_text="Country codes, e.g. US, DE."
    )
    languages = CommaListField(label="Languages", help_text="Comma-separated.")

    class Meta:
        model = Profile
        fields = ["work_authorization", "needs_visa_sponsorship", "languages", "time_zone"]
        labels = {"time_zone": "Time zone", "needs_visa_sponsorship": "I need visa sponsorship"}
        help_texts = {"time_zone": "IANA name, e.g. Europe/Berlin or America/New_York."}


class GoalsForm(ProfileSectionForm):
    section, title = "goals", "Goals and follow-ups"

    class Meta:
        model = Profile
        fields = ["weekly_application_goal", "follow_up_after_days", "ghosted_after_days"]
        labels = {
            "weekly_application_goal": "Applications per week",
            "follow_up_after_days": "Follow up after (days)",
            "ghosted_after_days": "Suggest “ghosted” after (days)",
        }


PROFILE_SECTIONS: dict[str, type[ProfileSectionForm]] = {
    form.section: form for form in (AboutForm, TargetsForm, PayForm, WorkForm, GoalsForm)
}


def display_value(profile: Profile, field_name: str) -> str:
    """Human-readable value of a profile field for the read-only section view."""
    value = getattr(profile, field_name)
    getter = getattr(profile, f"get_{field_name}_display", None)
    if getter and value not in (None, ""):
        return getter()
    if field_name == "preferred_locations":
        return "; ".join(
            ", ".join(p for p in (loc.get("city"), loc.get("country")) if p) for loc in value
        )
    if field_name == "min_salary" and value is not None:
        return f"{value:,}"
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, list):
        return ", ".join(map(str, value))
    return "" if value is None else str(value)


class SkillForm(forms.ModelForm):
    level = forms.ChoiceField(choices=[("", "—"), *SkillLevel.choices], required=False)

    class Meta:
        model = Skill
        fields = ["name", "years", "level"]
        labels = {"name": "Skill", "years": "Years"}
        widgets = {"years": forms.NumberInput(attrs={"step": "0.5", "min": "0"})}


class ApiTokenForm(forms.Form):
    name = forms.CharField(max_length=100, label="Token name")
    expires_at = forms.DateTimeField(
        required=False,
        label="Expires (optional)",
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
    )
