"""Scrapy pieces the crawler adds: SSRF checks, a checking DNS resolver, polite retries.

* :class:`SSRFMiddleware` runs :func:`jobs.crawl.netpolicy.check_url` (in a thread: it calls
  ``getaddrinfo``) on every request of a user-supplied source, before robots.txt is consulted.
  Redirects are covered because Scrapy's RedirectMiddleware returns a *new* request that goes
  through the downloader middlewares again; robots.txt requests go through them too.
* :class:`CheckingResolver` closes the DNS-rebinding window between that check and Scrapy's own
  connect: it is the resolver Scrapy connects with, and it refuses any answer the policy
  refuses, so the address actually dialled is always a checked one (IP literals never reach a
  resolver; the middleware has judged those).
* :class:`BackoffRetryMiddleware` replaces Scrapy's RetryMiddleware, which neither waits nor
  reads ``Retry-After``: on 429/503 it waits what ``Retry-After`` asks (seconds or an HTTP
  date; a wait above the cap is not honoured by hammering earlier, the request gives up and
  the error is recorded), otherwise exponential backoff with jitter; then it returns the retry
  request. The wait is an ``await asyncio.sleep`` inside an ``async def`` middleware method,
  which Scrapy (2.13+) awaits on the asyncio reactor without blocking other downloads.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import ipaddress
import logging
import random
from email.utils import parsedate_to_datetime
from typing import TYPE_CHECKING, Any

from scrapy.downloadermiddlewares.retry import get_retry_request
from scrapy.exceptions import CannotResolveHostError, IgnoreRequest, NotConfigured
from scrapy.resolver import CachingThreadedResolver
from scrapy.utils.defer import maybe_deferred_to_future
from scrapy.utils.httpobj import urlparse_cached
from scrapy.utils.misc import load_object
from twisted.internet import threads
from twisted.internet.error import DNSLookupError

from jobs.crawl.netpolicy import (
    FetchTemporaryError,
    Policy,
    UnsafeURLError,
    address_problem,
    check_url,
)

if TYPE_CHECKING:
    from scrapy.crawler import Crawler
    from scrapy.http import Request, Response

RETRY_STATUSES = frozenset({408, 429, 500, 502, 503, 504, 522, 524})
RETRY_AFTER_STATUSES = frozenset({429, 503})


class UnsafeRequest(IgnoreRequest):
    """A request the SSRF policy refused (permanent; never retried)."""


def policy_from_settings(settings: Any) -> Policy:
    return Policy(allow_loopback=settings.getbool("CAREERCOPILOT_ALLOW_LOOPBACK"))


class SSRFMiddleware:
    """Refuse requests whose URL or resolved address the SSRF policy forbids."""

    def __init__(self, crawler: Crawler) -> None:
        if not crawler.settings.getbool("CAREERCOPILOT_SSRF_CHECK"):
            raise NotConfigured
        self.policy = policy_from_settings(crawler.settings)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> SSRFMiddleware:
        return cls(crawler)

    async def process_request(self, request: Request) -> None:
        try:
            await maybe_deferred_to_future(
                threads.deferToThread(check_url, request.url, self.policy)
            )
        except UnsafeURLError as exc:
            raise UnsafeRequest(f"unsafe URL refused: {exc}") from None
        except FetchTemporaryError as exc:
            raise CannotResolveHostError(str(exc)) from None  # retried like any DNS failure


# host -> reason, filled by CheckingResolver (one crawl per process, so process-wide is fine)
REFUSED_HOSTS: dict[str, str] = {}


class CheckingResolver(CachingThreadedResolver):
    """Scrapy's default resolver, refusing answers the SSRF policy forbids."""

    policy: Policy = Policy()

    @classmethod
    def from_crawler(cls, crawler: Any, reactor: Any) -> CheckingResolver:
        resolver = super().from_crawler(crawler, reactor)
        resolver.policy = policy_from_settings(crawler.settings)
        return resolver

    def getHostByName(self, name: str, timeout: Any = ()) -> Any:
        deferred = super().getHostByName(name, timeout)
        deferred.addCallback(self._check, name)
        return deferred

    def _check(self, address: str, name: str) -> str:
        ip = ipaddress.ip_address(address)
        problem = address_problem(ip, allow_loopback=self.policy.allow_loopback)
        if problem:
            # Twisted turns any resolver failure into a bare "no results" DNS error (and logs
            # non-DNS exceptions as CRITICAL), so keep the real reason where the retry
            # middleware and the spider can find it.
            reason = f"refusing {name} -> {address}: {problem} address"
            REFUSED_HOSTS[name.lower()] = reason
            raise DNSLookupError(reason)
        return address


def refused_reason(request: Request) -> str | None:
    """Why :class:`CheckingResolver` refused the request's host, if it did."""
    return REFUSED_HOSTS.get((urlparse_cached(request).hostname or "").lower())


def parse_retry_after(value: bytes | str | None, now: dt.datetime | None = None) -> float | None:
    """Seconds to wait from a ``Retry-After`` value (delta-seconds or HTTP date), else ``None``."""
    if value is None:
        return None
    text = (value.decode("latin-1") if isinstance(value, bytes) else value).strip()
    if text.isdigit():
        return float(text)
    try:
        when = parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        return None
    if when is None:
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=dt.UTC)
    now = now or dt.datetime.now(dt.UTC)
    return max(0.0, (when - now).total_seconds())


class BackoffRetryMiddleware:
    """Retry timeouts, connection errors, 408/429/5xx with backoff; honour ``Retry-After``."""

    def __init__(self, crawler: Crawler) -> None:
        settings = crawler.settings
        self.crawler = crawler
        self.max_retries = settings.getint("RETRY_TIMES")
        self.base = settings.getfloat("CAREERCOPILOT_BACKOFF_BASE", 1.0)
        self.max_backoff = settings.getfloat("CAREERCOPILOT_BACKOFF_MAX", 60.0)
        self.retry_after_cap = settings.getfloat("CAREERCOPILOT_RETRY_AFTER_MAX", 120.0)
        self.exceptions = tuple(
            load_object(e) if isinstance(e, str) else e
            for e in settings.getlist("RETRY_EXCEPTIONS")
        )

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> BackoffRetryMiddleware:
        return cls(crawler)

    def backoff(self, attempt: int) -> float:
        """Exponential (base, 2×base, 4×base…), capped, with jitter so retries spread out."""
        return min(self.max_backoff, self.base * 2 ** (attempt - 1)) * random.uniform(0.75, 1.0)

    async def process_response(self, request: Request, response: Response) -> Request | Response:
        if (
            response.status not in RETRY_STATUSES
            or request.meta.get("dont_retry")
            or request.meta.get("dont_obey_robotstxt")  # robots.txt: one try, then allow-all
        ):
            return response
        wait = None
        if response.status in RETRY_AFTER_STATUSES:
            wait = parse_retry_after(response.headers.get(b"Retry-After"))
            if wait is not None and wait > self.retry_after_cap:
                request.meta["retry_after_refused"] = wait
                return response  # asked to come back much later: give up, report temporary
        retry = self._retry_request(request, f"HTTP {response.status}")
        if retry is None:
            return response
        await asyncio.sleep(wait if wait is not None else self.backoff(retry.meta["retry_times"]))
        return retry

    async def process_exception(self, request: Request, exception: Exception) -> Request | None:
        if not isinstance(exception, self.exceptions) or request.meta.get("dont_retry"):
            return None
        if refused_reason(request):
            return None  # the resolver refused an unsafe address: permanent
        retry = self._retry_request(request, type(exception).__name__)
        if retry is None:
            return None
        await asyncio.sleep(self.backoff(retry.meta["retry_times"]))
        return retry

    def _retry_request(self, request: Request, reason: str) -> Request | None:
        assert self.crawler.spider is not None
        return get_retry_request(
            request,
            spider=self.crawler.spider,
            reason=reason,
            max_retry_times=self.max_retries,
            give_up_log_level=logging.INFO,  # the spider records the failure as an error line
        )
