"""Dedup in admin: the report figures above the fingerprints list, splits, and each job's
duplicates on the Job page (the jobs app's admin, extended here rather than edited)."""

from django import forms
from django.contrib import admin
from django.db.models import Count

from jobs.admin import JobAdmin
from jobs.models import Job

from .models import DedupSplit, JobFingerprint, LshBand
from .services import dedup_report


class DedupSplitForm(forms.ModelForm):
    class Meta:
        model = DedupSplit
        fields = ("job_a", "job_b", "reason")

    def clean(self):
        data = super().clean()
        a, b = data.get("job_a"), data.get("job_b")
        if a and b:
            if a.pk == b.pk:
                raise forms.ValidationError("Pick two different jobs.")
            if a.pk > b.pk:  # stored as (smaller id, larger id)
                data["job_a"], data["job_b"] = b, a
        return data


@admin.register(DedupSplit)
class DedupSplitAdmin(admin.ModelAdmin):
    form = DedupSplitForm
    list_display = ("job_a", "job_b", "reason", "created_by", "created_at")
    raw_id_fields = ("job_a", "job_b", "created_by")
    search_fields = ("job_a__title", "job_b__title", "reason")

    def save_model(self, request, obj, form, change):
        # Through the service, so the groups are redone at once and the pair is ordered.
        from .services import dedup_split

        split = dedup_split(
            job_id=obj.job_a_id, other_id=obj.job_b_id, user=request.user, reason=obj.reason
        )
        obj.pk = split.pk


@admin.register(JobFingerprint)
class JobFingerprintAdmin(admin.ModelAdmin):
    """Read-only: fingerprints are computed, never edited. The changelist shows the report."""

    list_display = ("job", "group", "group_size", "shingle_count", "params_version", "computed_at")
    list_select_related = ("job",)
    search_fields = ("job__title", "job__external_id")
    list_filter = ("job__is_canonical", "job__source_kind", "params_version")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    @admin.display(description="group (canonical job id)")
    def group(self, obj):
        return obj.job.canonical_id or obj.job_id

    @admin.display(description="group size")
    def group_size(self, obj):
        root = obj.job.canonical_id or obj.job_id
        return Job.objects.filter(canonical_id=root).count() + 1

    def changelist_view(self, request, extra_context=None):
        report = dedup_report()
        report["group_members"] = report["group_members"][:50]
        return super().changelist_view(request, {**(extra_context or {}), "dedup": report})


class DuplicateInline(admin.TabularInline):
    model = Job
    fk_name = "canonical"
    verbose_name = "duplicate (also listed as)"
    verbose_name_plural = "duplicates (also listed as)"
    fields = ("source_kind", "external_id", "title", "url", "first_seen_at", "is_active")
    readonly_fields = fields
    extra = 0
    max_num = 0
    can_delete = False
    show_change_link = True


admin.site.unregister(Job)


@admin.register(Job)
class JobWithDuplicatesAdmin(JobAdmin):
    inlines = [*JobAdmin.inlines, DuplicateInline]
    list_display = (*JobAdmin.list_display, "is_canonical", "duplicate_count", "repost_count")
    list_filter = (*JobAdmin.list_filter, "is_canonical")

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(n_duplicates=Count("duplicates"))

    @admin.display(description="duplicates", ordering="n_duplicates")
    def duplicate_count(self, obj):
        return obj.n_duplicates


@admin.register(LshBand)
class LshBandAdmin(admin.ModelAdmin):
    """Read-only view of the LSH index rows (rebuilt by ``backfill_job_fingerprints``)."""

    list_display = ("job", "key")
    search_fields = ("job__title", "=key")
    raw_id_fields = ("job",)
    list_per_page = 50

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
