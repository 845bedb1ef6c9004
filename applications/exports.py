"""Export a user's applications, with history, interviews and contacts, as JSON or CSV."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from django.utils import timezone

from accounts.models import User

from .models import Application

FORMAT = "careercopilot.applications"
VERSION = 1

SCALAR_FIELDS = (
    "title",
    "company",
    "url",
    "location",
    "status",
    "applied_on",
    "first_response_on",
    "source",
    "source_detail",
    "salary_asked",
    "salary_offered",
    "salary_currency",
    "priority",
    "next_follow_up_on",
    "notes",
    "created_at",
)
#: Nested lists go into CSV cells as JSON so the CSV round-trips without loss.
NESTED_FIELDS = ("history", "interviews", "contacts")
CSV_COLUMNS = (*SCALAR_FIELDS, *NESTED_FIELDS)

#: A spreadsheet treats a cell starting with one of these as a formula.
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value: str) -> str:
    """Make a cell inert for spreadsheets by prefixing a quote (OWASP CSV injection advice)."""
    return "'" + value if value.startswith(FORMULA_TRIGGERS) else value


def _iso(value) -> str | None:
    return value.isoformat() if value is not None else None


def application_records(*, user: User) -> list[dict[str, Any]]:
    """Every application of the user as plain nested data, oldest first."""
    queryset = (
        Application.objects.for_user(user)
        .order_by("created_at", "id")
        .prefetch_related("status_changes", "interviews", "contacts")
    )
    records = []
    for application in queryset:
        record: dict[str, Any] = {}
        for field in SCALAR_FIELDS:
            value = getattr(application, field)
            record[field] = _iso(value) if hasattr(value, "isoformat") else value
        record["history"] = [
            {
                "from_status": change.from_status,
                "to_status": change.to_status,
                "changed_at": change.changed_at.isoformat(),
                "note": change.note,
            }
            for change in application.status_changes.all()
        ]
        record["interviews"] = [
            {
                "kind": interview.kind,
                "starts_at": interview.starts_at.isoformat(),
                "time_zone": interview.time_zone,
                "duration_minutes": interview.duration_minutes,
                "location": interview.location,
                "video_url": interview.video_url,
                "interviewers": interview.interviewers,
                "prep_notes": interview.prep_notes,
                "outcome": interview.outcome,
            }
            for interview in application.interviews.all()
        ]
        record["contacts"] = [
            {
                "name": contact.name,
                "role": contact.role,
                "email": contact.email,
                "phone": contact.phone,
                "profile_url": contact.profile_url,
            }
            for contact in application.contacts.all()
        ]
        records.append(record)
    return records


def export_json(*, user: User) -> dict[str, Any]:
    return {
        "format": FORMAT,
        "version": VERSION,
        "exported_at": timezone.now().isoformat(),
        "applications": application_records(user=user),
    }


def export_csv(*, user: User) -> str:
    """One row per application; every text cell neutralised against formula injection."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(CSV_COLUMNS)
    for record in application_records(user=user):
        row = []
        for column in CSV_COLUMNS:
            value = record[column]
            if column in NESTED_FIELDS:
                value = json.dumps(value, ensure_ascii=False)
            elif value is None:
                value = ""
            row.append(neutralise(str(value)))
        writer.writerow(row)
    return out.getvalue()
