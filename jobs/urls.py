from django.urls import path

from . import find_now_views, manual_views, views
from .dedup import views as dedup_views

app_name = "jobs"

urlpatterns = [
    path("", views.job_list, name="list"),
    path("find-now/", find_now_views.find_now, name="find_now"),
    path("add/", manual_views.job_add, name="add"),
    path("<int:pk>/", views.job_detail, name="detail"),
    path("<int:pk>/remove/", manual_views.job_remove, name="remove"),
    path(
        "<int:pk>/not-duplicate/<int:other>/",
        dedup_views.not_duplicate,
        name="not_duplicate",
    ),
    path(
        "<int:pk>/<slug:kind>/",
        views.job_interact,
        name="interact",
    ),
    path("saved/", views.saved_searches, name="saved_searches"),
    path("saved/<int:pk>/", views.saved_search_edit, name="saved_search_edit"),
    path("saved/<int:pk>/delete/", views.saved_search_delete, name="saved_search_delete"),
    path("saved/<int:pk>/matches/", views.saved_search_matches, name="saved_search_matches"),
    path("saved/<int:pk>/seen/", views.saved_search_mark_seen, name="saved_search_mark_seen"),
    path(
        "hidden-companies/<int:pk>/delete/",
        views.hidden_company_remove,
        name="hidden_company_remove",
    ),
]
