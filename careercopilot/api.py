"""The one API router. Each app contributes its routes in ``<app>/api.py``."""

from django.urls import include, path
from rest_framework.routers import DefaultRouter
from rest_framework.throttling import ScopedRateThrottle
from rest_framework_simplejwt.views import TokenObtainPairView, TokenRefreshView

from accounts import api as accounts_api
from applications import api as applications_api
from jobs import api as jobs_api
from jobs.search import api as search_api

router = DefaultRouter()
accounts_api.register(router)
applications_api.register(router)
jobs_api.register(router)
search_api.register(router)


class JwtObtainView(TokenObtainPairView):
    """Email + password → access and refresh tokens (for clients of the old API)."""

    throttle_classes = [ScopedRateThrottle]
    throttle_scope = "auth"


class JwtRefreshView(TokenRefreshView):
    throttle_classes = [ScopedRateThrottle]
    throttle_scope = "auth"


urlpatterns = [
    path("auth/token/", JwtObtainView.as_view(), name="token_obtain_pair"),
    path("auth/token/refresh/", JwtRefreshView.as_view(), name="token_refresh"),
    path("me/", accounts_api.MeView.as_view(), name="me"),
    path("profile/", accounts_api.ProfileView.as_view(), name="profile"),
    path("", include(router.urls)),
]
