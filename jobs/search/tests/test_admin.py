import pytest
from django.urls import reverse

from jobs.search.models import SavedSearch, SavedSearchMatch
from jobs.search.tests.factories import JobFactory

pytestmark = pytest.mark.django_db


def test_operators_can_read_what_alerts_recorded(admin_client, user):
    search = SavedSearch.objects.create(user=user, name="Remote Rust", alert="daily")
    job = JobFactory(title="Rust Engineer")
    SavedSearchMatch.objects.create(user=user, saved_search=search, job=job)
    page = admin_client.get(reverse("admin:search_savedsearchmatch_changelist"))
    assert page.status_code == 200
    assert "Remote Rust" in page.content.decode()
    assert admin_client.get(reverse("admin:search_savedsearchmatch_add")).status_code == 403
