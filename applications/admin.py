from django.contrib import admin

from .models import (
    Application,
    CalendarFeedToken,
    Contact,
    FollowUpReminder,
    Goal,
    Interview,
    StatusChange,
)


class StatusChangeInline(admin.TabularInline):
    model = StatusChange
    extra = 0


class InterviewInline(admin.TabularInline):
    model = Interview
    extra = 0


@admin.register(Application)
class ApplicationAdmin(admin.ModelAdmin):
    list_display = ("title", "company", "user", "status", "applied_on", "updated_at")
    list_filter = ("status", "source")
    search_fields = ("title", "company", "user__email")
    raw_id_fields = ("user",)
    inlines = [StatusChangeInline, InterviewInline]


@admin.register(Contact)
class ContactAdmin(admin.ModelAdmin):
    list_display = ("name", "role", "email", "user")
    search_fields = ("name", "email", "user__email")
    raw_id_fields = ("user",)
    filter_horizontal = ("applications",)


admin.site.register(Goal)
admin.site.register(FollowUpReminder)
admin.site.register(Interview)
admin.site.register(StatusChange)


@admin.register(CalendarFeedToken)
class CalendarFeedTokenAdmin(admin.ModelAdmin):
    list_display = ("user", "hint", "created_at", "revoked_at")
    readonly_fields = ("digest", "hint")
