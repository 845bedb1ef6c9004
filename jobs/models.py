"""The job catalogue: one shared set of postings (not copied per user), their sources and runs."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from accounts.models import OwnedQuerySet
from jobs.sources import ADAPTERS
from jobs.sources.manual import MANUAL_ADAPTER, MANUAL_KIND


def _kind_choices() -> list[tuple[str, str]]:
    kinds = [*ADAPTERS.values(), MANUAL_ADAPTER]
    return sorted(((adapter.kind, adapter.label) for adapter in kinds), key=lambda c: c[1])


class RemoteType(models.TextChoices):
    REMOTE = "remote", "Remote"
    HYBRID = "hybrid", "Hybrid"
    ONSITE = "onsite", "On-site"
    UNKNOWN = "unknown", "Unknown"


class TriState(models.TextChoices):
    YES = "yes", "Yes"
    NO = "no", "No"
    UNKNOWN = "unknown", "Unknown"


class EmploymentType(models.TextChoices):
    FULL_TIME = "full_time", "Full-time"
    PART_TIME = "part_time", "Part-time"
    CONTRACT = "contract", "Contract"
    TEMPORARY = "temporary", "Temporary"
    INTERNSHIP = "internship", "Internship"


class Company(models.Model):
    """A hiring company under its canonical name; ``key`` is what postings are matched on."""

    name = models.CharField(max_length=200)
    key = models.CharField(max_length=200, unique=True)
    aliases = models.JSONField(default=list, blank=True)
    website_domain = models.CharField(max_length=200, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "companies"

    def __str__(self) -> str:
        return self.name


class JobSourceQuerySet(models.QuerySet):
    def enabled(self):
        """Sources that runs fetch (the hand-added pseudo-source is never fetched)."""
        return self.filter(enabled=True).exclude(kind=MANUAL_KIND)


class JobSource(models.Model):
    """One configured feed: an adapter kind plus its config (board token, search terms...)."""

    name = models.CharField(max_length=100, unique=True)
    kind = models.CharField(max_length=32, choices=_kind_choices)
    config = models.JSONField(
        default=dict,
        blank=True,
        help_text=(
            'Adapter settings, e.g. {"board_token": "gitlab"} or {"search": "python"}. '
            "API keys are given as env var names (app_id_env, app_key_env), never as values."
        ),
    )
    enabled = models.BooleanField(default=True)
    ignore_robots = models.BooleanField(
        default=False, help_text="Operator override: fetch even where robots.txt disallows."
    )
    max_pages = models.PositiveSmallIntegerField(default=20)
    max_items = models.PositiveIntegerField(default=5000)
    credit_text = models.CharField(max_length=200, blank=True)
    link_back_required = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = JobSourceQuerySet.as_manager()

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    @property
    def adapter(self):
        return MANUAL_ADAPTER if self.kind == MANUAL_KIND else ADAPTERS[self.kind]

    @property
    def last_run(self) -> IngestRun | None:
        return self.runs.order_by("-started_at").first()


class JobQuerySet(OwnedQuerySet):
    """``for_user`` is the jobs a user added by hand; ``visible_to`` adds the shared catalogue."""

    owner_field = "owner"

    def public(self):
        """The shared catalogue: every job but those users added by hand."""
        return self.filter(owner__isnull=True)

    def visible_to(self, user):
        """The catalogue plus the jobs this user added by hand (never another user's)."""
        if not getattr(user, "is_authenticated", False):
            return self.public()
        return self.filter(Q(owner__isnull=True) | Q(owner=user))

    def active(self):
        return self.filter(is_active=True)

    def new_since(self, moment):
        return self.filter(first_seen_at__gte=moment)


class Job(models.Model):
    """One posting as one source lists it, normalised."""

    source = models.ForeignKey(JobSource, on_delete=models.CASCADE, related_name="jobs")
    source_kind = models.CharField(max_length=32, db_index=True)
    external_id = models.CharField(max_length=255)
    url = models.URLField(max_length=1000, blank=True)
    apply_url = models.URLField(max_length=1000, blank=True)

    title = models.CharField(max_length=300)
    company = models.ForeignKey(
        Company, null=True, blank=True, on_delete=models.SET_NULL, related_name="jobs"
    )
    company_name = models.CharField(max_length=200, blank=True, help_text="As the source lists it.")

    locations = models.JSONField(default=list, blank=True)
    countries = models.CharField(
        max_length=200, blank=True, help_text="ISO codes, space-separated, for filtering."
    )
    remote_type = models.CharField(
        max_length=8, choices=RemoteType.choices, default=RemoteType.UNKNOWN
    )
    remote_regions = models.JSONField(default=list, blank=True)

    salary_min = models.FloatField(null=True, blank=True)
    salary_max = models.FloatField(null=True, blank=True)
    salary_currency = models.CharField(max_length=3, blank=True)
    salary_period = models.CharField(max_length=5, blank=True)
    salary_annual_min = models.FloatField(null=True, blank=True)
    salary_annual_max = models.FloatField(null=True, blank=True)
    salary_estimated = models.BooleanField(default=False)

    employment_type = models.CharField(max_length=12, choices=EmploymentType.choices, blank=True)
    seniority = models.CharField(max_length=12, blank=True)
    skills = models.JSONField(default=list, blank=True)
    visa_sponsorship = models.CharField(
        max_length=7, choices=TriState.choices, default=TriState.UNKNOWN
    )
    relocation = models.CharField(max_length=7, choices=TriState.choices, default=TriState.UNKNOWN)

    description_html = models.TextField(blank=True, help_text="Sanitised.")
    description_text = models.TextField(blank=True)

    posted_at = models.DateTimeField(null=True, blank=True)
    expires_at = models.DateTimeField(null=True, blank=True)
    first_seen_at = models.DateTimeField(default=timezone.now)
    last_seen_at = models.DateTimeField(default=timezone.now)
    is_active = models.BooleanField(default=True)

    content_hash = models.CharField(max_length=64)
    raw = models.JSONField(
        default=dict, blank=True, help_text="The source payload, for re-parsing."
    )

    # Duplicate grouping (maintained by jobs.dedup): a job with no canonical is the canonical
    # posting of its group; the others point at it. Grouped, never deleted.
    canonical = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="duplicates"
    )
    is_canonical = models.BooleanField(default=True)
    repost_count = models.PositiveIntegerField(default=0)

    # Set on a job a user added by hand: private to that user, never shown to anyone else,
    # never the canonical posting of a group that has a catalogue posting in it.
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="added_jobs",
        help_text="The user who added this job by hand; empty for the shared catalogue.",
    )

    objects = JobQuerySet.as_manager()

    class Meta:
        ordering = ["-posted_at", "-first_seen_at"]
        constraints = [
            models.UniqueConstraint(fields=["source", "external_id"], name="unique_job_per_source")
        ]
        indexes = [
            models.Index(fields=["is_active", "-posted_at"], name="job_active_posted"),
            models.Index(fields=["first_seen_at"], name="job_first_seen"),
            models.Index(fields=["content_hash"], name="job_content_hash"),
            models.Index(fields=["apply_url"], name="job_apply_url"),
            models.Index(fields=["is_canonical", "is_active"], name="job_canonical_active"),
        ]

    def __str__(self) -> str:
        return f"{self.title} — {self.company_name or 'unknown company'}"

    @property
    def is_private(self) -> bool:
        return self.owner_id is not None

    @property
    def board_label(self) -> str:
        """The name of the board the posting came from, read off ``source_kind`` (a result
        page shows it on every row without loading the sources)."""
        kind = self.source_kind
        adapter = MANUAL_ADAPTER if kind == MANUAL_KIND else ADAPTERS.get(kind)
        return adapter.label if adapter else self.source.adapter.label

    @property
    def location_display(self) -> str:
        parts = []
        for loc in self.locations:
            bits = [loc.get("city"), loc.get("region"), loc.get("country")]
            parts.append(", ".join(b for b in bits if b))
        return "; ".join(p for p in parts if p)


class IngestRun(models.Model):
    """One fetch-and-store pass over a source, with its counts and errors."""

    class Status(models.TextChoices):
        RUNNING = "running", "Running"
        OK = "ok", "OK"
        PARTIAL = "partial", "Partial"
        FAILED = "failed", "Failed"

    class Trigger(models.TextChoices):
        SCHEDULE = "schedule", "Schedule"
        COMMAND = "command", "Command"
        ADMIN = "admin", "Admin"
        USER = "user", "User search"
        FILE = "file", "File"

    source = models.ForeignKey(JobSource, on_delete=models.CASCADE, related_name="runs")
    trigger = models.CharField(max_length=10, choices=Trigger.choices, default=Trigger.SCHEDULE)
    requested_by = models.ForeignKey(
        "accounts.User", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    started_at = models.DateTimeField(default=timezone.now)
    finished_at = models.DateTimeField(null=True, blank=True)
    status = models.CharField(max_length=8, choices=Status.choices, default=Status.RUNNING)
    pages = models.PositiveIntegerField(default=0)
    fetched = models.PositiveIntegerField(default=0)
    new = models.PositiveIntegerField(default=0)
    updated = models.PositiveIntegerField(default=0)
    unchanged = models.PositiveIntegerField(default=0)
    invalid = models.PositiveIntegerField(default=0)
    deactivated = models.PositiveIntegerField(default=0)
    errors = models.JSONField(default=list, blank=True)

    class Meta:
        ordering = ["-started_at"]
        indexes = [models.Index(fields=["source", "-started_at"], name="run_source_started")]

    def __str__(self) -> str:
        return f"{self.source} @ {self.started_at:%Y-%m-%d %H:%M} ({self.status})"

    @property
    def duration_seconds(self) -> float | None:
        if self.finished_at is None:
            return None
        return round((self.finished_at - self.started_at).total_seconds(), 2)

    def counts(self) -> dict[str, int]:
        return {
            name: getattr(self, name)
            for name in ("fetched", "new", "updated", "unchanged", "invalid", "deactivated")
        }
