import pytest

from jobs.search import services
from jobs.search.models import HiddenCompany, SavedSearch
from jobs.search.tests.factories import JobFactory
from jobs.tests.factories import JobSourceFactory

pytestmark = pytest.mark.django_db


def test_job_list_searches_with_the_page_filters(user_api):
    JobFactory(title="Python Engineer", remote_type="remote")
    JobFactory(title="Python Onsite", remote_type="onsite")
    JobFactory(title="Inactive Python", is_active=False)
    response = user_api.get("/api/v1/jobs/", {"q": "python", "remote": "remote"})
    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 1
    assert body["results"][0]["title"] == "Python Engineer"


def test_job_list_snippet_is_escaped(user_api):
    JobFactory(title="XSS", description_text="<script>alert(1)</script> python at R&D")
    body = user_api.get("/api/v1/jobs/", {"q": "python"}).json()
    snippet = body["results"][0]["snippet_html"]
    assert "<mark>python</mark>" in snippet
    assert "<" not in snippet.replace("<mark>", "").replace("</mark>", "")


def test_snippet_html_escapes_every_piece():
    from jobs.search.serializers import JobListSerializer

    job = JobFactory.build()
    job.snippet = [("<script>x</script> & ", False), ("<b>hit</b>", True)]
    html = JobListSerializer().get_snippet_html(job)
    assert html == "&lt;script&gt;x&lt;/script&gt; &amp; <mark>&lt;b&gt;hit&lt;/b&gt;</mark>"


def test_bad_parameters_are_400_with_field_errors(user_api):
    response = user_api.get("/api/v1/jobs/", {"sort": "nope", "q": "x" * 600})
    assert response.status_code == 400
    assert {"sort", "q"} <= set(response.json()["error"]["fields"])


def test_job_detail_works_for_any_job_and_shows_its_group(user_api):
    canonical = JobFactory(title="Lead")
    remoteok = JobSourceFactory(name="RemoteOK feed", kind="remoteok")
    dup = JobFactory(source=remoteok, is_canonical=False, canonical=canonical, is_active=False)
    body = user_api.get(f"/api/v1/jobs/{dup.pk}/").json()
    assert body["group"][0]["id"] == canonical.pk
    assert body["link_back_required"] is True
    assert body["credit"].startswith("Jobs via Remote OK")
    body = user_api.get(f"/api/v1/jobs/{canonical.pk}/").json()
    assert [m["id"] for m in body["group"]] == [dup.pk]
    assert user_api.get("/api/v1/jobs/999999/").status_code == 404


def test_feedback_action_and_hidden_jobs_leave_the_list(user_api, user):
    job = JobFactory()
    response = user_api.post(f"/api/v1/jobs/{job.pk}/feedback/", {"kind": "hidden"})
    assert response.json()["marks"] == ["hidden"]
    assert user_api.get("/api/v1/jobs/").json()["count"] == 0
    response = user_api.post(f"/api/v1/jobs/{job.pk}/feedback/", {"kind": "bogus"})
    assert response.status_code == 400


def test_saved_search_crud(user_api):
    response = user_api.post(
        "/api/v1/saved-searches/",
        {"name": "Remote Py", "params": {"q": "python", "remote": ["remote"]}, "alert": "daily"},
    )
    assert response.status_code == 201, response.json()
    pk = response.json()["id"]
    assert response.json()["params"] == {"q": ["python"], "remote": ["remote"]}
    response = user_api.patch(f"/api/v1/saved-searches/{pk}/", {"name": "Renamed"})
    assert response.json()["name"] == "Renamed"
    bad = user_api.post("/api/v1/saved-searches/", {"name": "X", "params": {"sort": "bad"}})
    assert bad.status_code == 400 and "params" in bad.json()["error"]["fields"]
    assert user_api.delete(f"/api/v1/saved-searches/{pk}/").status_code == 204
    assert not SavedSearch.objects.exists()


def test_interactions_and_hidden_companies_crud(user_api, user):
    job = JobFactory()
    created = user_api.post("/api/v1/job-interactions/", {"job": job.pk, "kind": "saved"})
    assert created.status_code == 201
    listed = user_api.get("/api/v1/job-interactions/").json()
    assert [i["kind"] for i in listed["results"]] == ["saved"]
    hidden = user_api.post("/api/v1/hidden-companies/", {"company": job.company_id})
    assert hidden.status_code == 201
    assert user_api.delete(f"/api/v1/hidden-companies/{hidden.json()['id']}/").status_code == 204
    assert user_api.delete(f"/api/v1/job-interactions/{created.json()['id']}/").status_code == 204


def test_another_user_gets_404_on_every_user_endpoint(user, other_api):
    job = JobFactory()
    search = services.saved_search_create(user=user, name="Mine", params={"q": "go"})
    services.job_interaction_set(user=user, job_id=job.pk, kind="saved")
    services.job_interaction_set(user=user, job_id=job.pk, kind="not_this_company")
    interaction = user.job_interactions.get()
    hidden = HiddenCompany.objects.get()
    for url in (
        f"/api/v1/saved-searches/{search.pk}/",
        f"/api/v1/job-interactions/{interaction.pk}/",
        f"/api/v1/hidden-companies/{hidden.pk}/",
    ):
        assert other_api.get(url).status_code == 404, url
        assert other_api.patch(url, {"name": "x"}).status_code in (404, 405), url
        assert other_api.delete(url).status_code == 404, url
    assert other_api.put(f"/api/v1/saved-searches/{search.pk}/", {"name": "x"}).status_code == 404
    assert other_api.get("/api/v1/saved-searches/").json()["count"] == 0
    assert other_api.get("/api/v1/job-interactions/").json()["count"] == 0
    assert other_api.get("/api/v1/hidden-companies/").json()["count"] == 0
    assert SavedSearch.objects.get().name == "Mine"


def test_anonymous_requests_are_refused(api_client):
    assert api_client.get("/api/v1/jobs/").status_code in (401, 403)
