import os

from allauth.account.models import EmailAddress
from django.core.management.base import BaseCommand
from django.db import transaction

from accounts import services as account_services
from accounts.models import User

DEMO_PROFILE = {
    "headline": "Backend engineer who likes data-heavy products",
    "target_titles": ["Backend Engineer", "Senior Python Developer", "Platform Engineer"],
    "preferred_locations": [{"city": "Berlin", "country": "DE"}, {"city": None, "country": "NL"}],
    "remote_preference": "remote",
    "min_salary": 75000,
    "salary_currency": "EUR",
    "salary_period": "year",
    "seniority": "senior",
    "years_experience": 7,
    "work_authorization": ["DE", "NL"],
    "needs_visa_sponsorship": False,
    "languages": ["English", "German"],
    "time_zone": "Europe/Berlin",
    "weekly_application_goal": 8,
}
DEMO_SKILLS = [
    ("Python", 7, "expert"),
    ("Django", 6, "expert"),
    ("PostgreSQL", 6, "advanced"),
    ("Redis", 4, "advanced"),
    ("Celery", 4, "advanced"),
    ("Docker", 5, "advanced"),
    ("Kubernetes", 2, "intermediate"),
    ("TypeScript", 2, "intermediate"),
]


class Command(BaseCommand):
    help = "Create (or refresh) the demo account with a filled profile. Safe to run twice."

    def add_arguments(self, parser):
        parser.add_argument("--email", default=os.environ.get("DEMO_EMAIL", "demo@example.com"))
        parser.add_argument(
            "--password", default=os.environ.get("DEMO_PASSWORD", "copilot-demo-2026")
        )

    @transaction.atomic
    def handle(self, *args, email, password, **options):
        user = User.objects.filter(email=email).first()
        if user is None:
            user = User.objects.create_user(email=email, password=password, display_name="Demo")
            created = True
        else:
            user.set_password(password)
            user.save(update_fields=["password"])
            created = False
        EmailAddress.objects.update_or_create(
            user=user, email=email, defaults={"verified": True, "primary": True}
        )
        account_services.profile_update(user=user, data=DEMO_PROFILE)
        for name, years, level in DEMO_SKILLS:
            account_services.skill_add(user=user, name=name, years=years, level=level)
        verb = "Created" if created else "Refreshed"
        self.stdout.write(self.style.SUCCESS(f"{verb} the demo account."))
        self.stdout.write("  Log in at http://127.0.0.1:8000/accounts/login/")
        self.stdout.write(f"  email:    {email}")
        self.stdout.write(f"  password: {password}")
