"""Fetching a source over the network: run the crawler in a child interpreter, read its lines.

Scrapy cannot run in a Django process here (see STACK_NOTES, "Scrapy inside a Django process:
don't"), so :func:`fetch_source` spawns ``python -m jobs.crawl`` without
``DJANGO_SETTINGS_MODULE``, lets it write JSON lines to a temporary file (flushed line by line,
so a killed child still leaves what it fetched), follows that file as it grows and turns the
lines back into :class:`~jobs.types.RawPosting` objects, handed over while the crawl goes on.
The child owns politeness (robots.txt, AutoThrottle, retries honouring ``Retry-After``) and
the SSRF policy; this side owns the hard wall-clock limit. No ORM here: the ingest service
stores what is handed over.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import json
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO

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


#: How often the parent looks for new lines while the crawler runs.
POLL_SECONDS = 0.1
#: Postings handed to ``on_postings`` at most at once (one storing batch).
HANDOVER_BATCH = 500

#: Receives postings and skipped items ``(item_ref, reason)`` as the crawl produces them.
PostingsHandler = Callable[[list[RawPosting], list[tuple[str, str]]], None]


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
    on_postings: PostingsHandler | None = None,
) -> FetchResult:
    """Crawl one source in a child process and return its postings, skips and errors.

    ``timeout`` bounds each request, ``total_timeout`` the whole crawl: the child stops itself
    shortly before it, and is killed at it (reported as a temporary error). ``allow_loopback``
    is for tests against a local server; ``max_bytes`` caps each response body. Never raises
    for network or source problems.

    With ``on_postings``, postings and skipped items are handed over while the crawl goes on
    (whenever the crawler waits on the network, or ``HANDOVER_BATCH`` postings are waiting),
    so they can be stored before the last page arrives, and the result keeps none of them.
    An exception from the handler kills the crawl and propagates.
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
    reader = LineReader()
    with tempfile.TemporaryDirectory(prefix="cc-crawl-") as tmp:
        out, err = Path(tmp) / "lines.jsonl", Path(tmp) / "stderr.log"
        out.touch()
        # stderr to a file, not a pipe: nobody drains a pipe while the lines are followed,
        # and Scrapy's log would fill it and stall the child.
        with out.open("rb") as lines, err.open("wb") as stderr:
            process = subprocess.Popen(  # noqa: S603 - fixed argv, no shell
                [*command, "--out", str(out)],
                cwd=PROJECT_ROOT,
                env=child_env(allow_loopback=allow_loopback),
                stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL,
                stderr=stderr,
            )
            try:
                killed = _follow(process, lines, reader, on_postings, total_timeout)
            except BaseException:
                process.kill()
                process.wait()
                raise
        stderr_tail = err.read_text(encoding="utf-8", errors="replace").strip().splitlines()[-1:]
    reader.end()
    if on_postings is not None and reader.waiting:
        on_postings(*reader.take())
    result, summary = reader.result, reader.summary
    if killed:
        result.complete = False
        result.errors.append(
            FetchIssue(None, f"crawl killed after the {total_timeout:g}s total time limit", True)
        )
    elif process.returncode != 0 or summary is None:
        tail = stderr_tail or ["no output"]
        result.complete = False
        result.errors.append(
            FetchIssue(
                None, f"crawler exited with code {process.returncode}: {tail[0][:300]}", False
            )
        )
    return result


def _follow(
    process: subprocess.Popen,
    lines: BinaryIO,
    reader: LineReader,
    on_postings: PostingsHandler | None,
    total_timeout: float,
) -> bool:
    """Read the child's lines until it exits (or is killed at ``total_timeout``: returns
    True), handing postings over as they come."""
    deadline = time.monotonic() + total_timeout
    while True:
        running = process.poll() is None
        data = lines.read()  # read after polling: an exited child's last lines are all there
        reader.feed(data)
        # Hand over when the crawler is waiting (nothing new came) or a batch is full.
        full = len(reader.result.postings) >= HANDOVER_BATCH
        if on_postings is not None and reader.waiting and (full or not data):
            on_postings(*reader.take())
        if not running:
            return False
        if time.monotonic() >= deadline:
            process.kill()
            process.wait()
            reader.feed(lines.read())
            return True
        if not data:
            with contextlib.suppress(subprocess.TimeoutExpired):
                process.wait(timeout=POLL_SECONDS)


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


class LineReader:
    """The child's JSON lines, fed as they are written, as a :class:`FetchResult`.

    Only whole lines are read; what follows the last newline waits for more. At the end, a
    cut last line (the child was killed mid-write) is ignored.
    """

    def __init__(self) -> None:
        self.result = FetchResult()
        self.summary: dict[str, Any] | None = None
        self._number = 0
        self._rest = b""

    def feed(self, data: bytes) -> None:
        if not data:
            return
        *whole, self._rest = (self._rest + data).split(b"\n")
        for line in whole:
            self._line(line.decode("utf-8", "replace"), cut=False)

    def end(self) -> None:
        """No more lines will come: read a last unterminated one, settle ``complete``."""
        if self._rest.strip():
            self._line(self._rest.decode("utf-8", "replace"), cut=True)
        self._rest = b""
        result = self.result
        result.complete = bool(self.summary and self.summary.get("complete")) and not result.errors

    @property
    def waiting(self) -> bool:
        """Postings or skipped items read and not taken yet."""
        return bool(self.result.postings or self.result.skipped)

    def take(self) -> tuple[list[RawPosting], list[tuple[str, str]]]:
        """The postings and skipped items read since the last call (the result forgets them)."""
        taken = self.result.postings, self.result.skipped
        self.result.postings, self.result.skipped = [], []
        return taken

    def _line(self, line: str, *, cut: bool) -> None:
        self._number += 1
        number, result = self._number, self.result
        if not line.strip():
            return
        try:
            record = json.loads(line)
        except ValueError:
            if not cut:  # a cut last line is expected when the child was killed
                result.errors.append(FetchIssue(None, f"unreadable crawler line {number}", False))
            return
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
            self.summary = record


def posting_from_record(record: dict[str, Any]) -> RawPosting:
    data = {k: v for k, v in dict(record["posting"]).items() if k in _POSTING_FIELDS}
    for name in record.get("datetime_fields") or ():
        if isinstance(data.get(name), str):
            data[name] = dt.datetime.fromisoformat(data[name])
    return RawPosting(**data)
