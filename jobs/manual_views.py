"""Adding a job by hand (by link or by form), and removing one."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from careercopilot.forms import add_errors

from . import manual
from .forms import AddJobForm, AddJobLinkForm
from .models import Job


def _page(request, *, link_form=None, job_form=None, note="", status=200):
    context = {
        "link_form": link_form or AddJobLinkForm(),
        "job_form": job_form or AddJobForm(),
        "note": note,
        "added": Job.objects.for_user(request.user).select_related("canonical")[:100],
    }
    return render(request, "jobs/add.html", context, status=status)


def _done(request, outcome: manual.AddOutcome):
    if outcome.catalogue_job is not None:
        messages.info(request, outcome.note)
        return redirect("jobs:detail", pk=outcome.catalogue_job.pk)
    if outcome.created:
        messages.success(request, f"Added “{outcome.job.title}”. Only you can see it.")
    else:
        messages.info(request, outcome.note)
    return redirect("jobs:detail", pk=outcome.job.pk)


@login_required
@require_http_methods(["GET", "POST"])
def job_add(request):
    """GET: both forms. POST with ``url`` only: read the page; POST with fields: add them."""
    if request.method == "GET":
        return _page(request)
    if "title" not in request.POST:
        link_form = AddJobLinkForm(request.POST)
        if not link_form.is_valid():
            return _page(request, link_form=link_form, status=422)
        try:
            outcome = manual.job_add_from_url(user=request.user, url=link_form.cleaned_data["url"])
        except ValidationError as exc:
            add_errors(link_form, exc)
            return _page(request, link_form=link_form, status=422)
        if outcome.job is None:  # no job data on the page: pre-fill the form
            return _page(
                request,
                link_form=link_form,
                job_form=AddJobForm(initial=outcome.prefill),
                note=outcome.note,
            )
        return _done(request, outcome)
    job_form = AddJobForm(request.POST)
    if not job_form.is_valid():
        return _page(request, job_form=job_form, status=422)
    try:
        outcome = manual.job_add(user=request.user, data=job_form.cleaned_data)
    except ValidationError as exc:
        add_errors(job_form, exc)
        return _page(request, job_form=job_form, status=422)
    return _done(request, outcome)


@login_required
@require_POST
def job_remove(request, pk: int):
    try:
        manual.job_remove(user=request.user, job_id=pk)
    except Job.DoesNotExist:
        raise Http404("No such job of yours.") from None
    messages.success(request, "Removed the job you had added.")
    return redirect("jobs:add")
