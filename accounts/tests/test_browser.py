"""The account journey in a real browser: sign up, verify, log in, edit, TOTP, log out."""

import re

import pyotp
import pytest
from django.core import mail

from accounts.models import Profile, User

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

EMAIL = "newcomer@example.com"
PASSWORD = "a-long-and-unusual-passphrase-42"


def test_sign_up_verify_log_in_edit_profile_set_up_totp_and_log_out(browser, page, live_server):
    # Sign up: verification is mandatory, so no session yet.
    page.goto("/accounts/signup/")
    page.fill("input[name=email]", EMAIL)
    page.fill("input[name=password1]", PASSWORD)
    page.fill("input[name=password2]", PASSWORD)
    page.click("main form button[type=submit]")
    page.wait_for_url(re.compile(r"/accounts/confirm-email/"))
    assert User.objects.filter(email=EMAIL).exists()

    # The link from the outbox, opened elsewhere (as from a mail app): confirm it.
    assert len(mail.outbox) == 1
    link = re.search(r"https?://\S+/accounts/confirm-email/\S+/", mail.outbox[0].body).group(0)
    path = link.split("://", 1)[1].split("/", 1)[1]
    mail_context = browser.new_context(base_url=live_server.url)
    mail_page = mail_context.new_page()
    mail_page.goto(f"/{path}")
    mail_page.click("main form button[type=submit]")
    mail_page.wait_for_load_state()
    mail_context.close()
    assert User.objects.get(email=EMAIL).emailaddress_set.get().verified

    # Log in.
    page.goto("/accounts/login/")
    page.fill("input[name=login]", EMAIL)
    page.fill("input[name=password]", PASSWORD)
    page.click("main form button[type=submit]")
    page.wait_for_url(f"{live_server.url}/")
    assert page.get_by_text("Profile completeness").is_visible()

    # Edit the profile inline: the section swaps to a form and back without a page load.
    page.goto("/profile/")
    page.evaluate("window.__sameDocument = true")
    page.click("[data-edit=about]")
    page.fill("#section-about input[name=headline]", "Platform engineer, Go and Python")
    page.click("#section-about button[type=submit]")
    page.wait_for_selector("#section-about >> text=Platform engineer, Go and Python")
    assert page.evaluate("window.__sameDocument") is True
    assert Profile.objects.get(user__email=EMAIL).headline == "Platform engineer, Go and Python"

    # A skill added inline, then an invalid salary rejected with a message in the page.
    page.fill("#skills input[name=name]", "Kubernetes")
    page.click("#skills button:has-text('Add skill')")
    page.wait_for_selector("#skills .chip >> text=Kubernetes")
    page.click("[data-edit=pay]")
    page.fill("#section-pay input[name=min_salary]", "-10")
    page.click("#section-pay button[type=submit]")
    page.wait_for_selector("#section-pay >> text=cannot be negative")
    assert page.evaluate("window.__sameDocument") is True

    # Two-factor authentication with an authenticator app.
    page.goto("/accounts/2fa/totp/activate/")
    if "/reauthenticate/" in page.url:  # allauth asks for the password before MFA changes
        page.fill("input[name=password]", PASSWORD)
        page.click("main form button[type=submit]")
        page.wait_for_url(re.compile(r"/accounts/2fa/totp/activate/"))
    secret = page.input_value("#authenticator_secret")
    page.fill("input[name=code]", pyotp.TOTP(secret).now())
    page.click("main form button[type=submit]")
    page.wait_for_url(re.compile(r"/accounts/2fa/"))
    assert User.objects.get(email=EMAIL).authenticator_set.filter(type="totp").exists()

    # Log out, then logging in again asks for the code.
    page.goto("/")
    page.click("header form.logout button")
    page.wait_for_url(re.compile(r"/accounts/login/"))
    page.fill("input[name=login]", EMAIL)
    page.fill("input[name=password]", PASSWORD)
    page.click("main form button[type=submit]")
    page.wait_for_url(re.compile(r"/accounts/2fa/authenticate/"))
    page.fill("input[name=code]", pyotp.TOTP(secret).now())
    page.click("main form button[type=submit]")
    page.wait_for_url(f"{live_server.url}/")
