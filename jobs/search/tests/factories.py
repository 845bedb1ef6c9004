import factory
from django.utils import timezone

from jobs.models import Company, Job
from jobs.tests.factories import JobSourceFactory


class CompanyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Company
        django_get_or_create = ("key",)

    name = factory.Sequence(lambda n: f"Company {n}")
    key = factory.LazyAttribute(lambda o: o.name.lower())


class JobFactory(factory.django.DjangoModelFactory):
    """A stored catalogue job (skips the normaliser; use it for search and page tests)."""

    class Meta:
        model = Job

    source = factory.SubFactory(JobSourceFactory)
    source_kind = factory.LazyAttribute(lambda o: o.source.kind)
    external_id = factory.Sequence(lambda n: f"job-{n}")
    url = factory.Sequence(lambda n: f"https://boards.example.com/jobs/{n}")
    title = "Backend Engineer"
    company = factory.SubFactory(CompanyFactory)
    company_name = factory.LazyAttribute(lambda o: o.company.name if o.company else "")
    countries = "DE"
    locations = factory.LazyAttribute(
        lambda o: [{"city": "Berlin", "region": None, "country": "DE"}]
    )
    remote_type = "hybrid"
    employment_type = "full_time"
    seniority = "mid"
    skills = factory.LazyFunction(lambda: ["Python"])
    description_text = "We build things with care."
    description_html = factory.LazyAttribute(lambda o: f"<p>{o.description_text}</p>")
    posted_at = factory.LazyFunction(lambda: timezone.now() - timezone.timedelta(days=2))
    content_hash = factory.Sequence(lambda n: f"hash-{n}")
