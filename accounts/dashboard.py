from django.urls import reverse

from careercopilot.dashboard import Card

from .models import ApiToken, Skill


def cards(*, user) -> list[Card]:
    skills = Skill.objects.for_user(user).count()
    tokens = ApiToken.objects.for_user(user).active().count()
    return [
        Card(
            "Skills on your profile",
            str(skills),
            "used to rank jobs for you",
            reverse("accounts:profile") + "#skills",
        ),
        Card(
            "Active API tokens",
            str(tokens),
            "for scripts and integrations",
            reverse("accounts:settings"),
        ),
    ]
