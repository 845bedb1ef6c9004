"""Import applications from a CSV: read, map columns, validate every row, write all at once.

The flow is read → guess a mapping → (the user adjusts it) → validate → write. Validation runs
over every row before anything is written; the write is one transaction, so a file is either
imported (all good rows) or not at all.
"""

from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any

from dateutil import parser as dateparser
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from accounts.models import User

from .exports import FORMULA_TRIGGERS
from .models import (
    Application,
    Contact,
    Interview,
    InterviewKind,
    InterviewOutcome,
    Source,
    Status,
    StatusChange,
)


def max_bytes() -> int:
    return int(getattr(settings, "APPLICATIONS_IMPORT_MAX_BYTES", 1_000_000))


def max_rows() -> int:
    return int(getattr(settings, "APPLICATIONS_IMPORT_MAX_ROWS", 10_000))


#: (field, label, required). The order is the order of the mapping form.
TARGETS: tuple[tuple[str, str, bool], ...] = (
    ("title", "Job title", True),
    ("company", "Company", True),
    ("url", "Job URL", False),
    ("location", "Location", False),
    ("status", "Status", False),
    ("applied_on", "Applied date", False),
    ("first_response_on", "First response date", False),
    ("source", "Where found", False),
    ("source_detail", "Board or person", False),
    ("salary_asked", "Salary asked", False),
    ("salary_offered", "Salary offered", False),
    ("salary_currency", "Currency", False),
    ("priority", "Priority / excitement", False),
    ("next_follow_up_on", "Next follow-up", False),
    ("notes", "Notes", False),
    ("history", "History (Career Copilot export)", False),
    ("interviews", "Interviews (Career Copilot export)", False),
    ("contacts", "Contacts (Career Copilot export)", False),
)
TARGET_NAMES = tuple(name for name, _, _ in TARGETS)
REQUIRED = tuple(name for name, _, required in TARGETS if required)

#: Header names other trackers use, normalised (lower case, single spaces). Our own export's
#: headers match the field names exactly and always win.
ALIASES: dict[str, tuple[str, ...]] = {
    "title": ("job title", "title", "position", "job position", "role", "job"),
    "company": ("company", "company name", "employer", "organization", "organisation"),
    "url": ("url", "job url", "job link", "link", "posting url", "job posting url"),
    "location": ("location", "job location", "city"),
    "status": ("status", "stage", "list", "job status", "pipeline stage"),
    "applied_on": ("date applied", "applied date", "applied on", "applied at", "applied"),
    "first_response_on": ("first response", "response date", "first response date"),
    "source_detail": ("source", "job board", "found on", "found via"),
    "salary_asked": ("salary", "salary expectation", "expected salary", "min salary"),
    "salary_offered": ("offer", "offered salary", "salary offered"),
    "salary_currency": ("currency", "salary currency"),
    "priority": ("excitement", "priority", "rating"),
    "next_follow_up_on": ("follow up", "follow up date", "next follow up"),
    "notes": ("notes", "note", "comments"),
}

#: Status names of other trackers, normalised. Huntr's default lists and Teal's stages.
STATUS_ALIASES: dict[str, str] = {
    "wishlist": Status.SAVED,
    "bookmarked": Status.SAVED,
    "saved": Status.SAVED,
    "applying": Status.SAVED,
    "interview": Status.INTERVIEWING,
    "interviews": Status.INTERVIEWING,
    "phone screen": Status.SCREENING,
    "screen": Status.SCREENING,
    "negotiating": Status.OFFER,
    "offers": Status.OFFER,
    "i withdrew": Status.WITHDRAWN,
    "not selected": Status.REJECTED,
    "no response": Status.GHOSTED,
}


class ImportFileError(ValidationError):
    """The file as a whole cannot be read: nothing was looked at row by row."""


@dataclass
class ParsedCsv:
    headers: list[str]
    rows: list[list[str]]


@dataclass
class RowError:
    line: int  # the line number a spreadsheet shows (the header is line 1)
    errors: list[str]


@dataclass
class ImportResult:
    imported: int = 0
    errors: list[RowError] = field(default_factory=list)
    valid: int = 0

    @property
    def ok(self) -> bool:
        return not self.errors


def _normalise(header: str) -> str:
    return " ".join(re.sub(r"[^0-9a-z]+", " ", header.casefold()).split())


def read_csv(data: bytes) -> ParsedCsv:
    """Decode and split a CSV upload, or raise ImportFileError with a reason a person can act on."""
    if not data.strip():
        raise ImportFileError("The file is empty.")
    if len(data) > max_bytes():
        raise ImportFileError(
            f"The file is larger than {max_bytes() // 1000:,} kB; split it into smaller files."
        )
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ImportFileError(
            "The file is not UTF-8 text. In your spreadsheet choose “CSV UTF-8” when saving."
        ) from exc
    if "\x00" in text:
        raise ImportFileError("The file contains binary data; upload a CSV text file.")
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    reader = csv.reader(io.StringIO(text, newline=""), dialect)
    try:
        headers = [h.strip() for h in next(reader, [])]
        rows = []
        for row in reader:
            if not any(cell.strip() for cell in row):
                continue
            rows.append(row)
            if len(rows) > max_rows():
                raise ImportFileError(
                    f"The file has more than {max_rows():,} rows; split it into smaller files."
                )
    except csv.Error as exc:
        raise ImportFileError(f"The file is not valid CSV: {exc}.") from exc
    if not any(headers):
        raise ImportFileError("The first line must name the columns.")
    if not rows:
        raise ImportFileError("The file has a header line but no rows.")
    return ParsedCsv(headers=headers, rows=rows)


def guess_mapping(headers: list[str]) -> dict[str, str]:
    """Map each target field to a column header ("" when none fits)."""
    mapping = dict.fromkeys(TARGET_NAMES, "")
    taken: set[str] = set()
    for name in TARGET_NAMES:  # exact field names first (our own export)
        if name in headers:
            mapping[name] = name
            taken.add(name)
    by_norm = {_normalise(h): h for h in headers if h not in taken}
    for name, aliases in ALIASES.items():
        if mapping[name]:
            continue
        for alias in aliases:
            header = by_norm.get(alias)
            if header and header not in taken:
                mapping[name] = header
                taken.add(header)
                break
    return mapping


def check_mapping(headers: list[str], mapping: dict[str, str]) -> dict[str, str]:
    unknown_fields = set(mapping) - set(TARGET_NAMES)
    if unknown_fields:
        raise ImportFileError(f"Unknown field(s): {', '.join(sorted(unknown_fields))}.")
    missing = [name for name in REQUIRED if not mapping.get(name)]
    if missing:
        labels = ", ".join(label for name, label, _ in TARGETS if name in missing)
        raise ImportFileError(f"Choose the column for: {labels}. These are required.")
    absent = sorted({column for column in mapping.values() if column and column not in headers})
    if absent:
        raise ImportFileError(f"The file has no column named {', '.join(absent)}.")
    return {name: column for name, column in mapping.items() if column}


def _unquote(value: str) -> str:
    """Undo the export's formula neutralisation ('=… → =…) and trim."""
    value = value.strip()
    if len(value) > 1 and value[0] == "'" and value[1] in FORMULA_TRIGGERS:
        return value[1:]
    return value


def _parse_date(value: str) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        pass
    if re.fullmatch(r"\d{1,2}[/.]\d{1,2}[/.]\d{2,4}", value):
        raise ValueError(f"“{value}” is ambiguous; write dates as YYYY-MM-DD.")
    try:
        return dateparser.parse(value).date()
    except (ValueError, OverflowError) as exc:
        raise ValueError(f"“{value}” is not a date; write dates as YYYY-MM-DD.") from exc


def _parse_status(value: str) -> str:
    if not value:
        return Status.SAVED
    norm = _normalise(value)
    for choice, label in Status.choices:
        if norm in (choice, label.casefold()):
            return choice
    if norm in STATUS_ALIASES:
        return STATUS_ALIASES[norm]
    raise ValueError(f"Unknown status “{value}”.")


def _parse_source(value: str) -> tuple[str, str]:
    """(source choice, free-text detail) from a "where found" cell."""
    norm = _normalise(value)
    for choice, label in Source.choices:
        if norm in (choice, _normalise(choice), label.casefold()):
            return choice, ""
    return (Source.OTHER, value) if value else ("", "")


def _parse_int(value: str, name: str) -> int | None:
    if not value:
        return None
    cleaned = re.sub(r"[\s,_]", "", value)
    if not re.fullmatch(r"\d+(\.\d+)?", cleaned):
        raise ValueError(f"{name}: “{value}” is not a whole positive number.")
    return round(float(cleaned))


def _parse_json_list(value: str, name: str) -> list[dict]:
    if not value:
        return []
    try:
        items = json.loads(value)
    except ValueError as exc:
        raise ValueError(f"{name}: not the JSON list a Career Copilot export writes.") from exc
    if not isinstance(items, list) or not all(isinstance(i, dict) for i in items):
        raise ValueError(f"{name}: expected a list of objects.")
    return items


def _aware(value: str, name: str) -> datetime:
    try:
        moment = datetime.fromisoformat(value)
    except (TypeError, ValueError) as exc:
        raise ValueError(f"{name}: “{value}” is not an ISO date and time.") from exc
    return moment if timezone.is_aware(moment) else moment.replace(tzinfo=UTC)


def _row_to_record(cells: dict[str, str], user: User) -> dict[str, Any]:
    """Parse one row's mapped cells into model data; raises ValueError/ValidationError."""
    errors: list[str] = []
    record: dict[str, Any] = {"fields": {}, "history": [], "interviews": [], "contacts": []}
    fields = record["fields"]

    def attempt(fn):
        try:
            return fn()
        except ValueError as exc:
            errors.append(str(exc))
        except ValidationError as exc:
            errors.extend(_messages(exc))

    fields["title"] = cells.get("title", "")
    fields["company"] = cells.get("company", "")
    for name in ("url", "location", "notes", "source_detail"):
        if name in cells:
            fields[name] = cells[name]
    if "salary_currency" in cells:
        fields["salary_currency"] = cells["salary_currency"].upper()
    fields["status"] = attempt(lambda: _parse_status(cells.get("status", ""))) or Status.SAVED
    for name in ("applied_on", "first_response_on", "next_follow_up_on"):
        fields[name] = attempt(lambda name=name: _parse_date(cells.get(name, "")))
    for name in ("salary_asked", "salary_offered", "priority"):
        fields[name] = attempt(lambda name=name: _parse_int(cells.get(name, ""), name))
    if fields["priority"] is None:
        fields["priority"] = 3
    if cells.get("source"):
        source, detail = _parse_source(cells["source"])
        fields["source"] = source
        if detail and not fields.get("source_detail"):
            fields["source_detail"] = detail
    if fields["status"] != Status.SAVED and fields["applied_on"] is None:
        errors.append("An application past “saved” needs an applied date.")

    history = attempt(lambda: _parse_json_list(cells.get("history", ""), "history")) or []
    for item in history:
        change = attempt(
            lambda item=item: StatusChange(
                from_status=_parse_status(item["from_status"]) if item.get("from_status") else "",
                to_status=_parse_status(item.get("to_status", "")),
                changed_at=_aware(item.get("changed_at", ""), "history"),
                note=str(item.get("note", ""))[:500],
            )
        )
        if change is not None:
            record["history"].append(change)

    for item in attempt(lambda: _parse_json_list(cells.get("interviews", ""), "interviews")) or []:
        interview = attempt(lambda item=item: _interview_from(item))
        if interview is not None:
            record["interviews"].append(interview)

    for item in attempt(lambda: _parse_json_list(cells.get("contacts", ""), "contacts")) or []:
        if not str(item.get("name", "")).strip():
            errors.append("contacts: every contact needs a name.")
            continue
        data = {
            key: str(item.get(key) or "").strip()
            for key in ("name", "role", "email", "phone", "profile_url")
        }
        attempt(lambda data=data: Contact(user=user, **data).full_clean(exclude=["user"]))
        record["contacts"].append(data)

    if not errors:
        application = Application(user=user, **fields)
        attempt(lambda: application.full_clean(exclude=["user"]))
        record["application"] = application
    if errors:
        raise ValueError("; ".join(errors))
    return record


def _interview_from(item: dict) -> Interview:
    kind = item.get("kind", "")
    if kind not in InterviewKind.values:
        raise ValueError(f"interviews: unknown kind “{kind}”.")
    outcome = item.get("outcome") or InterviewOutcome.PENDING
    interview = Interview(
        kind=kind,
        starts_at=_aware(item.get("starts_at", ""), "interviews"),
        time_zone=item.get("time_zone") or "UTC",
        duration_minutes=int(item.get("duration_minutes") or 60),
        location=str(item.get("location") or ""),
        video_url=str(item.get("video_url") or ""),
        interviewers=str(item.get("interviewers") or ""),
        prep_notes=str(item.get("prep_notes") or ""),
        outcome=outcome,
    )
    interview.full_clean(exclude=["application"])
    return interview


def _messages(exc: ValidationError) -> list[str]:
    if hasattr(exc, "error_dict"):
        return [f"{name}: {m}" for name, msgs in exc.message_dict.items() for m in msgs]
    return list(exc.messages)


def validate_rows(
    parsed: ParsedCsv, mapping: dict[str, str], *, user: User
) -> tuple[list[dict], list[RowError]]:
    index = {name: parsed.headers.index(column) for name, column in mapping.items()}
    good, bad = [], []
    for number, row in enumerate(parsed.rows, start=2):
        cells = {
            name: _unquote(row[position]) if position < len(row) else ""
            for name, position in index.items()
        }
        try:
            good.append(_row_to_record(cells, user))
        except ValueError as exc:
            bad.append(RowError(line=number, errors=str(exc).split("; ")))
    return good, bad


@transaction.atomic
def applications_import(
    *,
    user: User,
    data: bytes,
    mapping: dict[str, str] | None = None,
    skip_invalid: bool = False,
) -> ImportResult:
    """Validate every row, then write all good rows in one transaction.

    With bad rows and ``skip_invalid`` false nothing is written and the result lists them.
    Raises ``ImportFileError`` when the file itself is unusable (encoding, size, columns).
    """
    parsed = read_csv(data)
    mapping = check_mapping(parsed.headers, mapping or guess_mapping(parsed.headers))
    good, bad = validate_rows(parsed, mapping, user=user)
    result = ImportResult(errors=bad, valid=len(good))
    if (bad and not skip_invalid) or not good:
        return result

    applications = Application.objects.bulk_create([r["application"] for r in good])
    now = timezone.now()
    changes, interviews = [], []
    contacts_by_key: dict[tuple[str, str], Contact] = {
        (c.name.casefold(), c.email.casefold()): c for c in Contact.objects.for_user(user)
    }
    links = []
    for application, record in zip(applications, good, strict=True):
        history = record["history"] or [
            StatusChange(
                from_status="", to_status=application.status, changed_at=now, note="Imported"
            )
        ]
        for change in history:
            change.application = application
            changes.append(change)
        for interview in record["interviews"]:
            interview.application = application
            interviews.append(interview)
        for data_ in record["contacts"]:
            key = (data_["name"].casefold(), data_["email"].casefold())
            if key not in contacts_by_key:
                contacts_by_key[key] = Contact.objects.create(user=user, **data_)
            links.append(
                Contact.applications.through(
                    contact_id=contacts_by_key[key].pk, application_id=application.pk
                )
            )
    StatusChange.objects.bulk_create(changes)
    Interview.objects.bulk_create(interviews)
    Contact.applications.through.objects.bulk_create(links, ignore_conflicts=True)
    result.imported = len(applications)
    return result
