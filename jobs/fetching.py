"""Fetching a source over the network: run the crawler in a child interpreter, read its lines.

Scrapy cannot run in a Django process here (see STACK_NOTES, "Scrapy inside a Django process:
don't"), so :func:`fetch_source` spawns ``python -m jobs.crawl`` without
``DJANGO_SETTINGS_MODULE``, lets it write JSON lines to a temporary file (flushed line by line,
so a killed child still leaves what it fetched), and turns them back into
:class:`~jobs.types.RawPosting` objects. The child owns politeness (robots.txt, AutoThrottle,
retries honouring ``Retry-After``) and the SSRF policy; this side owns the hard wall-clock
limit. No ORM here: the ingest service stores the result.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import os
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from jobs.crawl import ALLOW_LOOPBACK_ENV
from jobs.types import RawPosting

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_USER_AGENT = "CareerCopilotBot/0.1 (+ops@example.invalid)"
# Variables that would make the child configure Django or a Scrapy project.
_STRIPPED_ENV = ("DJANGO_SETTINGS_MODULE", "SCRAPY_SETTINGS_MODULE", "SCRAPY_PROJECT")
_POSTING_FIELDS = {f.name for f in dataclasses.fields(RawPosting)}


@dataclass(frozen=True, slots=True)
class FetchIssue:
    """One failed request (or the whole crawl): where, why, and whether a retry may help."""

    url: str | None
    reason: str
    temporary: bool


@dataclass(slots=True)
class FetchResult:
    """What one fetch of a source produced.

    ``complete`` is true only when every page was fetched and pagination ended by itself
    (no cap hit, no error): only then may postings missing from ``postings`` be marked
    inactive.
    """

    postings: list[RawPosting] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (item_ref, reason)
    errors: list[FetchIssue] = field(default_factory=list)
    pages: int = 0
    complete: bool = False

    @property
    def temporary(self) -> bool:
        """Every error is temporary (worth retrying the whole source later)."""
        return bool(self.errors) and all(e.temporary for e in self.errors)


def fetch_source(
    *,
    kind: str,
    config: dict[str, Any],
    max_pages: int = 20,
    max_items: int = 5000,
    timeout: float = 30,
    total_timeout: float = 600,
    allow_loopback: bool = False,
    max_retries: int = 3,
    backoff_base: float = 1.0,
    delay: float = 0.5,
    max_bytes: int = 10 * 1024 * 1024,
    user_agent: str | None = None,
) -> FetchResult:
    """Crawl one source in a child process and return its postings, skips and errors.

    ``timeout`` bounds each request, ``total_timeout`` the whole crawl: the child stops itself
    shortly before it, and is killed at it (reported as a temporary error). ``allow_loopback``
    is for tests against a local server; ``max_bytes`` caps each response body. Never raises
    for network or source problems.
    """
    soft_limit = max(1.0, total_timeout * 0.9)
    command = [
        sys.executable,
        "-m",
        "jobs.crawl",
        "--kind",
        kind,
        "--config",
        json.dumps(config),
        "--max-pages",
        str(max_pages),
        "--max-items",
        str(max_items),
        "--timeout",
        str(timeout),
        "--total-timeout",
        str(soft_limit),
        "--max-retries",
        str(max_retries),
        "--backoff-base",
        str(backoff_base),
        "--delay",
        str(delay),
        "--max-bytes",
        str(max_bytes),
        "--user-agent",
        user_agent or crawler_user_agent(),
    ]
    with tempfile.TemporaryDirectory(prefix="cc-crawl-") as tmp:
        out = Path(tmp) / "lines.jsonl"
        process = subprocess.Popen(  # noqa: S603 - fixed argv, no shell
            [*command, "--out", str(out)],
            cwd=PROJECT_ROOT,
            env=child_env(allow_loopback=allow_loopback),
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        killed = False
        try:
            _, stderr = process.communicate(timeout=total_timeout)
        except subprocess.TimeoutExpired:
            process.kill()
            _, stderr = process.communicate()
            killed = True
        lines = out.read_text(encoding="utf-8", errors="replace") if out.exists() else ""
    result, summary = read_lines(lines.splitlines())
    if killed:
        result.complete = False
        result.errors.append(
            FetchIssue(None, f"crawl killed after the {total_timeout:g}s total time limit", True)
        )
    elif process.returncode != 0 or summary is None:
        tail = stderr.decode("utf-8", "replace").strip().splitlines()[-1:] or ["no output"]
        result.complete = False
        result.errors.append(
            FetchIssue(
                None, f"crawler exited with code {process.returncode}: {tail[0][:300]}", False
            )
        )
    return result


def crawler_user_agent() -> str:
    """``settings.CRAWLER_USER_AGENT`` (has the contact address), read lazily."""
    try:
        from django.conf import settings

        return str(settings.CRAWLER_USER_AGENT)
    except Exception:  # settings not configured (a script) or no such setting
        return DEFAULT_USER_AGENT


def child_env(*, allow_loopback: bool) -> dict[str, str]:
    """The parent's environment (API keys named in configs pass through) minus Django's."""
    env = {k: v for k, v in os.environ.items() if k not in _STRIPPED_ENV}
    env["PYTHONPATH"] = os.pathsep.join(
        p for p in (str(PROJECT_ROOT), env.get("PYTHONPATH", "")) if p
    )
    env.pop(ALLOW_LOOPBACK_ENV, None)
    if allow_loopback:
        env[ALLOW_LOOPBACK_ENV] = "1"
    return env


def read_lines(lines: list[str]) -> tuple[FetchResult, dict[str, Any] | None]:
    """The child's JSON lines as a :class:`FetchResult`, plus its summary line if it wrote one.

    A cut last line (the child was killed mid-write) is ignored.
    """
    result = FetchResult()
    summary: dict[str, Any] | None = None
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except ValueError:
            if number != len(lines):  # a cut last line is expected when the child was killed
                result.errors.append(FetchIssue(None, f"unreadable crawler line {number}", False))
            continue
        kind = record.get("type") if isinstance(record, dict) else None
        if kind == "posting":
            try:
                result.postings.append(posting_from_record(record))
            except (TypeError, ValueError) as exc:
                result.skipped.append((f"line {number}", f"unreadable posting: {exc}"))
        elif kind == "skipped":
            result.skipped.append((str(record.get("ref")), str(record.get("reason"))))
        elif kind == "error":
            result.errors.append(
                FetchIssue(
                    record.get("url"), str(record.get("reason")), bool(record.get("temporary"))
                )
            )
        elif kind == "page":
            result.pages += 1
        elif kind == "summary":
            summary = record
    result.complete = bool(summary and summary.get("complete")) and not result.errors
    return result, summary


def posting_from_record(record: dict[str, Any]) -> RawPosting:
    data = {k: v for k, v in dict(record["posting"]).items() if k in _POSTING_FIELDS}
    for name in record.get("datetime_fields") or ():
        if isinstance(data.get(name), str):
            data[name] = dt.datetime.fromisoformat(data[name])
    return RawPosting(**data)
