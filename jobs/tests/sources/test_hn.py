"""HN "Who is hiring?": story discovery, both comment shapes and the header-line reader."""

from __future__ import annotations

import json

import pytest

from jobs.sources import ADAPTERS, ParseError
from jobs.sources.hn_header import read_header
from jobs.sources.hn_whoishiring import find_hiring_story
from jobs.tests.sources.conftest import by_id, fixture_bytes, parse_fixture

HN = ADAPTERS["hn_whoishiring"]


def test_items_response_top_level_job_comments():
    result = parse_fixture("hn_whoishiring", "hn_items_story.json")
    postings = by_id(result)
    assert sorted(postings) == ["47000011", "47000012", "47000015"]
    lumen = postings["47000011"]
    assert lumen.company == "Lumen Robotics"
    assert lumen.title == "Senior Embedded Engineer, Firmware Engineer"
    assert lumen.locations == ["Boston, MA"]
    assert lumen.remote_hint == "ONSITE"
    assert lumen.employment_type == "Full-time"
    assert lumen.salary_text == "$160k-$200k + equity"
    assert lumen.url == "https://lumen.example/careers/embedded"
    assert lumen.posted_at == "2026-03-02T16:01:00.000Z"
    assert lumen.description_html.startswith("Lumen Robotics |")
    quiet = postings["47000012"]
    assert quiet.company == "Quietbox <img src=x onerror=alert`1`>"  # text, for the sanitiser
    assert quiet.remote_hint == "REMOTE (EU)"
    assert quiet.locations == ["REMOTE (EU)"]
    assert quiet.salary_text == "€70k\u201390k"
    assert quiet.url == "https://news.ycombinator.com/item?id=47000012"  # no link in the comment
    fern = postings["47000015"]
    assert fern.company == "Fernweh"
    assert fern.title == "Staff Frontend Engineer / Product Designer"
    assert fern.locations == ["London, UK"]
    assert fern.remote_hint == "Hybrid"
    reasons = dict(result.skipped)
    assert reasons["#2 id=47000013"] == "not a job post"
    assert reasons["#3 id=47000014"].startswith("empty comment")
    assert "47000099" not in postings  # replies are never read


def test_split_roles_gives_one_posting_per_role():
    result = parse_fixture("hn_whoishiring", "hn_items_story.json", {"split_roles": True})
    ids = [p.external_id for p in result.postings]
    assert "47000015-1" in ids and "47000015-2" in ids
    assert by_id(result)["47000015-2"].title == "Product Designer"


def test_search_response_skips_replies():
    result = parse_fixture("hn_whoishiring", "hn_search_comments.json")
    [posting] = result.postings
    assert posting.external_id == "47000101"
    assert posting.company == "Oakleaf Health"
    assert posting.title == "Data Scientist"
    assert posting.url == "https://jobs.oakleaf.example/ds"  # careers link from the body
    assert posting.locations == ["Remote (US)"]
    assert result.skipped == [("#1 id=47000102", "a reply, not a top-level comment")]


def test_story_listing_has_no_postings_and_finds_the_thread():
    result = parse_fixture("hn_whoishiring", "hn_stories.json")
    assert result.postings == []
    assert all(reason == "a story, not a comment" for _, reason in result.skipped)
    data = json.loads(fixture_bytes("hn_stories.json"))
    assert find_hiring_story(data) == ("47000000", "Ask HN: Who is hiring? (March 2026)")
    assert find_hiring_story(data, "February 2026")[0] == "46500000"
    assert find_hiring_story(data, "July 2020") is None


def test_wrong_shapes_raise():
    with pytest.raises(ParseError):
        HN.parse(b'{"nothing": 1}', {})
    with pytest.raises(ParseError):
        HN.parse(fixture_bytes("lever_postings.json"), {})


@pytest.mark.parametrize(
    ("line", "company", "roles", "locations", "remote", "salary"),
    [
        (
            "Acme | Staff Engineer | Berlin, Germany | Onsite | €90k",
            "Acme",
            ["Staff Engineer"],
            ["Berlin, Germany"],
            ["Onsite"],
            ["€90k"],
        ),
        (
            "Galaxy (getgalaxy.io) - The Cursor for SQL | NYC, NY | Full time",
            "Galaxy",
            [],
            ["NYC, NY"],
            [],
            [],
        ),
        (
            "https://foo.example | Backend Developer | REMOTE",
            "foo.example",
            ["Backend Developer"],
            [],
            ["REMOTE"],
            [],
        ),
        (
            "Zed|Product Designer|Remote (US only)|$120k-150k + equity",
            "Zed",
            ["Product Designer"],
            ["Remote (US only)"],
            ["Remote (US only)"],
            ["$120k-150k + equity"],
        ),
    ],
)
def test_read_header(line, company, roles, locations, remote, salary):
    header = read_header(line)
    assert header.company == company
    assert header.roles == roles
    assert header.locations == locations
    assert header.remote == remote
    assert header.salary_texts == salary
