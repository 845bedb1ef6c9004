import re

import pytest
from django.urls import reverse

from jobs.models import Job
from jobs.normalize import normalize_posting
from jobs.search import services
from jobs.search.models import HiddenCompany, JobInteraction, SavedSearch
from jobs.search.tests.factories import JobFactory
from jobs.store import store_postings
from jobs.tests.factories import JobSourceFactory, raw_posting

pytestmark = pytest.mark.django_db
HX = {"HTTP_HX_REQUEST": "true"}

HOSTILE_HTML = (
    "<p>Build things with Python.</p>"
    "<script>window.__pwned = 1</script>"
    '<img src="x" onerror="window.__pwned = 2">'
    '<a href="javascript:window.__pwned = 3">click</a>'
    '<iframe src="https://evil.example"></iframe>'
)


def hostile_job() -> Job:
    source = JobSourceFactory()
    store_postings(
        source=source, postings=[normalize_posting(raw_posting(1, description_html=HOSTILE_HTML))]
    )
    return Job.objects.get()


def test_list_page_and_fragment(user_client):
    JobFactory(title="Python Engineer", description_text="We love Python here.")
    JobFactory(title="Java Developer", skills=["Java"])
    page = user_client.get("/jobs/", {"q": "python"})
    assert page.status_code == 200
    html = page.content.decode()
    assert "<html" in html and "data-search-focus" in html and 'hx-push-url="true"' in html
    assert "1 job for “python”" in html and "Java Developer" not in html
    assert "<mark>Python</mark>" in html
    fragment = user_client.get("/jobs/", {"q": "python"}, **HX)
    body = fragment.content.decode()
    assert "<html" not in body and body.lstrip().startswith('<section id="results"')
    assert "Python Engineer" in body
    assert "HX-Request" in fragment["Vary"]


def test_the_form_and_links_reflect_the_filters(user_client):
    for i in range(25):
        JobFactory(title=f"Remote job {i}", remote_type="remote")
    html = user_client.get("/jobs/", {"q": "remote", "remote": "remote", "company": ""}).content
    html = html.decode()
    assert 'value="remote"' in html  # search box keeps the query
    assert re.search(r'<input type="checkbox" name="remote" value="remote"[^>]*checked', html)
    assert 'href="?q=remote&amp;remote=remote&amp;page=2"' in html  # empty params dropped
    assert 'name="query" value="q=remote&amp;remote=remote"' in html  # "save search" form
    second = user_client.get("/jobs/", {"q": "remote", "remote": "remote", "page": "2"}).content
    assert "Page 2 of 2" in second.decode()


def test_empty_states_and_bad_filters(user_client):
    assert "No jobs yet" in user_client.get("/jobs/").content.decode()
    JobFactory()
    assert "No jobs match" in user_client.get("/jobs/", {"q": "zzzz"}).content.decode()
    bad = user_client.get("/jobs/", {"sort": "nope", "salary_min": "5"})
    assert bad.status_code == 200
    assert "Check your filters" in bad.content.decode()


def test_list_requires_login(client):
    assert client.get("/jobs/").status_code == 302


def test_detail_page_and_fragment(user_client):
    job = JobFactory(
        title="Staff Engineer",
        salary_currency="EUR",
        salary_annual_min=90000,
        salary_annual_max=110000,
        visa_sponsorship="yes",
        skills=["Python", "Kubernetes"],
        repost_count=2,
    )
    page = user_client.get(reverse("jobs:detail", args=[job.pk])).content.decode()
    for text in (
        "Staff Engineer",
        "EUR 90,000–110,000",
        "Visa sponsorship",
        "Kubernetes",
        "Berlin, DE",
        "reposted 2 times",
        "First seen",
    ):
        assert text in page, text
    fragment = user_client.get(reverse("jobs:detail", args=[job.pk]), **HX).content.decode()
    assert "<html" not in fragment and "Staff Engineer" in fragment
    assert user_client.get(reverse("jobs:detail", args=[999999])).status_code == 404


def test_hostile_description_renders_without_script(user_client):
    job = hostile_job()
    html = user_client.get(reverse("jobs:detail", args=[job.pk])).content.decode()
    description = html.split('class="job-description">')[1].split("</div>")[0]
    assert "Build things with Python." in description
    for bad in ("<script", "onerror", "javascript:", "<iframe", "__pwned"):
        assert bad not in description.lower(), bad


def test_also_on_boards_and_credit_link_back(user_client):
    canonical = JobFactory(title="Platform Engineer", url="https://boards.greenhouse.io/x/1")
    remoteok = JobSourceFactory(name="RemoteOK all", kind="remoteok")
    remotive = JobSourceFactory(name="Remotive all", kind="remotive")
    JobFactory(
        source=remoteok,
        canonical=canonical,
        is_canonical=False,
        url="https://remoteok.com/remote-jobs/1",
    )
    dup = JobFactory(
        source=remotive,
        canonical=canonical,
        is_canonical=False,
        url="https://remotive.com/remote-jobs/2",
    )
    html = user_client.get(reverse("jobs:detail", args=[canonical.pk])).content.decode()
    also_on = html.split('id="also-on-h"')[1]
    assert "https://remoteok.com/remote-jobs/1" in also_on and "Remote OK" in also_on
    assert "https://remotive.com/remote-jobs/2" in also_on and "Remotive" in also_on
    dup_html = user_client.get(reverse("jobs:detail", args=[dup.pk])).content.decode()
    assert "Jobs via Remotive (https://remotive.com)." in dup_html
    assert 'href="https://remotive.com/remote-jobs/2"' in dup_html.split('class="link-back"')[1]
    assert "https://boards.greenhouse.io/x/1" in dup_html.split('id="also-on-h"')[1]


def test_actions_by_htmx_and_plain_post(user_client, user):
    job = JobFactory()
    url = reverse("jobs:interact", args=[job.pk, "saved"])
    response = user_client.post(url, {"on": "1"}, **HX)
    assert response.status_code == 200 and "Saved ✓" in response.content.decode()
    assert "toast" in response["HX-Trigger"]
    assert JobInteraction.objects.filter(user=user, kind="saved").exists()
    response = user_client.post(reverse("jobs:interact", args=[job.pk, "hidden"]), {"on": "1"})
    assert response.status_code == 302
    assert user_client.get("/jobs/").content.decode().count("job-card") == 0
    user_client.post(reverse("jobs:interact", args=[job.pk, "not_this_company"]), {"on": "1"})
    assert HiddenCompany.objects.filter(user=user, company=job.company).exists()
    bad = user_client.post(reverse("jobs:interact", args=[job.pk, "nonsense"]), **HX)
    assert bad.status_code == 422


def test_saved_search_crud_pages(user_client, user):
    created = user_client.post(
        reverse("jobs:saved_searches"),
        {"name": "Remote Python", "query": "q=python&remote=remote", "alert": "off"},
    )
    assert created.status_code == 302
    search = SavedSearch.objects.get()
    assert search.params == {"q": ["python"], "remote": ["remote"]}
    listing = user_client.get(reverse("jobs:saved_searches")).content.decode()
    assert "Remote Python" in listing and "/jobs/?q=python&amp;remote=remote" in listing
    edit_url = reverse("jobs:saved_search_edit", args=[search.pk])
    assert user_client.get(edit_url).status_code == 200
    edited = user_client.post(edit_url, {"name": "Py", "query": "q=py", "alert": "daily"})
    assert edited.status_code == 302
    search.refresh_from_db()
    assert (search.name, search.alert, search.params) == ("Py", "daily", {"q": ["py"]})
    bad = user_client.post(edit_url, {"name": "Py", "query": "sort=bad", "alert": "daily"})
    assert bad.status_code == 400
    delete = user_client.post(reverse("jobs:saved_search_delete", args=[search.pk]), **HX)
    assert delete.status_code == 200 and not SavedSearch.objects.exists()


def test_save_search_from_the_list_page_fragment(user_client):
    response = user_client.post(
        reverse("jobs:saved_searches"),
        {"name": "Mine", "query": "q=go", "alert": "off"},
        HTTP_HX_REQUEST="true",
        HTTP_HX_TARGET="save-search",
    )
    assert response.status_code == 200 and "Saved as" in response.content.decode()
    again = user_client.post(
        reverse("jobs:saved_searches"),
        {"name": "Mine", "query": "q=go", "alert": "off"},
        HTTP_HX_REQUEST="true",
        HTTP_HX_TARGET="save-search",
    )
    assert again.status_code == 422 and "already have" in again.content.decode()


def test_another_user_gets_404_on_saved_searches_and_hidden_companies(client, user, other_user):
    job = JobFactory()
    search = services.saved_search_create(user=user, name="Mine", params={"q": "go"})
    services.job_interaction_set(user=user, job_id=job.pk, kind="not_this_company")
    hidden = HiddenCompany.objects.get()
    client.force_login(other_user)
    assert client.get(reverse("jobs:saved_search_edit", args=[search.pk])).status_code == 404
    assert (
        client.post(
            reverse("jobs:saved_search_edit", args=[search.pk]), {"name": "x", "alert": "off"}
        ).status_code
        == 404
    )
    assert client.post(reverse("jobs:saved_search_delete", args=[search.pk])).status_code == 404
    assert client.post(reverse("jobs:hidden_company_remove", args=[hidden.pk])).status_code == 404
    assert "Mine" not in client.get(reverse("jobs:saved_searches")).content.decode()
    assert SavedSearch.objects.filter(pk=search.pk).exists()
    assert HiddenCompany.objects.filter(pk=hidden.pk).exists()
