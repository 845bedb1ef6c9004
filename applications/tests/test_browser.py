import pytest
from playwright.sync_api import expect

from applications import services
from applications.models import Application

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_move_a_card_by_drag_and_keyboard_then_add_an_interview(login_page, user):
    application = services.application_create(
        user=user, title="Platform Engineer", company="Acme", status="applied"
    )
    page = login_page(user)
    page.goto("/applications/")
    card = f"#card-{application.pk}"
    column = '.kanban-col[data-status="{}"]'

    # Drag and drop: applied → screening.
    page.drag_and_drop(card, column.format("screening"))
    expect(page.locator(f"{column.format('screening')} {card}")).to_be_visible()
    expect(page.locator(f"{column.format('screening')} .count")).to_have_text("1")

    # Keyboard "Move to" menu: screening → interviewing.
    menu = page.locator(f"#move-{application.pk}")
    menu.focus()
    menu.select_option("interviewing")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    expect(page.locator(f"{column.format('interviewing')} {card}")).to_be_visible()

    application.refresh_from_db()
    assert application.status == "interviewing"
    assert list(application.status_changes.values_list("to_status", flat=True)) == [
        "applied",
        "screening",
        "interviewing",
    ]

    # Add an interview from the application page.
    page.click(f"{card} .card-title")
    page.click("text=Add interview")
    page.select_option("select[name=kind]", "technical")
    page.fill("input[name=starts_at]", "2030-05-01T10:00")
    page.fill("input[name=ends_at]", "2030-05-01T11:00")
    page.fill("input[name=time_zone]", "Europe/Berlin")
    page.fill("input[name=interviewers]", "Dana Lead")
    page.click("main form button[type=submit]")

    timeline = page.locator("#timeline")
    expect(timeline).to_contain_text("Technical interview")
    expect(timeline).to_contain_text("2030-05-01 10:00 Europe/Berlin")

    page.click("nav.subnav >> text=Upcoming interviews")
    expect(page.locator("#upcoming")).to_contain_text("Platform Engineer at Acme")
    expect(page.locator("#upcoming")).to_contain_text("Europe/Berlin")
    assert Application.objects.get(pk=application.pk).interviews.count() == 1
