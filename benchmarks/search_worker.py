"""One backend's search benchmark, run as a child process by ``benchmarks.search``.

    DATABASE_URL=… BENCH_SIZE=100000 python -m benchmarks.search_worker

Migrates the (dedicated) database, loads ``BENCH_SIZE`` realistic jobs with a fixed seed (or
reuses them when the same seed and size are already loaded), then times the service call the
jobs page makes — ``job_search``: count + first page + snippets — for 20 realistic queries,
beside a naive ``icontains`` query on the same data. Prints one JSON line of figures.
"""

from __future__ import annotations

import json
import os
import random
import statistics
import sys
import time

SEED = 20261126
SIZE = int(os.environ.get("BENCH_SIZE", "100000"))
REPEATS = int(os.environ.get("BENCH_REPEATS", "7"))
MARKER = "bench-search"

QUERIES: list[dict] = [
    {"q": "python"},
    {"q": "python -java"},
    {"q": '"data engineer"'},
    {"q": "kubernetes terraform"},
    {"q": "react or vue"},
    {"q": "machine learning", "remote": ["remote"]},
    {"q": "backend engineer", "country": ["DE"]},
    {"q": "golang", "salary_min": "120000", "currency": "USD"},
    {"q": "product manager", "posted_within": "7"},
    {"q": "senior rust"},
    {"q": '"site reliability" -manager'},
    {"q": "django postgresql", "sort": "date"},
    {"q": "nurse"},
    {"q": "aws", "seniority": ["senior", "staff"], "remote": ["remote", "hybrid"]},
    {"q": "typescript", "skills": "React, Node.js", "skills_match": "all"},
    {"q": "data scientist", "visa": "yes"},
    {},
    {"remote": ["remote"], "country": ["US"]},
    {"skills": "Python, SQL", "sort": "salary"},
    {"employment_type": ["contract"], "posted_within": "30"},
]

ROLES = [
    ("Backend Engineer", ["Python", "Go", "PostgreSQL", "Django", "Redis", "Docker", "AWS"]),
    ("Frontend Developer", ["JavaScript", "TypeScript", "React", "Vue.js", "CSS", "HTML"]),
    ("Full Stack Engineer", ["TypeScript", "React", "Node.js", "PostgreSQL", "GraphQL"]),
    ("Data Engineer", ["Python", "SQL", "Apache Spark", "Airflow", "Snowflake", "dbt", "Kafka"]),
    ("Data Scientist", ["Python", "SQL", "pandas", "scikit-learn", "Statistics", "R"]),
    ("Machine Learning Engineer", ["Python", "PyTorch", "TensorFlow", "Kubernetes", "MLOps"]),
    ("DevOps Engineer", ["Kubernetes", "Terraform", "AWS", "Docker", "Linux", "CI/CD"]),
    ("Site Reliability Engineer", ["Kubernetes", "Prometheus", "Go", "Linux", "GCP"]),
    ("Java Developer", ["Java", "Spring", "Kotlin", "Microservices", "Kafka"]),
    ("iOS Engineer", ["Swift", "iOS", "Objective-C", "Xcode"]),
    ("Android Developer", ["Kotlin", "Android", "Java", "Jetpack Compose"]),
    ("Rust Engineer", ["Rust", "Linux", "C++", "Distributed Systems"]),
    ("Security Engineer", ["Security", "Python", "AWS", "Penetration Testing"]),
    ("QA Automation Engineer", ["Selenium", "Python", "Cypress", "Playwright"]),
    ("Product Manager", ["Product Management", "Agile", "Jira", "SQL"]),
    ("Engineering Manager", ["Leadership", "Agile", "Python", "AWS"]),
    ("UX Designer", ["Figma", "User Research", "Prototyping"]),
    ("Technical Writer", ["Documentation", "Markdown", "Git"]),
    ("Solutions Architect", ["AWS", "Azure", "Architecture", "Kubernetes"]),
    ("Registered Nurse", ["Patient Care", "BLS", "EMR"]),
    ("Account Executive", ["Salesforce", "Negotiation", "B2B Sales"]),
    ("Customer Success Manager", ["Customer Success", "Salesforce", "SaaS"]),
    ("Marketing Manager", ["SEO", "Content Marketing", "Google Analytics"]),
    ("Financial Analyst", ["Excel", "Financial Modeling", "SQL"]),
]
LEVELS = [
    ("Junior", "junior"),
    ("", "mid"),
    ("Senior", "senior"),
    ("Staff", "staff"),
    ("Lead", "lead"),
    ("Principal", "principal"),
]
PLACES = [
    ("Berlin", "DE", "EUR"),
    ("Munich", "DE", "EUR"),
    ("Amsterdam", "NL", "EUR"),
    ("Paris", "FR", "EUR"),
    ("London", "GB", "GBP"),
    ("Dublin", "IE", "EUR"),
    ("New York", "US", "USD"),
    ("San Francisco", "US", "USD"),
    ("Austin", "US", "USD"),
    ("Toronto", "CA", "CAD"),
    ("Lisbon", "PT", "EUR"),
    ("Warsaw", "PL", "PLN"),
    ("Stockholm", "SE", "SEK"),
    ("Zurich", "CH", "CHF"),
    ("Sydney", "AU", "AUD"),
]
KINDS = [
    "greenhouse",
    "lever",
    "ashby",
    "workable",
    "remoteok",
    "remotive",
    "linkedin",
    "smartrecruiters",
    "recruitee",
    "himalayas",
]
INTRO = [
    "{company} is hiring a {title} to join our {team} team in {city}.",
    "At {company}, we build software that millions of people rely on every day.",
    "Join {company} as a {title} and help us scale our {team} platform.",
]
DUTIES = [
    "You will design, build and operate services written in {s1} and {s2}.",
    "Work closely with product and design to ship features end to end.",
    "Own the reliability, performance and observability of the systems you build.",
    "Mentor engineers, review code and raise the bar for quality across the team.",
    "Improve our data pipelines and make sure analytics teams can trust the numbers.",
    "Collaborate with stakeholders across the business to understand their needs.",
    "Automate infrastructure with {s2} and keep our cloud costs under control.",
    "Help define the roadmap and communicate trade-offs clearly.",
]
REQS = [
    "{years}+ years of professional experience with {s1}.",
    "Solid understanding of {s2} and {s3}.",
    "Experience working in an agile, distributed team.",
    "Strong written and verbal communication skills in English.",
    "Nice to have: exposure to {s3} in production.",
    "A degree in computer science or equivalent practical experience.",
]
PERKS = [
    "Competitive salary, equity and a yearly learning budget.",
    "Flexible working hours and {days} days of paid vacation.",
    "Private health insurance and a pension plan.",
    "A modern laptop and a home-office allowance.",
    "Regular team off-sites and a friendly, inclusive culture.",
    "We sponsor work visas for candidates relocating to {city}.",
    "Unfortunately we cannot offer visa sponsorship for this position.",
]


def _description(rng: random.Random, title: str, company: str, city: str, skills: list[str]):
    s = (skills * 3)[:3]
    fields = {
        "company": company,
        "title": title,
        "team": rng.choice(["platform", "data", "growth", "payments", "core", "infrastructure"]),
        "city": city,
        "s1": s[0],
        "s2": s[1],
        "s3": s[2],
        "years": rng.randint(2, 8),
        "days": rng.randint(25, 32),
    }
    paragraphs = [rng.choice(INTRO).format(**fields)]
    target = rng.randint(1000, 3000)
    text = " ".join(paragraphs)
    pools = [DUTIES, REQS, PERKS]
    while len(text) < target:
        pool = pools[len(paragraphs) % 3]
        paragraphs.append(" ".join(rng.choice(pool).format(**fields) for _ in range(3)))
        text = "\n\n".join(paragraphs)
    return text


def load(size: int) -> float:
    from django.db import connection, transaction

    from jobs.models import Company, Job, JobSource

    marker = JobSource.objects.filter(name=MARKER).first()
    if marker and marker.config == {"seed": SEED, "size": size} and (Job.objects.count() == size):
        return 0.0
    started = time.perf_counter()
    Job.objects.all().delete()
    JobSource.objects.all().delete()
    Company.objects.all().delete()
    rng = random.Random(SEED)
    sources = {kind: JobSource.objects.create(name=f"{kind} bench", kind=kind) for kind in KINDS}
    syllables = ["ac", "me", "no", "va", "lu", "tri", "zen", "ko", "ra", "fi", "bel", "dor"]
    suffixes = ["Labs", "Systems", "Health", "Analytics", "Robotics", "Bank", "AI", "Cloud"]
    names = sorted(
        {
            "".join(rng.choice(syllables) for _ in range(rng.randint(2, 3))).capitalize()
            + " "
            + rng.choice(suffixes)
            for _ in range(4000)
        }
    )
    Company.objects.bulk_create([Company(name=n, key=n.lower()) for n in names], batch_size=2000)
    companies = list(Company.objects.all())
    now = time.time()
    from datetime import UTC, datetime

    batch: list[Job] = []
    canonical_ids: list[int] = []
    for i in range(size):
        role, role_skills = rng.choice(ROLES)
        prefix, seniority = rng.choice(LEVELS)
        title = f"{prefix} {role}".strip()
        company = rng.choice(companies)
        city, country, currency = rng.choice(PLACES)
        skills = rng.sample(role_skills, k=min(len(role_skills), rng.randint(2, 5)))
        remote = rng.choices(["remote", "hybrid", "onsite", "unknown"], [30, 30, 30, 10])[0]
        low = rng.randrange(40_000, 180_000, 5_000) if rng.random() < 0.6 else None
        text = _description(rng, title, company.name, city, skills)
        kind = rng.choice(KINDS)
        posted = datetime.fromtimestamp(now - rng.uniform(0, 120) * 86400, tz=UTC)
        batch.append(
            Job(
                source=sources[kind],
                source_kind=kind,
                external_id=f"b{i}",
                url=f"https://jobs.example.com/{kind}/{i}",
                title=title,
                company=company,
                company_name=company.name,
                locations=[{"city": city, "region": None, "country": country}],
                countries=country,
                remote_type=remote,
                salary_currency=currency if low else "",
                salary_period="year" if low else "",
                salary_min=low,
                salary_annual_min=low,
                salary_max=low * 1.3 if low else None,
                salary_annual_max=low * 1.3 if low else None,
                employment_type=rng.choices(["full_time", "contract", "part_time"], [85, 10, 5])[0],
                seniority=seniority,
                skills=skills,
                visa_sponsorship="yes" if "sponsor work visas" in text else "unknown",
                description_html="<p>" + text.replace("\n\n", "</p><p>") + "</p>",
                description_text=text,
                posted_at=posted,
                first_seen_at=posted,
                is_active=rng.random() > 0.1,
                content_hash=f"h{i}",
            )
        )
        if len(batch) == 2000:
            with transaction.atomic():
                created = Job.objects.bulk_create(batch)
            canonical_ids.extend(j.pk for j in created)
            batch = []
    if batch:
        canonical_ids.extend(j.pk for j in Job.objects.bulk_create(batch))
    # ~15% are duplicates of another posting (grouped, not canonical), as dedup leaves them.
    dup_ids = rng.sample(canonical_ids, k=size * 15 // 100)
    for start in range(0, len(dup_ids), 5000):
        Job.objects.filter(pk__in=dup_ids[start : start + 5000]).update(is_canonical=False)
    JobSource.objects.create(name=MARKER, kind="greenhouse", config={"seed": SEED, "size": size})
    with connection.cursor() as cursor:
        # What autovacuum does on a live database: statistics, and the visibility map that
        # lets counts read the index alone.
        if connection.vendor == "postgresql":
            cursor.execute("VACUUM ANALYZE jobs_job")
            cursor.execute("VACUUM ANALYZE search_jobsearchrow")
        else:
            cursor.execute("ANALYZE")
        if connection.vendor == "sqlite":
            cursor.execute("INSERT INTO jobs_job_fts(jobs_job_fts) VALUES ('optimize')")
    return time.perf_counter() - started


def _bench_user():
    from accounts.models import User
    from jobs.models import Job
    from jobs.search import services

    user, created = User.objects.get_or_create(email="bench@example.com")
    if created:  # a user with some feedback, so the exclusions are part of every query
        for job_id in Job.objects.order_by("pk").values_list("pk", flat=True)[:5]:
            services.job_interaction_set(user=user, job_id=job_id, kind="hidden")
        for job in Job.objects.order_by("-pk")[:2]:
            services.job_interaction_set(user=user, job_id=job.pk, kind="not_this_company")
    return user


def _naive(user, params: dict):
    from django.db.models import F, Q

    from jobs.models import Job
    from jobs.search import fulltext, services

    rest = {k: v for k, v in params.items() if k not in ("q", "sort")}
    # The same visibility and filters (they run on the search rows), then icontains on the
    # wide jobs_job rows.
    rows = services.job_filterset(user=user, params=rest).qs
    queryset = Job.objects.filter(pk__in=rows.values("pk"))
    for words in fulltext.parse_websearch(params["q"]).groups[:1]:
        for word in words:
            queryset = queryset.filter(
                Q(title__icontains=word) | Q(description_text__icontains=word)
            )
    queryset = queryset.order_by(F("posted_at").desc(nulls_last=True))
    return queryset.count(), list(queryset[:20])


def _time(fn) -> float:
    started = time.perf_counter()
    fn()
    return (time.perf_counter() - started) * 1000


def _pct(values: list[float], pct: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(pct / 100 * (len(ordered) - 1)))]


def main() -> int:
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "careercopilot.settings")
    django.setup()
    from django.core.management import call_command
    from django.db import connection

    from jobs.search import services

    call_command("migrate", verbosity=0)
    load_seconds = load(SIZE)
    user = _bench_user()
    search_ms: list[float] = []
    naive_ms: list[float] = []
    per_query = {}
    for params in QUERIES:
        label = json.dumps(params, sort_keys=True)
        services.job_search(user=user, params=params)  # warm-up
        runs = [
            _time(lambda p=params: services.job_search(user=user, params=p)) for _ in range(REPEATS)
        ]
        search_ms += runs
        entry = {"p50_ms": round(statistics.median(runs), 2), "max_ms": round(max(runs), 2)}
        if params.get("q"):
            _naive(user, params)
            naive = [_time(lambda p=params: _naive(user, p)) for _ in range(max(2, REPEATS // 2))]
            naive_ms += naive
            entry["icontains_p50_ms"] = round(statistics.median(naive), 2)
        entry["total"] = services.job_search(user=user, params=params).total
        per_query[label] = entry
    print(
        json.dumps(
            {
                "backend": connection.vendor,
                "jobs": SIZE,
                "repeats": REPEATS,
                "queries": len(QUERIES),
                "load_seconds": round(load_seconds, 1),
                "p50_ms": round(_pct(search_ms, 50), 2),
                "p95_ms": round(_pct(search_ms, 95), 2),
                "icontains_p50_ms": round(_pct(naive_ms, 50), 2),
                "icontains_p95_ms": round(_pct(naive_ms, 95), 2),
                "per_query": per_query,
            }
        ),
        flush=True,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
