import datetime as dt

import pytest
from django.utils import timezone

from jobs.dedup.models import DedupSplit, JobFingerprint, LshBand
from jobs.dedup.services import dedup_jobs, dedup_rebuild, dedup_split, job_group
from jobs.models import Job

from .factories import board, groups, ingest, job, posting

pytestmark = pytest.mark.django_db


def _state():
    return sorted(Job.objects.values_list("pk", "canonical_id", "is_canonical", "repost_count"))


def test_exact_duplicates_on_two_boards_share_a_group():
    ingest(board("greenhouse"), posting("gh-1"))
    ingest(board("lever"), posting("lv-1", board="greenhouse", source="lever"))
    assert groups() == {frozenset({"gh-1", "lv-1"})}


def test_near_duplicates_across_boards_are_grouped_with_the_richest_canonical():
    ingest(
        board("linkedin"),
        posting("li-1", board="linkedin", title="Sr. Backend Engineer", location="Berlin, DE"),
    )
    ingest(board("greenhouse"), posting("gh-1", salary_text="€80,000 – €95,000 per year"))
    ingest(
        board("lever"),
        posting(
            "lv-1", board="lever", company="Acme Robotics", title="Senior Backend Engineer (m/f/d)"
        ),
    )
    assert groups() == {frozenset({"li-1", "gh-1", "lv-1"})}
    canonical = job("gh-1")  # the only one with a salary
    assert canonical.is_canonical and canonical.canonical_id is None
    assert {job("li-1").canonical_id, job("lv-1").canonical_id} == {canonical.pk}
    assert not job("li-1").is_canonical


def test_without_a_richer_record_the_earliest_is_canonical():
    ingest(board("greenhouse"), posting("gh-1"))
    ingest(board("lever"), posting("lv-1", board="lever"))
    assert job("gh-1").is_canonical and job("lv-1").canonical_id == job("gh-1").pk


def test_senior_and_staff_siblings_are_not_merged():
    source = board("greenhouse")
    ingest(source, posting("gh-1"), posting("gh-2", title="Staff Backend Engineer", years=8))
    assert groups() == set()


def test_the_same_role_in_another_city_is_not_merged():
    source = board("greenhouse")
    ingest(source, posting("gh-1"), posting("gh-2", city="Munich", location="Munich, Germany"))
    assert groups() == set()


def test_a_templated_description_under_another_title_is_not_merged():
    body = posting("x").description_html
    source = board("greenhouse")
    ingest(
        source,
        posting("gh-1", body=body),
        posting("gh-2", title="Senior Frontend Engineer", body=body),
    )
    assert groups() == set()


def test_a_repost_joins_the_old_group_and_is_counted_on_the_canonical():
    source = board("greenhouse")
    ingest(source, posting("gh-1"))
    ingest(board("lever"), posting("lv-1", board="lever"))
    old = job("gh-1")
    week_ago = timezone.now() - dt.timedelta(days=7)
    Job.objects.filter(pk=old.pk).update(
        first_seen_at=week_ago - dt.timedelta(days=30), last_seen_at=week_ago, is_active=False
    )
    Job.objects.filter(external_id="lv-1").update(
        first_seen_at=week_ago - dt.timedelta(days=20), last_seen_at=week_ago, is_active=False
    )
    ingest(source, posting("gh-2", body=posting("x").description_html.replace("fair", "fair,")))
    assert groups() == {frozenset({"gh-1", "lv-1", "gh-2"})}
    group = job_group(job=job("gh-2"))
    # The posting still listed leads the group (search shows active canonical jobs); the
    # group keeps the old posting's first-seen date.
    assert group.canonical.external_id == "gh-2"
    assert group.repost_count == 1 == group.canonical.repost_count
    assert group.first_seen_at == Job.objects.get(pk=old.pk).first_seen_at


def test_running_dedup_twice_changes_nothing():
    ingest(board("greenhouse"), posting("gh-1"), posting("gh-2", title="Staff Backend Engineer"))
    ingest(board("lever"), posting("lv-1", board="lever"))
    before, bands = _state(), LshBand.objects.count()
    ids = list(Job.objects.values_list("pk", flat=True))
    outcome = dedup_jobs(job_ids=ids)
    assert (outcome.fingerprinted, outcome.regrouped) == (0, 0)
    assert _state() == before and LshBand.objects.count() == bands


def test_a_changed_posting_leaves_its_group():
    source = board("greenhouse")
    ingest(source, posting("gh-1"))
    ingest(board("lever"), posting("lv-1", board="lever"))
    assert groups() == {frozenset({"gh-1", "lv-1"})}
    ingest(
        board("lever"),
        posting(
            "lv-1",
            board="lever",
            title="Data Analyst",
            body="<p>Count things in spreadsheets all day long.</p>",
        ),
    )
    assert groups() == set()
    assert JobFingerprint.objects.get(job=job("lv-1")).content_hash == job("lv-1").content_hash


def test_a_split_sticks_across_reingestion():
    gh, lv = board("greenhouse"), board("lever")
    ingest(gh, posting("gh-1"))
    ingest(lv, posting("lv-1", board="lever"))
    dedup_split(job_id=job("lv-1").pk, other_id=job("gh-1").pk, reason="different teams")
    assert groups() == set()
    ingest(gh, posting("gh-1"))
    ingest(lv, posting("lv-1", board="lever", title="Senior Backend Engineer - Remote"))
    ingest(lv, posting("lv-1", board="lever"))
    assert groups() == set()
    dedup_rebuild()
    assert groups() == set()
    assert DedupSplit.objects.count() == 1


def test_a_split_keeps_the_rest_of_the_group_together():
    ingest(board("greenhouse"), posting("gh-1"))
    ingest(board("lever"), posting("lv-1", board="lever"))
    ingest(board("linkedin"), posting("li-1", board="linkedin"))
    dedup_split(job_id=job("li-1").pk, other_id=job("gh-1").pk)
    assert frozenset({"gh-1", "lv-1"}) in groups() or frozenset({"lv-1", "li-1"}) in groups()
    assert not any({"gh-1", "li-1"} <= g for g in groups())


def test_backfill_reproduces_the_incremental_groups():
    ingest(board("linkedin"), posting("li-1", board="linkedin", title="Sr. Backend Engineer"))
    ingest(
        board("greenhouse"),
        posting("gh-1"),
        posting("gh-2", title="Staff Backend Engineer"),
        posting("gh-3", city="Munich", location="Munich, Germany"),
    )
    ingest(
        board("lever"),
        posting("lv-1", board="lever"),
        posting("lv-3", board="lever", city="Munich", location="Munich"),
    )
    incremental = _state()
    assert groups() == {frozenset({"li-1", "gh-1", "lv-1"}), frozenset({"gh-3", "lv-3"})}
    result = dedup_rebuild()
    assert result["changed"] == 0 and _state() == incremental
    assert JobFingerprint.objects.count() == Job.objects.count()


def test_ingestion_fingerprints_only_new_or_changed_jobs():
    source = board("greenhouse")
    ingest(source, posting("gh-1"), posting("gh-2", title="Staff Backend Engineer"))
    stamp = dict(JobFingerprint.objects.values_list("job_id", "computed_at"))
    ingest(source, posting("gh-1"), posting("gh-2", title="Staff Backend Engineer"))
    assert dict(JobFingerprint.objects.values_list("job_id", "computed_at")) == stamp
    assert LshBand.objects.count() == 2 * 32
