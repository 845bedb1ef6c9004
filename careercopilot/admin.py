from django.contrib import admin

from .models import Heartbeat


@admin.register(Heartbeat)
class HeartbeatAdmin(admin.ModelAdmin):
    list_display = ("name", "last_seen", "detail")
    list_filter = ("name",)
    search_fields = ("name", "detail")
    readonly_fields = ("name", "last_seen", "detail")
