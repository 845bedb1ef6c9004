import factory

from jobs.models import JobSource
from jobs.types import RawPosting


class JobSourceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = JobSource
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"Greenhouse board {n}")
    kind = "greenhouse"
    config = factory.LazyAttribute(lambda o: {"board_token": f"board{o.name[-1]}"})


def raw_posting(n: int = 1, **overrides) -> RawPosting:
    """A realistic greenhouse-shaped posting; ``n`` varies id, title and text."""
    data = {
        "source": "greenhouse",
        "external_id": f"ext-{n}",
        "title": f"Senior Backend Engineer {n}",
        "company": "Acme Robotics Inc.",
        "url": f"https://boards.greenhouse.io/acme/jobs/{n}?gh_src=abc&utm_source=x",
        "locations": ["Berlin, Germany"],
        "description_html": (
            f"<p>Build the platform #{n} with Python, Django and PostgreSQL.</p>"
            "<p>Salary: €70,000 – €90,000 per year. We sponsor visas.</p>"
        ),
        "posted_at": "2026-11-20T10:00:00Z",
    }
    data.update(overrides)
    return RawPosting(**data)
