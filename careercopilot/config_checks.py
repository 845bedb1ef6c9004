"""Readable checks of settings and environment, for ``manage.py validate_configs``."""

from __future__ import annotations

import os
from collections.abc import Callable
from urllib.parse import urlparse

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.module_loading import import_string

Check = Callable[[], list[str]]
_CHECKS: list[Check] = []


def check(fn: Check) -> Check:
    _CHECKS.append(fn)
    return fn


def _url_problem(name: str, value: str, schemes: set[str]) -> str | None:
    parsed = urlparse(value)
    if parsed.scheme not in schemes:
        return f"{name} must start with one of {', '.join(sorted(schemes))}:// (got {value!r})."
    if parsed.scheme not in {"unix", "redis+socket", "sqlite"} and not parsed.hostname:
        return f"{name} has no host name: {value!r}."
    return None


@check
def core() -> list[str]:
    problems = []
    if not settings.DEBUG:
        if len(settings.SECRET_KEY) < 50 or len(set(settings.SECRET_KEY)) < 5:
            problems.append("SECRET_KEY is too short or too simple: use 50+ random characters.")
        if not settings.ALLOWED_HOSTS:
            problems.append("ALLOWED_HOSTS is empty: list the host names the site answers to.")
    for origin in settings.CSRF_TRUSTED_ORIGINS:
        if problem := _url_problem("CSRF_TRUSTED_ORIGINS entry", origin, {"http", "https"}):
            problems.append(problem)
    if problem := _url_problem("SITE_URL", settings.SITE_URL, {"http", "https"}):
        problems.append(problem)
    return problems


@check
def services() -> list[str]:
    problems = []
    raw_db = os.environ.get("DATABASE_URL")
    if raw_db is not None:
        problem = _url_problem(
            "DATABASE_URL", raw_db, {"postgres", "postgresql", "pgsql", "psql", "sqlite"}
        )
        if problem:
            problems.append(problem)
    if settings.REDIS_URL:
        problem = _url_problem(
            "REDIS_URL", settings.REDIS_URL, {"redis", "rediss", "unix", "redis+socket"}
        )
        if problem:
            problems.append(problem)
    elif not settings.DEBUG:
        problems.append(
            "REDIS_URL is not set: background tasks would run inside web requests and "
            "live updates would not reach other processes."
        )
    return problems


@check
def email() -> list[str]:
    problems = []
    if settings.EMAIL_PROVIDER:
        try:
            import_string(settings.EMAIL_BACKEND)
        except ImportError:
            problems.append(
                f"EMAIL_PROVIDER={settings.EMAIL_PROVIDER!r} is not an anymail provider "
                "(for example mailgun, postmark, sendgrid, amazon_ses, brevo)."
            )
        if not os.environ.get("EMAIL_PROVIDER_API_KEY") and settings.EMAIL_PROVIDER != "amazon_ses":
            problems.append("EMAIL_PROVIDER is set but EMAIL_PROVIDER_API_KEY is empty.")
    address = settings.DEFAULT_FROM_EMAIL.rsplit("<", 1)[-1].rstrip(">").strip()
    try:
        validate_email(address)
    except ValidationError:
        problems.append(
            f"DEFAULT_FROM_EMAIL is not a valid address: {settings.DEFAULT_FROM_EMAIL!r}."
        )
    try:
        validate_email(settings.CRAWLER_CONTACT_EMAIL)
    except ValidationError:
        problems.append("CRAWLER_CONTACT_EMAIL must be a real address job boards can write to.")
    return problems


@check
def integrations() -> list[str]:
    problems = []
    for provider in ("GOOGLE", "GITHUB", "LINKEDIN"):
        has_id = bool(os.environ.get(f"{provider}_CLIENT_ID"))
        has_secret = bool(os.environ.get(f"{provider}_CLIENT_SECRET"))
        if has_id != has_secret:
            problems.append(
                f"{provider}_CLIENT_ID and {provider}_CLIENT_SECRET must be set together."
            )
    sentry_problem = settings.SENTRY_DSN and _url_problem(
        "SENTRY_DSN", settings.SENTRY_DSN, {"https", "http"}
    )
    if sentry_problem:
        problems.append(sentry_problem)
    for dotted in getattr(settings, "CONFIG_CHECKS", []):
        problems.extend(import_string(dotted)())
    return problems


def run_all() -> list[str]:
    problems: list[str] = []
    for fn in _CHECKS:
        problems.extend(fn())
    return problems
