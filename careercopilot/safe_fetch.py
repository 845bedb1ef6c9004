"""Fetching one user-supplied URL ("add job by URL", a career page) under the SSRF policy.

The policy itself (:class:`Policy`, :func:`check_url`, the exception hierarchy) lives in
:mod:`jobs.crawl.netpolicy` because the crawler child process needs it without importing
Django, which importing anything under ``careercopilot`` does; it is re-exported here so the
rest of the project has one place to import it from.

:func:`safe_get` follows redirects itself (at most ``policy.max_redirects``) and checks every
hop. Against DNS rebinding it never lets the HTTP library resolve the name again: it opens the
connection to an address :func:`check_url` just approved (a urllib3 pool whose host *is* that
IP) and sends the real name in the ``Host`` header; for https the name is used for SNI and
certificate verification (``server_hostname`` / ``assert_hostname``), so TLS still proves the
site's identity. Bodies are streamed and abandoned past ``policy.max_bytes``; ``timeout``
bounds connect and each read, ``total_timeout`` the whole fetch (a slowly dripping body too).
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit

import certifi
import urllib3
from urllib3.exceptions import (
    ConnectTimeoutError,
    HTTPError,
    NewConnectionError,
    ReadTimeoutError,
    SSLError,
)

from jobs.crawl.netpolicy import (
    DEFAULT_POLICY,
    CheckedURL,
    FetchError,
    FetchTemporaryError,
    FetchTimeout,
    Policy,
    ResponseTooLarge,
    UnsafeURLError,
    address_problem,
    check_url,
)

__all__ = [
    "DEFAULT_POLICY",
    "CheckedURL",
    "FetchError",
    "FetchTemporaryError",
    "FetchTimeout",
    "Policy",
    "ResponseTooLarge",
    "SafeResponse",
    "UnsafeURLError",
    "address_problem",
    "check_url",
    "safe_get",
]

REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
CHUNK = 16 * 1024


@dataclass(slots=True)
class SafeResponse:
    """A fully read response. ``url`` is the final URL; ``redirects`` the URLs passed through."""

    url: str
    status: int
    headers: dict[str, str]
    body: bytes
    redirects: list[str] = field(default_factory=list)

    def raise_for_status(self) -> None:
        """429/5xx as temporary, other 4xx as permanent :class:`FetchError`."""
        if self.status == 429 or self.status >= 500:
            raise FetchTemporaryError(f"HTTP {self.status} from {self.url}")
        if self.status >= 400:
            raise FetchError(f"HTTP {self.status} from {self.url}")


def safe_get(
    url: str,
    policy: Policy = DEFAULT_POLICY,
    *,
    headers: dict[str, str] | None = None,
) -> SafeResponse:
    """GET ``url`` under ``policy``; any :class:`FetchError` subclass on failure."""
    deadline = time.monotonic() + policy.total_timeout
    seen: list[str] = []
    for _hop in range(policy.max_redirects + 1):
        checked = check_url(url, policy)
        response = _open(checked, headers or {}, policy, deadline)
        location = response.headers.get("Location")
        if response.status in REDIRECT_STATUSES and location:
            response.close()  # never read a redirect's body: it is not capped
            seen.append(url)
            url = urljoin(url, location.strip())
            continue
        body = _read_capped(response, policy, deadline, url)
        return SafeResponse(
            url=url,
            status=response.status,
            headers=dict(response.headers.items()),
            body=body,
            redirects=seen,
        )
    raise UnsafeURLError(f"more than {policy.max_redirects} redirects")


def _open(
    checked: CheckedURL, headers: dict[str, str], policy: Policy, deadline: float
) -> urllib3.BaseHTTPResponse:
    parts = urlsplit(checked.url)
    target = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    sent = {
        "Accept-Encoding": "identity",  # keeps the byte cap meaningful (no decompression bombs)
        **headers,
        "Host": checked.host_header,
    }
    last_error: Exception | None = None
    for address in checked.addresses:  # every one was approved by check_url
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            raise FetchTimeout(f"{checked.url}: total time limit reached")
        timeout = urllib3.Timeout(
            connect=min(policy.timeout, remaining), read=min(policy.timeout, remaining)
        )
        pool = _pool(checked, address, timeout)
        try:
            return pool.urlopen(
                "GET",
                target,
                headers=sent,
                redirect=False,
                retries=False,
                preload_content=False,
                assert_same_host=False,
            )
        except ConnectTimeoutError as exc:
            last_error = FetchTimeout(f"{checked.url}: connect timed out ({address})")
            last_error.__cause__ = exc
        except NewConnectionError as exc:
            last_error = FetchTemporaryError(f"{checked.url}: cannot connect to {address}")
            last_error.__cause__ = exc
        except ReadTimeoutError:
            raise FetchTimeout(f"{checked.url}: no response within {policy.timeout}s") from None
        except SSLError as exc:
            raise FetchError(f"{checked.url}: TLS failure: {exc}") from None
        except HTTPError as exc:
            raise FetchTemporaryError(f"{checked.url}: {type(exc).__name__}: {exc}") from None
    assert last_error is not None
    raise last_error


def _pool(
    checked: CheckedURL, address: str, timeout: urllib3.Timeout
) -> urllib3.HTTPConnectionPool:
    if checked.scheme == "https":
        return urllib3.HTTPSConnectionPool(
            address,
            checked.port,
            timeout=timeout,
            maxsize=1,
            cert_reqs="CERT_REQUIRED",
            ca_certs=certifi.where(),
            server_hostname=checked.host,
            assert_hostname=checked.host,
        )
    return urllib3.HTTPConnectionPool(address, checked.port, timeout=timeout, maxsize=1)


def _read_capped(
    response: urllib3.BaseHTTPResponse, policy: Policy, deadline: float, url: str
) -> bytes:
    declared = response.headers.get("Content-Length", "")
    if declared.isdigit() and int(declared) > policy.max_bytes:
        response.close()
        raise ResponseTooLarge(f"{url}: declared {declared} bytes > cap {policy.max_bytes}")
    chunks: list[bytes] = []
    size = 0
    try:
        for chunk in response.stream(CHUNK, decode_content=True):
            size += len(chunk)
            if size > policy.max_bytes:
                raise ResponseTooLarge(f"{url}: body passed the {policy.max_bytes}-byte cap")
            if time.monotonic() > deadline:
                raise FetchTimeout(f"{url}: total time limit reached while reading")
            chunks.append(chunk)
    except ReadTimeoutError:
        raise FetchTimeout(f"{url}: read timed out after {policy.timeout}s") from None
    except HTTPError as exc:
        raise FetchTemporaryError(f"{url}: {type(exc).__name__}: {exc}") from None
    finally:
        response.close()
    return b"".join(chunks)
