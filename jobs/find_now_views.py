"""The user's "Find jobs now" button: search every search-capable source with the profile."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from careercopilot.htmx import wants_fragment

from .services import FindNowError, find_now_start


@login_required
@require_POST
def find_now(request):
    try:
        sources = find_now_start(user=request.user)
    except FindNowError as exc:
        context, status = {"error": str(exc)}, 429 if exc.retry_after else 400
        if not wants_fragment(request):
            messages.error(request, str(exc))
            return redirect("dashboard")
        response = render(request, "jobs/partials/find_now_status.html", context, status=status)
        if exc.retry_after:
            response["Retry-After"] = str(exc.retry_after)
        return response
    context = {"running": True, "done": 0, "total": len(sources), "new": 0}
    if not wants_fragment(request):
        messages.success(
            request, f"Searching {len(sources)} sources; new jobs appear as they come."
        )
        return redirect("dashboard")
    return render(request, "jobs/partials/find_now_status.html", context, status=202)
