"""Shared fixtures: a cast of users (owner and stranger), logged-in clients, API clients."""

from __future__ import annotations

import os

import pytest
from rest_framework.test import APIClient

from accounts.tests.factories import UserFactory

REDIS_URL = os.environ.get("REDIS_URL", "")
ON_POSTGRES = os.environ.get("DATABASE_URL", "").startswith(("postgres", "pgsql", "psql"))


def pytest_configure(config):
    # CI's service-backed run must really use PostgreSQL and Redis, or it proves nothing.
    if os.environ.get("REQUIRE_SERVICES") and not (REDIS_URL and ON_POSTGRES):
        raise pytest.UsageError(
            "REQUIRE_SERVICES is set: set DATABASE_URL=postgres://… and REDIS_URL"
        )


def pytest_collection_modifyitems(config, items):
    # Browser tests run last: Playwright's sync API keeps an event loop on the main thread for
    # the session, and async_to_sync refuses to run beside it.
    items.sort(key=lambda item: item.get_closest_marker("browser") is not None)
    # Tests that need a service run where it is configured (CI runs the suite once with
    # PostgreSQL + Redis and once embedded) and are deselected elsewhere, never "passed".
    not_here = set()
    if not REDIS_URL:
        not_here.add("redis")
    not_here.add("sqlite" if ON_POSTGRES else "postgres")
    kept, dropped = [], []
    for item in items:
        wanted = {m.name for m in item.iter_markers()} & not_here
        (dropped if wanted else kept).append(item)
    if dropped:
        config.hook.pytest_deselected(items=dropped)
        items[:] = kept


@pytest.fixture
def user(db):
    return UserFactory(email="owner@example.com")


@pytest.fixture
def other_user(db):
    return UserFactory(email="stranger@example.com")


@pytest.fixture
def user_client(client, user):
    client.force_login(user)
    return client


@pytest.fixture
def other_client(client, other_user):
    client.force_login(other_user)
    return client


@pytest.fixture
def api_client():
    return APIClient()


@pytest.fixture
def user_api(user):
    api = APIClient()
    api.force_authenticate(user)
    return api


@pytest.fixture
def other_api(other_user):
    api = APIClient()
    api.force_authenticate(other_user)
    return api


@pytest.fixture(autouse=True)
def _isolated_cache():
    from django.core.cache import cache

    cache.clear()
    yield


# --- Browser tests (Playwright driving Debian's Chromium) ---------------------------------------

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def _chromium_path() -> str:
    import shutil

    path = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or "/usr/bin/chromium"
    if not os.path.exists(path):
        pytest.fail("Browser tests need Chromium: apt-get install chromium (or set CHROMIUM_PATH).")
    return path


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=_chromium_path(), headless=True, args=CHROMIUM_ARGS
        )
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser, live_server):
    """A fresh browser context on the live server; fails the test on any page error."""
    context = browser.new_context(base_url=live_server.url)
    context.set_default_timeout(20_000)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    yield page
    context.close()
    assert not errors, f"JavaScript errors on the page: {errors}"


@pytest.fixture
def login_page(page, live_server):
    """Log a user in through the real login form; returns a function(user) -> page."""
    from accounts.tests.factories import PASSWORD

    def _login(user):
        page.goto("/accounts/login/")
        page.fill("input[name=login]", user.email)
        page.fill("input[name=password]", PASSWORD)
        page.click("main form button[type=submit]")
        page.wait_for_url(f"{live_server.url}/")
        return page

    return _login


@pytest.fixture
def celery_eager():
    """Run tasks in-process even when REDIS_URL points Celery at a real broker.

    For tests about what a task does, not about the worker topology (test_worker.py covers
    that with a real worker).
    """
    from careercopilot.celery import app

    saved = app.conf.task_always_eager, app.conf.task_eager_propagates
    app.conf.task_always_eager = app.conf.task_eager_propagates = True
    yield
    app.conf.task_always_eager, app.conf.task_eager_propagates = saved
