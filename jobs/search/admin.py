from django.contrib import admin

from .models import HiddenCompany, JobInteraction, SavedSearch


@admin.register(SavedSearch)
class SavedSearchAdmin(admin.ModelAdmin):
    list_display = ("name", "user", "alert", "last_alerted_at", "updated_at")
    list_filter = ("alert",)
    search_fields = ("name", "user__email")
    raw_id_fields = ("user",)


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
