from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from careercopilot.dashboard import dashboard_cards
from careercopilot.forms import add_errors
from careercopilot.htmx import wants_fragment

from . import services
from .forms import PROFILE_SECTIONS, ApiTokenForm, SkillForm, display_value
from .models import ApiToken, Skill


@login_required
def dashboard(request):
    profile = services.profile_for(user=request.user)
    context = {
        "profile": profile,
        "completeness": profile.completeness(),
        "cards": dashboard_cards(user=request.user),
    }
    return render(request, "dashboard.html", context)


def _section_context(profile, form_cls, form=None, editing=False):
    rows = [
        (
            form_cls.base_fields[name].label or name.replace("_", " ").capitalize(),
            display_value(profile, name),
        )
        for name in form_cls._meta.fields
    ]
    return {"section": form_cls, "rows": rows, "form": form, "editing": editing}


@login_required
def profile(request):
    profile = services.profile_for(user=request.user)
    sections = [_section_context(profile, form_cls) for form_cls in PROFILE_SECTIONS.values()]
    context = {
        "profile": profile,
        "sections": sections,
        "skills": Skill.objects.for_user(request.user),
        "skill_form": SkillForm(),
        "completeness": profile.completeness(),
    }
    return render(request, "accounts/profile.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def profile_section(request, section: str):
    """One URL per profile section: read view, edit form (``?edit=1``) and save."""
    form_cls = PROFILE_SECTIONS.get(section)
    if form_cls is None:
        raise Http404("No such profile section.")
    profile = services.profile_for(user=request.user)
    status = 200
    if request.method == "POST":
        form = form_cls(request.POST, instance=profile)
        if form.is_valid():
            try:
                services.profile_update(user=request.user, data=form.cleaned_data)
            except ValidationError as exc:
                add_errors(form, exc)
            else:
                if not wants_fragment(request):
                    messages.success(request, f"{form_cls.title} saved.")
                    return redirect("accounts:profile")
                profile.refresh_from_db()
                response = render(
                    request,
                    "accounts/partials/profile_section.html",
                    _section_context(profile, form_cls),
                )
                response["HX-Trigger"] = '{"toast": "Saved."}'
                return response
        status = 422 if wants_fragment(request) else 400
        profile.refresh_from_db()
        context = _section_context(profile, form_cls, form=form, editing=True)
    elif request.GET.get("edit"):
        context = _section_context(profile, form_cls, form=form_cls(instance=profile), editing=True)
    else:
        context = _section_context(profile, form_cls)
    template = (
        "accounts/partials/profile_section.html"
        if wants_fragment(request)
        else "accounts/profile_section_page.html"
    )
    return render(request, template, context, status=status)


def _skills_fragment(request, form=None, status=200):
    context = {
        "skills": Skill.objects.for_user(request.user),
        "skill_form": form or SkillForm(),
    }
    return render(request, "accounts/partials/skills.html", context, status=status)


@login_required
@require_POST
def skill_add(request):
    form = SkillForm(request.POST)
    if form.is_valid():
        try:
            services.skill_add(user=request.user, **form.cleaned_data)
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            if not wants_fragment(request):
                messages.success(request, f"Added {form.cleaned_data['name']}.")
                return redirect(reverse("accounts:profile") + "#skills")
            return _skills_fragment(request)
    if not wants_fragment(request):
        for errs in form.errors.values():
            for err in errs:
                messages.error(request, err)
        return redirect(reverse("accounts:profile") + "#skills")
    return _skills_fragment(request, form=form, status=422)


@login_required
@require_POST
def skill_remove(request, pk: int):
    skill = get_object_or_404(Skill.objects.for_user(request.user), pk=pk)
    services.skill_remove(user=request.user, skill_id=skill.pk)
    if wants_fragment(request):
        return _skills_fragment(request)
    messages.success(request, f"Removed {skill.name}.")
    return redirect(reverse("accounts:profile") + "#skills")


@login_required
def settings_page(request):
    return render(request, "accounts/settings.html", _tokens_context(request))


def _tokens_context(request, form=None, new_secret=None):
    return {
        "tokens": ApiToken.objects.for_user(request.user),
        "token_form": form or ApiTokenForm(),
        "new_secret": new_secret,
    }


@login_required
@require_POST
def token_create(request):
    form = ApiTokenForm(request.POST)
    new_secret = None
    status = 200
    if form.is_valid():
        try:
            _token, new_secret = services.api_token_create(user=request.user, **form.cleaned_data)
        except ValidationError as exc:
            add_errors(form, exc)
            status = 422
        else:
            form = None
    else:
        status = 422
    context = _tokens_context(request, form=form, new_secret=new_secret)
    if wants_fragment(request):
        return render(request, "accounts/partials/tokens.html", context, status=status)
    # Without JavaScript the secret is shown on the page this POST renders, never stored.
    return render(request, "accounts/settings.html", context, status=status if form else 200)


@login_required
@require_POST
def token_revoke(request, pk: int):
    token = get_object_or_404(ApiToken.objects.for_user(request.user), pk=pk)
    services.api_token_revoke(user=request.user, token_id=token.pk)
    if wants_fragment(request):
        return render(request, "accounts/partials/tokens.html", _tokens_context(request))
    messages.success(request, f"Token “{token.name}” revoked.")
    return redirect("accounts:settings")
