"""The board, the table, one application's page and the forms that change applications."""

from __future__ import annotations

from datetime import datetime, time

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html_join
from django.views.decorators.http import require_http_methods, require_POST

from careercopilot.forms import add_errors
from careercopilot.htmx import wants_fragment

from .. import services
from ..filters import ApplicationFilter
from ..forms import ApplicationForm, BulkForm, MoveForm
from ..models import Application, Status, allowed_targets
from .common import error_text, render_page_or_fragment, toast_header

TABLE_PAGE_SIZE = 50
#: Cards shown per board column (highest priority, latest first); the count and the table
#: still cover all of them. Keeps a board of thousands fast and readable.
BOARD_COLUMN_LIMIT = 100


def _board_context(user, *, error: str = "") -> dict:
    applications = (
        Application.objects.for_user(user)
        .only("id", "title", "company", "status", "priority", "applied_on")
        .order_by("-priority", "-updated_at", "-id")
    )
    # A board can hold thousands of cards: URLs and the "Move to" options are built once
    # here rather than reversed and looped per card in the template.
    move_url = reverse("applications:move", args=[0]).replace("/0/", "/{}/")
    detail_url = reverse("applications:detail", args=[0]).replace("/0/", "/{}/")
    by_status: dict[str, list[Application]] = {value: [] for value in Status.values}
    for application in applications:
        application.move_url = move_url.format(application.pk)
        application.detail_url = detail_url.format(application.pk)
        by_status[application.status].append(application)
    columns = [
        {
            "status": value,
            "label": label,
            "cards": by_status[value][:BOARD_COLUMN_LIMIT],
            "count": len(by_status[value]),
            "hidden": max(0, len(by_status[value]) - BOARD_COLUMN_LIMIT),
            "options": format_html_join(
                "",
                '<option value="{}">{}</option>',
                ((target, Status(target).label) for target in allowed_targets(value)),
            ),
        }
        for value, label in Status.choices
    ]
    return {"columns": columns, "error": error}


@login_required
def board(request):
    return render_page_or_fragment(
        request,
        "applications/board.html",
        "applications/partials/board.html",
        _board_context(request.user),
    )


@login_required
@require_POST
def move(request, pk: int):
    """Move one application; answers with the board fragment (htmx) or redirects back."""
    application = get_object_or_404(Application.objects.for_user(request.user), pk=pk)
    form = MoveForm(request.POST)
    error = ""
    if form.is_valid():
        try:
            services.application_change_status(
                user=request.user,
                application_id=application.pk,
                to_status=form.cleaned_data["status"],
                note=form.cleaned_data["note"],
            )
        except ValidationError as exc:
            error = error_text(exc)
    else:
        error = "Choose a status to move to."
    back_to_detail = request.POST.get("next") == "detail"
    if wants_fragment(request) and not back_to_detail:
        response = render(
            request,
            "applications/partials/board.html",
            _board_context(request.user, error=error),
            status=422 if error else 200,
        )
        if not error:
            label = Status(form.cleaned_data["status"]).label
            response["HX-Trigger"] = toast_header(f"Moved “{application}” to {label}.")
        return response
    if error:
        messages.error(request, error)
    else:
        messages.success(
            request, f"Moved “{application}” to {Status(form.cleaned_data['status']).label}."
        )
    if back_to_detail:
        return redirect(application)
    return redirect("applications:board")


@login_required
def table(request):
    base = Application.objects.for_user(request.user)
    filterset = ApplicationFilter(request.GET or None, queryset=base)
    queryset = filterset.qs if filterset.is_bound and filterset.is_valid() else base
    page = Paginator(queryset, TABLE_PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "filter": filterset,
        "page": page,
        "query": query.urlencode(),
        "ordering": request.GET.get("ordering", ""),
        "bulk_form": BulkForm(user=request.user),
        "statuses": Status.choices,
        "selected_statuses": request.GET.getlist("status"),
    }
    return render_page_or_fragment(
        request, "applications/table.html", "applications/partials/table.html", context
    )


@login_required
@require_POST
def bulk(request):
    """Bulk status change (all or nothing) or bulk delete (after a confirmation page)."""
    form = BulkForm(request.POST, user=request.user)
    back = reverse("applications:table")
    if not form.is_valid():
        messages.error(request, error_text(ValidationError(form.errors)))
        return redirect(back)
    selected = list(form.cleaned_data["ids"])
    action = form.cleaned_data["action"]
    if action == "delete":
        if not form.cleaned_data["confirm"]:
            return render(
                request, "applications/confirm_bulk_delete.html", {"applications": selected}
            )
        count = services.applications_delete(
            user=request.user, application_ids=[a.pk for a in selected]
        )
        messages.success(request, f"Deleted {count} application{'s' if count != 1 else ''}.")
        return redirect(back)
    to_status = action.removeprefix("status:")
    try:
        services.applications_change_status(
            user=request.user, application_ids=[a.pk for a in selected], to_status=to_status
        )
    except ValidationError as exc:
        messages.error(request, "Nothing was changed. " + error_text(exc))
    else:
        messages.success(
            request, f"Moved {len(selected)} application(s) to {Status(to_status).label}."
        )
    return redirect(back)


def _timeline(application: Application) -> list[dict]:
    """Status changes, interviews and reminders of one application, oldest first."""
    zone = timezone.get_current_timezone()
    events = [
        {
            "when": change.changed_at,
            "kind": "status",
            "title": (
                f"{change.get_from_status_display()} → {change.get_to_status_display()}"
                if change.from_status
                else f"Created as {change.get_to_status_display()}"
            ),
            "detail": change.note,
        }
        for change in application.status_changes.all()
    ]
    events += [
        {
            "when": interview.starts_at,
            "kind": "interview",
            "title": f"{interview.get_kind_display()} interview",
            "detail": interview.interviewers,
            "interview": interview,
        }
        for interview in application.interviews.all()
    ]
    events += [
        {
            "when": datetime.combine(reminder.due_on, time.min, tzinfo=zone),
            "kind": "reminder",
            "title": f"{reminder.get_reason_display()} ({reminder.get_status_display().lower()})",
            "detail": "",
            "reminder": reminder,
        }
        for reminder in application.reminders.all()
    ]
    return sorted(events, key=lambda event: event["when"])


@login_required
def detail(request, pk: int):
    application = get_object_or_404(
        Application.objects.for_user(request.user).prefetch_related(
            "status_changes", "interviews", "reminders", "contacts"
        ),
        pk=pk,
    )
    context = {
        "application": application,
        "timeline": _timeline(application),
        "move_form": MoveForm(),
        "now": timezone.now(),
    }
    return render(request, "applications/detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def create(request):
    form = ApplicationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            application = services.application_create(user=request.user, **data)
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, f"Added “{application}”.")
            return redirect(application)
    status = 400 if form.errors else 200
    return render(
        request, "applications/form.html", {"form": form, "creating": True}, status=status
    )


@login_required
@require_http_methods(["GET", "POST"])
def edit(request, pk: int):
    application = get_object_or_404(Application.objects.for_user(request.user), pk=pk)
    form = ApplicationForm(request.POST or None, instance=application)
    if request.method == "POST" and form.is_valid():
        try:
            services.application_update(
                user=request.user, application_id=pk, data=form.cleaned_data
            )
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, "Saved.")
            return redirect(application)
    application.refresh_from_db()
    status = 400 if form.errors else 200
    return render(
        request,
        "applications/form.html",
        {"form": form, "application": application, "creating": False},
        status=status,
    )


@login_required
@require_http_methods(["GET", "POST"])
def delete(request, pk: int):
    application = get_object_or_404(Application.objects.for_user(request.user), pk=pk)
    if request.method == "POST":
        services.applications_delete(user=request.user, application_ids=[application.pk])
        messages.success(request, f"Deleted “{application}”.")
        return redirect("applications:board")
    return render(request, "applications/confirm_delete.html", {"application": application})
