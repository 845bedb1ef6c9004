from __future__ import annotations

import hashlib
import secrets

from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone

from careercopilot.reference import COUNTRY_CODES, CURRENCY_CODES, is_time_zone


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create_user(self, email: str, password: str | None, **extra):
        if not email:
            raise ValueError("An email address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email: str, password: str | None = None, **extra):
        extra.setdefault("is_staff", False)
        extra.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra)

    def create_superuser(self, email: str, password: str | None = None, **extra):
        extra.setdefault("is_staff", True)
        extra.setdefault("is_superuser", True)
        if not extra["is_staff"] or not extra["is_superuser"]:
            raise ValueError("A superuser needs is_staff and is_superuser.")
        return self._create_user(email, password, **extra)


class User(AbstractUser):
    """A person using Career Copilot. Email is the login; there is no username."""

    username = None
    email = models.EmailField("email address", unique=True)
    display_name = models.CharField(max_length=120, blank=True)

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []

    objects = UserManager()

    class Meta:
        ordering = ["email"]

    def __str__(self) -> str:
        return self.email

    @property
    def name(self) -> str:
        return self.display_name or self.get_full_name() or self.email.split("@")[0]


class OwnedQuerySet(models.QuerySet):
    """Rows that belong to one user; every user-facing read starts here."""

    owner_field = "user"

    def for_user(self, user):
        if not getattr(user, "is_authenticated", False):
            return self.none()
        return self.filter(**{self.owner_field: user})


def validate_currency(value: str) -> None:
    if value and value not in CURRENCY_CODES:
        raise ValidationError(
            "“%(value)s” is not an ISO 4217 currency code (for example USD, EUR, GBP).",
            params={"value": value},
            code="unknown_currency",
        )


def validate_time_zone(value: str) -> None:
    if value and not is_time_zone(value):
        raise ValidationError(
            "“%(value)s” is not a known time zone; use an IANA name such as Europe/Berlin.",
            params={"value": value},
            code="unknown_time_zone",
        )


def validate_country_codes(value) -> None:
    if not isinstance(value, list):
        raise ValidationError("Expected a list of country codes.", code="invalid")
    unknown = [code for code in value if code not in COUNTRY_CODES]
    if unknown:
        raise ValidationError(
            "Unknown country code(s): %(codes)s. Use ISO 3166 codes such as US, DE, GB.",
            params={"codes": ", ".join(map(str, unknown))},
            code="unknown_country",
        )


class RemotePreference(models.TextChoices):
    ANY = "any", "Any"
    REMOTE = "remote", "Remote"
    HYBRID = "hybrid", "Hybrid"
    ONSITE = "onsite", "On-site"


class SalaryPeriod(models.TextChoices):
    YEAR = "year", "per year"
    MONTH = "month", "per month"
    WEEK = "week", "per week"
    DAY = "day", "per day"
    HOUR = "hour", "per hour"


class Seniority(models.TextChoices):
    INTERN = "intern", "Intern"
    JUNIOR = "junior", "Junior"
    MID = "mid", "Mid-level"
    SENIOR = "senior", "Senior"
    STAFF = "staff", "Staff"
    PRINCIPAL = "principal", "Principal"
    LEAD = "lead", "Lead"
    MANAGER = "manager", "Manager"
    DIRECTOR = "director", "Director"
    EXECUTIVE = "executive", "Executive"


class ProfileQuerySet(OwnedQuerySet):
    pass


class Profile(models.Model):
    """What the person is looking for; matching, briefings and documents read it."""

    user = models.OneToOneField(User, on_delete=models.CASCADE, related_name="profile")
    headline = models.CharField(max_length=200, blank=True)
    target_titles = models.JSONField(default=list, blank=True)
    preferred_locations = models.JSONField(
        default=list, blank=True, help_text="List of {city, country} objects."
    )
    remote_preference = models.CharField(
        max_length=10, choices=RemotePreference.choices, default=RemotePreference.ANY
    )
    min_salary = models.PositiveIntegerField(null=True, blank=True)
    salary_currency = models.CharField(
        max_length=3, blank=True, default="", validators=[validate_currency]
    )
    salary_period = models.CharField(
        max_length=5, choices=SalaryPeriod.choices, default=SalaryPeriod.YEAR
    )
    seniority = models.CharField(max_length=12, choices=Seniority.choices, blank=True)
    years_experience = models.PositiveSmallIntegerField(
        null=True, blank=True, validators=[MaxValueValidator(70)]
    )
    work_authorization = models.JSONField(
        default=list,
        blank=True,
        validators=[validate_country_codes],
        help_text="ISO country codes where the person may already work.",
    )
    needs_visa_sponsorship = models.BooleanField(default=False)
    languages = models.JSONField(default=list, blank=True)
    time_zone = models.CharField(max_length=64, default="UTC", validators=[validate_time_zone])
    weekly_application_goal = models.PositiveSmallIntegerField(
        default=10, validators=[MinValueValidator(0), MaxValueValidator(500)]
    )
    follow_up_after_days = models.PositiveSmallIntegerField(
        default=7,
        validators=[MinValueValidator(1), MaxValueValidator(90)],
        help_text="Suggest a follow-up this many days after applying without a response.",
    )
    ghosted_after_days = models.PositiveSmallIntegerField(
        default=30,
        validators=[MinValueValidator(7), MaxValueValidator(365)],
        help_text="Suggest marking an application ghosted after this many silent days.",
    )
    updated_at = models.DateTimeField(auto_now=True)

    objects = ProfileQuerySet.as_manager()

    def __str__(self) -> str:
        return f"Profile of {self.user}"

    def clean(self) -> None:
        if self.min_salary is not None and not self.salary_currency:
            raise ValidationError(
                {"salary_currency": "Choose the currency of your minimum salary."}
            )

    #: (label, test) pairs behind the completeness indicator, in the order shown to the user.
    COMPLETENESS_ITEMS = (
        ("Headline", lambda p: bool(p.headline)),
        ("Skills", lambda p: p.user.skills.exists()),
        ("Target titles", lambda p: bool(p.target_titles)),
        ("Preferred locations", lambda p: bool(p.preferred_locations)),
        ("Minimum salary", lambda p: p.min_salary is not None),
        ("Seniority", lambda p: bool(p.seniority)),
        ("Years of experience", lambda p: p.years_experience is not None),
        ("Work authorisation", lambda p: bool(p.work_authorization)),
        ("Languages", lambda p: bool(p.languages)),
        ("Time zone", lambda p: p.time_zone != "UTC"),
    )

    def completeness(self) -> dict:
        """Percentage filled and the items still missing, for the dashboard indicator."""
        done, missing = 0, []
        for label, test in self.COMPLETENESS_ITEMS:
            if test(self):
                done += 1
            else:
                missing.append(label)
        return {
            "percent": round(100 * done / len(self.COMPLETENESS_ITEMS)),
            "missing": missing,
        }


class SkillLevel(models.TextChoices):
    BEGINNER = "beginner", "Beginner"
    INTERMEDIATE = "intermediate", "Intermediate"
    ADVANCED = "advanced", "Advanced"
    EXPERT = "expert", "Expert"


class SkillQuerySet(OwnedQuerySet):
    pass


class Skill(models.Model):
    """One skill on a person's profile, with years or a level."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="skills")
    name = models.CharField(max_length=80)
    years = models.DecimalField(
        max_digits=4,
        decimal_places=1,
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(70)],
    )
    level = models.CharField(max_length=12, choices=SkillLevel.choices, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = SkillQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint("user", Lower("name"), name="unique_skill_name_per_user")
        ]

    def __str__(self) -> str:
        return self.name


class ApiTokenQuerySet(OwnedQuerySet):
    def active(self):
        now = timezone.now()
        return self.filter(revoked_at__isnull=True).filter(
            models.Q(expires_at__isnull=True) | models.Q(expires_at__gt=now)
        )


class ApiToken(models.Model):
    """A personal access token. Only a SHA-256 digest is stored; the secret is shown once."""

    PREFIX = "ccp_"

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(max_length=100)
    digest = models.CharField(max_length=64, unique=True, editable=False)
    hint = models.CharField(max_length=12, editable=False, help_text="First characters.")
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True, editable=False)
    expires_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    objects = ApiTokenQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.name} ({self.hint}…)"

    @classmethod
    def digest_of(cls, secret: str) -> str:
        return hashlib.sha256(secret.encode()).hexdigest()

    @classmethod
    def new_secret(cls) -> str:
        return cls.PREFIX + secrets.token_urlsafe(32)

    @property
    def is_active(self) -> bool:
        if self.revoked_at is not None:
            return False
        return self.expires_at is None or self.expires_at > timezone.now()
