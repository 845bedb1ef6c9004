"""Applying from the job catalogue: one application per user per canonical job."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from careercopilot.htmx import wants_fragment

from .. import services


@login_required
@require_POST
def apply_job(request, job_id: int):
    from jobs.models import Job

    try:
        application = services.application_apply_to_job(user=request.user, job_id=job_id)
    except Job.DoesNotExist:
        raise Http404("No such job.") from None
    except services.AlreadyApplied as exc:
        application, note = exc.application, str(exc)
        status = 409
    else:
        note, status = "Saved to your applications.", 201
    if wants_fragment(request):
        context = {"application": application, "note": note}
        return render(request, "applications/partials/apply_state.html", context, status=status)
    (messages.info if status == 409 else messages.success)(request, note)
    return redirect(application)
