from django.contrib import admin, messages
from django.utils.html import format_html

from .models import Company, IngestRun, Job, JobSource


@admin.register(Company)
class CompanyAdmin(admin.ModelAdmin):
    list_display = ("name", "key", "website_domain", "created_at")
    search_fields = ("name", "key", "website_domain")


@admin.register(JobSource)
class JobSourceAdmin(admin.ModelAdmin):
    list_display = ("name", "kind", "enabled", "last_status", "last_counts", "last_started")
    list_filter = ("kind", "enabled")
    search_fields = ("name", "kind")
    actions = ["run_now"]

    @admin.display(description="last run")
    def last_status(self, obj):
        run = obj.last_run
        if run is None:
            return "never"
        colour = {"ok": "green", "partial": "orange", "failed": "red"}.get(run.status, "grey")
        return format_html('<strong style="color:{}">{}</strong>', colour, run.get_status_display())

    @admin.display(description="counts")
    def last_counts(self, obj):
        run = obj.last_run
        if run is None:
            return "—"
        return f"{run.fetched} fetched, {run.new} new, {run.updated} updated, {run.invalid} invalid"

    @admin.display(description="started")
    def last_started(self, obj):
        run = obj.last_run
        return run.started_at if run else None

    @admin.action(description="Run now")
    def run_now(self, request, queryset):
        from .tasks import ingest_source

        for source in queryset:
            ingest_source.delay(source.pk, IngestRun.Trigger.ADMIN, request.user.pk)
        self.message_user(
            request, f"Queued {queryset.count()} source(s); see Ingest runs.", messages.SUCCESS
        )


@admin.register(IngestRun)
class IngestRunAdmin(admin.ModelAdmin):
    list_display = (
        "source",
        "status",
        "trigger",
        "started_at",
        "duration_seconds",
        "fetched",
        "new",
        "updated",
        "unchanged",
        "invalid",
        "deactivated",
    )
    list_filter = ("status", "trigger", "source")
    search_fields = ("source__name",)
    readonly_fields = [f.name for f in IngestRun._meta.fields]
    date_hierarchy = "started_at"


@admin.register(Job)
class JobAdmin(admin.ModelAdmin):
    list_display = (
        "title",
        "company_name",
        "source",
        "remote_type",
        "salary_annual_min",
        "posted_at",
        "is_active",
    )
    list_filter = (
        "is_active",
        "remote_type",
        "source_kind",
        "employment_type",
        "seniority",
        "visa_sponsorship",
    )
    search_fields = ("title", "company_name", "external_id")
    raw_id_fields = ("company", "source")
    date_hierarchy = "first_seen_at"
    readonly_fields = ("content_hash", "first_seen_at", "last_seen_at")
