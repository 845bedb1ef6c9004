"""A generated corpus of job-board responses in real source shapes (fixed seed, no network).

Greenhouse (entity-escaped HTML), Lever (``descriptionPlain`` + lists + salaryRange), Remotive
(HTML + salary text) and Arbeitnow (HTML, tags, remote flag) pages of ``PAGE_SIZE`` postings,
with 2–4 KB descriptions mixing skills, salary phrases, visa and relocation sentences.
"""

from __future__ import annotations

import html
import json
import random

PAGE_SIZE = 500

COMPANIES = [
    "Acme Robotics Inc.",
    "Northwind GmbH",
    "Globex Corporation",
    "Initech LLC",
    "Umbrella plc",
    "Stark Industries",
    "Wayne Enterprises",
    "Hooli",
    "Pied Piper",
    "Vandelay Industries",
    "Soylent Corp",
    "Tyrell Corporation",
    "Cyberdyne Systems",
    "Aperture Science",
    "Black Mesa",
    "Massive Dynamic",
    "Oscorp",
    "Wonka Industries",
    "Gringotts AG",
    "Monsters, Inc.",
]
TITLES = [
    "Backend Engineer",
    "Frontend Developer",
    "Data Engineer",
    "Site Reliability Engineer",
    "Machine Learning Engineer",
    "Product Manager",
    "Platform Engineer",
    "iOS Developer",
    "Android Engineer",
    "DevOps Engineer",
    "Security Engineer",
    "Data Scientist",
    "Engineering Manager",
    "QA Automation Engineer",
    "Full Stack Developer",
    "Solutions Architect",
]
LEVELS = ["", "Senior ", "Sr. ", "Staff ", "Junior ", "Lead ", "Principal "]
LOCATIONS = [
    "Berlin, Germany",
    "London, UK",
    "New York, NY",
    "San Francisco, CA",
    "Remote - US",
    "Remote (EU only)",
    "Amsterdam, Netherlands",
    "Toronto, ON, Canada",
    "Paris, France",
    "Austin, TX",
    "Remote",
    "Hybrid - Munich",
    "Sydney, NSW, Australia",
    "Bengaluru, India",
]
SKILLS = [
    "Python",
    "Django",
    "PostgreSQL",
    "Kubernetes",
    "Terraform",
    "AWS",
    "GCP",
    "React",
    "TypeScript",
    "Go",
    "Rust",
    "Kafka",
    "Spark",
    "Airflow",
    "Docker",
    "Redis",
    "GraphQL",
    "Java",
    "Kotlin",
    "Swift",
    "PyTorch",
    "TensorFlow",
    "Snowflake",
    "dbt",
    "Node.js",
]
SALARIES = [
    "$120,000 - $150,000 per year",
    "€60.000 – €75.000 per year",
    "£45,000 pa",
    "80-100k EUR",
    "$50/hr",
    "up to $90,000",
    "USD 100K-130K",
    "",
    "",
    "Competitive",
]
VISA = [
    "We sponsor visas for this role.",
    "Unfortunately we are unable to sponsor visas.",
    "Relocation package available.",
    "You must be authorized to work in the US.",
    "",
    "",
]
FILLER = (
    "You will work closely with product and design to ship reliable features to millions of "
    "users. We value ownership, clear writing and kindness. Our stack is boring on purpose "
    "and our on-call is calm. You will review code, mentor teammates, and help shape the "
    "roadmap for the next year. We offer flexible hours, a learning budget and good health "
    "insurance. "
)


def _description(rng: random.Random, title: str, salary: str) -> tuple[str, list[str]]:
    skills = rng.sample(SKILLS, 6)
    paragraphs = [
        f"<h2>About the role</h2><p>As our {title} you will build systems with "
        f"{', '.join(skills[:3])}.</p>",
        "<h3>What you bring</h3><ul>"
        + "".join(f"<li>Experience with {s} in production</li>" for s in skills)
        + "</ul>",
    ]
    paragraphs += [f"<p>{FILLER * rng.randint(1, 3)}</p>" for _ in range(rng.randint(2, 4))]
    if salary:
        paragraphs.append(f"<p>Salary: {salary}.</p>")
    visa = rng.choice(VISA)
    if visa:
        paragraphs.append(f"<p>{visa}</p>")
    rng.shuffle(paragraphs)
    return "".join(paragraphs), skills


def _greenhouse(rng, n):
    title = rng.choice(LEVELS) + rng.choice(TITLES)
    body, _skills = _description(rng, title, rng.choice(SALARIES))
    return {
        "id": 4000000 + n,
        "internal_job_id": 900000 + n,
        "title": title,
        "absolute_url": f"https://boards.greenhouse.io/acme/jobs/{4000000 + n}?gh_src=x",
        "company_name": rng.choice(COMPANIES),
        "location": {"name": rng.choice(LOCATIONS)},
        "updated_at": f"2026-11-{rng.randint(1, 25):02d}T10:00:00-04:00",
        "content": html.escape(body),
        "departments": [{"name": "Engineering"}],
    }


def _lever(rng, n):
    title = rng.choice(LEVELS) + rng.choice(TITLES)
    body, _ = _description(rng, title, "")
    low = rng.randrange(60, 160) * 1000
    return {
        "id": f"5f1c{n:08x}-aaaa-bbbb-cccc-000000000000",
        "text": title,
        "hostedUrl": f"https://jobs.lever.co/globex/5f1c{n:08x}",
        "applyUrl": f"https://jobs.lever.co/globex/5f1c{n:08x}/apply",
        "categories": {"location": rng.choice(LOCATIONS), "commitment": "Full-time"},
        "workplaceType": rng.choice(["remote", "hybrid", "onsite", "unspecified"]),
        "createdAt": 1763000000000 + n * 1000,
        "description": body,
        "descriptionPlain": "",
        "lists": [{"text": "Requirements", "content": "<li>Python</li><li>SQL</li>"}],
        "salaryRange": {
            "min": low,
            "max": low + 30000,
            "currency": "USD",
            "interval": "per-year-salary",
        },
    }


def _remotive(rng, n):
    title = rng.choice(LEVELS) + rng.choice(TITLES)
    salary = rng.choice(SALARIES)
    body, skills = _description(rng, title, "")
    return {
        "id": 2000000 + n,
        "url": f"https://remotive.com/remote-jobs/software-dev/job-{2000000 + n}",
        "title": title,
        "company_name": rng.choice(COMPANIES),
        "category": "Software Development",
        "tags": skills[:3],
        "job_type": rng.choice(["full_time", "contract", "part_time"]),
        "publication_date": f"2026-11-{rng.randint(1, 25):02d}T08:00:00",
        "candidate_required_location": rng.choice(["USA", "Europe", "Worldwide", "UK, Germany"]),
        "salary": salary,
        "description": body,
    }


def _arbeitnow(rng, n):
    title = rng.choice(LEVELS) + rng.choice(TITLES)
    body, skills = _description(rng, title, rng.choice(SALARIES))
    return {
        "slug": f"{title.lower().replace(' ', '-')}-{n}",
        "company_name": rng.choice(COMPANIES),
        "title": title,
        "description": body,
        "remote": rng.random() < 0.4,
        "url": f"https://www.arbeitnow.com/jobs/companies/acme/{n}",
        "tags": skills[:2],
        "job_types": [rng.choice(["Full Time", "Berufserfahren", "Part Time"])],
        "location": rng.choice(["Berlin", "Munich", "Hamburg", "Remote"]),
        "created_at": 1763000000 + n,
    }


SHAPES = {
    "greenhouse": (_greenhouse, lambda items: {"jobs": items, "meta": {"total": len(items)}}),
    "lever": (_lever, lambda items: items),
    "remotive": (_remotive, lambda items: {"job-count": len(items), "jobs": items}),
    "arbeitnow": (_arbeitnow, lambda items: {"data": items, "links": {}, "meta": {}}),
}


def corpus(total: int, seed: int = 7) -> list[tuple[str, bytes]]:
    """``(kind, payload bytes)`` pages adding up to ``total`` postings."""
    rng = random.Random(seed)
    pages: list[tuple[str, bytes]] = []
    kinds = list(SHAPES)
    n = 0
    while n < total:
        kind = kinds[len(pages) % len(kinds)]
        make, wrap = SHAPES[kind]
        size = min(PAGE_SIZE, total - n)
        items = [make(rng, n + i) for i in range(size)]
        pages.append((kind, json.dumps(wrap(items)).encode()))
        n += size
    return pages


ARBEITNOW_API = "https://www.arbeitnow.com/api/job-board-api"


def arbeitnow_pages(total: int, seed: int = 11) -> list[bytes]:
    """Arbeitnow API pages adding up to ``total`` postings, each linking to the next as the
    real API does (``links.next``), for crawling from a local server."""
    rng = random.Random(seed)
    count = -(-total // PAGE_SIZE)
    pages = []
    for number in range(1, count + 1):
        first = (number - 1) * PAGE_SIZE
        items = [_arbeitnow(rng, first + i) for i in range(min(PAGE_SIZE, total - first))]
        following = f"{ARBEITNOW_API}?page={number + 1}" if number < count else None
        pages.append(json.dumps({"data": items, "links": {"next": following}}).encode())
    return pages
