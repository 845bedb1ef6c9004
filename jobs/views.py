"""Jobs pages: the searchable list, one job, feedback buttons and saved searches."""

from __future__ import annotations

import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.cache import patch_vary_headers
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from careercopilot.htmx import wants_fragment
from jobs.dedup.services import also_listed
from jobs.search import alerts, services
from jobs.search.forms import SavedSearchForm
from jobs.search.models import HiddenCompany, JobInteraction, SavedSearch

from .models import Job


def _render(request, page: str, fragment: str, context: dict, status: int = 200):
    template = fragment if wants_fragment(request) else page
    response = render(request, template, context, status=status)
    patch_vary_headers(response, ("HX-Request",))
    return response


def _fragment(request, template: str, context: dict, status: int = 200, toast: str = ""):
    response = render(request, template, context, status=status)
    patch_vary_headers(response, ("HX-Request",))
    if toast:
        response["HX-Trigger"] = json.dumps({"toast": toast})
    return response


def _query_without_page(params: QueryDict, *, keep_page: bool = False) -> str:
    query = params.copy()
    if not keep_page:
        query.pop("page", None)
    for key in [k for k, values in query.lists() if not any(values)]:
        query.pop(key)  # keep shared and pushed URLs short
    return query.urlencode()


@login_required
@require_GET
def job_list(request):
    results = services.job_search(
        user=request.user, params=request.GET, page=request.GET.get("page") or 1
    )
    context = {
        "results": results,
        "form": results.filterset.form,
        "query": _query_without_page(request.GET),
        "filters_set": any(v for k, v in request.GET.items() if k not in ("q", "page")),
        "saved_searches": SavedSearch.objects.for_user(request.user)[:50],
        "save_form": SavedSearchForm(),
    }
    response = _render(request, "jobs/list.html", "jobs/partials/results.html", context)
    if wants_fragment(request):
        # The form sends every field; the address bar gets only the filters that are set.
        query = _query_without_page(request.GET, keep_page=True)
        response["HX-Push-Url"] = reverse("jobs:list") + (f"?{query}" if query else "")
    return response


def _actions_context(request, job: Job) -> dict:
    kinds = services.interactions_by_job(user=request.user, job_ids=[job.pk]).get(job.pk, set())
    company_hidden = (
        job.company_id is not None
        and HiddenCompany.objects.for_user(request.user).filter(company_id=job.company_id).exists()
    )
    marks = {kind: kind in kinds for kind in JobInteraction.Kind.values}
    return {"job": job, "marks": marks, "company_hidden": company_hidden}


def _credit(job: Job) -> tuple[str, bool]:
    """The attribution line and whether the source's terms require linking back to it."""
    adapter = job.source.adapter
    # Adapter credits may end with a note to us ("; link each posting to …"): show the credit.
    text = job.source.credit_text or (adapter.credit or "").split(";")[0].strip()
    if text and not text.endswith("."):
        text += "."
    return text, adapter.link_back_required or job.source.link_back_required


@login_required
@require_GET
def job_detail(request, pk: int):
    # Jobs are a shared catalogue: any stored job can be opened, inactive or duplicate included
    # (but not a job another user added by hand).
    job = get_object_or_404(
        Job.objects.visible_to(request.user).select_related("source", "company", "canonical"),
        pk=pk,
    )
    credit, link_back = _credit(job)
    also_on = also_listed(job=job, user=request.user)
    context = {**_actions_context(request, job), "also_on": also_on}
    context.update(credit=credit, link_back=link_back)
    context["back_url"] = _safe_back(request)
    return _render(request, "jobs/detail.html", "jobs/partials/job_detail.html", context)


def _safe_back(request) -> str:
    target = request.GET.get("back") or ""
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return target
    return reverse("jobs:list")


@login_required
@require_POST
def job_interact(request, pk: int, kind: str):
    """Save / hide / thumbs / "not this company"; ``on=0`` undoes. Returns the buttons."""
    job = get_object_or_404(Job.objects.visible_to(request.user).select_related("company"), pk=pk)
    on = request.POST.get("on", "1") != "0"
    try:
        services.job_interaction_set(user=request.user, job_id=job.pk, kind=kind, on=on)
    except ValidationError as exc:
        message = " ".join(exc.messages)
        if wants_fragment(request):
            context = {**_actions_context(request, job), "error": message}
            return _fragment(request, "jobs/partials/job_actions.html", context, status=422)
        messages.error(request, message)
        return redirect("jobs:detail", pk=job.pk)
    done = _DONE[(kind, on)]
    if wants_fragment(request):
        context = _actions_context(request, job)
        return _fragment(request, "jobs/partials/job_actions.html", context, toast=done)
    messages.success(request, done)
    return redirect("jobs:detail", pk=job.pk)


_DONE = {
    ("saved", True): "Saved.",
    ("saved", False): "Removed from saved jobs.",
    ("hidden", True): "Hidden from your results.",
    ("hidden", False): "Shown in your results again.",
    ("thumbs_up", True): "Noted: more like this.",
    ("thumbs_up", False): "Thumbs up removed.",
    ("thumbs_down", True): "Noted: fewer like this.",
    ("thumbs_down", False): "Thumbs down removed.",
    ("not_this_company", True): "You won't see this company's jobs.",
    ("not_this_company", False): "This company's jobs are back in your results.",
}


@login_required
@require_POST
def hidden_company_remove(request, pk: int):
    hidden = get_object_or_404(HiddenCompany.objects.for_user(request.user), pk=pk)
    services.company_hidden_set(user=request.user, company_id=hidden.company_id, on=False)
    messages.success(request, f"{hidden.company.name} is back in your results.")
    return redirect("jobs:saved_searches")


# --- saved searches ---------------------------------------------------------------------------


def _saved_context(request, form=None) -> dict:
    return {
        "saved_searches": alerts.saved_searches_with_new_matches(user=request.user),
        "hidden_companies": HiddenCompany.objects.for_user(request.user).select_related("company"),
        "save_form": form or SavedSearchForm(),
    }


@login_required
@require_http_methods(["GET", "POST"])
def saved_searches(request):
    """List the user's saved searches; POST saves the list page's current filters."""
    form = SavedSearchForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            search = services.saved_search_create(
                user=request.user,
                name=form.cleaned_data["name"],
                params=QueryDict(form.cleaned_data["query"]),
                alert=form.cleaned_data["alert"],
            )
        except ValidationError as exc:
            form.add_errors_from(exc)
        else:
            if wants_fragment(request) and request.htmx.target == "save-search":
                context = {"query": form.cleaned_data["query"], "saved_search": search}
                toast = f"Saved “{search.name}”."
                return _fragment(request, "jobs/partials/save_search.html", context, toast=toast)
            if wants_fragment(request):
                context = _saved_context(request)
                toast = f"Saved “{search.name}”."
                return _fragment(request, "jobs/partials/saved_list.html", context, toast=toast)
            messages.success(request, f"Saved “{search.name}”.")
            return redirect("jobs:saved_searches")
    status = 200 if request.method == "GET" else (422 if wants_fragment(request) else 400)
    if status == 422 and request.htmx.target == "save-search":
        context = {"query": request.POST.get("query", ""), "save_form": form}
        return _fragment(request, "jobs/partials/save_search.html", context, status=422)
    return _render(
        request,
        "jobs/saved_searches.html",
        "jobs/partials/saved_list.html",
        _saved_context(request, form),
        status=status,
    )


@login_required
@require_http_methods(["GET", "POST"])
def saved_search_edit(request, pk: int):
    search = get_object_or_404(SavedSearch.objects.for_user(request.user), pk=pk)
    form = SavedSearchForm(request.POST or None, instance=search)
    if request.method == "POST" and form.is_valid():
        try:
            services.saved_search_update(
                user=request.user,
                saved_search_id=search.pk,
                name=form.cleaned_data["name"],
                params=QueryDict(form.cleaned_data["query"]),
                alert=form.cleaned_data["alert"],
            )
        except ValidationError as exc:
            form.add_errors_from(exc)
        else:
            messages.success(request, "Saved search updated.")
            return redirect("jobs:saved_searches")
    status = 400 if request.method == "POST" else 200
    return render(
        request, "jobs/saved_search_form.html", {"form": form, "search": search}, status=status
    )


@login_required
@require_POST
def saved_search_delete(request, pk: int):
    search = get_object_or_404(SavedSearch.objects.for_user(request.user), pk=pk)
    services.saved_search_delete(user=request.user, saved_search_id=search.pk)
    return _saved_list_changed(request, f"Deleted “{search.name}”.")


def _saved_list_changed(request, done: str):
    """After a change on the saved-searches page: the fresh list (HTMX) or a redirect."""
    if wants_fragment(request):
        context = _saved_context(request)
        return _fragment(request, "jobs/partials/saved_list.html", context, toast=done)
    messages.success(request, done)
    return redirect("jobs:saved_searches")


@login_required
@require_GET
def saved_search_matches(request, pk: int):
    """The new jobs an alerting search recorded; opening the page marks them seen."""
    search = get_object_or_404(SavedSearch.objects.for_user(request.user), pk=pk)
    matches = (
        alerts.alert_matches(user=request.user, saved_search_id=search.pk)
        .select_related("job", "job__source")
        .defer(*(f"job__{name}" for name in services.HEAVY_FIELDS))
    )
    page = Paginator(matches, services.PER_PAGE).get_page(request.GET.get("page") or 1)
    page.object_list = list(page.object_list)  # read before they are marked seen
    alerts.alert_matches_seen(user=request.user, saved_search_id=search.pk)
    return render(request, "jobs/saved_search_matches.html", {"search": search, "page": page})


@login_required
@require_POST
def saved_search_mark_seen(request, pk: int):
    search = get_object_or_404(SavedSearch.objects.for_user(request.user), pk=pk)
    alerts.alert_matches_seen(user=request.user, saved_search_id=search.pk)
    return _saved_list_changed(request, f"Marked “{search.name}” seen.")
