from django.contrib import admin

from .models import HiddenCompany, JobInteraction, JobSearchRow, SavedSearch, SavedSearchMatch


@admin.register(SavedSearch)
class SavedSearchAdmin(admin.ModelAdmin):
    list_display = ("name", "user", "alert", "last_alerted_at", "updated_at")
    list_filter = ("alert",)
    search_fields = ("name", "user__email")
    raw_id_fields = ("user",)


@admin.register(SavedSearchMatch)
class SavedSearchMatchAdmin(admin.ModelAdmin):
    """What alerts recorded: one row per saved search and new job (read-only)."""

    list_display = ("saved_search", "user", "job", "created_at", "seen_at", "delivered_at")
    list_filter = ("saved_search__alert",)
    search_fields = ("user__email", "saved_search__name", "job__title")
    raw_id_fields = ("user", "saved_search", "job")
    list_select_related = ("saved_search", "user", "job")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(JobInteraction)
class JobInteractionAdmin(admin.ModelAdmin):
    list_display = ("user", "job", "kind", "created_at")
    list_filter = ("kind",)
    search_fields = ("user__email", "job__title")
    raw_id_fields = ("user", "job")


@admin.register(HiddenCompany)
class HiddenCompanyAdmin(admin.ModelAdmin):
    list_display = ("user", "company", "created_at")
    search_fields = ("user__email", "company__name")
    raw_id_fields = ("user", "company")


@admin.register(JobSearchRow)
class JobSearchRowAdmin(admin.ModelAdmin):
    """Read-only: rows are written by database triggers on jobs_job (verify_indexes checks)."""

    list_display = ("job", "is_active", "is_canonical", "posted_at", "remote_type", "countries")
    list_filter = ("is_active", "is_canonical", "remote_type")
    search_fields = ("=job__id", "job__title")
    raw_id_fields = ("job",)
    exclude = ("document",)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
