"""A local HTTP server for fetch tests: threaded (slow handlers block nobody), on 127.0.0.1
(the crawler resolves IPv4 only, and ``localhost`` may bind ``::1``)."""

from __future__ import annotations

import pytest
from pytest_httpserver import HTTPServer


@pytest.fixture(scope="module")
def _module_server():
    server = HTTPServer(host="127.0.0.1", port=0, threaded=True)
    server.start()
    yield server
    server.clear()
    server.stop()


@pytest.fixture
def server(_module_server):
    """The module's server with no handlers but a permissive ``robots.txt`` (404)."""
    _module_server.clear()
    _module_server.expect_request("/robots.txt").respond_with_data("", status=404)
    yield _module_server
    _module_server.clear()
