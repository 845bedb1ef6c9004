"""Whole runs over a local HTTP server: the crawler child, normalising, storing, run rows."""

import json
import time

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from pytest_httpserver import HTTPServer
from werkzeug.wrappers import Response

from jobs.models import IngestRun, Job, JobSource
from jobs.tasks import ingest_all_sources

pytestmark = pytest.mark.django_db(transaction=True)

ARBEITNOW = "https://www.arbeitnow.com"
GREENHOUSE = "https://boards-api.greenhouse.io"


@pytest.fixture
def server():
    server = HTTPServer(host="127.0.0.1", port=0, threaded=True)
    server.start()
    server.expect_request("/robots.txt").respond_with_data("", status=404)
    yield server
    server.clear()
    server.stop()


def _arbeitnow_page(n: int, next_url: str | None) -> dict:
    return {
        "data": [
            {
                "slug": f"backend-{n}-{i}",
                "title": f"Backend Engineer {n}-{i}",
                "company_name": "Acme GmbH",
                "description": "<p>Python, Django and PostgreSQL. €60.000 – €75.000 per year.</p>",
                "remote": False,
                "url": f"https://www.arbeitnow.com/jobs/acme/backend-{n}-{i}",
                "tags": ["Python"],
                "job_types": ["Full Time"],
                "location": "Berlin",
                "created_at": 1_763_000_000,
            }
            for i in range(2)
        ],
        "links": {"next": next_url},
    }


def _sources(server):
    base = f"http://127.0.0.1:{server.port}"
    healthy = JobSource.objects.create(
        name="Arbeitnow local", kind="arbeitnow", config={"_rewrite_base": {ARBEITNOW: base}}
    )
    failing = JobSource.objects.create(
        name="Broken board",
        kind="greenhouse",
        config={"board_token": "broken", "_rewrite_base": {GREENHOUSE: base}},
    )

    def arbeitnow(request):
        if request.args.get("page") is None:
            page = _arbeitnow_page(1, f"{ARBEITNOW}/api/job-board-api?page=2")
        else:
            page = _arbeitnow_page(2, None)
        return Response(json.dumps(page), content_type="application/json")

    server.expect_request("/api/job-board-api").respond_with_handler(arbeitnow)
    server.expect_request("/v1/boards/broken/jobs").respond_with_data("down", status=500)
    return healthy, failing


def test_one_failing_source_does_not_stop_the_healthy_one(server, celery_eager):
    healthy, failing = _sources(server)
    assert ingest_all_sources() == 2  # eager: both runs happen in turn

    good = IngestRun.objects.get(source=healthy)
    assert (good.status, good.pages, good.new) == ("ok", 2, 4), good.errors
    assert Job.objects.filter(source=healthy, is_active=True).count() == 4
    job = Job.objects.filter(source=healthy).first()
    assert job.countries == "DE" and job.salary_currency == "EUR"

    bad = IngestRun.objects.get(source=failing)
    assert bad.status == "failed"
    assert "500" in json.dumps(bad.errors)
    assert not Job.objects.filter(source=failing).exists()


def test_the_ingest_command_prints_counts_and_exits_non_zero_on_failure(server, capsys):
    _sources(server)
    with pytest.raises(CommandError):
        call_command("ingest", "--all")
    out = capsys.readouterr().out
    assert "Arbeitnow local" in out and "new=4" in out
    assert "Broken board" in out and "failed" in out
    call_command("ingest", "--source", "Arbeitnow local")
    out = capsys.readouterr().out
    assert "unchanged=4" in out
    assert "so far" not in out  # batches are printed only at verbosity 2


def test_a_source_missing_its_api_key_fails_without_fetching(monkeypatch):
    monkeypatch.delenv("ADZUNA_APP_ID", raising=False)
    source = JobSource.objects.create(name="Adzuna", kind="adzuna", config={"country": "gb"})
    from jobs.services import source_run

    run = source_run(source_id=source.pk)
    assert run.status == "failed"
    assert "ADZUNA_APP_ID" in run.errors[0]["reason"]


def test_unknown_source_name_is_a_clear_error():
    with pytest.raises(CommandError, match="unknown source"):
        call_command("ingest", "--source", "Nope")


def _paged_source(server, on_page_2):
    """An Arbeitnow source over the local server whose page 2 calls ``on_page_2`` first."""
    base = f"http://127.0.0.1:{server.port}"
    source = JobSource.objects.create(
        name="Arbeitnow paged", kind="arbeitnow", config={"_rewrite_base": {ARBEITNOW: base}}
    )

    def arbeitnow(request):
        if request.args.get("page") is None:
            page = _arbeitnow_page(1, f"{ARBEITNOW}/api/job-board-api?page=2")
        else:
            on_page_2()
            page = _arbeitnow_page(2, None)
        return Response(json.dumps(page), content_type="application/json")

    server.expect_request("/api/job-board-api").respond_with_handler(arbeitnow)
    return source


def _page_1_stored(seen: dict):
    """A page-2 hook waiting (10 s at most) until page 1 is stored, noting what it saw."""

    def wait():
        from django.db import connection

        # The server's own thread and database connection: what an operator would see now.
        deadline = time.monotonic() + 10
        try:
            while time.monotonic() < deadline:
                run = IngestRun.objects.get(source__name="Arbeitnow paged")
                if run.new:
                    seen["jobs"] = Job.objects.filter(source=run.source).count()
                    seen["run"] = (run.status, run.fetched, run.new)
                    return
                time.sleep(0.05)
        finally:
            connection.close()

    return wait


def test_a_run_stores_each_page_while_the_next_is_fetched(server):
    from jobs.services import source_run

    seen = {}
    source = _paged_source(server, _page_1_stored(seen))
    run = source_run(source_id=source.pk)
    assert seen == {"jobs": 2, "run": ("running", 2, 2)}  # page 1 stored, counts live
    assert (run.status, run.pages, run.fetched, run.new) == ("ok", 2, 4, 4), run.errors
    assert Job.objects.filter(source=source, is_active=True).count() == 4


def test_a_storing_failure_mid_run_keeps_what_was_stored(server, monkeypatch):
    from jobs import services

    store = services.store_postings
    calls = []

    def flaky(**kwargs):
        calls.append(len(kwargs["postings"]))
        if len(calls) > 1:
            raise RuntimeError("disk full")
        return store(**kwargs)

    monkeypatch.setattr(services, "store_postings", flaky)
    seen = {}
    source = _paged_source(server, _page_1_stored(seen))
    run = services.source_run(source_id=source.pk)
    assert calls == [2, 2] and seen["jobs"] == 2
    assert run.status == "failed"
    assert run.errors[-1]["reason"] == "RuntimeError: disk full"
    assert (run.fetched, run.new) == (4, 2)  # page 2 arrived, only page 1 was stored
    assert Job.objects.filter(source=source).count() == 2


def test_the_ingest_command_prints_each_stored_batch_at_verbosity_2(server, capsys):
    seen = {}
    _paged_source(server, _page_1_stored(seen))  # page 2 waits until page 1 is stored
    call_command("ingest", "--source", "Arbeitnow paged", verbosity=2)
    lines = [" ".join(line.split()) for line in capsys.readouterr().out.splitlines()]
    assert lines[:2] == [
        "Arbeitnow paged storing fetched=2 new=2 updated=0 unchanged=0 invalid=0 so far",
        "Arbeitnow paged storing fetched=4 new=4 updated=0 unchanged=0 invalid=0 so far",
    ]
    assert len(lines) == 3 and lines[2].startswith("Arbeitnow paged ok fetched=4 new=4")
