import re

import pytest
from playwright.sync_api import expect

from jobs.models import Job
from jobs.normalize import normalize_posting
from jobs.search.models import SavedSearch
from jobs.search.tests.factories import JobFactory
from jobs.store import store_postings
from jobs.tests.factories import JobSourceFactory, raw_posting

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

HOSTILE_HTML = (
    "<p>Harmless words about Rust.</p>"
    "<script>window.__pwned = 1</script>"
    '<img src="x" onerror="window.__pwned = 2">'
    '<a href="javascript:window.__pwned = 3" id="js-link">click me</a>'
    '<svg onload="window.__pwned = 4"></svg>'
)


def test_live_search_updates_results_and_history(login_page, user):
    JobFactory(title="Python Engineer", description_text="We write Python.", remote_type="remote")
    JobFactory(title="Java Developer", description_text="Spring all day.", skills=["Java"])
    JobFactory(title="Go Developer", description_text="Go and gRPC.", skills=["Go"])
    page = login_page(user)
    page.goto("/jobs/")
    results = page.locator("#results")
    expect(results.locator(".result-count")).to_have_text("3 jobs")
    page.evaluate("window.__samePage = true")

    page.locator("body").press("/")
    expect(page.locator("#id_q")).to_be_focused()
    page.keyboard.type("python", delay=20)
    expect(results.locator(".result-count")).to_have_text("1 job for “python”")
    expect(results).to_contain_text("Python Engineer")
    expect(page).to_have_url(re.compile(r"/jobs/\?q=python$"))  # only the filters that are set

    page.get_by_text("Filters", exact=True).click()
    page.get_by_label("Remote").check()
    expect(page).to_have_url(re.compile(r"/jobs/\?q=python&remote=remote$"))
    expect(results.locator(".result-count")).to_have_text("1 job for “python”")
    assert page.evaluate("window.__samePage") is True  # swapped in place, no reload

    page.go_back()
    expect(page).to_have_url(re.compile(r"/jobs/\?q=python$"))
    page.go_back()
    expect(page).to_have_url(re.compile(r"/jobs/$"))
    expect(results.locator(".result-count")).to_have_text("3 jobs")
    expect(results).to_contain_text("Java Developer")


def test_hostile_description_runs_no_script(login_page, user):
    source = JobSourceFactory()
    store_postings(
        source=source, postings=[normalize_posting(raw_posting(1, description_html=HOSTILE_HTML))]
    )
    job = Job.objects.get()
    page = login_page(user)
    page.goto(f"/jobs/{job.pk}/")
    expect(page.locator(".job-description")).to_contain_text("Harmless words about Rust.")
    link = page.locator("#js-link, .job-description a", has_text="click me")
    if link.count():
        href = link.first.get_attribute("href") or ""
        assert not href.lower().startswith("javascript:")
        link.first.click(no_wait_after=True)
    page.wait_for_timeout(200)
    assert page.evaluate("typeof window.__pwned") == "undefined"
    page.get_by_role("button", name="Save").click()
    expect(page.locator(f"#job-actions-{job.pk}")).to_contain_text("Saved ✓")
    assert page.evaluate("typeof window.__pwned") == "undefined"


def test_filters_and_results_survive_opening_a_job_and_saving_the_search(login_page, user):
    # Two match "python" + Remote + Full-time; each other job misses exactly one condition.
    JobFactory(title="Python Engineer", remote_type="remote", employment_type="full_time")
    JobFactory(title="Python Platform Lead", remote_type="remote", employment_type="full_time")
    JobFactory(title="Python Contractor", remote_type="remote", employment_type="contract")
    JobFactory(title="Python Office Dev", remote_type="hybrid", employment_type="full_time")
    JobFactory(
        title="Java Developer",
        description_text="Spring all day.",
        skills=["Java"],
        remote_type="remote",
        employment_type="full_time",
    )
    filtered = re.compile(r"/jobs/\?q=python&remote=remote&employment_type=full_time$")
    page = login_page(user)
    page.goto("/jobs/")
    results = page.locator("#results")
    titles = results.locator(".job-card h3 a")
    expect(results.locator(".result-count")).to_have_text("5 jobs")

    page.locator("body").press("/")
    page.keyboard.type("python", delay=20)
    expect(results.locator(".result-count")).to_have_text("4 jobs for “python”")
    page.get_by_text("Filters", exact=True).click()
    page.get_by_label("Remote", exact=True).check()
    expect(page).to_have_url(re.compile(r"/jobs/\?q=python&remote=remote$"))
    page.get_by_label("Full-time", exact=True).check()
    expect(page).to_have_url(filtered)
    expect(results.locator(".result-count")).to_have_text("2 jobs for “python”")
    expect(titles).to_have_count(2)
    shown = titles.all_inner_texts()  # in relevance order
    assert sorted(shown) == ["Python Engineer", "Python Platform Lead"]

    def assert_restored():
        expect(page).to_have_url(filtered)
        expect(page.locator("#id_q")).to_have_value("python")
        expect(page.get_by_label("Remote", exact=True)).to_be_checked()
        expect(page.get_by_label("Full-time", exact=True)).to_be_checked()
        expect(page.get_by_label("Contract", exact=True)).not_to_be_checked()
        expect(results.locator(".result-count")).to_have_text("2 jobs for “python”")
        expect(titles).to_have_text(shown)

    titles.get_by_text("Python Platform Lead").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Python Platform Lead")
    page.get_by_role("button", name="Save").click()
    expect(page.locator(".job-actions")).to_contain_text("Saved ✓")

    page.go_back()
    assert_restored()
    lead = results.locator(".job-card", has_text="Python Platform Lead")
    expect(lead.locator(".badge", has_text="Saved")).to_be_visible()  # fresh, not a stale copy

    page.get_by_label("Name this search").fill("Remote Python")
    page.get_by_role("button", name="Save search").click()
    expect(page.locator("#save-search [role=status]")).to_contain_text("Saved as Remote Python")
    saved = SavedSearch.objects.get(user=user)
    assert saved.params == {
        "employment_type": ["full_time"],
        "q": ["python"],
        "remote": ["remote"],
    }

    page.locator("#save-search").get_by_role("link", name="Remote Python").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Saved searches")
    expect(page.locator(f"#saved-{saved.pk}")).to_contain_text("Remote Python")

    page.go_back()
    assert_restored()
