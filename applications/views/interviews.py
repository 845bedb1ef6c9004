"""Interviews, their calendar files and feed, and follow-up reminders."""

from __future__ import annotations

from datetime import timedelta

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from accounts.models import Profile
from careercopilot.forms import add_errors

from .. import services
from ..forms import InterviewForm
from ..ics import interviews_calendar
from ..models import (
    Application,
    CalendarFeedToken,
    FollowUpReminder,
    Interview,
    ReminderReason,
    ReminderStatus,
)
from .common import error_text, render_page_or_fragment

ICS_TYPE = "text/calendar; charset=utf-8"


def _default_time_zone(user) -> str:
    return Profile.objects.filter(user=user).values_list("time_zone", flat=True).first() or "UTC"


@login_required
@require_http_methods(["GET", "POST"])
def interview_add(request, pk: int):
    application = get_object_or_404(Application.objects.for_user(request.user), pk=pk)
    form = InterviewForm(
        request.POST or None, initial={"time_zone": _default_time_zone(request.user)}
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.interview_schedule(
                user=request.user, application_id=application.pk, **form.service_data()
            )
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, "Interview added.")
            return redirect(application)
    return render(
        request,
        "applications/interview_form.html",
        {"form": form, "application": application},
        status=400 if form.errors else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def interview_edit(request, pk: int):
    interview = get_object_or_404(
        Interview.objects.for_user(request.user).select_related("application"), pk=pk
    )
    form = InterviewForm(request.POST or None, instance=interview)
    if request.method == "POST" and form.is_valid():
        try:
            services.interview_update(
                user=request.user, interview_id=interview.pk, data=form.service_data()
            )
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, "Interview saved.")
            return redirect(interview.application)
    return render(
        request,
        "applications/interview_form.html",
        {"form": form, "application": interview.application, "interview": interview},
        status=400 if form.errors else 200,
    )


@login_required
@require_POST
def interview_delete(request, pk: int):
    interview = get_object_or_404(
        Interview.objects.for_user(request.user).select_related("application"), pk=pk
    )
    application = interview.application
    interview.delete()
    messages.success(request, "Interview removed.")
    return redirect(application)


@login_required
def upcoming(request):
    interviews = (
        Interview.objects.for_user(request.user)
        .upcoming(now=timezone.now())
        .select_related("application")
    )
    return render_page_or_fragment(
        request,
        "applications/upcoming.html",
        "applications/partials/upcoming.html",
        {"interviews": interviews},
    )


@login_required
def interview_ics(request, pk: int):
    interview = get_object_or_404(
        Interview.objects.for_user(request.user).select_related("application"), pk=pk
    )
    body = interviews_calendar([interview], name=str(interview))
    response = HttpResponse(body, content_type=ICS_TYPE)
    response["Content-Disposition"] = f'attachment; filename="interview-{interview.pk}.ics"'
    return response


def calendar_feed(request, token: str):
    """The private feed calendar apps subscribe to: no login, the unguessable token is the key."""
    user = services.calendar_feed_owner(secret=token)
    if user is None:
        raise Http404("No such calendar.")
    interviews = (
        Interview.objects.for_user(user)
        .filter(starts_at__gte=timezone.now() - timedelta(days=30))
        .select_related("application")
    )
    response = HttpResponse(
        interviews_calendar(interviews, name="Interviews"), content_type=ICS_TYPE
    )
    response["Cache-Control"] = "private, max-age=300"
    return response


@login_required
@require_http_methods(["GET", "POST"])
def calendar_settings(request):
    """Show, create, regenerate or revoke the private feed URL (the secret is shown once)."""
    feed_url = ""
    if request.method == "POST":
        if request.POST.get("action") == "revoke":
            services.calendar_feed_revoke(user=request.user)
            messages.success(request, "Calendar feed turned off; the old URL no longer works.")
            return redirect("applications:calendar")
        secret = services.calendar_feed_regenerate(user=request.user)
        feed_url = request.build_absolute_uri(reverse("applications:calendar_feed", args=[secret]))
    token = CalendarFeedToken.objects.for_user(request.user).first()
    return render(request, "applications/calendar.html", {"token": token, "feed_url": feed_url})


@login_required
@require_POST
def reminder_action(request, pk: int, action: str):
    reminder = get_object_or_404(
        FollowUpReminder.objects.for_user(request.user).select_related("application"), pk=pk
    )
    if action == "ghosted" and reminder.reason != ReminderReason.GHOSTED:
        raise Http404("This reminder is not a ghosted suggestion.")
    try:
        if action == "ghosted":
            services.ghosted_confirm(user=request.user, reminder_id=reminder.pk)
            messages.success(request, "Marked as ghosted.")
        elif action in (ReminderStatus.DONE, ReminderStatus.DISMISSED):
            services.reminder_resolve(user=request.user, reminder_id=reminder.pk, status=action)
            messages.success(request, "Reminder updated.")
        else:
            raise Http404("No such action.")
    except ValidationError as exc:
        messages.error(request, error_text(exc))
    return redirect(reminder.application)
