from django.conf import settings
from django.contrib import admin
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularRedocView, SpectacularSwaggerView

from accounts import views as account_views

from . import health

urlpatterns = [
    path("", account_views.dashboard, name="dashboard"),
    path("accounts/", include("allauth.urls")),
    path("", include("accounts.urls", namespace="accounts")),
    path("jobs/", include("jobs.urls", namespace="jobs")),
    path("applications/", include("applications.urls", namespace="applications")),
    path("admin/", admin.site.urls),
    path("api/v1/", include(("careercopilot.api", "api"), namespace="api")),
    path("api/schema/", SpectacularAPIView.as_view(), name="schema"),
    path("api/docs/", SpectacularSwaggerView.as_view(url_name="schema"), name="swagger-ui"),
    path("api/redoc/", SpectacularRedocView.as_view(url_name="schema"), name="redoc"),
    path("health/", health.live, name="health-live"),
    path("health/ready/", health.ready, name="health-ready"),
]

admin.site.site_header = f"{settings.SITE_NAME} administration"
admin.site.site_title = settings.SITE_NAME

handler404 = "careercopilot.errors.not_found"
handler500 = "careercopilot.errors.server_error"
