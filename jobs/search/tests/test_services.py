import pytest
from django.core.exceptions import ValidationError

from jobs.search import services
from jobs.search.models import HiddenCompany, JobInteraction, SavedSearch
from jobs.search.tests.factories import JobFactory

pytestmark = pytest.mark.django_db


def test_saved_search_keeps_only_known_non_empty_filters(user):
    search = services.saved_search_create(
        user=user,
        name="Remote Python",
        params={"q": "python", "remote": ["remote"], "page": "3", "evil": "x", "company": ""},
    )
    assert search.params == {"q": ["python"], "remote": ["remote"]}
    assert search.query_string == "q=python&remote=remote"


def test_saved_search_rejects_invalid_filters_and_duplicate_names(user):
    with pytest.raises(ValidationError) as exc:
        services.saved_search_create(user=user, name="Bad", params={"sort": "nope"})
    assert "params" in exc.value.message_dict
    services.saved_search_create(user=user, name="Mine", params={})
    with pytest.raises(ValidationError) as exc:
        services.saved_search_create(user=user, name="mine", params={})
    assert "name" in exc.value.message_dict


def test_saved_search_update_and_delete_are_owner_only(user, other_user):
    search = services.saved_search_create(user=user, name="A", params={"q": "go"})
    updated = services.saved_search_update(
        user=user, saved_search_id=search.pk, name="B", alert="daily"
    )
    assert (updated.name, updated.alert, updated.params) == ("B", "daily", {"q": ["go"]})
    with pytest.raises(SavedSearch.DoesNotExist):
        services.saved_search_update(user=other_user, saved_search_id=search.pk, name="X")
    with pytest.raises(SavedSearch.DoesNotExist):
        services.saved_search_delete(user=other_user, saved_search_id=search.pk)
    services.saved_search_delete(user=user, saved_search_id=search.pk)
    assert not SavedSearch.objects.exists()


def test_saved_search_matches_new_jobs(user):
    from django.utils import timezone

    JobFactory(title="Old Python", first_seen_at=timezone.now() - timezone.timedelta(days=3))
    JobFactory(title="New Python")
    JobFactory(title="New Java", skills=["Java"])
    search = services.saved_search_create(user=user, name="Py", params={"q": "python"})
    since = timezone.now() - timezone.timedelta(days=1)
    found = services.saved_search_matches(saved_search=search, since=since)
    assert [j.title for j in found] == ["New Python"]


def test_thumbs_exclude_each_other_and_toggles_are_idempotent(user):
    job = JobFactory()
    services.job_interaction_set(user=user, job_id=job.pk, kind="thumbs_up")
    services.job_interaction_set(user=user, job_id=job.pk, kind="thumbs_up")
    kinds = services.job_interaction_set(user=user, job_id=job.pk, kind="thumbs_down")
    assert kinds == {"thumbs_down"}
    assert (
        services.job_interaction_set(user=user, job_id=job.pk, kind="thumbs_down", on=False)
        == set()
    )


def test_not_this_company_hides_the_company(user):
    job = JobFactory()
    services.job_interaction_set(user=user, job_id=job.pk, kind="not_this_company")
    assert HiddenCompany.objects.for_user(user).get().company == job.company
    services.job_interaction_set(user=user, job_id=job.pk, kind="not_this_company", on=False)
    assert not HiddenCompany.objects.exists()


def test_not_this_company_needs_a_company_and_kinds_are_checked(user):
    job = JobFactory(company=None, company_name="Someone")
    with pytest.raises(ValidationError):
        services.job_interaction_set(user=user, job_id=job.pk, kind="not_this_company")
    with pytest.raises(ValidationError):
        services.job_interaction_set(user=user, job_id=job.pk, kind="applied")
    assert not JobInteraction.objects.exists()
