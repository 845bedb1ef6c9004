"""Contacts, goals and analytics pages."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from careercopilot.forms import add_errors

from .. import services
from ..analytics import analytics_figures, goals_progress, weekly_streak
from ..forms import ContactForm, GoalForm
from ..models import Contact, Goal


def _contact_data(form) -> tuple[dict, list[int]]:
    data = {k: v for k, v in form.cleaned_data.items() if k != "applications"}
    return data, [a.pk for a in form.cleaned_data["applications"]]


@login_required
@require_http_methods(["GET", "POST"])
def contacts(request):
    form = ContactForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        data, application_ids = _contact_data(form)
        try:
            contact = services.contact_save(
                user=request.user, data=data, application_ids=application_ids
            )
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, f"Added {contact.name}.")
            return redirect("applications:contacts")
    rows = Contact.objects.for_user(request.user).prefetch_related("applications")
    return render(
        request,
        "applications/contacts.html",
        {"contacts": rows, "form": form},
        status=400 if form.errors else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def contact_edit(request, pk: int):
    contact = get_object_or_404(Contact.objects.for_user(request.user), pk=pk)
    form = ContactForm(request.POST or None, instance=contact, user=request.user)
    if request.method == "POST" and form.is_valid():
        data, application_ids = _contact_data(form)
        try:
            services.contact_save(
                user=request.user, data=data, application_ids=application_ids, contact_id=pk
            )
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, "Contact saved.")
            return redirect("applications:contacts")
    return render(
        request,
        "applications/contact_form.html",
        {"form": form, "contact": contact},
        status=400 if form.errors else 200,
    )


@login_required
@require_POST
def contact_delete(request, pk: int):
    contact = get_object_or_404(Contact.objects.for_user(request.user), pk=pk)
    contact.delete()
    messages.success(request, f"Removed {contact.name}.")
    return redirect("applications:contacts")


@login_required
@require_http_methods(["GET", "POST"])
def goals(request):
    form = GoalForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        Goal.objects.create(user=request.user, **form.cleaned_data)
        messages.success(request, "Goal added.")
        return redirect("applications:goals")
    context = {
        "form": form,
        "goals": Goal.objects.for_user(request.user),
        "progress": goals_progress(user=request.user),
        "streak": weekly_streak(user=request.user),
    }
    return render(request, "applications/goals.html", context, status=400 if form.errors else 200)


@login_required
@require_POST
def goal_delete(request, pk: int):
    goal = get_object_or_404(Goal.objects.for_user(request.user), pk=pk)
    goal.delete()
    messages.success(request, "Goal removed.")
    return redirect("applications:goals")


@login_required
def analytics(request):
    figures = analytics_figures(user=request.user)
    # Chart geometry is computed here so the template only places shapes.
    most = max([row["applications"] for row in figures["weekly"]] + [figures["weekly_goal"], 1])
    for index, row in enumerate(figures["weekly"]):
        row["height"] = round(95 * row["applications"] / most)
        row["x"], row["y"] = index * 40 + 5, 100 - row["height"]
    figures["weekly_width"] = 40 * len(figures["weekly"])
    figures["goal_y"] = 100 - round(95 * figures["weekly_goal"] / most)
    top = max([row["count"] for row in figures["funnel"]] + [1])
    for index, row in enumerate(figures["funnel"]):
        row["bar"], row["y"] = max(2, round(360 * row["count"] / top)), index * 30
    figures["funnel_height"] = 30 * len(figures["funnel"])
    return render(request, "applications/analytics.html", {"figures": figures})
