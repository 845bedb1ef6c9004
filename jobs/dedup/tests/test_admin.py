import pytest
from django.urls import reverse

from .factories import board, ingest, job, posting

pytestmark = pytest.mark.django_db


@pytest.fixture
def catalogue():
    ingest(board("greenhouse"), posting("gh-1"), posting("gh-2", title="Staff Backend Engineer"))
    ingest(board("lever"), posting("lv-1", board="lever"))


def test_fingerprint_admin_shows_the_dedup_report(admin_client, catalogue):
    page = admin_client.get(reverse("admin:dedup_jobfingerprint_changelist"))
    assert page.status_code == 200
    text = " ".join(page.content.decode().split())
    assert "Dedup report" in text
    assert "3 jobs · 2 canonical · 1 groups of two or more · 1 duplicates" in text


def test_job_admin_lists_a_canonical_jobs_duplicates(admin_client, catalogue):
    page = admin_client.get(reverse("admin:jobs_job_change", args=[job("gh-1").pk]))
    assert page.status_code == 200
    assert "duplicates (also listed as)" in page.content.decode().lower()
    assert "lv-1" in page.content.decode()
    listing = admin_client.get(reverse("admin:jobs_job_changelist"))
    assert listing.status_code == 200


def test_a_split_made_in_admin_regroups_at_once(admin_client, catalogue):
    url = reverse("admin:dedup_dedupsplit_add")
    response = admin_client.post(
        url, {"job_a": job("lv-1").pk, "job_b": job("gh-1").pk, "reason": "other team"}
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert job("lv-1").is_canonical and job("gh-1").is_canonical
