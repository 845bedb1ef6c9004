"""``fetch_source`` end to end: a real crawler child process against a local server.

Adapters build requests for their public hosts; the test-only ``_rewrite_base`` config key
points them at the local server (loopback targets only, see ``jobs.crawl.spider``).
"""

from __future__ import annotations

import datetime as dt
import json
import threading
import time

import pytest
from werkzeug import Request, Response

from jobs.fetching import fetch_source

API_PATH = "/api/job-board-api"
FAST = {"delay": 0, "backoff_base": 0.05, "timeout": 5, "total_timeout": 60}


def arbeitnow_page(page: int, last: int, per_page: int = 2) -> dict:
    following = f"https://www.arbeitnow.com{API_PATH}?page={page + 1}" if page < last else None
    return {
        "data": [
            {
                "slug": f"job-{page}-{i}",
                "title": f"Engineer {page}-{i}",
                "company_name": "Acme",
                "description": "<p>Build things.</p>",
                "remote": True,
                "url": f"https://www.arbeitnow.com/jobs/job-{page}-{i}",
                "tags": ["Python"],
                "job_types": ["full time"],
                "location": "Berlin",
                "created_at": 1_760_000_000,
            }
            for i in range(per_page)
        ],
        "links": {"next": following},
    }


def serve_arbeitnow(server, pages: int, per_page: int = 2) -> None:
    def handler(request: Request) -> Response:
        page = int(request.args.get("page", 1))
        return Response(
            json.dumps(arbeitnow_page(page, pages, per_page)), content_type="application/json"
        )

    server.expect_request(API_PATH).respond_with_handler(handler)


def crawl(server, kind: str = "arbeitnow", config: dict | None = None, **options):
    base = f"http://127.0.0.1:{server.port}"
    config = {"_rewrite_base": {"https://www.arbeitnow.com": base}, **(config or {})}
    return fetch_source(kind=kind, config=config, **{**FAST, **options})


def requested(server, path: str) -> list:
    return [req for req, _resp in server.log if req.path == path]


def test_pagination_is_followed_to_the_last_page(server):
    serve_arbeitnow(server, pages=3)
    result = crawl(server, user_agent="CareerCopilotBot/test (+ops@example.com)")
    assert [p.external_id for p in result.postings] == [
        "job-1-0", "job-1-1", "job-2-0", "job-2-1", "job-3-0", "job-3-1"
    ]  # fmt: skip
    assert (result.pages, result.errors, result.complete) == (3, [], True)
    assert isinstance(result.postings[0].posted_at, dt.datetime)  # datetimes survive the trip
    pages = [req.args.get("page") for req in requested(server, API_PATH)]
    assert pages == [None, "2", "3"]
    assert all("ops@example.com" in req.headers["User-Agent"] for req, _ in server.log)


def test_page_cap_stops_pagination_and_marks_the_fetch_incomplete(server):
    serve_arbeitnow(server, pages=3)
    result = crawl(server, max_pages=2)
    assert len(result.postings) == 4
    assert (result.pages, result.complete) == (2, False)
    assert len(requested(server, API_PATH)) == 2


def test_item_cap_is_respected(server):
    serve_arbeitnow(server, pages=3, per_page=2)
    result = crawl(server, max_items=3)
    assert [p.external_id for p in result.postings] == ["job-1-0", "job-1-1", "job-2-0"]
    assert not result.complete
    assert len(requested(server, API_PATH)) == 2  # no page fetched once the cap was reached


def test_429_with_retry_after_is_waited_out_then_succeeds(server):
    seen: list[float] = []

    def handler(_request: Request) -> Response:
        seen.append(time.monotonic())
        if len(seen) == 1:
            return Response("slow down", status=429, headers={"Retry-After": "1"})
        return Response(json.dumps(arbeitnow_page(1, 1)), content_type="application/json")

    server.expect_request(API_PATH).respond_with_handler(handler)
    result = crawl(server)  # backoff_base is 0.05 s: only Retry-After explains a 1 s wait
    assert len(seen) == 2
    assert seen[1] - seen[0] >= 0.95
    assert (len(result.postings), result.errors, result.complete) == (2, [], True)


def test_a_retry_after_beyond_the_cap_gives_up_at_once_as_temporary(server):
    server.expect_request(API_PATH).respond_with_data(
        "come back tomorrow", status=429, headers={"Retry-After": "86400"}
    )
    result = crawl(server)
    assert len(requested(server, API_PATH)) == 1
    assert len(result.errors) == 1 and result.errors[0].temporary
    assert "Retry-After 86400s" in result.errors[0].reason


def test_500_is_retried_with_backoff_then_succeeds(server):
    calls: list[float] = []

    def handler(_request: Request) -> Response:
        calls.append(time.monotonic())
        if len(calls) == 1:
            return Response("oops", status=500)
        return Response(json.dumps(arbeitnow_page(1, 1)), content_type="application/json")

    server.expect_request(API_PATH).respond_with_handler(handler)
    result = crawl(server)
    assert len(calls) == 2
    assert (len(result.postings), result.complete) == (2, True)


def test_a_persistent_503_gives_up_after_the_retries_with_a_temporary_error(server):
    server.expect_request(API_PATH).respond_with_data("down", status=503)
    result = crawl(server, max_retries=2)
    assert len(requested(server, API_PATH)) == 3
    assert [(e.reason, e.temporary) for e in result.errors] == [("HTTP 503", True)]
    assert (result.postings, result.complete) == ([], False)


class SlowHandler:
    """Answers after ``delay`` seconds, unless released; ``drain()`` lets every pending answer
    finish so a late reply never lands in the next test's server log."""

    def __init__(self, delay: float, body: str) -> None:
        self.delay, self.body = delay, body
        self.gate = threading.Event()
        self.started = 0

    def __call__(self, _request: Request) -> Response:
        self.started += 1
        self.gate.wait(self.delay)
        return Response(self.body, content_type="application/json")

    def drain(self, server) -> None:
        self.gate.set()
        deadline = time.monotonic() + 10
        while len(requested(server, API_PATH)) < self.started and time.monotonic() < deadline:
            time.sleep(0.05)


def test_a_timeout_is_reported_as_a_temporary_error(server):
    slow = SlowHandler(2, json.dumps(arbeitnow_page(1, 1)))
    server.expect_request(API_PATH).respond_with_handler(slow)
    result = crawl(server, timeout=0.5, max_retries=1)
    slow.drain(server)
    assert len(result.errors) == 1
    assert result.errors[0].temporary and "timeout" in result.errors[0].reason.lower()
    assert (result.postings, result.complete) == ([], False)


def test_a_malformed_body_is_an_error_with_the_parser_reason(server):
    server.expect_request(API_PATH).respond_with_data('{"data": [', content_type="application/json")
    result = crawl(server)
    assert len(result.errors) == 1
    error = result.errors[0]
    assert error.reason.startswith("arbeitnow:") and not error.temporary
    assert error.url.endswith(API_PATH)
    assert not result.complete


def test_robots_txt_disallow_is_obeyed(server):
    server.clear()
    server.expect_request("/robots.txt").respond_with_data("User-agent: *\nDisallow: /api/\n")
    serve_arbeitnow(server, pages=1)
    result = crawl(server)
    assert requested(server, API_PATH) == []
    assert [(e.reason, e.temporary) for e in result.errors] == [
        ("robots.txt disallows this URL", False)
    ]
    assert not result.complete


def test_the_operator_can_turn_robots_txt_off_for_a_source(server):
    server.clear()
    server.expect_request("/robots.txt").respond_with_data("User-agent: *\nDisallow: /\n")
    serve_arbeitnow(server, pages=1)
    result = crawl(server, config={"ignore_robots": True})
    assert (len(result.postings), result.complete) == (2, True)
    assert requested(server, "/robots.txt") == []


JOB_PAGE = """<html><head><script type="application/ld+json">{json}</script></head>
<body><h1>{title}</h1></body></html>"""


def job_ld(title: str, ident: str) -> str:
    return JOB_PAGE.format(
        title=title,
        json=json.dumps(
            {
                "@context": "https://schema.org",
                "@type": "JobPosting",
                "title": title,
                "identifier": {"@type": "PropertyValue", "value": ident},
                "hiringOrganization": {"@type": "Organization", "name": "Acme"},
                "datePosted": "2026-11-01",
                "jobLocation": {"@type": "Place", "address": {"addressLocality": "Berlin"}},
            }
        ),
    )


def test_a_careers_page_is_followed_to_its_job_pages(server):
    server.expect_request("/careers").respond_with_data(
        '<a href="/jobs/4101-backend-engineer">Backend</a>'
        '<a href="/jobs/4102-data-engineer">Data</a>'
        '<a href="/about">About us</a>',
        content_type="text/html",
    )
    server.expect_request("/jobs/4101-backend-engineer").respond_with_data(
        job_ld("Backend Engineer", "4101"), content_type="text/html"
    )
    server.expect_request("/jobs/4102-data-engineer").respond_with_data(
        job_ld("Data Engineer", "4102"), content_type="text/html"
    )
    url = server.url_for("/careers").replace("localhost", "127.0.0.1")
    result = crawl(server, kind="jsonld", config={"url": url}, allow_loopback=True)
    assert sorted((p.external_id, p.title) for p in result.postings) == [
        ("4101", "Backend Engineer"),
        ("4102", "Data Engineer"),
    ]
    assert result.postings[0].url.startswith(f"http://127.0.0.1:{server.port}/jobs/")
    assert (result.pages, result.errors, result.complete) == (3, [], True)
    assert requested(server, "/about") == []


@pytest.mark.parametrize("target", ["http://169.254.169.254/latest/meta-data/", "http://10.1.2.3/"])
def test_a_redirect_to_a_private_address_is_refused(server, target):
    server.expect_request("/careers").respond_with_data(
        "", status=302, headers={"Location": target}
    )
    url = f"http://127.0.0.1:{server.port}/careers"
    started = time.monotonic()
    result = crawl(server, kind="jsonld", config={"url": url}, allow_loopback=True)
    assert time.monotonic() - started < 5  # refused, not a connect attempt timing out
    assert len(result.errors) == 1
    error = result.errors[0]
    assert error.reason.startswith("unsafe URL refused") and not error.temporary
    assert error.url == target
    assert (result.postings, result.complete) == ([], False)


def test_a_user_supplied_url_on_loopback_is_refused_unless_tests_allow_it(server):
    server.expect_request("/careers").respond_with_data(job_ld("X", "1"), content_type="text/html")
    url = f"http://127.0.0.1:{server.port}/careers"
    result = crawl(server, kind="jsonld", config={"url": url})
    assert "loopback" in result.errors[0].reason and not result.errors[0].temporary
    assert server.log == []  # not even robots.txt was fetched


def test_a_response_above_the_size_cap_is_a_permanent_error(server):
    server.expect_request(API_PATH).respond_with_data(
        "x" * 200_000, content_type="application/json"
    )
    result = crawl(server, max_bytes=50_000)
    assert len(result.errors) == 1 and not result.errors[0].temporary
    assert not result.complete


def test_a_crawl_past_the_total_time_limit_is_stopped_and_reported_temporary(server):
    very_slow = SlowHandler(4, "{}")
    server.expect_request(API_PATH).respond_with_handler(very_slow)
    started = time.monotonic()
    result = crawl(server, timeout=30, total_timeout=2.5)
    elapsed = time.monotonic() - started
    very_slow.drain(server)
    assert elapsed < 4
    assert result.errors and all(e.temporary for e in result.errors)
    assert not result.complete


def test_a_config_the_adapter_cannot_use_is_an_error_without_network(server):
    result = crawl(server, kind="greenhouse", config={})
    assert "board_token" in result.errors[0].reason and not result.errors[0].temporary
    assert (result.pages, result.complete, server.log) == (0, False, [])


def test_a_single_job_page_can_be_read_without_following_its_links(server):
    page = job_ld("Backend Engineer", "4101").replace(
        "<body>", '<body><a href="/jobs/4102-data-engineer">Similar job</a>'
    )
    server.expect_request("/jobs/4101-backend-engineer").respond_with_data(
        page, content_type="text/html"
    )
    url = f"http://127.0.0.1:{server.port}/jobs/4101-backend-engineer"
    config = {"url": url, "follow_links": False}
    result = crawl(server, kind="jsonld", config=config, allow_loopback=True)
    assert [p.title for p in result.postings] == ["Backend Engineer"]
    assert requested(server, "/jobs/4102-data-engineer") == []
    assert result.complete


class HeldPage:
    """Serves the Arbeitnow pages; page ``held`` is answered only once ``gate`` is set (or
    after 10 s), and records whether it was by then."""

    def __init__(self, pages: int, held: int) -> None:
        self.pages, self.held = pages, held
        self.gate = threading.Event()
        self.released: bool | None = None

    def __call__(self, request: Request) -> Response:
        page = int(request.args.get("page", 1))
        if page == self.held:
            self.released = self.gate.wait(10)
        return Response(
            json.dumps(arbeitnow_page(page, self.pages)), content_type="application/json"
        )


def test_postings_are_handed_over_while_the_crawler_waits_for_the_next_page(server):
    held = HeldPage(pages=3, held=2)
    server.expect_request(API_PATH).respond_with_handler(held)
    batches = []

    def store(postings, skipped):
        batches.append(([p.external_id for p in postings], skipped))
        held.gate.set()  # page 2 is answered only after page 1's postings arrived here

    result = crawl(server, on_postings=store)
    assert held.released is True
    assert batches[0] == (["job-1-0", "job-1-1"], [])
    assert [i for ids, _ in batches for i in ids] == [
        "job-1-0", "job-1-1", "job-2-0", "job-2-1", "job-3-0", "job-3-1"
    ]  # fmt: skip
    assert (result.postings, result.skipped) == ([], [])  # all handed over, none kept
    assert (result.pages, result.errors, result.complete) == (3, [], True)


def test_skipped_items_are_handed_over_with_the_postings(server):
    page = arbeitnow_page(1, 1)
    page["data"].append({"slug": "no-title", "company_name": "Acme"})
    server.expect_request(API_PATH).respond_with_json(page)
    batches = []
    result = crawl(
        server, on_postings=lambda postings, skipped: batches.append((postings, skipped))
    )
    assert sum(len(postings) for postings, _ in batches) == 2
    assert [ref for _, skipped in batches for ref, _reason in skipped] == ["#2 id=no-title"]
    assert result.complete


def test_a_failing_handler_stops_the_crawl_and_propagates(server):
    held = HeldPage(pages=3, held=2)
    server.expect_request(API_PATH).respond_with_handler(held)

    def broken(postings, skipped):
        raise RuntimeError("database went away")

    with pytest.raises(RuntimeError, match="database went away"):
        crawl(server, on_postings=broken)
    held.gate.set()  # page 2 is answered now; the crawler was killed before it could go on
    time.sleep(0.3)
    assert [req.args.get("page") for req in requested(server, API_PATH)] == [None, "2"]
