"""Application use cases, shared by the pages, the API, the importer and the sweep."""

from __future__ import annotations

import zoneinfo
from collections.abc import Iterable
from datetime import date, datetime, timedelta
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Value
from django.db.models.functions import Coalesce
from django.utils import timezone

from accounts.models import Profile, User
from careercopilot.reference import is_time_zone

from .models import (
    EXITS,
    RESPONSES,
    Application,
    CalendarFeedToken,
    Contact,
    FollowUpReminder,
    Interview,
    ReminderReason,
    ReminderStatus,
    Status,
    StatusChange,
    allowed_targets,
)

#: Fields a user may edit directly; ``status`` only changes through ``application_change_status``.
EDITABLE_FIELDS = (
    "title",
    "company",
    "url",
    "location",
    "applied_on",
    "first_response_on",
    "source",
    "source_detail",
    "salary_asked",
    "salary_offered",
    "salary_currency",
    "notes",
    "next_follow_up_on",
    "priority",
)


def follow_up_after_days(user: User | None = None) -> int:
    """The user's follow-up delay from their profile; the site default otherwise."""
    profile = (
        Profile.objects.filter(user=user).only("follow_up_after_days").first() if user else None
    )
    if profile is not None:
        return profile.follow_up_after_days
    return int(getattr(settings, "FOLLOW_UP_AFTER_DAYS", 7))


def ghosted_after_days(user: User | None = None) -> int:
    profile = Profile.objects.filter(user=user).only("ghosted_after_days").first() if user else None
    if profile is not None:
        return profile.ghosted_after_days
    return int(getattr(settings, "GHOSTED_AFTER_DAYS", 30))


def user_today(user: User) -> date:
    """Today's date where the user lives (their profile time zone, else UTC)."""
    name = Profile.objects.filter(user=user).values_list("time_zone", flat=True).first()
    zone = zoneinfo.ZoneInfo(name if name and is_time_zone(name) else "UTC")
    return timezone.now().astimezone(zone).date()


def transition_error(application: Application, to_status: str) -> ValidationError:
    label = Status(application.status).label
    if to_status not in Status.values:
        return ValidationError({"status": f"“{to_status}” is not a status."}, code="invalid")
    allowed = ", ".join(Status(s).label for s in allowed_targets(application.status))
    return ValidationError(
        {
            "status": (
                f"Cannot move “{application}” from {label} to {Status(to_status).label}. "
                + (f"Allowed: {allowed}." if allowed else f"{label} is final.")
            )
        },
        code="forbidden_transition",
    )


# --- Applications -------------------------------------------------------------------------------


@transaction.atomic
def application_create(
    *,
    user: User,
    title: str,
    company: str,
    status: str = Status.SAVED,
    note: str = "",
    job=None,
    **fields: Any,
) -> Application:
    """Create an application and the history row that records its starting status."""
    unknown = set(fields) - set(EDITABLE_FIELDS)
    if unknown:
        raise TypeError(f"Unknown application fields: {sorted(unknown)}")
    if status not in Status.values:
        raise ValidationError({"status": f"“{status}” is not a status."})
    application = Application(
        user=user, title=title, company=company, status=status, job=job, **fields
    )
    today = user_today(user)
    if status != Status.SAVED and application.applied_on is None:
        application.applied_on = today
    application.full_clean()
    application.save()
    StatusChange.objects.create(
        application=application,
        from_status="",
        to_status=status,
        changed_at=timezone.now(),
        note=note,
    )
    if status == Status.APPLIED:
        _schedule_follow_up(application)
    return application


class AlreadyApplied(Exception):
    """The user already has an application for this (canonical) job."""

    def __init__(self, application: Application) -> None:
        when = application.applied_on or application.created_at.date()
        super().__init__(f"You already applied on {when:%Y-%m-%d}.")
        self.application = application


def application_for_job(*, user: User, job) -> Application | None:
    """The user's application for this job or any posting of its duplicate group."""
    canonical_id = job.canonical_id or job.pk
    return Application.objects.for_user(user).filter(job_id=canonical_id).first()


@transaction.atomic
def application_apply_to_job(*, user: User, job_id: int, status: str = Status.SAVED) -> Application:
    """Start an application from a catalogue job: one per user per canonical job."""
    from jobs.models import Job

    job = Job.objects.visible_to(user).select_related("canonical").get(pk=job_id)
    canonical = job.canonical or job
    existing = application_for_job(user=user, job=canonical)
    if existing is not None:
        raise AlreadyApplied(existing)
    location = canonical.location_display or canonical.get_remote_type_display()
    try:
        with transaction.atomic():
            return application_create(
                user=user,
                title=canonical.title[:200],
                company=(canonical.company_name or "Unknown company")[:200],
                status=status,
                job=canonical,
                url=(canonical.apply_url or canonical.url)[:500],
                location=location[:200],
                source="job_board",
                source_detail=canonical.source.name[:120],
            )
    except IntegrityError:  # a double click raced the check above
        raise AlreadyApplied(application_for_job(user=user, job=canonical)) from None


@transaction.atomic
def application_update(*, user: User, application_id: int, data: dict[str, Any]) -> Application:
    """Edit the descriptive fields of an application (never its status)."""
    application = Application.objects.for_user(user).select_for_update().get(pk=application_id)
    for field, value in data.items():
        if field not in EDITABLE_FIELDS:
            raise ValidationError({field: "This field cannot be changed here."})
        setattr(application, field, value)
    application.full_clean()
    application.save()
    return application


def _schedule_follow_up(application: Application) -> None:
    """Suggest a follow-up N days after applying, as a pending reminder and a date."""
    if application.applied_on is None:
        return
    due = application.applied_on + timedelta(days=follow_up_after_days(application.user))
    if application.next_follow_up_on is None:
        application.next_follow_up_on = due
        application.save(update_fields=["next_follow_up_on", "updated_at"])
    FollowUpReminder.objects.get_or_create(
        application=application, due_on=due, reason=ReminderReason.FOLLOW_UP
    )


@transaction.atomic
def application_change_status(
    *,
    user: User,
    application_id: int,
    to_status: str,
    note: str = "",
    changed_at: datetime | None = None,
) -> Application:
    """Move an application along the pipeline, record the step and set the dates it implies.

    Raises ``ValidationError`` on ``status`` for a move the pipeline does not allow; nothing is
    written then. Moving to the current status is a no-op.
    """
    application = Application.objects.for_user(user).select_for_update().get(pk=application_id)
    if to_status == application.status:
        return application
    if not application.can_move_to(to_status):
        raise transition_error(application, to_status)
    changed_at = changed_at or timezone.now()
    today = user_today(user)
    from_status = application.status
    application.status = to_status
    if to_status == Status.APPLIED and application.applied_on is None:
        application.applied_on = today
    if (
        to_status in RESPONSES
        and application.applied_on is not None
        and application.first_response_on is None
    ):
        application.first_response_on = max(today, application.applied_on)
    application.save()
    StatusChange.objects.create(
        application=application,
        from_status=from_status,
        to_status=to_status,
        changed_at=changed_at,
        note=note[:500],
    )
    open_reminders = FollowUpReminder.objects.filter(application=application).open()
    if to_status in EXITS or to_status == Status.ACCEPTED:
        open_reminders.update(status=ReminderStatus.DISMISSED, resolved_at=changed_at)
    elif to_status in RESPONSES:
        open_reminders.filter(reason=ReminderReason.GHOSTED).update(
            status=ReminderStatus.DISMISSED, resolved_at=changed_at
        )
    if to_status == Status.APPLIED:
        _schedule_follow_up(application)
    return application


@transaction.atomic
def applications_change_status(
    *, user: User, application_ids: Iterable[int], to_status: str
) -> list[Application]:
    """Move several applications at once; if any move is forbidden, none happens."""
    ids = list(application_ids)
    found = list(Application.objects.for_user(user).filter(pk__in=ids))
    if len(found) != len(set(ids)):
        raise ValidationError({"ids": "Some of the selected applications do not exist."})
    blocked = [a for a in found if a.status != to_status and not a.can_move_to(to_status)]
    if blocked:
        raise ValidationError(
            {"status": [transition_error(a, to_status).message_dict["status"][0] for a in blocked]},
            code="forbidden_transition",
        )
    return [
        application_change_status(user=user, application_id=a.pk, to_status=to_status)
        for a in found
    ]


@transaction.atomic
def applications_delete(*, user: User, application_ids: Iterable[int]) -> int:
    """Delete the user's applications among ``application_ids``; returns how many."""
    queryset = Application.objects.for_user(user).filter(pk__in=list(application_ids))
    count = queryset.count()
    queryset.delete()
    return count


# --- Interviews ---------------------------------------------------------------------------------


def _aware(value: datetime, zone_name: str) -> datetime:
    if timezone.is_aware(value):
        return value
    return value.replace(tzinfo=zoneinfo.ZoneInfo(zone_name))


def _interview_times(
    *, starts_at: datetime, time_zone: str, duration_minutes: int | None, ends_at: datetime | None
) -> tuple[datetime, int]:
    if not time_zone or not is_time_zone(time_zone):
        raise ValidationError(
            {
                "time_zone": f"“{time_zone}” is not a known time zone; "
                "use an IANA name such as Europe/Berlin."
            }
        )
    start = _aware(starts_at, time_zone)
    if ends_at is not None:
        end = _aware(ends_at, time_zone)
        if end <= start:
            raise ValidationError({"ends_at": "The interview must end after it starts."})
        duration_minutes = round((end - start).total_seconds() / 60)
    if duration_minutes is None:
        duration_minutes = 60
    if duration_minutes < 1:
        raise ValidationError({"duration_minutes": "The interview must end after it starts."})
    return start, duration_minutes


@transaction.atomic
def interview_schedule(
    *,
    user: User,
    application_id: int,
    kind: str,
    starts_at: datetime,
    time_zone: str,
    duration_minutes: int | None = None,
    ends_at: datetime | None = None,
    **details: Any,
) -> Interview:
    """Add an interview. A naive ``starts_at``/``ends_at`` is wall-clock time in ``time_zone``."""
    application = Application.objects.for_user(user).get(pk=application_id)
    start, duration = _interview_times(
        starts_at=starts_at, time_zone=time_zone, duration_minutes=duration_minutes, ends_at=ends_at
    )
    interview = Interview(
        application=application,
        kind=kind,
        starts_at=start,
        time_zone=time_zone,
        duration_minutes=duration,
        **details,
    )
    interview.full_clean()
    interview.save()
    return interview


@transaction.atomic
def interview_update(*, user: User, interview_id: int, data: dict[str, Any]) -> Interview:
    interview = Interview.objects.for_user(user).select_for_update().get(pk=interview_id)
    data = dict(data)
    data.pop("application", None)  # an interview never moves to another application
    zone = data.pop("time_zone", interview.time_zone)
    start, duration = _interview_times(
        starts_at=data.pop("starts_at", interview.starts_at),
        time_zone=zone,
        duration_minutes=data.pop("duration_minutes", interview.duration_minutes),
        ends_at=data.pop("ends_at", None),
    )
    for field, value in data.items():
        setattr(interview, field, value)
    interview.time_zone = zone
    interview.starts_at, interview.duration_minutes = start, duration
    interview.full_clean()
    interview.save()
    return interview


# --- Contacts -----------------------------------------------------------------------------------


@transaction.atomic
def contact_save(
    *,
    user: User,
    data: dict[str, Any],
    application_ids: Iterable[int] | None = None,
    contact_id: int | None = None,
) -> Contact:
    """Create or edit a contact; it may only be linked to the user's own applications."""
    contact = (
        Contact.objects.for_user(user).select_for_update().get(pk=contact_id)
        if contact_id
        else Contact(user=user)
    )
    for field, value in data.items():
        setattr(contact, field, value)
    contact.full_clean()
    contact.save()
    if application_ids is not None:
        ids = set(application_ids)
        owned = list(Application.objects.for_user(user).filter(pk__in=ids))
        if len(owned) != len(ids):
            raise ValidationError({"applications": "Unknown application."})
        contact.applications.set(owned)
    return contact


# --- Reminders ----------------------------------------------------------------------------------


@transaction.atomic
def reminder_resolve(*, user: User, reminder_id: int, status: str) -> FollowUpReminder:
    """Mark a reminder done or dismissed."""
    if status not in (ReminderStatus.DONE, ReminderStatus.DISMISSED):
        raise ValidationError({"status": "A reminder can only be marked done or dismissed."})
    reminder = FollowUpReminder.objects.for_user(user).select_for_update().get(pk=reminder_id)
    reminder.status = status
    reminder.resolved_at = timezone.now()
    reminder.save(update_fields=["status", "resolved_at"])
    return reminder


@transaction.atomic
def ghosted_confirm(*, user: User, reminder_id: int) -> Application:
    """Accept the sweep's "ghosted?" suggestion: the application becomes ghosted."""
    reminder = FollowUpReminder.objects.for_user(user).get(
        pk=reminder_id, reason=ReminderReason.GHOSTED
    )
    application = application_change_status(
        user=user,
        application_id=reminder.application_id,
        to_status=Status.GHOSTED,
        note="Confirmed the ghosted suggestion.",
    )
    reminder.refresh_from_db()
    if reminder.is_open:
        reminder_resolve(user=user, reminder_id=reminder.pk, status=ReminderStatus.DONE)
    return application


@transaction.atomic
def follow_ups_sweep(*, today: date | None = None) -> dict[str, int]:
    """Create and mark due the follow-up reminders; suggest "ghosted" after long silence.

    Idempotent: reminders are keyed by (application, due date, reason), so running the sweep
    again the same day (or every day) never duplicates one, and dismissed ones stay dismissed.
    """
    today = today or timezone.localdate()
    # Each user's own delays (profile), the site defaults for users without a profile.
    silent = Application.objects.filter(
        status=Status.APPLIED, first_response_on__isnull=True, applied_on__lte=today
    ).annotate(
        follow_days=Coalesce("user__profile__follow_up_after_days", Value(follow_up_after_days())),
        ghost_days=Coalesce("user__profile__ghosted_after_days", Value(ghosted_after_days())),
    )
    wanted: list[FollowUpReminder] = []
    for app_id, applied_on, follow_days, ghost_days in silent.values_list(
        "pk", "applied_on", "follow_days", "ghost_days"
    ):
        for days, reason in (
            (follow_days, ReminderReason.FOLLOW_UP),
            (ghost_days, ReminderReason.GHOSTED),
        ):
            due = applied_on + timedelta(days=days)
            if due <= today:
                wanted.append(FollowUpReminder(application_id=app_id, due_on=due, reason=reason))
    for app_id, due in Application.objects.filter(
        status__in=[s for s in Status.values if s not in EXITS and s != Status.ACCEPTED],
        next_follow_up_on__lte=today,
    ).values_list("pk", "next_follow_up_on"):
        wanted.append(
            FollowUpReminder(application_id=app_id, due_on=due, reason=ReminderReason.FOLLOW_UP)
        )
    for reminder in wanted:
        reminder.status = ReminderStatus.DUE
    before = FollowUpReminder.objects.count()
    FollowUpReminder.objects.bulk_create(wanted, ignore_conflicts=True)
    created = FollowUpReminder.objects.count() - before
    marked_due = FollowUpReminder.objects.filter(
        status=ReminderStatus.PENDING, due_on__lte=today
    ).update(status=ReminderStatus.DUE)
    return {"created": created, "marked_due": marked_due}


# --- Calendar feed ------------------------------------------------------------------------------


@transaction.atomic
def calendar_feed_regenerate(*, user: User) -> str:
    """Issue a new feed secret (the old URL stops working); returns it, it is not stored."""
    secret = CalendarFeedToken.new_secret()
    CalendarFeedToken.objects.update_or_create(
        user=user,
        defaults={
            "digest": CalendarFeedToken.digest_of(secret),
            "hint": secret[:6],
            "created_at": timezone.now(),
            "revoked_at": None,
        },
    )
    return secret


def calendar_feed_revoke(*, user: User) -> None:
    CalendarFeedToken.objects.for_user(user).filter(revoked_at__isnull=True).update(
        revoked_at=timezone.now()
    )


def calendar_feed_owner(*, secret: str) -> User | None:
    """The user whose active feed this secret opens, else None."""
    token = (
        CalendarFeedToken.objects.filter(
            digest=CalendarFeedToken.digest_of(secret), revoked_at__isnull=True
        )
        .select_related("user")
        .first()
    )
    if token is None or not token.user.is_active:
        return None
    return token.user
