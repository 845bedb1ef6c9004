"""The SSRF policy and the in-process fetcher, against a local server (loopback allowed)."""

from __future__ import annotations

import socket
import time

import pytest
from pytest_httpserver import HTTPServer
from werkzeug import Response

from careercopilot.safe_fetch import (
    FetchError,
    FetchTemporaryError,
    FetchTimeout,
    Policy,
    ResponseTooLarge,
    UnsafeURLError,
    check_url,
    safe_get,
)

LOCAL = Policy(allow_loopback=True, max_bytes=4096, timeout=2.0, total_timeout=5.0)


@pytest.fixture
def threaded_server():
    """Its own threaded server, so a deliberately slow handler blocks nobody else."""
    server = HTTPServer(threaded=True)
    server.start()
    yield server
    server.clear()
    server.stop()


def fake_dns(monkeypatch, answers: dict[str, list[str]]):
    real = socket.getaddrinfo

    def getaddrinfo(host, port, *args, **kwargs):
        if host in answers:
            return [
                (
                    socket.AF_INET6 if ":" in a else socket.AF_INET,
                    socket.SOCK_STREAM,
                    6,
                    "",
                    (a, port),
                )
                for a in answers[host]
            ]
        return real(host, port, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)


@pytest.mark.parametrize(
    "url",
    [
        "http://10.0.0.1/",
        "http://172.16.5.4/",
        "http://192.168.1.1/",
        "http://127.0.0.1/",
        "http://localhost/",
        "http://169.254.169.254/latest/meta-data/",
        "http://100.64.0.1/",
        "http://0.0.0.0/",
        "http://224.0.0.1/",
        "http://240.0.0.1/",
        "http://[::1]/",
        "http://[::]/",
        "http://[fe80::1]/",
        "http://[fc00::1]/",
        "http://[fec0::1]/",
        "http://[::ffff:127.0.0.1]/",
        "http://[::ffff:169.254.169.254]/",
        "http://[64:ff9b::10.0.0.1]/",
        "http://2130706433/",
        "http://0x7f000001/",
        "http://127.1/",
        "http://0177.0.0.1/",
        "file:///etc/passwd",
        "ftp://example.com/",
        "javascript:alert(1)",
        "gopher://example.com/",
        "data:text/html,hi",
        "http://user:pw@example.com/",
        "http:///nohost",
        "",
    ],
)
def test_check_url_refuses_unsafe_urls(url):
    with pytest.raises(UnsafeURLError):
        check_url(url, Policy())


def test_check_url_accepts_a_public_host_and_returns_its_addresses(monkeypatch):
    fake_dns(monkeypatch, {"jobs.example.com": ["93.184.216.34", "2606:2800:220:1::"]})
    checked = check_url("https://jobs.example.com/careers?x=1", Policy())
    assert checked.addresses == ("93.184.216.34", "2606:2800:220:1::")
    assert (checked.host, checked.port, checked.host_header) == (
        "jobs.example.com",
        443,
        "jobs.example.com",
    )


def test_check_url_refuses_a_name_when_any_resolved_address_is_private(monkeypatch):
    fake_dns(monkeypatch, {"mixed.example.com": ["93.184.216.34", "10.0.0.7"]})
    with pytest.raises(UnsafeURLError, match="private"):
        check_url("http://mixed.example.com/", Policy())


def test_check_url_allows_loopback_only_when_the_policy_says_so():
    assert check_url("http://127.0.0.1:8000/", Policy(allow_loopback=True)).port == 8000
    with pytest.raises(UnsafeURLError, match="private"):
        check_url("http://10.0.0.1/", Policy(allow_loopback=True))


def test_unresolvable_host_is_a_temporary_error(monkeypatch):
    def fail(*args, **kwargs):
        raise socket.gaierror(socket.EAI_AGAIN, "Temporary failure in name resolution")

    monkeypatch.setattr(socket, "getaddrinfo", fail)
    with pytest.raises(FetchTemporaryError) as info:
        check_url("https://jobs.example.com/", Policy())
    assert info.value.temporary


def test_exception_hierarchy_splits_temporary_from_permanent():
    assert issubclass(UnsafeURLError, FetchError) and not UnsafeURLError.temporary
    assert issubclass(ResponseTooLarge, FetchError) and not ResponseTooLarge.temporary
    assert issubclass(FetchTimeout, FetchTemporaryError) and FetchTimeout.temporary


def test_safe_get_reads_a_local_page(httpserver):
    httpserver.expect_request("/job").respond_with_data("<h1>Job</h1>", content_type="text/html")
    response = safe_get(httpserver.url_for("/job"), LOCAL)
    assert (response.status, response.body) == (200, b"<h1>Job</h1>")


def test_safe_get_connects_to_the_checked_address_without_resolving_again(httpserver, monkeypatch):
    # A rebinding resolver: the first answer is the (allowed) local server, later ones private.
    lookups: list[str] = []
    real = socket.getaddrinfo

    def rebinding(host, port, *args, **kwargs):
        if host != "careers.example.com":
            return real(host, port, *args, **kwargs)  # e.g. urllib3 parsing an IP literal
        lookups.append(host)
        address = "127.0.0.1" if len(lookups) == 1 else "10.0.0.1"
        return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", (address, port))]

    monkeypatch.setattr(socket, "getaddrinfo", rebinding)
    host = f"careers.example.com:{httpserver.port}"
    httpserver.expect_request("/jobs", headers={"Host": host}).respond_with_data("ok")
    response = safe_get(f"http://{host}/jobs", LOCAL)
    assert response.body == b"ok"  # served by the checked address, with the name as Host
    assert lookups == ["careers.example.com"]  # the HTTP library never resolved it again


def test_safe_get_follows_a_relative_redirect(httpserver):
    httpserver.expect_request("/old").respond_with_data(
        "", status=302, headers={"Location": "/new"}
    )
    httpserver.expect_request("/new").respond_with_data("moved here")
    response = safe_get(httpserver.url_for("/old"), LOCAL)
    assert response.body == b"moved here"
    assert response.redirects == [httpserver.url_for("/old")]


@pytest.mark.parametrize(
    "target", ["http://10.0.0.1/", "http://169.254.169.254/latest/meta-data/", "file:///etc/passwd"]
)
def test_safe_get_refuses_a_redirect_hop_to_a_private_address(httpserver, target):
    httpserver.expect_request("/jump").respond_with_data(
        "", status=302, headers={"Location": target}
    )
    started = time.monotonic()
    with pytest.raises(UnsafeURLError):
        safe_get(httpserver.url_for("/jump"), LOCAL)
    assert time.monotonic() - started < 1.5  # refused before any connection attempt


def test_safe_get_stops_after_five_redirects(httpserver):
    httpserver.expect_request("/loop").respond_with_data(
        "", status=302, headers={"Location": "/loop"}
    )
    with pytest.raises(UnsafeURLError, match="redirects"):
        safe_get(httpserver.url_for("/loop"), LOCAL)
    assert len(httpserver.log) == 6  # the first request and five redirects


def test_safe_get_refuses_a_declared_large_body(httpserver):
    httpserver.expect_request("/big").respond_with_data("x" * 10_000)
    with pytest.raises(ResponseTooLarge):
        safe_get(httpserver.url_for("/big"), LOCAL)


def test_safe_get_aborts_a_streamed_body_past_the_cap(httpserver):
    def endless(_request):
        return Response((b"y" * 1024 for _ in range(1000)), content_type="text/plain")

    httpserver.expect_request("/stream").respond_with_handler(endless)
    with pytest.raises(ResponseTooLarge):
        safe_get(httpserver.url_for("/stream"), LOCAL)


def test_safe_get_times_out_on_a_slow_server(threaded_server):
    def slow(_request):
        time.sleep(1.5)
        return Response("late")

    threaded_server.expect_request("/slow").respond_with_handler(slow)
    started = time.monotonic()
    with pytest.raises(FetchTimeout):
        safe_get(threaded_server.url_for("/slow"), Policy(allow_loopback=True, timeout=0.3))
    assert time.monotonic() - started < 1.2


def test_safe_get_bounds_a_slowly_dripping_body_by_the_total_timeout(threaded_server):
    def drip(_request):
        def chunks():
            for _ in range(20):
                time.sleep(0.1)
                yield b"."

        return Response(chunks(), content_type="text/plain")

    threaded_server.expect_request("/drip").respond_with_handler(drip)
    policy = Policy(allow_loopback=True, timeout=1.0, total_timeout=0.5)
    with pytest.raises(FetchTimeout):
        safe_get(threaded_server.url_for("/drip"), policy)


def test_raise_for_status_splits_temporary_and_permanent(httpserver):
    httpserver.expect_request("/busy").respond_with_data("", status=503)
    httpserver.expect_request("/gone").respond_with_data("", status=404)
    with pytest.raises(FetchTemporaryError):
        safe_get(httpserver.url_for("/busy"), LOCAL).raise_for_status()
    with pytest.raises(FetchError) as info:
        safe_get(httpserver.url_for("/gone"), LOCAL).raise_for_status()
    assert not info.value.temporary
