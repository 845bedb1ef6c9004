"""The same job from three boards, a repost and a hard negative, through ingestion, API and page."""

import datetime as dt

import pytest
from django.utils import timezone

from jobs.models import IngestRun, Job
from jobs.services import ingest_postings
from jobs.tests.factories import JobSourceFactory, raw_posting

pytestmark = pytest.mark.django_db


def _ingest(source, *raws, complete=False):
    run = IngestRun.objects.create(source=source)
    return ingest_postings(run=run, raw_postings=list(raws), complete=complete)


def _same_job(board: str, external_id: str):
    return raw_posting(
        1, external_id=external_id, url=f"https://{board}.example.com/jobs/{external_id}"
    )


@pytest.fixture
def catalogue():
    a = JobSourceFactory(name="Board A")
    b = JobSourceFactory(name="Board B")
    c = JobSourceFactory(name="Board C")
    _ingest(a, _same_job("a", "a-1"), complete=True)
    _ingest(b, _same_job("b", "b-1"))
    _ingest(c, _same_job("c", "c-1"))
    negative = raw_posting(1, external_id="a-staff", title="Staff Backend Engineer 1")
    _ingest(b, negative)
    # The three boards listed it ten days ago; board A stopped three days ago and now lists
    # it again under a new id (a repost).
    _ingest(a, complete=True)
    now = timezone.now()
    Job.objects.all().update(first_seen_at=now - dt.timedelta(days=10))
    Job.objects.filter(external_id="a-1").update(last_seen_at=now - dt.timedelta(days=3))
    _ingest(a, _same_job("a", "a-2"))
    return a, b, c


def test_one_canonical_job_with_the_other_boards_and_the_repost_count(
    user_client, user_api, catalogue
):
    group = Job.objects.filter(title="Senior Backend Engineer 1")
    canonical = group.get(is_canonical=True)
    assert group.count() == 4 and group.filter(is_canonical=False).count() == 3
    assert canonical.repost_count == 1

    negative = Job.objects.get(external_id="a-staff")
    assert negative.is_canonical and negative.canonical_id is None

    listed = user_api.get("/api/v1/jobs/?q=backend").json()["results"]
    assert sorted(r["title"] for r in listed) == [
        "Senior Backend Engineer 1",
        "Staff Backend Engineer 1",
    ]

    detail = user_api.get(f"/api/v1/jobs/{canonical.pk}/").json()
    assert canonical.is_active  # a posting still listed is preferred as the canonical
    others = [m for m in detail["group"] if m["id"] != canonical.pk]
    other_boards = {Job.objects.get(pk=m["id"]).source.name for m in others}
    assert other_boards == {"Board A", "Board B", "Board C"} - {canonical.source.name}
    assert detail["repost_count"] == 1

    page = user_client.get(f"/jobs/{canonical.pk}/").content.decode()
    assert "Also on" in page and "reposted 1 time" in page
    for member in Job.objects.filter(title="Senior Backend Engineer 1", is_active=True):
        if member.pk != canonical.pk:
            assert member.url in page


def test_a_split_survives_re_ingestion(user_client, catalogue):
    _a, _b, c = catalogue
    canonical = Job.objects.get(title="Senior Backend Engineer 1", is_canonical=True)
    from_c = Job.objects.get(external_id="c-1")
    user_client.post(f"/jobs/{canonical.pk}/not-duplicate/{from_c.pk}/")
    from_c.refresh_from_db()
    assert from_c.is_canonical
    _ingest(c, _same_job("c", "c-1"))
    _ingest(
        c,
        raw_posting(
            1,
            external_id="c-1",
            url="https://c.example.com/jobs/c-1",
            description_html="<p>Changed text, Python and Django.</p>",
        ),
    )
    from_c.refresh_from_db()
    assert from_c.is_canonical and from_c.canonical_id is None


def test_when_the_canonical_posting_stops_being_listed_a_listed_member_takes_over():
    a, b = JobSourceFactory(name="Board A"), JobSourceFactory(name="Board B")
    # Equally rich copies: the earliest (board A's) heads the group.
    _ingest(a, _same_job("a", "a-1"), complete=True)
    _ingest(b, _same_job("b", "b-1"), complete=True)
    head = Job.objects.get(external_id="a-1")
    member = Job.objects.get(external_id="b-1")
    assert head.is_canonical and member.canonical_id == head.pk

    _ingest(a, complete=True)  # a complete fetch without it: board A no longer lists it
    head.refresh_from_db()
    member.refresh_from_db()
    assert not head.is_active and not head.is_canonical and head.canonical_id == member.pk
    assert member.is_active and member.is_canonical
    assert Job.objects.filter(is_canonical=True, is_active=True).count() == 1
