import datetime as dt

import factory

from accounts.tests.factories import UserFactory
from applications.models import (
    Application,
    Contact,
    FollowUpReminder,
    Goal,
    Interview,
    StatusChange,
)


class ApplicationFactory(factory.django.DjangoModelFactory):
    """A row as it would be after ``application_create``; use the services to move it."""

    class Meta:
        model = Application
        skip_postgeneration_save = True

    user = factory.SubFactory(UserFactory)
    title = factory.Sequence(lambda n: f"Backend Engineer {n}")
    company = factory.Sequence(lambda n: f"Company {n}")
    status = "saved"

    @factory.post_generation
    def history(obj, create, extracted, **kwargs):
        if create:
            StatusChange.objects.create(
                application=obj,
                from_status="",
                to_status=obj.status,
                changed_at=obj.created_at,
            )


class InterviewFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Interview

    application = factory.SubFactory(ApplicationFactory)
    kind = "technical"
    starts_at = factory.LazyFunction(
        lambda: dt.datetime.now(dt.UTC).replace(microsecond=0) + dt.timedelta(days=3)
    )
    time_zone = "Europe/Berlin"
    duration_minutes = 60


class ContactFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Contact

    user = factory.SubFactory(UserFactory)
    name = factory.Sequence(lambda n: f"Contact {n}")


class GoalFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Goal

    user = factory.SubFactory(UserFactory)
    metric = "applications"
    target = 5
    period = "week"


class ReminderFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FollowUpReminder

    application = factory.SubFactory(ApplicationFactory)
    due_on = factory.LazyFunction(dt.date.today)
    reason = "follow_up"
    status = "due"
