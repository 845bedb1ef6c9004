import json
from io import StringIO

import pytest
from django.core.management import call_command

from jobs.models import Job

from .factories import board, groups, ingest, posting

pytestmark = pytest.mark.django_db


def _small_catalogue():
    ingest(
        board("greenhouse"),
        posting("gh-1", salary_text="€80,000 – €95,000 per year"),
        posting("gh-2", title="Staff Backend Engineer"),
    )
    ingest(board("lever"), posting("lv-1", board="lever"))
    ingest(board("linkedin"), posting("li-1", board="linkedin", title="Sr. Backend Engineer"))


def test_dedup_report_json_prints_one_object_with_the_issue_shape():
    _small_catalogue()
    out = StringIO()
    call_command("dedup_report", "--json", stdout=out)
    report = json.loads(out.getvalue())
    assert set(report) == {
        "jobs",
        "canonical",
        "groups",
        "duplicates",
        "reposts",
        "by_source",
        "group_members",
    }
    assert (report["jobs"], report["canonical"], report["groups"], report["duplicates"]) == (
        4,
        2,
        1,
        2,
    )
    assert report["reposts"] == 0
    assert report["group_members"] == [
        [
            {"source": "greenhouse", "external_id": "gh-1"},
            {"source": "lever", "external_id": "lv-1"},
            {"source": "linkedin", "external_id": "li-1"},
        ]
    ]
    assert report["by_source"]["greenhouse"] == {
        "jobs": 2,
        "in_groups": 1,
        "duplicates": 0,
        "duplicate_rate": 0.5,
    }
    assert report["by_source"]["lever"]["duplicate_rate"] == 1.0


def test_dedup_report_without_json_is_a_readable_summary():
    _small_catalogue()
    out = StringIO()
    call_command("dedup_report", stdout=out)
    text = out.getvalue()
    assert "4 jobs, 2 canonical, 1 groups" in text
    assert "greenhouse:gh-1 = lever:lv-1 = linkedin:li-1" in text


def test_backfill_job_fingerprints_recomputes_everything_and_keeps_the_groups():
    _small_catalogue()
    before = groups()
    Job.objects.update(canonical=None, is_canonical=True)
    out = StringIO()
    call_command("backfill_job_fingerprints", stdout=out)
    assert groups() == before == {frozenset({"gh-1", "lv-1", "li-1"})}
    assert "4 jobs fingerprinted, 1 groups" in out.getvalue()
