"""Hacker News "Ask HN: Who is hiring?" threads, through the Algolia HN API.

Flow: (1) ``GET https://hn.algolia.com/api/v1/search_by_date?tags=story,author_whoishiring``
lists the monthly stories (``hits[{objectID, title, created_at_i}]``); :func:`find_hiring_story`
picks the month's "Who is hiring?" one and ``next_page`` turns that response into (2) ``GET
https://hn.algolia.com/api/v1/items/{story_id}``, whose ``children`` are the top-level comments
(``{id, author, created_at, text}``). Alternatively (config ``use_search: true``) comments come
from ``search_by_date?tags=comment,story_{id}`` (``hits[{objectID, comment_text, parent_id,
story_id}]``, paginated by ``page``/``nbPages``); only hits whose parent is the story are
top-level. ``parse`` accepts either comment shape, or a bare list of such comments; a story
listing parses to no postings (each story is reported in ``skipped``).

Each top-level comment that looks like a job post becomes one posting (``external_id`` = the
comment id; with ``split_roles: true`` one per listed role, ids ``<id>-<n>``), its first line
read by :mod:`jobs.sources.hn_header`.
"""

from __future__ import annotations

import re
from typing import Any

from jobs.sources import hn_header
from jobs.sources.base import (
    Adapter,
    Config,
    ParseError,
    ParseResult,
    Payload,
    RequestSpec,
    register,
)
from jobs.sources.helpers import (
    ItemSkip,
    check_kind,
    collect,
    epoch_to_datetime,
    load_json,
    loads_or_none,
    number,
    text,
)
from jobs.sources.request_builders import (
    config_segment,
    config_text,
    get_request,
    max_pages,
)
from jobs.types import RawPosting

KIND = "hn_whoishiring"
ALGOLIA = "https://hn.algolia.com/api/v1"
HN_ITEM = "https://news.ycombinator.com/item?id={}"
HIRING_TITLE_RE = re.compile(r"^\s*Ask HN:\s*Who is hiring\?", re.IGNORECASE)
CAREERS_URL_RE = re.compile(
    r"job|career|apply|hiring|greenhouse|lever\.co|ashbyhq|workable|recruitee|personio|"
    r"smartrecruiters|workday|jobs\.|/open-?roles|/positions|/join",
    re.IGNORECASE,
)


def stories_request() -> RequestSpec:
    return get_request(
        f"{ALGOLIA}/search_by_date", {"tags": "story,author_whoishiring", "hitsPerPage": 30}
    )


def comments_request(story_id: str, config: Config, page: int = 0) -> RequestSpec:
    if config.get("use_search") is True:
        params = {"tags": f"comment,story_{story_id}", "hitsPerPage": 1000, "page": page}
        return get_request(f"{ALGOLIA}/search_by_date", params)
    return get_request(f"{ALGOLIA}/items/{story_id}")


def build_requests(config: Config) -> list[RequestSpec]:
    if config_text(config, "story_id"):
        return [comments_request(config_segment(config, KIND, "story_id"), config)]
    return [stories_request()]


def find_hiring_story(data: Any, month: str | None = None) -> tuple[str, str] | None:
    """``(story_id, title)`` of the newest "Who is hiring?" story in a story listing.

    ``month`` (e.g. ``"September 2026"``) restricts the choice to that month's thread.
    """
    hits = data.get("hits") if isinstance(data, dict) else data
    best: tuple[float, str, str] | None = None
    for hit in hits if isinstance(hits, list) else []:
        title = text(hit.get("title")) if isinstance(hit, dict) else None
        story_id = text(hit.get("objectID") or hit.get("id")) if isinstance(hit, dict) else None
        if not title or not story_id or not HIRING_TITLE_RE.match(title):
            continue
        if month and month.lower() not in title.lower():
            continue
        when = number(hit.get("created_at_i")) or 0.0
        if best is None or when > best[0]:
            best = (when, story_id, title)
    return (best[1], best[2]) if best else None


def next_page(config: Config, payload: Payload, page_no: int) -> RequestSpec | None:
    data = loads_or_none(payload, KIND)
    if not isinstance(data, dict) or page_no >= max_pages(config):
        return None
    hits = data.get("hits")
    if isinstance(hits, list) and hits and all("title" in h for h in hits if isinstance(h, dict)):
        found = find_hiring_story(data, config_text(config, "month"))
        if found and re.fullmatch(r"\d{1,12}", found[0]):
            return comments_request(found[0], config)
        return None
    page, pages = number(data.get("page")), number(data.get("nbPages"))
    story = _story_tag(data)
    if hits and story and page is not None and pages is not None and page + 1 < pages:
        return comments_request(story, {**config, "use_search": True}, int(page) + 1)
    return None


def _story_tag(data: dict[str, Any]) -> str | None:
    match = re.search(r"story_(\d{1,12})", str(data.get("params") or ""))
    return match.group(1) if match else text(data.get("story_id"))


def _comments(data: Any) -> tuple[list[Any], str | None]:
    """The comment items of a response and the story id, when known."""
    if isinstance(data, list):
        return data, None
    if not isinstance(data, dict):
        raise ParseError(f"{KIND}: expected a JSON object or list, got {type(data).__name__}")
    if isinstance(data.get("children"), list):
        return data["children"], text(data.get("id"))
    if isinstance(data.get("hits"), list):
        return data["hits"], _story_tag(data)
    found = ", ".join(list(map(str, data))[:6]) or "no keys"
    raise ParseError(
        f"{KIND}: expected an item with 'children' or a search with 'hits'; got {found}"
    )


def _pick_url(header: hn_header.Header, comment_html: str) -> str | None:
    if header.urls:
        return header.urls[0]
    for url in hn_header.comment_urls(comment_html):
        if CAREERS_URL_RE.search(url) and "news.ycombinator.com" not in url:
            return url
    return None


def comment_postings(
    item: dict[str, Any], story_id: str | None, config: Config
) -> list[RawPosting]:
    """Postings for one comment; :class:`ItemSkip` when it is not a top-level job post."""
    comment_id = text(item.get("objectID") or item.get("id"))
    if not comment_id:
        raise ItemSkip("missing id")
    if "title" in item and "comment_text" not in item and "text" not in item:
        raise ItemSkip("a story, not a comment")
    parent, story = text(item.get("parent_id")), text(item.get("story_id")) or story_id
    if parent and story and parent != story:
        raise ItemSkip("a reply, not a top-level comment")
    body = item.get("comment_text") if "comment_text" in item else item.get("text")
    if not isinstance(body, str) or not body.strip():
        raise ItemSkip("empty comment (deleted or dead)")
    lines = hn_header.first_paragraph(body)
    if not lines:
        raise ItemSkip("empty comment")
    header = hn_header.read_header(lines[0])
    full_text = hn_header.plain(body)
    if not hn_header.looks_like_job(header, full_text):
        raise ItemSkip("not a job post")
    company = header.company if len(header.segments) > 1 else hn_header.clean_company(lines[0])
    if not company or len(company) > 80:
        raise ItemSkip("no company in the first line")
    roles = [r for r in header.roles if not hn_header.is_generic_role(r)]
    roles = roles or hn_header.roles_from_lines(lines[1:]) or hn_header.roles_from_body(body)
    if not roles and header.roles:
        roles = header.roles  # only a placeholder such as "Multiple roles"
    if not roles:
        found = hn_header.role_from_text(full_text)
        roles = [found] if found else []
    hn_url = HN_ITEM.format(comment_id)
    raw = {
        **item,
        "hn_url": hn_url,
        "header_segments": header.segments,
        "roles": roles,
        "unclassified": header.unclassified,
    }
    common: dict[str, Any] = {
        "source": KIND,
        "company": company,
        "url": _pick_url(header, body) or hn_url,
        "locations": list(dict.fromkeys(header.locations)),
        "remote_hint": " | ".join(header.remote) or None,
        "description_html": body,
        "salary_text": " | ".join(header.salary_texts) or None,
        "employment_type": header.employment[0] if header.employment else None,
        "tags": header.visa[:3],
        "posted_at": text(item.get("created_at")) or epoch_to_datetime(item.get("created_at_i")),
        "raw": raw,
    }
    if config.get("split_roles") is True and len(roles) > 1:
        return [
            RawPosting(external_id=f"{comment_id}-{n}", title=role, **common)
            for n, role in enumerate(roles, start=1)
        ]
    title = " / ".join(roles) if roles else f"Open roles at {company}"
    raw["title_inferred"] = not roles
    return [RawPosting(external_id=comment_id, title=title[:300], **common)]


def parse(payload: Payload, config: Config) -> ParseResult:
    items, story_id = _comments(load_json(payload, KIND))
    check_kind(
        items, KIND, ("comment_text", "story_id", "parent_id", "author", "objectID", "children")
    )
    return collect(KIND, items, lambda item: comment_postings(item, story_id, config))


ADAPTER = register(
    Adapter(
        kind=KIND,
        label="HN: Who is hiring?",
        parse=parse,
        build_requests=build_requests,
        next_page=next_page,
        credit="From the monthly Hacker News “Who is hiring?” thread (news.ycombinator.com).",
        docs_url="https://hn.algolia.com/api",
    )
)
