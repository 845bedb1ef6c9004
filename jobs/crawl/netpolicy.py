"""The SSRF policy for user-supplied URLs: which URLs and resolved addresses may be fetched.

Pure standard library on purpose: the crawler child process imports it and must never import
Django (``careercopilot/__init__.py`` imports the Celery app, which pulls Django in, so this
module cannot live under ``careercopilot``). :mod:`careercopilot.safe_fetch` re-exports it and
adds the in-process fetcher.

The rule: only ``http``/``https``; no credentials in the URL; the host, resolved with
``socket.getaddrinfo``, must resolve only to globally routable unicast addresses — a single
private / loopback / link-local / multicast / reserved / unspecified / CGNAT / site-local
answer refuses the whole URL, and IPv6 forms that embed an IPv4 address (IPv4-mapped, 6to4,
NAT64, Teredo) are judged by the embedded address. Numeric host spellings that only
``inet_aton`` understands (``2130706433``, ``0x7f.1``, ``127.1``, ``0177.0.0.1``) are refused
outright instead of being left to the resolver's interpretation. Callers check every hop
(redirects included) and connect to an address this check returned.
"""

from __future__ import annotations

import ipaddress
import re
import socket
from dataclasses import dataclass
from urllib.parse import urlsplit

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address

ALLOWED_SCHEMES = frozenset({"http", "https"})
DEFAULT_PORTS = {"http": 80, "https": 443}
_CGNAT = ipaddress.ip_network("100.64.0.0/10")
_NAT64 = ipaddress.ip_network("64:ff9b::/96")
# A host whose last label is numeric / hex is an IP spelling, never a DNS name (no TLD is numeric).
_NUMERIC_LABEL_RE = re.compile(r"^(?:0x[0-9a-f]*|[0-9]+)$", re.IGNORECASE)


class FetchError(Exception):
    """Base of every fetch failure. ``temporary`` says whether trying again later may help."""

    temporary: bool = False


class UnsafeURLError(FetchError):
    """The URL (or a hop of it) is not allowed by the policy. Permanent."""


class ResponseTooLarge(FetchError):
    """The response body passed the policy's byte cap. Permanent."""


class FetchTemporaryError(FetchError):
    """A failure that may go away (DNS hiccup, connection refused, 5xx). Temporary."""

    temporary = True


class FetchTimeout(FetchTemporaryError):
    """Connecting or reading took longer than the policy allows. Temporary."""


@dataclass(frozen=True, slots=True)
class Policy:
    """Limits for fetching one user-supplied URL.

    ``allow_loopback`` exists for tests against a local server; production never sets it.
    ``timeout`` bounds connecting and each read; ``total_timeout`` bounds the whole fetch,
    redirects and a slowly dripping body included.
    """

    allow_loopback: bool = False
    max_bytes: int = 5 * 1024 * 1024
    timeout: float = 10.0
    total_timeout: float = 30.0
    max_redirects: int = 5


DEFAULT_POLICY = Policy()


@dataclass(frozen=True, slots=True)
class CheckedURL:
    """A URL that passed :func:`check_url`, with the addresses it is allowed to connect to."""

    url: str
    scheme: str
    host: str  # lower-case, no brackets, no trailing dot
    port: int
    addresses: tuple[str, ...]  # every resolved address, all checked; connect to one of these

    @property
    def host_header(self) -> str:
        host = f"[{self.host}]" if ":" in self.host else self.host
        return host if self.port == DEFAULT_PORTS[self.scheme] else f"{host}:{self.port}"


def address_problem(ip: IPAddress, *, allow_loopback: bool = False) -> str | None:
    """Why ``ip`` must not be contacted (``"private"``, ``"link-local"``…), or ``None`` if fine."""
    if isinstance(ip, ipaddress.IPv6Address):
        embedded = _embedded_ipv4(ip)
        if embedded is not None:
            problem = address_problem(embedded, allow_loopback=allow_loopback)
            return f"{problem} (IPv4 {embedded} embedded in IPv6)" if problem else None
        if ip.is_site_local:
            return "site-local"
    if ip.is_loopback:
        return None if allow_loopback else "loopback"
    checks = (
        ("unspecified", ip.is_unspecified),
        ("link-local", ip.is_link_local),
        ("multicast", ip.is_multicast),
        ("carrier-grade NAT", isinstance(ip, ipaddress.IPv4Address) and ip in _CGNAT),
        ("private", ip.is_private),
        ("reserved", ip.is_reserved),
        ("non-global", not ip.is_global),
    )
    return next((name for name, hit in checks if hit), None)


def _embedded_ipv4(ip: ipaddress.IPv6Address) -> ipaddress.IPv4Address | None:
    if ip.ipv4_mapped is not None:
        return ip.ipv4_mapped
    if ip.sixtofour is not None:
        return ip.sixtofour
    if ip.teredo is not None:
        return ip.teredo[1]  # the client address; the server one is public by construction
    if ip in _NAT64:
        return ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF)
    return None


def _parse(url: str) -> tuple[str, str, int]:
    if not isinstance(url, str) or not url or len(url) > 4096:
        raise UnsafeURLError("URL is empty or too long")
    if any(ord(ch) < 0x21 for ch in url):
        raise UnsafeURLError("URL contains whitespace or control characters")
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError as exc:
        raise UnsafeURLError(f"malformed URL: {exc}") from None
    scheme = parts.scheme.lower()
    if scheme not in ALLOWED_SCHEMES:
        raise UnsafeURLError(f"scheme {scheme or '(none)'!r} is not allowed (http/https only)")
    if parts.username is not None or parts.password is not None:
        raise UnsafeURLError("credentials in the URL are not allowed")
    host = (parts.hostname or "").rstrip(".").lower()
    if not host:
        raise UnsafeURLError("URL has no host")
    return scheme, host, port or DEFAULT_PORTS[scheme]


def _literal(host: str) -> IPAddress | None:
    try:
        return ipaddress.ip_address(host.split("%", 1)[0])
    except ValueError:
        pass
    if _NUMERIC_LABEL_RE.match(host.rsplit(".", 1)[-1]):
        raise UnsafeURLError(f"non-canonical numeric host {host!r} is not allowed")
    return None


def resolve(host: str, port: int) -> list[IPAddress]:
    """Every address ``host`` resolves to (TCP), de-duplicated, in resolver order."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except UnicodeError:
        raise UnsafeURLError(f"host {host!r} is not a valid name") from None
    except OSError as exc:  # socket.gaierror: NXDOMAIN, no network, EAI_AGAIN…
        raise FetchTemporaryError(f"cannot resolve {host!r}: {exc}") from None
    out: list[IPAddress] = []
    for family, _type, _proto, _canon, sockaddr in infos:
        if family not in (socket.AF_INET, socket.AF_INET6):
            continue
        ip = ipaddress.ip_address(str(sockaddr[0]).split("%", 1)[0])
        if ip not in out:
            out.append(ip)
    if not out:
        raise FetchTemporaryError(f"{host!r} has no IPv4/IPv6 address")
    return out


def check_url(url: str, policy: Policy = DEFAULT_POLICY) -> CheckedURL:
    """Check one hop of a fetch; raise :class:`UnsafeURLError` unless every address is public.

    Raises :class:`FetchTemporaryError` when the host does not resolve (maybe transient).
    """
    scheme, host, port = _parse(url)
    literal = _literal(host)
    addresses = [literal] if literal is not None else resolve(host, port)
    for ip in addresses:
        problem = address_problem(ip, allow_loopback=policy.allow_loopback)
        if problem:
            shown = host if literal is not None else f"{host} -> {ip}"
            raise UnsafeURLError(f"refusing {shown}: {problem} address")
    return CheckedURL(
        url=url, scheme=scheme, host=host, port=port, addresses=tuple(map(str, addresses))
    )
