import pytest
from django.utils import timezone

from jobs.search import services
from jobs.search.models import HiddenCompany, JobInteraction
from jobs.search.tests.factories import CompanyFactory, JobFactory
from jobs.tests.factories import JobSourceFactory

pytestmark = pytest.mark.django_db


def titles(params, user=None):
    result = services.job_search(user=user, params=params)
    assert result.valid, result.filterset.errors
    return sorted(job.title for job in result.page.object_list)


def errors(params):
    result = services.job_search(user=None, params=params)
    assert not result.valid
    return result.filterset.errors


def test_default_shows_only_active_canonical_jobs():
    canonical = JobFactory(title="Canonical")
    JobFactory(title="Inactive", is_active=False)
    JobFactory(title="Duplicate", is_canonical=False, canonical=canonical)
    assert titles({}) == ["Canonical"]
    assert titles({"q": "canonical OR inactive OR duplicate"}) == ["Canonical"]


def test_country_matches_any_listed_code():
    JobFactory(title="Berlin", countries="DE")
    JobFactory(title="Both", countries="DE US")
    JobFactory(title="Austin", countries="US")
    assert titles({"country": ["US"]}) == ["Austin", "Both"]
    assert titles({"country": ["DE", "US"]}) == ["Austin", "Berlin", "Both"]


def test_location_matches_city_text():
    JobFactory(title="Munich", locations=[{"city": "München", "country": "DE"}])
    JobFactory(title="Berlin")
    assert titles({"location": "münchen"}) == ["Munich"]


def test_remote_type():
    JobFactory(title="Remote", remote_type="remote")
    JobFactory(title="Office", remote_type="onsite")
    assert titles({"remote": ["remote"]}) == ["Remote"]


def test_salary_floor_compares_only_the_same_currency():
    JobFactory(title="EUR high", salary_currency="EUR", salary_annual_min=90_000)
    JobFactory(
        title="EUR range",
        salary_currency="EUR",
        salary_annual_min=60_000,
        salary_annual_max=85_000,
    )
    JobFactory(title="EUR low", salary_currency="EUR", salary_annual_max=50_000)
    JobFactory(title="USD high", salary_currency="USD", salary_annual_min=200_000)
    JobFactory(title="No salary")
    assert titles({"salary_min": "80000", "currency": "EUR"}) == ["EUR high", "EUR range"]


def test_salary_floor_needs_a_currency():
    assert "currency" in errors({"salary_min": "80000"})


def test_posted_within_days():
    JobFactory(title="Fresh", posted_at=timezone.now() - timezone.timedelta(hours=5))
    JobFactory(title="Old", posted_at=timezone.now() - timezone.timedelta(days=20))
    assert titles({"posted_within": "1"}) == ["Fresh"]
    assert titles({"posted_within": "30"}) == ["Fresh", "Old"]
    assert "posted_within" in errors({"posted_within": "99999"})


def test_employment_type_and_seniority():
    JobFactory(title="Contract senior", employment_type="contract", seniority="senior")
    JobFactory(title="Full-time junior", employment_type="full_time", seniority="junior")
    assert titles({"employment_type": ["contract"]}) == ["Contract senior"]
    assert titles({"seniority": ["junior", "staff"]}) == ["Full-time junior"]


def test_skills_any_or_all():
    JobFactory(title="Py+Dj", skills=["Python", "Django"])
    JobFactory(title="Py", skills=["Python"])
    JobFactory(title="Go", skills=["Go"])
    JobFactory(title="Pythonista", skills=["Python Scripting"])
    assert titles({"skills": "Python, Go"}) == ["Go", "Py", "Py+Dj"]
    assert titles({"skills": "Python,Django", "skills_match": "all"}) == ["Py+Dj"]


def test_source_kind_company_and_visa():
    JobFactory(title="Lever job", source=JobSourceFactory(name="L", kind="lever"), company=None)
    JobFactory(title="Acme job", company=CompanyFactory(name="Acme"), visa_sponsorship="yes")
    assert titles({"source": ["lever"]}) == ["Lever job"]
    assert titles({"company": "acme"}) == ["Acme job"]
    assert titles({"visa": "yes"}) == ["Acme job"]


def test_sort_by_date_and_salary():
    now = timezone.now()
    JobFactory(
        title="Older rich",
        posted_at=now - timezone.timedelta(days=5),
        salary_currency="USD",
        salary_annual_max=300_000,
    )
    JobFactory(title="Newest", posted_at=now)
    JobFactory(title="Undated", posted_at=None)
    by_date = services.job_search(user=None, params={"sort": "date"}).page.object_list
    assert [j.title for j in by_date] == ["Newest", "Older rich", "Undated"]
    by_salary = services.job_search(user=None, params={"sort": "salary"}).page.object_list
    assert by_salary[0].title == "Older rich"


def test_unknown_sort_and_absurd_values_are_field_errors():
    assert "sort" in errors({"sort": "drop table"})
    assert "salary_min" in errors({"salary_min": "-5", "currency": "EUR"})
    assert "currency" in errors({"salary_min": "5", "currency": "XXX"})
    assert "country" in errors({"country": ["ZZ"]})
    assert "q" in errors({"q": "x" * 501})


def test_hidden_jobs_and_companies_leave_only_that_users_results(user, other_user):
    hidden = JobFactory(title="Hidden job")
    shunned = CompanyFactory(name="Shunned")
    JobFactory(title="Shunned job", company=shunned)
    JobFactory(title="Visible")
    JobInteraction.objects.create(user=user, job=hidden, kind="hidden")
    HiddenCompany.objects.create(user=user, company=shunned)
    assert titles({}, user=user) == ["Visible"]
    assert titles({"q": "job"}, user=user) == []
    assert titles({}, user=other_user) == ["Hidden job", "Shunned job", "Visible"]


def test_user_marks_are_read_in_one_query(user, other_user, django_assert_num_queries):
    hidden = JobFactory(title="Hidden job")
    saved = JobFactory(title="Saved job")
    shunned = CompanyFactory(name="Shunned")
    mine = JobFactory(title="Mine", owner=user)
    theirs = JobFactory(title="Theirs", owner=other_user)
    JobInteraction.objects.create(user=user, job=hidden, kind="hidden")
    JobInteraction.objects.create(user=user, job=saved, kind="saved")
    JobInteraction.objects.create(user=user, job=saved, kind="thumbs_up")
    JobInteraction.objects.create(user=other_user, job=hidden, kind="saved")
    HiddenCompany.objects.create(user=user, company=shunned)
    with django_assert_num_queries(1):
        marks = services.user_marks(user)
    assert marks.hidden_jobs == {hidden.pk, theirs.pk}
    assert marks.hidden_companies == {shunned.pk}
    assert marks.kinds == {hidden.pk: {"hidden"}, saved.pk: {"saved", "thumbs_up"}}
    anonymous = services.user_marks(None)
    assert anonymous.hidden_jobs == {mine.pk, theirs.pk}
    assert anonymous.hidden_companies == set() and anonymous.kinds == {}


def test_a_result_page_shows_the_users_marks_only(user, other_user):
    job = JobFactory(title="Marked job")
    JobInteraction.objects.create(user=user, job=job, kind="saved")
    JobInteraction.objects.create(user=other_user, job=job, kind="thumbs_down")
    [row] = services.job_search(user=user, params={}).page.object_list
    assert row.user_kinds == {"saved"}
    [row] = services.job_search(user=other_user, params={}).page.object_list
    assert row.user_kinds == {"thumbs_down"}


def test_big_choice_lists_are_shared_not_copied_per_request():
    import copy

    from jobs.search.filters import JobFilter

    first, second = JobFilter({}), JobFilter({"country": ["DE"]})
    assert first.is_valid() and second.is_valid()
    choices = JobFilter.base_filters["country"].extra["choices"]
    assert copy.deepcopy(choices) is choices
    assert ("DE", "DE") in list(second.form.fields["country"].choices)
    assert "country" in errors({"country": ["ZZ"]})


def test_each_filter_set_has_its_own_filters_bound_to_it(user, other_user):
    """Filters are copied shallowly per filter set: each copy must call its own filter set's
    methods (the "saved" filter reads that filter set's user)."""
    job = JobFactory(title="Keeper")
    JobFactory(title="Other")
    services.job_interaction_set(user=user, job_id=job.pk, kind="saved")
    mine = services.job_filterset(user=user, params={"saved": "true"})
    theirs = services.job_filterset(user=other_user, params={"saved": "true"})
    assert mine.filters["saved"] is not theirs.filters["saved"]
    assert mine.filters["saved"].parent is mine and theirs.filters["saved"].parent is theirs
    assert mine.is_valid() and theirs.is_valid()
    assert mine.form.__class__ is theirs.form.__class__  # built once
    assert mine.form is not theirs.form
    assert [r.pk for r in mine.qs] == [job.pk]
    assert list(theirs.qs) == []


def test_saved_only(user, other_user):
    job = JobFactory(title="Keeper")
    JobFactory(title="Other")
    services.job_interaction_set(user=user, job_id=job.pk, kind="saved")
    assert titles({"saved": "true"}, user=user) == ["Keeper"]
    assert titles({"saved": "true"}, user=other_user) == []


def test_pages_and_counts():
    for i in range(25):
        JobFactory(title=f"Job {i:02d}")
    first = services.job_search(user=None, params={}, page=1)
    last = services.job_search(user=None, params={}, page="999")
    assert first.total == 25 and len(first.page.object_list) == 20
    assert last.page.number == 2 and len(last.page.object_list) == 5


def test_results_stop_at_the_cap_and_say_so(monkeypatch):
    from jobs.search import fulltext

    monkeypatch.setattr(fulltext, "RANK_WINDOW", 3)
    monkeypatch.setattr(services, "MAX_RESULTS", 3)
    now = timezone.now()
    for i in range(5):
        JobFactory(title=f"Python role {i}", posted_at=now - timezone.timedelta(days=i))
    searched = services.job_search(user=None, params={"q": "python"}, per_page=2)
    assert (searched.total, searched.capped) == (3, True)
    every = [
        j.title
        for p in (1, 2)
        for j in services.job_search(user=None, params={"q": "python"}, per_page=2, page=p).page
    ]
    assert sorted(every) == ["Python role 0", "Python role 1", "Python role 2"]  # newest 3
    listed = services.job_search(user=None, params={})
    assert (listed.total, listed.capped) == (3, True)
    small = services.job_search(user=None, params={"q": '"python role 4"'})
    assert (small.total, small.capped) == (1, False)
