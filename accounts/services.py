"""Account use cases: profile, skills and personal access tokens."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from .models import ApiToken, Profile, Skill, User

#: How often a token's last-used time is written (avoids a write on every request).
TOKEN_TOUCH_INTERVAL = timedelta(minutes=1)


def profile_for(*, user: User) -> Profile:
    """The user's profile, created empty on first use."""
    profile, _ = Profile.objects.get_or_create(user=user)
    return profile


@transaction.atomic
def profile_update(*, user: User, data: dict[str, Any]) -> Profile:
    """Apply validated fields to the user's profile after the model's own validation."""
    profile = profile_for(user=user)
    for field, value in data.items():
        setattr(profile, field, value)
    profile.full_clean()
    profile.save()
    return profile


def skill_add(*, user: User, name: str, years=None, level: str = "") -> Skill:
    """Add a skill, or update years/level when the user already lists it (any case)."""
    name = " ".join(name.split())
    if not name:
        raise ValidationError({"name": "Enter a skill name."})
    existing = Skill.objects.for_user(user).filter(name__iexact=name).first()
    skill = existing or Skill(user=user, name=name)
    skill.years = years
    skill.level = level or ""
    skill.full_clean(validate_constraints=False)
    try:
        with transaction.atomic():
            skill.save()
    except IntegrityError:  # a concurrent add of the same name won the race
        skill = Skill.objects.for_user(user).get(name__iexact=name)
    return skill


def skill_remove(*, user: User, skill_id: int) -> None:
    Skill.objects.for_user(user).get(pk=skill_id).delete()


def api_token_create(*, user: User, name: str, expires_at=None) -> tuple[ApiToken, str]:
    """Create a token; returns the row and the secret, which is never stored or shown again."""
    name = name.strip()
    if not name:
        raise ValidationError({"name": "Give the token a name you will recognise."})
    if expires_at is not None and expires_at <= timezone.now():
        raise ValidationError({"expires_at": "The expiry must be in the future."})
    secret = ApiToken.new_secret()
    token = ApiToken.objects.create(
        user=user,
        name=name[:100],
        digest=ApiToken.digest_of(secret),
        hint=secret[: len(ApiToken.PREFIX) + 4],
        expires_at=expires_at,
    )
    return token, secret


def api_token_revoke(*, user: User, token_id: int) -> ApiToken:
    token = ApiToken.objects.for_user(user).get(pk=token_id)
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
    return token


def api_token_authenticate(*, secret: str) -> ApiToken | None:
    """The active token for this secret, with its last-used time refreshed; else None."""
    if not secret.startswith(ApiToken.PREFIX):
        return None
    token = (
        ApiToken.objects.active()
        .select_related("user")
        .filter(digest=ApiToken.digest_of(secret))
        .first()
    )
    if token is None or not token.user.is_active:
        return None
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at > TOKEN_TOUCH_INTERVAL:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
        token.last_used_at = now
    return token
