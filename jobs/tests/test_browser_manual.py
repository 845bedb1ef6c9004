import re

import pytest
from playwright.sync_api import expect

from jobs.models import Job

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_add_a_job_by_hand_then_find_it_only_as_its_owner(login_page, user, other_user):
    page = login_page(user)
    page.goto("/jobs/")
    page.get_by_role("link", name="Add a job").click()
    expect(page).to_have_url(re.compile(r"/jobs/add/$"))

    hand = page.locator("#add-by-hand")
    hand.get_by_label("Title").fill("Robotics Engineer")
    hand.get_by_label("Company").fill("Kestrel Drones")
    hand.get_by_label("Location").fill("Toulouse, France")
    hand.get_by_label("Work place").select_option("hybrid")
    hand.get_by_label("Salary").fill("€55,000–65,000 a year")
    hand.get_by_label("Description").fill("Write flight control software in C++ and Rust.")
    hand.get_by_role("button", name="Add job").click()

    job = Job.objects.get(owner=user)
    expect(page).to_have_url(re.compile(rf"/jobs/{job.pk}/$"))
    expect(page.locator("#job-title")).to_have_text("Robotics Engineer")
    expect(page.locator(".notice.private")).to_contain_text("Added by you")
    expect(page.locator(".job-meta").first).to_contain_text("Toulouse")
    expect(page.locator(".chips")).to_contain_text("Rust")

    page.goto("/jobs/?q=robotics")
    expect(page.locator("#results")).to_contain_text("Robotics Engineer")

    page.context.clear_cookies()
    stranger = login_page(other_user)
    stranger.goto("/jobs/?q=robotics")
    expect(stranger.locator("#results")).not_to_contain_text("Robotics Engineer")
    response = stranger.goto(f"/jobs/{job.pk}/")
    assert response is not None and response.status == 404
