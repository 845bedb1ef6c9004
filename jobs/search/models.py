"""What one user keeps about the shared job catalogue: saved searches and per-job feedback."""

from __future__ import annotations

from urllib.parse import urlencode

from django.conf import settings
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
