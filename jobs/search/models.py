"""What one user keeps about the shared job catalogue: saved searches and per-job feedback."""

from __future__ import annotations

from urllib.parse import urlencode

from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.db import models

from accounts.models import OwnedQuerySet


class SavedSearch(models.Model):
    """A named set of job filters (the list page's query parameters), optionally alerting."""

    class Alert(models.TextChoices):
        OFF = "off", "Off"
        DAILY = "daily", "Daily digest"
        INSTANT = "instant", "As they arrive"

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="saved_searches"
    )
    name = models.CharField(max_length=100)
    params = models.JSONField(
        default=dict, blank=True, help_text="Filter parameters: name → list of values."
    )
    alert = models.CharField(max_length=8, choices=Alert.choices, default=Alert.OFF)
    last_alerted_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = OwnedQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["user", "name"], name="saved_search_unique_name")
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def query_string(self) -> str:
        return urlencode(self.params, doseq=True)


class SavedSearchMatch(models.Model):
    """A new job an alerting saved search found, recorded once per search (and so per user).

    ``seen_at`` is set when the user opens the search's matches; ``delivered_at`` is for the
    notification that carries it (email digest, push).
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="saved_search_matches"
    )
    saved_search = models.ForeignKey(SavedSearch, on_delete=models.CASCADE, related_name="matches")
    job = models.ForeignKey("jobs.Job", on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    seen_at = models.DateTimeField(null=True, blank=True)
    delivered_at = models.DateTimeField(null=True, blank=True)

    objects = OwnedQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name_plural = "saved search matches"
        constraints = [
            models.UniqueConstraint(fields=["saved_search", "job"], name="saved_search_match_once")
        ]
        indexes = [models.Index(fields=["user", "seen_at"], name="saved_search_match_unseen")]

    def __str__(self) -> str:
        return f"{self.saved_search} → job {self.job_id}"


class JobInteraction(models.Model):
    """One user's signal about one job; hidden jobs leave that user's results."""

    class Kind(models.TextChoices):
        SAVED = "saved", "Saved"
        HIDDEN = "hidden", "Hidden"
        THUMBS_UP = "thumbs_up", "Thumbs up"
        THUMBS_DOWN = "thumbs_down", "Thumbs down"

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="job_interactions"
    )
    job = models.ForeignKey("jobs.Job", on_delete=models.CASCADE, related_name="interactions")
    kind = models.CharField(max_length=12, choices=Kind.choices)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = OwnedQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(fields=["user", "job", "kind"], name="job_interaction_unique")
        ]
        indexes = [models.Index(fields=["user", "kind"], name="job_interaction_user_kind")]

    def __str__(self) -> str:
        return f"{self.user} {self.kind} {self.job_id}"


class HiddenCompany(models.Model):
    """ "Not this company": the user's results leave out every job of the company."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="hidden_companies"
    )
    company = models.ForeignKey("jobs.Company", on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    objects = OwnedQuerySet.as_manager()

    class Meta:
        ordering = ["company__name"]
        verbose_name_plural = "hidden companies"
        constraints = [
            models.UniqueConstraint(fields=["user", "company"], name="hidden_company_unique")
        ]

    def __str__(self) -> str:
        return f"{self.user} hides {self.company}"


class RowidOneToOneField(models.OneToOneField):
    """A one-to-one primary key that SQLite keeps as the table's rowid.

    SQLite makes a column the rowid only when it is declared exactly ``integer primary key``.
    A key to a ``BigAutoField`` is declared ``bigint``, which leaves the table a hidden rowid
    beside a unique index on the key, so every lookup by job id (the full-text matches joined
    to their rows) walked two B-trees instead of one. Other databases are unchanged.
    """

    def db_type(self, connection):
        if connection.vendor == "sqlite":
            return "integer"
        return super().db_type(connection)


class JobSearchRow(models.Model):
    """The narrow copy of a ``jobs_job`` row that search filters, sorts, counts and ranks on.

    Written only by database triggers on ``jobs_job`` (see ``jobs.search.fulltext``), so
    ``save``, ``bulk_create``, ``bulk_update``, ``QuerySet.update`` and deletes all keep it
    current. Search reads this table alone and then loads the shown page's ``Job`` rows by id;
    the wide row (description HTML and text, raw payload) is never read to filter or sort.

    PostgreSQL: ``document`` is the weighted tsvector (GIN-indexed, stored out of line so the
    heap rows stay ~150 bytes); ``rank_document``, the title, company and skills alone, stays in
    the row and orders matches by relevance. SQLite: both documents stay empty; the FTS5 table
    ``jobs_job_fts`` (rowid = job id = this table's key) holds the text index.
    """

    job = RowidOneToOneField(
        "jobs.Job",
        primary_key=True,
        on_delete=models.DO_NOTHING,  # the delete trigger removes the row
        db_constraint=False,
        related_name="search_row",
    )
    is_active = models.BooleanField(default=True)
    is_canonical = models.BooleanField(default=True)
    posted_at = models.DateTimeField(null=True, blank=True)
    first_seen_at = models.DateTimeField()
    salary_annual_min = models.FloatField(null=True, blank=True)
    salary_annual_max = models.FloatField(null=True, blank=True)
    salary_currency = models.CharField(max_length=3, blank=True)
    remote_type = models.CharField(max_length=8, blank=True)
    countries = models.CharField(max_length=200, blank=True)
    employment_type = models.CharField(max_length=12, blank=True)
    seniority = models.CharField(max_length=12, blank=True)
    source_kind = models.CharField(max_length=32, blank=True)
    company = models.ForeignKey(
        "jobs.Company",
        null=True,
        blank=True,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        db_index=False,
        related_name="+",
    )
    company_name = models.CharField(max_length=200, blank=True)
    locations = models.TextField(blank=True, help_text="jobs_job.locations as JSON text.")
    visa_sponsorship = models.CharField(max_length=7, blank=True)
    skills = models.JSONField(default=list, blank=True)
    document = SearchVectorField(null=True, blank=True, editable=False)
    rank_document = SearchVectorField(null=True, blank=True, editable=False)

    class Meta:
        managed = True
        default_permissions = ()

    def __str__(self) -> str:
        return f"search row {self.job_id}"
