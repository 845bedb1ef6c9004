"""The adapter contract, checked for every kind: registry, flags, ParseError on bad input."""

from __future__ import annotations

import itertools
import json

import pytest

from jobs.sources import ADAPTERS, Adapter, ParseError, ParseResult
from jobs.sources.helpers import load_json
from jobs.tests.sources.conftest import fixture_bytes

KINDS = {
    "greenhouse", "lever", "ashby", "workable", "smartrecruiters", "recruitee", "personio",
    "workday", "remoteok", "remotive", "arbeitnow", "themuse", "jobicy", "himalayas",
    "hn_whoishiring", "usajobs", "adzuna", "jsonld", "linkedin", "indeed",
}  # fmt: skip

# one fixture per kind in that kind's real response shape
FIXTURE = {
    "greenhouse": "greenhouse_jobs.json",
    "lever": "lever_postings.json",
    "ashby": "ashby_job_board.json",
    "workable": "workable_widget.json",
    "smartrecruiters": "smartrecruiters_postings.json",
    "recruitee": "recruitee_offers.json",
    "personio": "personio_feed.xml",
    "workday": "workday_jobs.json",
    "remoteok": "remoteok_api.json",
    "remotive": "remotive_jobs.json",
    "arbeitnow": "arbeitnow_page.json",
    "themuse": "themuse_page.json",
    "jobicy": "jobicy_jobs.json",
    "himalayas": "himalayas_jobs.json",
    "hn_whoishiring": "hn_items_story.json",
    "usajobs": "usajobs_search.json",
    "adzuna": "adzuna_search.json",
    "jsonld": "jsonld_careers_page.html",
    "linkedin": "linkedin_search_fragment.html",
    "indeed": "indeed_search_mosaic.html",
}
JSON_KINDS = sorted(k for k, name in FIXTURE.items() if name.endswith(".json"))


def test_every_kind_is_registered():
    assert set(ADAPTERS) == KINDS
    for kind, adapter in ADAPTERS.items():
        assert isinstance(adapter, Adapter)
        assert adapter.kind == kind and adapter.label


def test_flags():
    assert {k for k, a in ADAPTERS.items() if a.opt_in} == {"linkedin", "indeed"}
    assert {k for k, a in ADAPTERS.items() if a.requires_keys} == {"usajobs", "adzuna"}
    assert ADAPTERS["usajobs"].requires_keys == ("USAJOBS_API_KEY", "USAJOBS_USER_AGENT_EMAIL")
    assert ADAPTERS["adzuna"].requires_keys == ("ADZUNA_APP_ID", "ADZUNA_APP_KEY")
    assert {k for k, a in ADAPTERS.items() if a.link_back_required} == {"remoteok", "remotive"}
    assert all(ADAPTERS[k].credit for k in ("remoteok", "remotive"))
    searchable = {k for k, a in ADAPTERS.items() if a.search_capable}
    assert {"usajobs", "adzuna", "linkedin", "indeed", "remotive", "workday"} <= searchable
    assert not searchable & {"greenhouse", "lever", "ashby", "workable", "recruitee", "personio"}


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_fixture_parses_to_valid_postings(kind):
    result = ADAPTERS[kind].parse(
        fixture_bytes(FIXTURE[kind]), {"company": "acme", "country": "gb"}
    )
    assert isinstance(result, ParseResult)
    assert len(result.postings) >= 1
    ids = [p.external_id for p in result.postings]
    assert len(ids) == len(set(ids))
    for posting in result.postings:
        assert posting.source == kind
        assert posting.external_id and posting.title
        assert isinstance(posting.raw, dict) and posting.raw
        assert all(isinstance(loc, str) and loc for loc in posting.locations)
    for ref, reason in result.skipped:
        assert isinstance(ref, str) and reason and "\n" not in reason


@pytest.mark.parametrize("kind", sorted(KINDS))
@pytest.mark.parametrize("body", [b"", b"   \n", "", None])
def test_empty_body_is_a_parse_error(kind, body):
    with pytest.raises(ParseError, match="empty"):
        ADAPTERS[kind].parse(body, {})


@pytest.mark.parametrize("kind", JSON_KINDS)
@pytest.mark.parametrize(
    "body", [b"{not json", b"<html><body>503</body></html>", b"42", b'"text"', b"null"]
)
def test_unreadable_json_is_a_parse_error(kind, body):
    with pytest.raises(ParseError) as info:
        ADAPTERS[kind].parse(body, {})
    message = str(info.value)
    assert message.startswith(f"{kind}:") and "\n" not in message


@pytest.mark.parametrize(
    ("kind", "other"),
    [(k, o) for k, o in itertools.product(JSON_KINDS, JSON_KINDS) if k != o],
)
def test_wrong_kind_payload_is_a_parse_error(kind, other):
    with pytest.raises(ParseError):
        ADAPTERS[kind].parse(fixture_bytes(FIXTURE[other]), {})


def test_deeply_nested_json_is_a_parse_error_not_a_crash():
    body = "[" * 100_000 + "]" * 100_000
    with pytest.raises(ParseError, match=r"nested too deeply|invalid JSON|unreadable"):
        load_json(body, "greenhouse")


def test_oversized_payload_is_refused():
    body = b" " * (26 * 1024 * 1024)
    with pytest.raises(ParseError, match="too large"):
        ADAPTERS["lever"].parse(body, {})


def test_bytes_and_str_payloads_agree():
    body = fixture_bytes("lever_postings.json")
    as_bytes = ADAPTERS["lever"].parse(body, {})
    as_str = ADAPTERS["lever"].parse(body.decode("utf-8"), {})
    assert [p.external_id for p in as_bytes] == [p.external_id for p in as_str]


def test_utf8_bom_and_invalid_bytes_are_tolerated():
    body = (
        b"\xef\xbb\xbf"
        + json.dumps(
            [
                {
                    "id": "x",
                    "text": "Caf\u00e9",
                    "hostedUrl": "https://jobs.lever.co/a/x",
                    "categories": {},
                }
            ],
            ensure_ascii=False,
        ).encode()
    )
    [posting] = ADAPTERS["lever"].parse(body, {}).postings
    assert posting.title == "Caf\u00e9"
    broken = body.replace("Caf\u00e9".encode(), b"Caf\xff")
    [posting] = ADAPTERS["lever"].parse(broken, {}).postings
    assert posting.title == "Caf\ufffd"


def test_malformed_item_fields_are_skipped_not_raised():
    items = [
        {"id": "1", "text": "Good", "hostedUrl": "https://jobs.lever.co/a/1", "categories": {}},
        {"id": "2", "text": {"nested": "title"}, "hostedUrl": "https://jobs.lever.co/a/2"},
        {
            "id": "3",
            "text": "Odd fields",
            "hostedUrl": 5,
            "categories": "x",
            "lists": [1, None],
            "salaryRange": [],
        },
        {
            "id": "1",
            "text": "Duplicate id",
            "hostedUrl": "https://jobs.lever.co/a/1",
            "categories": {},
        },
    ]
    result = ADAPTERS["lever"].parse(json.dumps(items), {})
    assert [p.external_id for p in result.postings] == ["1", "3"]
    assert [reason for _, reason in result.skipped] == ["missing text (title)", "duplicate id 1"]
