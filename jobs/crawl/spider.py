"""The one spider every source kind uses: the adapter decides requests, parsing and pagination.

It writes JSON lines (see :mod:`jobs.crawl.__main__` for the format) and never raises out of a
callback: every failure (HTTP status after retries, unreadable body, timeout, robots.txt, an
unsafe URL) becomes an ``error`` line, so the parent always gets the postings that did arrive
plus an honest ``complete`` flag. ``complete`` is what allows the parent to mark postings
missing from this fetch inactive, so anything short of "every page fetched and pagination
ended by itself" (caps hit, any error, an early close) makes it false.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import IO, Any
from urllib.parse import urlsplit

import scrapy
from scrapy.exceptions import (
    CannotResolveHostError,
    DownloadCancelledError,
    DownloadConnectionRefusedError,
    DownloadTimeoutError,
    IgnoreRequest,
)
from scrapy.http import Response
from scrapy.spidermiddlewares.httperror import HttpError
from twisted.internet.error import DNSLookupError
from twisted.internet.error import TimeoutError as TwistedTimeoutError
from twisted.python.failure import Failure

from jobs.crawl.middlewares import RETRY_STATUSES, UnsafeRequest, refused_reason
from jobs.sources import get_adapter
from jobs.sources.base import ParseError, ParseResult, RequestSpec
from jobs.sources.helpers import number
from jobs.sources.jsonld import extract_job_links
from jobs.types import RawPosting

HTML_ACCEPT = {"Accept": "text/html,application/xhtml+xml;q=0.9,*/*;q=0.5"}
LOOPBACK_HOSTS = frozenset({"127.0.0.1", "localhost", "::1"})


@dataclass(frozen=True, slots=True)
class Caps:
    """Per-crawl limits and politeness knobs (the parent decides them)."""

    max_pages: int = 20  # listing / API pages, all initial requests and pagination together
    max_items: int = 5000
    max_links: int = 200  # job-detail pages followed from a careers page (jsonld)
    timeout: float = 30.0  # per request (Scrapy DOWNLOAD_TIMEOUT)
    total_timeout: float = 600.0
    max_retries: int = 3
    backoff_base: float = 1.0
    delay: float = 0.5  # minimum delay between requests to one host (AutoThrottle floor)
    max_bytes: int = 10 * 1024 * 1024
    user_agent: str = "CareerCopilotBot/0.1"
    ignore_robots: bool = False
    http_cache_dir: str | None = None


def crawl_settings(caps: Caps, *, ssrf: bool, allow_loopback: bool) -> dict[str, Any]:
    """Scrapy settings for one crawl (no Scrapy project, no settings module)."""
    middlewares: dict[str, int | None] = {
        "scrapy.downloadermiddlewares.retry.RetryMiddleware": None,
        "jobs.crawl.middlewares.BackoffRetryMiddleware": 550,
        "jobs.crawl.middlewares.SSRFMiddleware": 40,  # before robots.txt (100) is fetched
    }
    settings: dict[str, Any] = {
        "BOT_NAME": "careercopilot",
        "USER_AGENT": caps.user_agent,
        "ROBOTSTXT_OBEY": not caps.ignore_robots,
        "AUTOTHROTTLE_ENABLED": True,
        "AUTOTHROTTLE_START_DELAY": max(caps.delay, 0.0),
        "AUTOTHROTTLE_MAX_DELAY": 30.0,
        "AUTOTHROTTLE_TARGET_CONCURRENCY": 1.0,
        "DOWNLOAD_DELAY": max(caps.delay, 0.0),
        "CONCURRENT_REQUESTS": 4,
        "CONCURRENT_REQUESTS_PER_DOMAIN": 2,
        "DOWNLOAD_TIMEOUT": caps.timeout,
        "DOWNLOAD_MAXSIZE": caps.max_bytes,
        "DOWNLOAD_WARNSIZE": caps.max_bytes,
        "RETRY_TIMES": caps.max_retries,
        "CAREERCOPILOT_BACKOFF_BASE": caps.backoff_base,
        "CAREERCOPILOT_RETRY_AFTER_MAX": 120.0,
        "CAREERCOPILOT_SSRF_CHECK": ssrf,
        "CAREERCOPILOT_ALLOW_LOOPBACK": allow_loopback,
        "DOWNLOADER_MIDDLEWARES": middlewares,
        "REDIRECT_MAX_TIMES": 5,
        "COOKIES_ENABLED": False,
        "TELNETCONSOLE_ENABLED": False,
        # Scrapy 2.19 starts a localhost HTTP server with an /execute endpoint by default.
        "REMOTE_CONTROL_ENABLED": False,
        "HTTPCACHE_ENABLED": bool(caps.http_cache_dir),
        "HTTPCACHE_DIR": caps.http_cache_dir or "httpcache",
        "CLOSESPIDER_TIMEOUT": caps.total_timeout,
        "LOG_LEVEL": "WARNING",
        "STATS_DUMP": False,
    }
    if ssrf:
        settings["TWISTED_DNS_RESOLVER"] = "jobs.crawl.middlewares.CheckingResolver"
    return settings


def loopback_rewrites(value: Any) -> dict[str, str]:
    """The test-only ``_rewrite_base`` map, validated: every target must be a loopback URL.

    Adapters build requests for fixed public hosts; tests point them at a local server by
    rewriting URL prefixes (``{"https://www.arbeitnow.com": "http://127.0.0.1:PORT"}``).
    Restricting targets to loopback means a config can never use it to reach another host.
    """
    if value is None:
        return {}
    if not isinstance(value, Mapping):
        raise ValueError("_rewrite_base must be an object of URL prefix -> loopback base URL")
    for prefix, target in value.items():
        parts = urlsplit(str(target))
        if parts.scheme != "http" or (parts.hostname or "") not in LOOPBACK_HOSTS or not prefix:
            raise ValueError(f"_rewrite_base target {target!r} is not a loopback http URL")
    return {str(k): str(v).rstrip("/") for k, v in value.items()}


def _json_default(value: Any) -> Any:
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    if isinstance(value, set | frozenset | tuple):
        return list(value)
    return str(value)


class LineSink:
    """Writes one JSON object per line and flushes, so a killed child still leaves its lines."""

    def __init__(self, stream: IO[str]) -> None:
        self.stream = stream

    def write(self, record: Mapping[str, Any]) -> None:
        self.stream.write(json.dumps(record, default=_json_default, ensure_ascii=False) + "\n")
        self.stream.flush()


def posting_record(posting: RawPosting) -> dict[str, Any]:
    data = dataclasses.asdict(posting)
    stamped = [k for k, v in data.items() if isinstance(v, dt.datetime)]
    return {"type": "posting", "posting": data, "datetime_fields": stamped}


def describe_failure(failure: Failure, *, max_bytes: int) -> tuple[str, bool]:
    """``(reason, temporary)`` for a request that failed for good (after retries)."""
    exc = failure.value
    if isinstance(exc, HttpError):
        status = exc.response.status
        reason = f"HTTP {status}"
        refused_wait = exc.response.meta.get("retry_after_refused")
        if refused_wait is not None:
            reason += f" (Retry-After {refused_wait:.0f}s is above the cap)"
        return reason, status in RETRY_STATUSES
    if isinstance(exc, UnsafeRequest):
        return str(exc), False
    if isinstance(exc, IgnoreRequest):
        text = str(exc) or "request ignored"
        return ("robots.txt disallows this URL" if "robots" in text else text), False
    if isinstance(exc, DownloadTimeoutError | TwistedTimeoutError | TimeoutError):
        return f"timeout: {exc}", True
    if isinstance(exc, DownloadCancelledError):  # Scrapy cancels bodies past DOWNLOAD_MAXSIZE
        return f"response larger than the {max_bytes}-byte cap {exc}".strip(), False
    refused = refused_reason(failure.request) if hasattr(failure, "request") else None
    if refused:
        return f"unsafe URL refused: {refused}", False
    if isinstance(exc, CannotResolveHostError | DNSLookupError | DownloadConnectionRefusedError):
        return f"{type(exc).__name__}: {exc}", True
    return f"{type(exc).__name__}: {exc}", True


class SourceSpider(scrapy.Spider):
    """Fetch one configured source through its adapter and write what it finds as JSON lines."""

    name = "careercopilot_source"

    def __init__(self, *, kind: str, config: Mapping[str, Any], caps: Caps, sink: LineSink) -> None:
        super().__init__()
        self.kind = kind
        self.adapter = get_adapter(kind)
        self.caps = caps
        self.sink = sink
        self.rewrites = loopback_rewrites(config.get("_rewrite_base"))
        own_cap = number(config.get("max_pages"))
        self.page_limit = caps.max_pages
        if own_cap is not None and own_cap >= 1:
            self.page_limit = min(self.page_limit, int(own_cap))
        # One more than our cap, so the adapter's own cap never ends pagination silently: we
        # want to *see* that a next page exists and report the fetch as capped.
        self.adapter_config = {**config, "max_pages": self.page_limit + 1}
        self.pages = self.items = self.errors = 0
        self.list_requests = self.detail_requests = 0
        self.capped: str | None = None
        self.close_reason: str | None = None
        self.seen_ids: set[str] = set()
        self.seen_links: set[str] = set()

    # ------------------------------------------------------------------------ requests

    async def start(self):
        try:
            specs = self.adapter.build_requests(self.adapter_config)
        except Exception as exc:
            self.error(None, f"cannot build requests: {exc}", temporary=False)
            return
        for spec in specs:
            request = self.list_request(spec, page_no=1)
            if request is not None:
                yield request

    def rewrite(self, url: str) -> str:
        for prefix, target in self.rewrites.items():
            if url.startswith(prefix):
                return target + url[len(prefix) :]
        return url

    def list_request(self, spec: RequestSpec, *, page_no: int) -> scrapy.Request | None:
        if self.list_requests >= self.page_limit:
            self.capped = self.capped or "max_pages"
            return None
        self.list_requests += 1
        return scrapy.Request(
            self.rewrite(spec["url"]),
            method=spec.get("method") or "GET",
            headers=spec.get("headers") or {},
            body=spec.get("body") or b"",
            callback=self.on_response,
            errback=self.on_failure,
            meta={"role": "list", "page_no": page_no},
        )

    def detail_requests_for(self, links: list[str]) -> Iterator[scrapy.Request]:
        for link in links:
            if link in self.seen_links:
                continue
            if self.detail_requests >= min(self.caps.max_links, self.caps.max_items):
                self.capped = self.capped or "max_links"
                return
            self.seen_links.add(link)
            self.detail_requests += 1
            yield scrapy.Request(
                link,
                headers=HTML_ACCEPT,
                callback=self.on_response,
                errback=self.on_failure,
                meta={"role": "detail"},
            )

    # ------------------------------------------------------------------------ responses

    def on_response(self, response: Response) -> Iterator[scrapy.Request]:
        self.pages += 1
        role = response.meta.get("role")
        self.sink.write(
            {"type": "page", "url": response.url, "status": response.status, "role": role}
        )
        if self.capped == "max_items":
            return
        if role == "detail":
            self.handle_detail(response)
            return
        yield from self.handle_list(response)

    def handle_list(self, response: Response) -> Iterator[scrapy.Request]:
        body = response.body
        result, problem = self.parse(body, self.adapter_config)
        if result is not None:
            self.emit(result, response.url)
        if self.kind == "jsonld":
            follow = self.adapter_config.get("follow_links") is not False  # off: one job page
            links = (
                extract_job_links(response.text, response.url)
                if follow and hasattr(response, "text")
                else []
            )
            if problem and not links:
                self.error(response.url, problem, temporary=False)
            yield from self.detail_requests_for(links)
            return
        if problem:
            self.error(response.url, problem, temporary=False)
            return  # an unreadable page has no trustworthy "next" link
        if self.capped:
            return
        try:
            spec = self.adapter.next_page(self.adapter_config, body, response.meta["page_no"])
        except Exception as exc:
            self.error(response.url, f"next_page failed: {type(exc).__name__}: {exc}", False)
            return
        if spec is None:
            return
        if self.items >= self.caps.max_items:
            self.capped = "max_items"
            return
        request = self.list_request(spec, page_no=response.meta["page_no"] + 1)
        if request is not None:
            yield request

    def handle_detail(self, response: Response) -> None:
        config = {**self.adapter_config, "url": response.url}
        config.pop("external_id", None)  # an explicit id belongs to the configured page only
        result, problem = self.parse(response.body, config)
        if problem:
            self.sink.write(
                {"type": "skipped", "ref": response.url, "reason": problem, "url": response.url}
            )
        elif result is not None:
            self.emit(result, response.url)

    def parse(
        self, body: bytes, config: Mapping[str, Any]
    ) -> tuple[ParseResult | None, str | None]:
        try:
            return self.adapter.parse(body, config), None
        except ParseError as exc:
            return None, str(exc)
        except Exception as exc:  # an adapter bug must not take the crawl down
            return None, f"{self.kind}: parser failed: {type(exc).__name__}: {exc}"

    def emit(self, result: ParseResult, url: str) -> None:
        for ref, reason in result.skipped:
            self.sink.write({"type": "skipped", "ref": ref, "reason": reason, "url": url})
        for posting in result.postings:
            if posting.external_id in self.seen_ids:
                continue
            if self.items >= self.caps.max_items:
                self.capped = "max_items"
                return
            self.seen_ids.add(posting.external_id)
            self.sink.write(posting_record(posting))
            self.items += 1

    # ------------------------------------------------------------------------ failures

    def on_failure(self, failure: Failure) -> None:
        request = getattr(failure, "request", None)
        reason, temporary = describe_failure(failure, max_bytes=self.caps.max_bytes)
        self.error(request.url if request is not None else None, reason, temporary)

    def error(self, url: str | None, reason: str, temporary: bool) -> None:
        self.errors += 1
        self.sink.write({"type": "error", "url": url, "reason": reason, "temporary": temporary})

    def closed(self, reason: str) -> None:
        self.close_reason = reason
        if reason != "finished":
            self.error(None, f"crawl stopped early: {reason}", temporary=True)

    def summary(self) -> dict[str, Any]:
        complete = self.errors == 0 and self.capped is None and self.close_reason == "finished"
        return {
            "type": "summary",
            "pages": self.pages,
            "items": self.items,
            "errors": self.errors,
            "complete": complete,
            "capped": self.capped,
        }
