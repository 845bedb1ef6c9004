"""Request-builder helpers shared by the adapters: config reading/validation and request specs."""

from __future__ import annotations

import json
import os
import re
from collections.abc import Mapping
from typing import Any
from urllib.parse import quote, urlencode, urlsplit

from jobs.sources.base import Config, ConfigError, RequestSpec
from jobs.sources.helpers import number, text

DEFAULT_MAX_PAGES = 10
JSON_HEADERS = {"Accept": "application/json"}


_SEGMENT_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._~-]{0,199}$")
_HOST_RE = re.compile(
    r"^[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$"
)


def config_text(config: Config, *keys: str) -> str | None:
    """The first non-empty string value among ``keys`` in ``config``."""
    for key in keys:
        value = text(config.get(key)) if isinstance(config, Mapping) else None
        if value:
            return value
    return None


def config_segment(config: Config, kind: str, *keys: str) -> str:
    """A required URL path segment (board token, company slug…), validated and quoted."""
    value = config_text(config, *keys)
    if not value:
        raise ConfigError(f"{kind}: config needs {' or '.join(repr(k) for k in keys)}")
    if not _SEGMENT_RE.match(value):
        raise ConfigError(f"{kind}: {keys[0]!r} must be a plain identifier, got {value[:60]!r}")
    return quote(value, safe="")


def config_host(config: Config, kind: str, key: str = "host") -> str:
    """A bare hostname from ``config[key]`` (an ``https://`` prefix / path is tolerated)."""
    value = config_text(config, key)
    if not value:
        raise ConfigError(f"{kind}: config needs {key!r}")
    host = urlsplit(value if "://" in value else f"https://{value}").hostname or ""
    if not _HOST_RE.match(host):
        raise ConfigError(f"{kind}: {key!r} is not a valid host name: {value[:60]!r}")
    return host.lower()


def max_pages(config: Config, default: int = DEFAULT_MAX_PAGES) -> int:
    value = number(config.get("max_pages")) if isinstance(config, Mapping) else None
    return max(1, min(int(value), 1000)) if value else default


def search_terms(config: Config) -> str:
    return config_text(config, "keywords", "search", "what") or ""


def env_secret(
    config: Config, kind: str, name_key: str, default_name: str, env: Mapping[str, str] | None
) -> str:
    """The secret held in the env var named by ``config[name_key]`` (or ``default_name``)."""
    env = os.environ if env is None else env
    name = config_text(config, name_key) or default_name
    value = (env.get(name) or "").strip()
    if not value:
        raise ConfigError(f"{kind}: environment variable {name} is not set")
    return value


def get_request(
    url: str, params: Mapping[str, Any] | None = None, headers: Mapping[str, str] | None = None
) -> RequestSpec:
    clean = {k: v for k, v in (params or {}).items() if v is not None and v != ""}
    if clean:
        url = f"{url}{'&' if '?' in url else '?'}{urlencode(clean)}"
    return {"url": url, "method": "GET", "headers": dict(headers or JSON_HEADERS), "body": None}


def post_json(url: str, body: Any, headers: Mapping[str, str] | None = None) -> RequestSpec:
    merged = {**JSON_HEADERS, "Content-Type": "application/json", **(headers or {})}
    return {"url": url, "method": "POST", "headers": merged, "body": json.dumps(body)}
