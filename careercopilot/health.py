"""Liveness and readiness endpoints (JSON, no authentication, no session)."""

from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from .services import system_readiness


@never_cache
@require_GET
def live(request):
    """Liveness: the process answers. Touches neither the database nor Redis."""
    return JsonResponse({"status": "ok"})


@never_cache
@require_GET
def ready(request):
    ok, components = system_readiness()
    failing = [name for name, c in components.items() if c["status"] != "ok"]
    body = {"status": "ok" if ok else "fail", "failing": failing, "components": components}
    return JsonResponse(body, status=200 if ok else 503)
