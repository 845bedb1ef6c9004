from django.urls import path

from . import views

app_name = "accounts"

urlpatterns = [
    path("profile/", views.profile, name="profile"),
    path("profile/section/<slug:section>/", views.profile_section, name="profile_section"),
    path("profile/skills/", views.skill_add, name="skill_add"),
    path("profile/skills/<int:pk>/remove/", views.skill_remove, name="skill_remove"),
    path("settings/", views.settings_page, name="settings"),
    path("settings/tokens/", views.token_create, name="token_create"),
    path("settings/tokens/<int:pk>/revoke/", views.token_revoke, name="token_revoke"),
]
