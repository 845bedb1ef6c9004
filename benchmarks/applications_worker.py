"""Child process of the applications benchmark (Django set up against the bench database)."""

from __future__ import annotations

import json
import os
import random
import statistics
import sys
import time
from datetime import date, timedelta

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "careercopilot.settings")
os.environ.setdefault("ALLOWED_HOSTS", "testserver")  # the in-process test client's host
os.environ.setdefault("STATIC_MANIFEST", "false")  # no collectstatic for a benchmark
django.setup()

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.utils import timezone  # noqa: E402

from accounts.models import User  # noqa: E402
from applications.models import Application, Status, StatusChange  # noqa: E402

EMAIL = "bench-applications@example.com"
REPEATS = 15


def figure(name: str, value: float, unit: str, **context) -> None:
    context.setdefault("database", connection.vendor)
    print(
        json.dumps(
            {"metric": f"applications.{name}", "value": round(value, 1), "unit": unit, **context}
        ),
        flush=True,
    )


def load(size: int) -> User:
    """A user with ``size`` applications spread over every status, each with history."""
    User.objects.filter(email=EMAIL).delete()
    user = User.objects.create_user(email=EMAIL, password=None)
    rng = random.Random(3)
    statuses = list(Status.values)
    today = date(2026, 11, 1)
    rows = [
        Application(
            user=user,
            title=f"Backend Engineer {n}",
            company=f"Company {n % 300}",
            status=rng.choice(statuses),
            applied_on=today - timedelta(days=rng.randint(0, 120)),
            priority=rng.randint(1, 5),
        )
        for n in range(size)
    ]
    Application.objects.bulk_create(rows, batch_size=500)
    now = timezone.now()
    StatusChange.objects.bulk_create(
        [
            StatusChange(application=a, from_status="", to_status=a.status, changed_at=now)
            for a in Application.objects.filter(user=user)
        ],
        batch_size=500,
    )
    return user


def measure(client: Client, url: str) -> tuple[float, float, int]:
    client.get(url, secure=True)  # warm caches and templates
    times, queries = [], 0
    for _ in range(REPEATS):
        with CaptureQueriesContext(connection) as captured:
            started = time.perf_counter()
            response = client.get(url, secure=True)
            times.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, response.status_code
        queries = len(captured)
    times.sort()
    return statistics.median(times), times[int(len(times) * 0.95) - 1], queries


def main(size: int) -> None:
    user = load(size)
    client = Client()
    client.force_login(user)
    for name, url in (("kanban", "/applications/"), ("table", "/applications/table/")):
        p50, p95, queries = measure(client, url)
        figure(
            f"{name}_ms_{size}",
            p50,
            "ms",
            p95_ms=round(p95, 1),
            repeats=REPEATS,
            applications=size,
            target=200,
        )
        figure(f"{name}_queries_{size}", queries, "queries", applications=size)


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 2000)
