"""The crawler's pure pieces (no child process): Retry-After, line reading, guards."""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
from types import SimpleNamespace

import pytest
from twisted.internet.error import DNSLookupError

from jobs.crawl import ALLOW_LOOPBACK_ENV
from jobs.crawl.middlewares import REFUSED_HOSTS, CheckingResolver, parse_retry_after
from jobs.crawl.netpolicy import Policy
from jobs.crawl.spider import loopback_rewrites, posting_record
from jobs.fetching import PROJECT_ROOT, LineReader, child_env
from jobs.types import RawPosting


def test_the_crawl_modules_import_without_django():
    code = (
        "import sys, jobs.crawl.spider, jobs.crawl.__main__, jobs.crawl.middlewares; "
        "assert 'django' not in sys.modules, 'django imported'; "
        "assert 'celery' not in sys.modules, 'celery imported'"
    )
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=PROJECT_ROOT, env=env, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr


NOW = dt.datetime(2026, 11, 26, 12, 0, 0, tzinfo=dt.UTC)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (b"120", 120.0),
        ("0", 0.0),
        ("Thu, 26 Nov 2026 12:00:30 GMT", 30.0),
        ("Thu, 26 Nov 2026 11:00:00 GMT", 0.0),  # a date in the past: retry now
        ("soon", None),
        ("-5", None),
        (None, None),
    ],
)
def test_retry_after_reads_seconds_and_http_dates(value, expected):
    assert parse_retry_after(value, now=NOW) == expected


def test_the_checking_resolver_refuses_private_answers_and_records_why():
    resolver = SimpleNamespace(policy=Policy())
    assert CheckingResolver._check(resolver, "93.184.216.34", "jobs.example.com") == "93.184.216.34"
    with pytest.raises(DNSLookupError):
        CheckingResolver._check(resolver, "10.0.0.5", "rebound.example.com")
    assert "private" in REFUSED_HOSTS.pop("rebound.example.com")


@pytest.mark.parametrize(
    "target", ["http://10.0.0.1:8000", "https://127.0.0.1:8000", "http://example.com", "file:///x"]
)
def test_url_rewrites_only_point_at_loopback_http(target):
    with pytest.raises(ValueError):
        loopback_rewrites({"https://www.arbeitnow.com": target})


def read_lines(lines: list[str]):
    """The lines as the crawler writes them, fed in 7-byte pieces as a growing file is read
    (lines arrive cut anywhere), the last one without its newline."""
    data = "\n".join(lines).encode("utf-8")
    reader = LineReader()
    for start in range(0, len(data), 7):
        reader.feed(data[start : start + 7])
    reader.end()
    return reader.result, reader.summary


def test_read_lines_restores_postings_and_tolerates_a_cut_last_line():
    posting = RawPosting(
        source="arbeitnow",
        external_id="a-1",
        title="Engineer",
        posted_at=dt.datetime(2026, 11, 1, 9, 30, tzinfo=dt.UTC),
        expires_at="2026-12-01",
    )
    lines = [
        json.dumps({"type": "page", "url": "u", "status": 200, "role": "list"}),
        json.dumps(posting_record(posting), default=str),
        json.dumps({"type": "skipped", "ref": "item 3", "reason": "no title", "url": "u"}),
        json.dumps({"type": "summary", "pages": 1, "items": 1, "errors": 0, "complete": True}),
        '{"type": "posting", "posting": {"sou',
    ]
    result, summary = read_lines(lines)
    assert result.postings == [posting]
    assert (result.skipped, result.pages, result.errors) == ([("item 3", "no title")], 1, [])
    assert result.complete and summary["items"] == 1


def test_read_lines_without_a_summary_is_never_complete():
    result, summary = read_lines([json.dumps({"type": "page", "url": "u", "status": 200})])
    assert summary is None and not result.complete


def test_the_child_environment_drops_django_and_sets_loopback_only_on_request(monkeypatch):
    monkeypatch.setenv("DJANGO_SETTINGS_MODULE", "careercopilot.settings")
    monkeypatch.setenv(ALLOW_LOOPBACK_ENV, "1")
    monkeypatch.setenv("ADZUNA_APP_KEY", "k")
    env = child_env(allow_loopback=False)
    assert "DJANGO_SETTINGS_MODULE" not in env and ALLOW_LOOPBACK_ENV not in env
    assert env["ADZUNA_APP_KEY"] == "k"  # adapters read their keys from the env
    assert child_env(allow_loopback=True)[ALLOW_LOOPBACK_ENV] == "1"
