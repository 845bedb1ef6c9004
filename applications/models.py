"""Applications: where each job application stands, its history, interviews and follow-ups."""

from __future__ import annotations

import hashlib
import secrets
import zoneinfo
from datetime import datetime, timedelta

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse

from accounts.models import OwnedQuerySet, validate_currency, validate_time_zone


class Status(models.TextChoices):
    SAVED = "saved", "Saved"
    APPLIED = "applied", "Applied"
    SCREENING = "screening", "Screening"
    INTERVIEWING = "interviewing", "Interviewing"
    OFFER = "offer", "Offer"
    ACCEPTED = "accepted", "Accepted"
    REJECTED = "rejected", "Rejected"
    WITHDRAWN = "withdrawn", "Withdrawn"
    GHOSTED = "ghosted", "Ghosted"


#: The pipeline in order; the funnel and the board columns follow it.
PIPELINE: tuple[str, ...] = (
    Status.SAVED,
    Status.APPLIED,
    Status.SCREENING,
    Status.INTERVIEWING,
    Status.OFFER,
    Status.ACCEPTED,
)
ACTIVE: frozenset[str] = frozenset(PIPELINE[:-1])
EXITS: tuple[str, ...] = (Status.REJECTED, Status.WITHDRAWN, Status.GHOSTED)
#: Moving into one of these means the employer answered.
RESPONSES: frozenset[str] = frozenset(
    (Status.SCREENING, Status.INTERVIEWING, Status.OFFER, Status.ACCEPTED, Status.REJECTED)
)

#: The one definition of allowed moves. Forward moves may skip stages once applied (a company
#: can invite straight to an interview); a saved job must be applied to first. Each active stage
#: may step back one stage to undo a mis-click. Exits are reachable from every active stage.
#: "Ghosted" is the only exit that can be left again, because a late answer revives it;
#: "accepted" may only be undone back to "offer".
TRANSITIONS: dict[str, frozenset[str]] = {
    Status.SAVED: frozenset({Status.APPLIED, *EXITS}),
    Status.APPLIED: frozenset(
        {Status.SAVED, Status.SCREENING, Status.INTERVIEWING, Status.OFFER, *EXITS}
    ),
    Status.SCREENING: frozenset({Status.APPLIED, Status.INTERVIEWING, Status.OFFER, *EXITS}),
    Status.INTERVIEWING: frozenset({Status.SCREENING, Status.OFFER, *EXITS}),
    Status.OFFER: frozenset({Status.INTERVIEWING, Status.ACCEPTED, *EXITS}),
    Status.ACCEPTED: frozenset({Status.OFFER}),
    Status.REJECTED: frozenset(),
    Status.WITHDRAWN: frozenset(),
    Status.GHOSTED: frozenset(
        {Status.SCREENING, Status.INTERVIEWING, Status.OFFER, Status.REJECTED}
    ),
}


def allowed_targets(status: str) -> list[str]:
    """Statuses reachable from ``status``: forward stages first, then exits, then back-moves,
    so a "Move to" menu offers the likely next step by default."""
    allowed = TRANSITIONS.get(status, frozenset())
    rank = PIPELINE.index(status) if status in PIPELINE else 0
    forward = [s for s in PIPELINE if s in allowed and PIPELINE.index(s) > rank]
    exits = [s for s in EXITS if s in allowed]
    back = [s for s in reversed(PIPELINE) if s in allowed and s not in forward]
    return [*forward, *exits, *back]


class Source(models.TextChoices):
    JOB_BOARD = "job_board", "Job board"
    REFERRAL = "referral", "Referral"
    COMPANY_SITE = "company_site", "Company site"
    RECRUITER = "recruiter", "Recruiter"
    OTHER = "other", "Other"


class ApplicationQuerySet(OwnedQuerySet):
    def search(self, text: str):
        text = (text or "").strip()
        if not text:
            return self
        return self.filter(
            models.Q(title__icontains=text)
            | models.Q(company__icontains=text)
            | models.Q(location__icontains=text)
            | models.Q(notes__icontains=text)
        )


class Application(models.Model):
    """One job applied to (or saved to apply to), typed by hand or copied from a job."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="applications"
    )
    job = models.ForeignKey(
        "jobs.Job",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="applications",
        help_text="The canonical catalogue job, when applied from the job pages.",
    )
    # Snapshot of the job, so the application survives the posting going inactive.
    title = models.CharField(max_length=200)
    company = models.CharField(max_length=200)
    url = models.URLField("job URL", max_length=500, blank=True)
    location = models.CharField(max_length=200, blank=True)
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.SAVED)
    applied_on = models.DateField(null=True, blank=True)
    first_response_on = models.DateField(null=True, blank=True)
    source = models.CharField(
        "where found", max_length=16, choices=Source.choices, blank=True, default=""
    )
    source_detail = models.CharField(
        "board or person", max_length=120, blank=True, help_text="e.g. LinkedIn, a friend's name."
    )
    salary_asked = models.PositiveIntegerField(null=True, blank=True)
    salary_offered = models.PositiveIntegerField(null=True, blank=True)
    salary_currency = models.CharField(
        max_length=3, blank=True, default="", validators=[validate_currency]
    )
    notes = models.TextField(blank=True)
    next_follow_up_on = models.DateField("next follow-up", null=True, blank=True)
    priority = models.PositiveSmallIntegerField(
        "priority / excitement",
        default=3,
        validators=[MinValueValidator(1), MaxValueValidator(5)],
        help_text="1 (low) to 5 (dream job).",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ApplicationQuerySet.as_manager()

    class Meta:
        ordering = ["-updated_at", "-id"]
        indexes = [models.Index(fields=["user", "status"])]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "job"],
                condition=models.Q(job__isnull=False),
                name="one_application_per_user_and_job",
            )
        ]

    def __str__(self) -> str:
        return f"{self.title} at {self.company}"

    def get_absolute_url(self) -> str:
        return reverse("applications:detail", args=[self.pk])

    def can_move_to(self, status: str) -> bool:
        return status in TRANSITIONS.get(self.status, frozenset())

    @property
    def allowed_targets(self) -> list[str]:
        return allowed_targets(self.status)

    @property
    def move_choices(self) -> list[tuple[str, str]]:
        return [(value, Status(value).label) for value in allowed_targets(self.status)]

    @property
    def is_active(self) -> bool:
        return self.status in ACTIVE


class ChildQuerySet(OwnedQuerySet):
    owner_field = "application__user"


class StatusChange(models.Model):
    """One step in an application's history; the first row records its creation."""

    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="status_changes"
    )
    from_status = models.CharField(max_length=12, choices=Status.choices, blank=True)
    to_status = models.CharField(max_length=12, choices=Status.choices)
    changed_at = models.DateTimeField()
    note = models.CharField(max_length=500, blank=True)

    objects = ChildQuerySet.as_manager()

    class Meta:
        ordering = ["changed_at", "id"]

    def __str__(self) -> str:
        return f"{self.from_status or '—'} → {self.to_status}"


class InterviewKind(models.TextChoices):
    PHONE_SCREEN = "phone_screen", "Phone screen"
    RECRUITER = "recruiter", "Recruiter call"
    TECHNICAL = "technical", "Technical"
    TAKE_HOME = "take_home", "Take-home"
    ONSITE = "onsite", "On-site"
    FINAL = "final", "Final"
    OTHER = "other", "Other"


class InterviewOutcome(models.TextChoices):
    PENDING = "pending", "Pending"
    PASSED = "passed", "Passed"
    FAILED = "failed", "Did not pass"
    CANCELLED = "cancelled", "Cancelled"
    RESCHEDULED = "rescheduled", "Rescheduled"


class InterviewQuerySet(ChildQuerySet):
    def upcoming(self, *, now: datetime):
        # An interview still in progress counts as upcoming; 24 h covers the longest one.
        return self.filter(starts_at__gte=now - timedelta(hours=24)).exclude(
            outcome=InterviewOutcome.CANCELLED
        )


class Interview(models.Model):
    """A scheduled conversation; ``starts_at`` is the instant, ``time_zone`` how to show it."""

    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="interviews"
    )
    kind = models.CharField(max_length=12, choices=InterviewKind.choices)
    starts_at = models.DateTimeField()
    time_zone = models.CharField(max_length=64, default="UTC", validators=[validate_time_zone])
    duration_minutes = models.PositiveSmallIntegerField(
        default=60, validators=[MinValueValidator(1), MaxValueValidator(24 * 60)]
    )
    location = models.CharField("place", max_length=200, blank=True)
    video_url = models.URLField("video link", max_length=500, blank=True)
    interviewers = models.CharField(max_length=300, blank=True)
    prep_notes = models.TextField("preparation notes", blank=True)
    outcome = models.CharField(
        max_length=12, choices=InterviewOutcome.choices, default=InterviewOutcome.PENDING
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = InterviewQuerySet.as_manager()

    class Meta:
        ordering = ["starts_at", "id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} — {self.application}"

    @property
    def ends_at(self) -> datetime:
        return self.starts_at + timedelta(minutes=self.duration_minutes)

    @property
    def local_starts_at(self) -> datetime:
        return self.starts_at.astimezone(zoneinfo.ZoneInfo(self.time_zone))

    @property
    def local_ends_at(self) -> datetime:
        return self.ends_at.astimezone(zoneinfo.ZoneInfo(self.time_zone))


class ContactQuerySet(OwnedQuerySet):
    pass


class Contact(models.Model):
    """Someone met along the way: recruiter, referrer, interviewer."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="contacts"
    )
    name = models.CharField(max_length=200)
    role = models.CharField(max_length=200, blank=True)
    email = models.EmailField(blank=True)
    phone = models.CharField(max_length=50, blank=True)
    profile_url = models.URLField(max_length=500, blank=True)
    notes = models.TextField(blank=True)
    applications = models.ManyToManyField(Application, related_name="contacts", blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ContactQuerySet.as_manager()

    class Meta:
        ordering = ["name", "id"]

    def __str__(self) -> str:
        return self.name


class GoalMetric(models.TextChoices):
    APPLICATIONS = "applications", "Applications sent"
    INTERVIEWS = "interviews", "Interviews"


class GoalPeriod(models.TextChoices):
    WEEK = "week", "per week"
    MONTH = "month", "per month"


class GoalQuerySet(OwnedQuerySet):
    pass


class Goal(models.Model):
    """A target such as "10 applications per week"."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="goals"
    )
    metric = models.CharField(max_length=16, choices=GoalMetric.choices)
    target = models.PositiveSmallIntegerField(
        validators=[MinValueValidator(1), MaxValueValidator(1000)]
    )
    period = models.CharField(max_length=8, choices=GoalPeriod.choices, default=GoalPeriod.WEEK)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = GoalQuerySet.as_manager()

    class Meta:
        ordering = ["metric", "period"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "metric", "period"], name="unique_goal_per_metric_period"
            )
        ]

    def __str__(self) -> str:
        return f"{self.target} {self.get_metric_display().lower()} {self.get_period_display()}"


class ReminderReason(models.TextChoices):
    FOLLOW_UP = "follow_up", "Follow up"
    GHOSTED = "ghosted", "No answer for a long time: mark as ghosted?"


class ReminderStatus(models.TextChoices):
    PENDING = "pending", "Pending"
    DUE = "due", "Due"
    DONE = "done", "Done"
    DISMISSED = "dismissed", "Dismissed"


class ReminderQuerySet(ChildQuerySet):
    def open(self):
        return self.filter(status__in=(ReminderStatus.PENDING, ReminderStatus.DUE))


class FollowUpReminder(models.Model):
    """A dated nudge. The (application, due date, reason) key makes the sweep idempotent."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="reminders")
    due_on = models.DateField()
    reason = models.CharField(max_length=12, choices=ReminderReason.choices)
    status = models.CharField(
        max_length=10, choices=ReminderStatus.choices, default=ReminderStatus.PENDING
    )
    created_at = models.DateTimeField(auto_now_add=True)
    resolved_at = models.DateTimeField(null=True, blank=True)

    objects = ReminderQuerySet.as_manager()

    class Meta:
        ordering = ["due_on", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["application", "due_on", "reason"], name="unique_reminder_per_day"
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_reason_display()} on {self.due_on}"

    @property
    def is_open(self) -> bool:
        return self.status in (ReminderStatus.PENDING, ReminderStatus.DUE)


class CalendarFeedTokenQuerySet(OwnedQuerySet):
    pass


class CalendarFeedToken(models.Model):
    """The secret in a user's calendar-feed URL. Only its SHA-256 digest is stored."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="calendar_feed"
    )
    digest = models.CharField(max_length=64, unique=True, editable=False)
    hint = models.CharField(max_length=8, editable=False)
    created_at = models.DateTimeField()
    revoked_at = models.DateTimeField(null=True, blank=True)

    objects = CalendarFeedTokenQuerySet.as_manager()

    def __str__(self) -> str:
        return f"Calendar feed of {self.user} ({self.hint}…)"

    @staticmethod
    def digest_of(secret: str) -> str:
        return hashlib.sha256(secret.encode()).hexdigest()

    @staticmethod
    def new_secret() -> str:
        return secrets.token_urlsafe(32)

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None
