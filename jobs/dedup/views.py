"""'Not a duplicate': anyone signed in can split a wrong group; the split sticks."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect
from django.views.decorators.http import require_POST

from jobs.models import Job

from .services import dedup_split


@login_required
@require_POST
def not_duplicate(request, pk: int, other: int):
    job = get_object_or_404(Job.objects.visible_to(request.user), pk=pk)
    other_job = get_object_or_404(Job.objects.visible_to(request.user), pk=other)
    if job.pk == other_job.pk:
        messages.error(request, "A job cannot be split from itself.")
        return redirect("jobs:detail", pk=job.pk)
    with transaction.atomic():
        dedup_split(
            job_id=job.pk, other_id=other_job.pk, user=request.user, reason="marked on job page"
        )
    messages.success(
        request, f"Marked “{other_job.title}” on {other_job.source.name} as a different job."
    )
    return redirect("jobs:detail", pk=job.pk)
