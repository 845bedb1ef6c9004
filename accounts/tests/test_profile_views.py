import pytest

from accounts.models import Profile, Skill
from accounts.tests.factories import SkillFactory

HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.mark.django_db
def test_profile_page_shows_every_section_and_skills(user_client):
    response = user_client.get("/profile/")
    assert response.status_code == 200
    for title in ("About you", "What you are looking for", "Pay", "Goals", "Skills"):
        assert title in response.content.decode()


@pytest.mark.django_db
def test_profile_requires_login(client):
    response = client.get("/profile/")
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


@pytest.mark.django_db
def test_section_edit_returns_only_the_fragment_for_htmx(user_client):
    response = user_client.get("/profile/section/pay/?edit=1", **HTMX)
    body = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in body
    assert 'name="min_salary"' in body


@pytest.mark.django_db
def test_section_edit_without_htmx_is_a_full_page(user_client):
    response = user_client.get("/profile/section/pay/?edit=1")
    assert "<html" in response.content.decode()


@pytest.mark.django_db
def test_saving_a_section_updates_the_profile_and_returns_the_read_view(user_client, user):
    response = user_client.post(
        "/profile/section/pay/",
        {"min_salary": "85000", "salary_currency": "eur", "salary_period": "year"},
        **HTMX,
    )
    assert response.status_code == 200
    assert "85,000" in response.content.decode()
    assert "toast" in response["HX-Trigger"]
    profile = Profile.objects.get(user=user)
    assert (profile.min_salary, profile.salary_currency) == (85000, "EUR")


@pytest.mark.parametrize(
    ("section", "data", "message"),
    [
        (
            "pay",
            {"min_salary": "-5", "salary_currency": "EUR", "salary_period": "year"},
            "cannot be negative",
        ),
        (
            "pay",
            {"min_salary": "5000", "salary_currency": "XYZ", "salary_period": "year"},
            "is not a currency code",
        ),
        (
            "pay",
            {"min_salary": "5000", "salary_currency": "", "salary_period": "year"},
            "Choose the currency",
        ),
        (
            "work",
            {"time_zone": "Mars/Olympus", "work_authorization": "US", "languages": ""},
            "not a known time zone",
        ),
        (
            "work",
            {"time_zone": "UTC", "work_authorization": "US, XX", "languages": ""},
            "Unknown country code",
        ),
        (
            "targets",
            {"remote_preference": "remote", "preferred_locations": "Berlin"},
            "two-letter country code",
        ),
    ],
)
@pytest.mark.django_db
def test_invalid_profile_values_show_form_errors_and_change_nothing(
    user_client, user, section, data, message
):
    before = Profile.objects.get_or_create(user=user)[0]
    response = user_client.post(f"/profile/section/{section}/", data, **HTMX)
    assert response.status_code == 422
    assert message in response.content.decode()
    after = Profile.objects.get(user=user)
    assert (after.min_salary, after.salary_currency, after.time_zone) == (
        before.min_salary,
        before.salary_currency,
        before.time_zone,
    )


@pytest.mark.django_db
def test_invalid_values_without_htmx_render_the_page_with_errors(user_client):
    response = user_client.post(
        "/profile/section/work/", {"time_zone": "Nowhere/Land", "languages": ""}
    )
    assert response.status_code == 400
    assert "not a known time zone" in response.content.decode()


@pytest.mark.django_db
def test_unknown_section_is_404(user_client):
    assert user_client.get("/profile/section/nope/").status_code == 404


@pytest.mark.django_db
def test_adding_a_skill_inline_returns_the_skills_fragment(user_client, user):
    response = user_client.post("/profile/skills/", {"name": "  Django ", "years": "4"}, **HTMX)
    assert response.status_code == 200
    assert 'id="skills"' in response.content.decode()
    assert Skill.objects.for_user(user).get().name == "Django"


@pytest.mark.django_db
def test_adding_the_same_skill_in_another_case_updates_it(user_client, user):
    user_client.post("/profile/skills/", {"name": "python", "years": "2"}, **HTMX)
    user_client.post("/profile/skills/", {"name": "Python", "years": "5"}, **HTMX)
    skill = Skill.objects.for_user(user).get()
    assert skill.years == 5


@pytest.mark.django_db
def test_negative_skill_years_is_a_form_error(user_client, user):
    response = user_client.post("/profile/skills/", {"name": "Go", "years": "-1"}, **HTMX)
    assert response.status_code == 422
    assert not Skill.objects.for_user(user).exists()


@pytest.mark.django_db
def test_removing_a_skill(user_client, user):
    skill = SkillFactory(user=user)
    response = user_client.post(f"/profile/skills/{skill.pk}/remove/", **HTMX)
    assert response.status_code == 200
    assert not Skill.objects.filter(pk=skill.pk).exists()


@pytest.mark.django_db
def test_another_user_cannot_remove_my_skill(client, user, other_user):
    skill = SkillFactory(user=user)
    client.force_login(other_user)
    response = client.post(f"/profile/skills/{skill.pk}/remove/", **HTMX)
    assert response.status_code == 404
    assert Skill.objects.filter(pk=skill.pk).exists()


@pytest.mark.django_db
def test_dashboard_shows_profile_completeness(user_client, user):
    response = user_client.get("/")
    assert response.status_code == 200
    assert "Profile completeness" in response.content.decode()
    SkillFactory(user=user)
    profile = Profile.objects.get(user=user)
    assert "Skills" not in profile.completeness()["missing"]
