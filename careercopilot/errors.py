"""Error pages: HTML for people, the API's JSON error shape for ``/api/`` paths."""

from django.http import HttpResponseServerError, JsonResponse
from django.shortcuts import render
from django.template import loader


def _is_api(request) -> bool:
    return request.path.startswith("/api/")


def not_found(request, exception=None):
    if _is_api(request):
        body = {
            "error": {"status": 404, "code": "not_found", "message": "Not found.", "fields": {}}
        }
        return JsonResponse(body, status=404)
    return render(request, "404.html", status=404)


def server_error(request):
    if _is_api(request):
        body = {
            "error": {
                "status": 500,
                "code": "server_error",
                "message": "Something went wrong on our side. It has been logged.",
                "fields": {},
            }
        }
        return JsonResponse(body, status=500)
    # Rendered without context processors: the failure may come from one of them.
    template = loader.get_template("500.html")
    context = {"request_id": getattr(request, "request_id", "")}
    return HttpResponseServerError(template.render(context))
