"""The adapter contract every job source implements, and the registry of adapters.

An adapter is a small, pure description of one source kind: how to build the HTTP requests for
a configured source (``build_requests`` / ``next_page``) and how to turn a recorded response body
into :class:`~jobs.types.RawPosting` objects (``parse``). Fetching is someone else's job (the
Celery task / Scrapy spider); nothing here touches the network, the ORM or the filesystem.

``parse`` always returns a :class:`ParseResult`: the postings it could read, plus one
``(item_ref, reason)`` pair for every item it had to skip. A payload that cannot be read at all
(empty body, invalid JSON, a response of another kind) raises :class:`ParseError` instead.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, TypedDict

from jobs.types import RawPosting

Payload = bytes | str
Config = Mapping[str, Any]


class ParseError(Exception):
    """The whole payload is unreadable or is not a response of this adapter's kind.

    The message is one human-readable line (it ends up in the source's error log / admin UI).
    """

    def __init__(self, message: str) -> None:
        super().__init__(" ".join(str(message).split()))


class ConfigError(ValueError):
    """A source config lacks something the request builder needs (one readable line)."""

    def __init__(self, message: str) -> None:
        super().__init__(" ".join(str(message).split()))


class RequestSpec(TypedDict):
    """One HTTP request for the fetcher to perform. ``body`` is a ready-to-send string."""

    url: str
    method: str  # "GET" | "POST"
    headers: dict[str, str]
    body: str | None


@dataclass(slots=True)
class ParseResult:
    """What ``parse`` returns: readable postings and ``(item_ref, reason)`` for skipped items."""

    postings: list[RawPosting] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)

    def __iter__(self):  # convenience: ``for posting in adapter.parse(...)``
        return iter(self.postings)

    def __len__(self) -> int:
        return len(self.postings)


ParseFn = Callable[[Payload, Config], ParseResult]
BuildRequestsFn = Callable[[Config], list[RequestSpec]]
NextPageFn = Callable[[Config, Payload, int], "RequestSpec | None"]


def no_next_page(config: Config, payload: Payload, page_no: int) -> RequestSpec | None:
    """For sources whose first response already holds every posting."""
    return None


@dataclass(frozen=True, slots=True)
class Adapter:
    """Description of one source kind.

    * ``parse(payload, config) -> ParseResult``
    * ``build_requests(config) -> list[RequestSpec]``: the first page(s) to fetch.
    * ``next_page(config, payload, page_no) -> RequestSpec | None``: the request that follows
      the response ``payload`` of page ``page_no`` (1 for the first page), or ``None`` when the
      listing is exhausted or ``config["max_pages"]`` is reached.
    * ``search_capable``: the source takes ``keywords`` / ``location`` (a search API), as opposed
      to listing one employer's board.
    * ``requires_keys``: default names of the environment variables holding API credentials
      (a config may rename them, e.g. ``app_id_env``).
    * ``opt_in``: scraping a site whose terms discourage it; off unless the user enables it.
    * ``credit`` / ``link_back_required``: attribution the source's terms ask for.
    """

    kind: str
    label: str
    parse: ParseFn
    build_requests: BuildRequestsFn
    next_page: NextPageFn = no_next_page
    search_capable: bool = False
    requires_keys: tuple[str, ...] = ()
    opt_in: bool = False
    credit: str | None = None
    link_back_required: bool = False
    docs_url: str | None = None


ADAPTERS: dict[str, Adapter] = {}


def register(adapter: Adapter) -> Adapter:
    """Add ``adapter`` to :data:`ADAPTERS` (one adapter per kind)."""
    existing = ADAPTERS.get(adapter.kind)
    if existing is not None and existing is not adapter:
        raise ValueError(f"adapter kind {adapter.kind!r} registered twice")
    ADAPTERS[adapter.kind] = adapter
    return adapter


def get_adapter(kind: str) -> Adapter:
    """The adapter for ``kind``; ``KeyError`` with the known kinds when there is none."""
    try:
        return ADAPTERS[kind]
    except KeyError:
        known = ", ".join(sorted(ADAPTERS))
        raise KeyError(f"unknown source kind {kind!r} (known: {known})") from None
