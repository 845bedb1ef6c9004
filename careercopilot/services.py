"""Operational use cases: heartbeats and the readiness report."""

from __future__ import annotations

import time
from dataclasses import dataclass, field

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from .models import Heartbeat


def heartbeat_record(*, name: str, detail: str = "") -> None:
    """Note that a background process of this kind is alive (idempotent upsert)."""
    Heartbeat.objects.update_or_create(
        name=name, defaults={"last_seen": timezone.now(), "detail": detail[:200]}
    )


@dataclass
class ComponentStatus:
    name: str
    ok: bool
    detail: str = ""
    data: dict = field(default_factory=dict)

    def as_dict(self) -> dict:
        return {"status": "ok" if self.ok else "fail", "detail": self.detail, **self.data}


def _check_database() -> ComponentStatus:
    try:
        started = time.perf_counter()
        with connections[DEFAULT_DB_ALIAS].cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
        elapsed = round((time.perf_counter() - started) * 1000, 2)
        vendor = connections[DEFAULT_DB_ALIAS].vendor
        return ComponentStatus("database", True, vendor, {"latency_ms": elapsed})
    except Exception as exc:  # any driver error means "not ready"
        return ComponentStatus("database", False, f"{type(exc).__name__}: {exc}")


def _check_migrations() -> ComponentStatus:
    try:
        connection = connections[DEFAULT_DB_ALIAS]
        executor = MigrationExecutor(connection)
        plan = executor.migration_plan(executor.loader.graph.leaf_nodes())
    except Exception as exc:
        return ComponentStatus("migrations", False, f"{type(exc).__name__}: {exc}")
    if plan:
        names = [f"{m.app_label}.{m.name}" for m, _backwards in plan[:5]]
        return ComponentStatus("migrations", False, f"{len(plan)} unapplied", {"unapplied": names})
    return ComponentStatus("migrations", True, "all applied")


def _check_redis() -> ComponentStatus:
    if not settings.REDIS_URL:
        return ComponentStatus("redis", True, "not configured (in-process mode)")
    import redis

    try:
        client = redis.Redis.from_url(
            settings.REDIS_URL, socket_connect_timeout=1, socket_timeout=1
        )
        started = time.perf_counter()
        client.ping()
        elapsed = round((time.perf_counter() - started) * 1000, 2)
        return ComponentStatus("redis", True, "ping ok", {"latency_ms": elapsed})
    except Exception as exc:
        return ComponentStatus("redis", False, f"{type(exc).__name__}: {exc}")


def _check_heartbeat(name: str) -> ComponentStatus:
    component = "workers" if name == "worker" else "beat"
    if not settings.REDIS_URL:
        return ComponentStatus(component, True, "tasks run in-process (no REDIS_URL)")
    try:
        beat = Heartbeat.objects.filter(name=name).first()
    except Exception as exc:
        return ComponentStatus(component, False, f"{type(exc).__name__}: {exc}")
    if beat is None:
        return ComponentStatus(component, False, "no heartbeat recorded yet")
    age = (timezone.now() - beat.last_seen).total_seconds()
    data = {"age_seconds": round(age, 1), "last_seen": beat.last_seen.isoformat()}
    if age > settings.HEARTBEAT_MAX_AGE_SECONDS:
        return ComponentStatus(component, False, f"last heartbeat {int(age)} s ago", data)
    return ComponentStatus(component, True, "alive", data)


def system_readiness() -> tuple[bool, dict[str, dict]]:
    """Check every component the app needs; returns (all_ok, report by component)."""
    database = _check_database()
    components = [database, _check_redis()]
    if database.ok:
        components += [_check_migrations(), _check_heartbeat("worker"), _check_heartbeat("beat")]
    else:
        components += [
            ComponentStatus(name, False, "database unavailable")
            for name in ("migrations", "workers", "beat")
        ]
    report = {c.name: c.as_dict() for c in components}
    return all(c.ok for c in components), report


def periodic_tasks_sync(*, reset: bool = False) -> list[tuple[str, str]]:
    """Create or update the beat schedule from ``schedules.all_schedules()``.

    Returns (name, action) pairs where action is "created", "updated" or "kept". Idempotent.
    """
    import json

    from django.db import transaction
    from django_celery_beat.models import CrontabSchedule, IntervalSchedule, PeriodicTask

    from .schedules import all_schedules

    results = []
    with transaction.atomic():
        for schedule in all_schedules():
            fields: dict = {
                "task": schedule.task,
                "queue": schedule.queue,
                "description": schedule.description,
                "kwargs": json.dumps({}),
            }
            timing: dict = {"interval": None, "crontab": None}
            if schedule.every is not None:
                timing["interval"], _ = IntervalSchedule.objects.get_or_create(
                    every=int(schedule.every.total_seconds()), period=IntervalSchedule.SECONDS
                )
            else:
                timing["crontab"], _ = CrontabSchedule.objects.get_or_create(
                    minute=schedule.crontab.get("minute", "0"),
                    hour=schedule.crontab.get("hour", "*"),
                    day_of_week=schedule.crontab.get("day_of_week", "*"),
                    day_of_month=schedule.crontab.get("day_of_month", "*"),
                    month_of_year=schedule.crontab.get("month_of_year", "*"),
                    timezone="UTC",
                )
            task = PeriodicTask.objects.filter(name=schedule.name).first()
            if task is None:
                PeriodicTask.objects.create(name=schedule.name, enabled=True, **fields, **timing)
                results.append((schedule.name, "created"))
                continue
            changed = [k for k, v in fields.items() if getattr(task, k) != v]
            if reset:
                changed += [k for k, v in timing.items() if getattr(task, k) != v]
                if not task.enabled:
                    task.enabled = True
                    changed.append("enabled")
                for key, value in timing.items():
                    setattr(task, key, value)
            for key in fields:
                setattr(task, key, fields[key])
            if changed:
                task.save()
            results.append((schedule.name, "updated" if changed else "kept"))
    return results
