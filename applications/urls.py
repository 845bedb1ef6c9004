from django.urls import path

from .views import apply, insights, interviews, pipeline, transfer

app_name = "applications"

urlpatterns = [
    path("", pipeline.board, name="board"),
    path("table/", pipeline.table, name="table"),
    path("bulk/", pipeline.bulk, name="bulk"),
    path("new/", pipeline.create, name="create"),
    path("apply/<int:job_id>/", apply.apply_job, name="apply_job"),
    path("<int:pk>/", pipeline.detail, name="detail"),
    path("<int:pk>/edit/", pipeline.edit, name="edit"),
    path("<int:pk>/delete/", pipeline.delete, name="delete"),
    path("<int:pk>/move/", pipeline.move, name="move"),
    path("<int:pk>/interviews/new/", interviews.interview_add, name="interview_add"),
    path("interviews/", interviews.upcoming, name="upcoming"),
    path("interviews/<int:pk>/edit/", interviews.interview_edit, name="interview_edit"),
    path("interviews/<int:pk>/delete/", interviews.interview_delete, name="interview_delete"),
    path("interviews/<int:pk>.ics", interviews.interview_ics, name="interview_ics"),
    path(
        "reminders/<int:pk>/<slug:action>/",
        interviews.reminder_action,
        name="reminder_action",
    ),
    path("calendar/", interviews.calendar_settings, name="calendar"),
    path("calendar/<str:token>.ics", interviews.calendar_feed, name="calendar_feed"),
    path("contacts/", insights.contacts, name="contacts"),
    path("contacts/<int:pk>/edit/", insights.contact_edit, name="contact_edit"),
    path("contacts/<int:pk>/delete/", insights.contact_delete, name="contact_delete"),
    path("goals/", insights.goals, name="goals"),
    path("goals/<int:pk>/delete/", insights.goal_delete, name="goal_delete"),
    path("analytics/", insights.analytics, name="analytics"),
    path("export.csv", transfer.export_as_csv, name="export_csv"),
    path("export.json", transfer.export_as_json, name="export_json"),
    path("import/", transfer.import_csv, name="import"),
]
