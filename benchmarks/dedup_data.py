"""A labelled dedup set: generated real-shaped postings plus the real samples when present.

``generate(n_bases, seed)`` builds job *bases* from a fixed vocabulary (fixed seed, no network)
and lists each one on one to four boards the way boards really differ: each board's header and
footer boilerplate, sections reordered, a bullet dropped, title variants ("Sr." / "Senior",
"Software Engineer II" / "Software Engineer", "- Remote", "(m/f/d)"), location formats
("NYC" / "New York, NY"), company legal suffixes, apply URLs with tracking parameters, and
same-board reposts under a new id. Hard negatives get their own labels: the same company's
role at another seniority (mostly the same text), the same role listed separately in another
city, and a templated description reused under another title.

``benchmarks.dedup_real.load_real`` adds the real samples; ``to_docs`` maps records of either
kind to ``DedupDoc`` through the real normaliser.
"""

from __future__ import annotations

import csv
import random
import sys
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from jobs.dedup.engine import DedupDoc
from jobs.normalize import canonical_url, company_key, html_to_text, normalize_posting
from jobs.normalize.locations import parse_locations
from jobs.types import RawPosting

ROOT = Path(__file__).resolve().parent.parent


def _split(text: str, sep: str = " ") -> list[str]:
    return text.split(sep)


@dataclass(slots=True)
class Record:
    source: str
    external_id: str
    title: str
    company: str
    location: str
    description: str  # plain text, or HTML when ``html``
    apply_url: str
    label: str  # records with the same label are the same job
    html: bool = False
    real: bool = False


CITIES = {
    "New York": ["New York, NY", "NYC", "New York City", "New York, New York, United States"],
    "San Francisco": ["San Francisco, CA", "San Francisco, California", "SF"],
    "Seattle": ["Seattle, WA", "Seattle, Washington"],
    "Austin": ["Austin, TX", "Austin, Texas"],
    "Chicago": ["Chicago, IL", "Chicago, Illinois"],
    "Boston": ["Boston, MA", "Boston, Massachusetts"],
    "Denver": ["Denver, CO", "Denver, Colorado"],
    "Toronto": ["Toronto, ON", "Toronto, Canada", "Toronto, Ontario, Canada"],
    "London": ["London, UK", "London, United Kingdom", "London, England"],
    "Berlin": ["Berlin, Germany", "Berlin", "Berlin, DE"],
    "Paris": ["Paris, France", "Paris"],
    "Amsterdam": ["Amsterdam, Netherlands", "Amsterdam, NL"],
    "Dublin": ["Dublin, Ireland"],
    "Remote": ["Remote", "Remote (US)", "Remote, United States"],
}
ROLES = _split(
    "Software Engineer|Backend Engineer|Frontend Engineer|Full Stack Developer|"
    "Data Scientist|Data Engineer|Data Analyst|Machine Learning Engineer|DevOps Engineer|"
    "Site Reliability Engineer|Platform Engineer|Cloud Engineer|Security Engineer|"
    "QA Engineer|Mobile Engineer|iOS Developer|Android Developer|"
    "Embedded Software Engineer|Network Engineer|Database Administrator|"
    "Solutions Architect|Product Manager|Product Designer|UX Researcher|Technical Writer|"
    "Support Engineer|Account Executive|Customer Success Manager|"
    "Sales Development Representative|Marketing Manager|Content Strategist|"
    "Financial Analyst|Business Analyst|Recruiter|Project Manager|Program Manager|"
    "Operations Analyst|Payroll Specialist|Controller|HR Generalist",
    "|",
)
TEAMS = _split(
    "Payments|Growth|Search|Infrastructure|Identity|Billing|Analytics|Checkout|Core|Risk", "|"
)
LEVELS = ["", "", "Junior", "Senior", "Senior", "Staff", "Principal", "Lead"]
SIBLING = {
    "": "Senior",
    "Junior": "Senior",
    "Senior": "Staff",
    "Staff": "Principal",
    "Principal": "Staff",
    "Lead": "Senior",
}
SYLLABLES = _split(
    "nor vex bri lane cor tal zen ith qua dra mo lux ver ant pix el sol ar kin tro fin ly "
    "op ta ra mi ko sen dal vo ri ca nex um bel hy on"
)
SUFFIXES = ["", "", ", Inc.", " Inc", " GmbH", " Ltd.", " LLC", " Corp."]
INDUSTRIES = _split(
    "fintech|healthcare|logistics|retail|security|climate|education|media|travel|gaming", "|"
)
VERBS = _split(
    "design build own maintain scale improve operate automate migrate document review "
    "measure debug ship prototype secure analyse coordinate negotiate plan forecast audit "
    "refactor harden simplify standardise evaluate launch streamline mentor present "
    "prioritise model monitor triage research reconcile localise benchmark integrate "
    "deprecate"
)
OBJECTS = _split(
    "services|data pipelines|APIs|dashboards|deployment tooling|customer integrations|"
    "internal platforms|reporting systems|test suites|mobile releases|onboarding flows|"
    "pricing models|partner programs|hiring processes|support workflows|release trains|"
    "observability stack|access controls|forecasting models|content calendars|"
    "billing ledgers|search ranking|fraud rules|warehouse routing|clinical workflows|"
    "payroll runs|vendor contracts|quarterly budgets|incident reviews|feature flags|"
    "schema migrations|caching layers|event streams|design systems|A/B experiments|"
    "account plans|renewal pipelines|compliance reports|audit trails|latency budgets|"
    "GPU clusters|recommendation models|labelling guidelines|sales playbooks|"
    "brand guidelines|SEO landing pages|tax filings|expense policies|benefits programs|"
    "interview loops|career ladders|on-call rotations|disaster recovery drills|"
    "identity federation|edge proxies|batch jobs|ETL jobs|message queues|SDKs",
    "|",
)
QUALIFIERS = _split(
    "with a small team|across several time zones|for millions of users|end to end|"
    "with product and design|under tight latency budgets|in a regulated market|"
    "from the first prototype to general availability|with clear written proposals|"
    "alongside our largest customers|while keeping costs predictable|"
    "for our European expansion|ahead of peak season|with strong test coverage|"
    "for internal stakeholders|in close partnership with finance|for hospitals and clinics|"
    "for merchants of every size|at petabyte scale|with accessibility in mind|"
    "without downtime|for the executive team|with measurable outcomes|"
    "across web and mobile|for regulators and auditors|in an open source community|"
    "for thousands of warehouses|with a bias for action|using modern tooling|"
    "that customers rely on daily",
    "|",
)
SKILLS = _split(
    "Python|Go|Java|TypeScript|React|Kubernetes|Terraform|AWS|GCP|PostgreSQL|Kafka|Spark|"
    "SQL|Excel|Salesforce|Figma|Rust|Swift|Kotlin|Airflow|dbt|Snowflake|Docker|Linux",
    "|",
)
BOARDS = {
    "greenhouse": (
        "",
        "{company} is an equal opportunity employer. We celebrate diversity and "
        "are committed to creating an inclusive environment for all employees.",
    ),
    "lever": (
        "",
        "Apply for this job. {company} is committed to equal employment opportunity "
        "regardless of race, color, religion, sex, sexual orientation or disability.",
    ),
    "linkedin": (
        "{company} is hiring. Easy apply.",
        "Show more Show less. Seniority level: "
        "not applicable. Employment type: full-time. Job function: engineering and IT. "
        "Referrals increase your chances of interviewing at {company} by 2x.",
    ),
    "indeed": (
        "Job details. Full job description.",
        "If you require alternative methods of "
        "application or screening, you must approach the employer directly. Indeed is "
        "not responsible for employer actions. Report job.",
    ),
    "remoteok": (
        "Posted on Remote OK.",
        "Please mention the word BREEZY when applying to show "
        "you read the job post completely. This is a beta feature to avoid spam "
        "applicants. Companies can search these words to find applicants that read "
        "this and see they are human.",
    ),
    "weworkremotely": (
        "Headquarters: {hq}. URL: https://{slug}.example",
        "To apply: visit the "
        "company page. Posted on We Work Remotely, the largest remote work "
        "community in the world.",
    ),
}


def _company_name(rng: random.Random) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(rng.choice((2, 3)))).capitalize()


def _title(level: str, role: str, team: str | None) -> str:
    title = f"{level} {role}".strip()
    return f"{title}, {team}" if team else title


def _sentence(rng: random.Random) -> str:
    return f"{rng.choice(VERBS).capitalize()} {rng.choice(OBJECTS)} {rng.choice(QUALIFIERS)}."


def _sections(rng, company, about, benefits, title, city, level, team) -> list[str]:
    years = {"Junior": 1, "": 3, "Senior": 5, "Lead": 6, "Staff": 8, "Principal": 10}[level]
    skills = rng.sample(SKILLS, 4)
    summary = (
        f"As a {title} based in {city}, you will join the {team or 'core'} team and "
        f"{_sentence(rng).lower()} {_sentence(rng)}"
    )
    duties = " ".join(_sentence(rng) for _ in range(rng.randint(5, 8)))
    needs = (
        f"You have {years}+ years of experience with {skills[0]} and {skills[1]}. "
        f"Experience with {skills[2]} or {skills[3]} is a plus. {_sentence(rng)}"
    )
    return [about, summary, "Responsibilities: " + duties, "Requirements: " + needs, benefits]


def _title_variant(rng: random.Random, title: str) -> str:
    roll = rng.random()
    if roll < 0.15 and title.startswith("Senior "):
        return "Sr. " + title[7:]
    if roll < 0.25:
        return title + rng.choice([" - Remote", " (m/f/d)", " (Hybrid)", " - Full Time"])
    if roll < 0.32:
        return title.upper()
    if roll < 0.40 and ", " in title:
        return title.replace(", ", " - ")
    return title


def _listing(rng, base, board, n, repost=False) -> Record:
    header, footer = BOARDS[board]
    fill = {"company": base["company"], "hq": base["city"], "slug": base["slug"]}
    sections = list(base["sections"])
    if rng.random() < 0.25:  # boards and ATSs reorder sections
        sections[2], sections[3] = sections[3], sections[2]
    if rng.random() < 0.10:
        sections.append(sections.pop(0))  # "about the company" moved to the end
    if rng.random() < 0.2:
        sections[2] = ". ".join(sections[2].split(". ")[:-2]) + "."  # a bullet dropped
    text = "\n\n".join(p for p in [header.format(**fill), *sections, footer.format(**fill)] if p)
    url = base["apply_url"]
    if board in ("linkedin", "indeed", "remoteok") and rng.random() < 0.5:
        url = f"https://{board}.example/jobs/{base['label']}-{n}"
    elif rng.random() < 0.5:
        url += f"?utm_source={board}&utm_medium=jobboard"
    title = base["title"] if n == 0 else _title_variant(rng, base["title"])
    if base["level2"] and n and rng.random() < 0.5:
        title = title.replace(" II", "")
    return Record(
        source=board,
        external_id=f"{base['label']}-{n}{'-r' if repost else ''}",
        title=title,
        company=base["company"] + (rng.choice(SUFFIXES) if n else ""),
        location=rng.choice(CITIES[base["city"]]),
        description=text,
        apply_url=url,
        label=base["label"],
    )


def _base(label, company, title, city, level2, sections) -> dict:
    return {
        "label": label,
        "company": company,
        "city": city,
        "title": title,
        "level2": level2,
        "slug": company.lower(),
        "apply_url": f"https://{company.lower()}.example/careers/{label}",
        "sections": sections,
    }


def generate(n_bases: int, seed: int = 42, hard_negative_rate: float = 0.3) -> list[Record]:
    """About 2 postings per base; a fixed seed gives the same set every time."""
    rng = random.Random(seed)
    companies = []
    for _ in range(max(20, n_bases // 12)):
        name = _company_name(rng)
        ind = rng.choice(INDUSTRIES)
        about = (
            f"{name} is a {ind} company. Founded in {rng.randint(1990, 2022)}, we serve "
            f"{rng.randint(2, 900)} customers in {rng.randint(3, 60)} countries. "
            f"{_sentence(rng)} {_sentence(rng)}"
        )
        benefits = (
            f"Benefits at {name}: {rng.randint(20, 35)} days of paid leave, a "
            f"{rng.choice(['learning', 'wellness', 'home office'])} budget, "
            f"{rng.choice(['equity', 'a pension plan', 'a bonus'])}. {_sentence(rng)}"
        )
        companies.append((name, about, benefits))
    records: list[Record] = []
    seen: set[tuple] = set()
    boards = list(BOARDS)
    for b in range(n_bases):
        name, about, benefits = rng.choice(companies)
        role, city = rng.choice(ROLES), rng.choice(list(CITIES))
        level = rng.choice(LEVELS)
        team = rng.choice(TEAMS) if rng.random() < 0.4 else None
        if (name, role, city, level, team) in seen:
            continue
        seen.add((name, role, city, level, team))
        level2 = level == "" and role.endswith("Engineer") and rng.random() < 0.2
        title = _title(level, role, team) + (" II" if level2 else "")

        sections = _sections(rng, name, about, benefits, title, city, level, team)
        base = _base(f"b{b}", name, title, city, level2, sections)
        copies = rng.choices([1, 2, 3, 4], weights=[50, 25, 15, 10])[0]
        for n, board in enumerate(rng.sample(boards, copies)):
            records.append(_listing(rng, base, board, n))
        if rng.random() < 0.05:
            records.append(_listing(rng, base, records[-1].source, 9, repost=True))
        if rng.random() < hard_negative_rate:
            kind = rng.choice(("seniority", "city", "template"))
            if kind == "seniority":
                other = SIBLING[level]
                sib_title = _title(other, role, team)
                sections = [s.replace(title, sib_title) for s in base["sections"]]
                sections[3] = sections[3].replace("+ years", "+ years (more for this level)")
                neg = _base(f"b{b}s", name, sib_title, city, level2, sections)
            elif kind == "city":
                other = rng.choice([c for c in CITIES if c not in (city, "Remote")])
                sections = [s.replace(city, other) for s in base["sections"]]
                neg = _base(f"b{b}c", name, title, other, level2, sections)
            else:
                other_role = rng.choice([r for r in ROLES if r != role])
                neg_title = _title(level, other_role, team)
                neg = _base(f"b{b}t", name, neg_title, city, level2, list(base["sections"]))
            for n, board in enumerate(rng.sample(boards, rng.choice((1, 1, 2)))):
                records.append(_listing(rng, neg, board, n))
    return records


# --- records -> engine documents -------------------------------------------------------------


@lru_cache(maxsize=4096)
def _location(text: str) -> tuple[frozenset[str], frozenset[str], bool]:
    locations, remote_type, regions = parse_locations([text] if text else [])
    cities = frozenset(loc.city.lower() for loc in locations if loc.city)
    countries = frozenset(loc.country for loc in locations if loc.country)
    remote = remote_type in ("remote", "hybrid")
    return cities, countries | frozenset(r for r in regions if len(r) == 2), remote


@lru_cache(maxsize=65536)
def _company_key(name: str) -> str:
    return company_key(name)


def to_docs(records: list[Record]) -> list[DedupDoc]:
    """Real records go through ``normalize_posting``; generated plain text takes a fast path
    with the same location parser and company key (the normaliser would not change it)."""
    docs = []
    for i, rec in enumerate(records):
        if rec.real:
            raw = RawPosting(
                source=rec.source,
                external_id=rec.external_id,
                title=rec.title,
                company=rec.company,
                locations=[rec.location] if rec.location else [],
                apply_url=rec.apply_url or None,
                **(
                    {"description_html": rec.description}
                    if rec.html
                    else {"description_text": rec.description}
                ),
            )
            p = normalize_posting(raw)
            docs.append(
                DedupDoc(
                    id=i,
                    title=p.title,
                    company_key=company_key(p.company_canonical or ""),
                    text=p.description_text,
                    apply_url=p.apply_url or "",
                    content_hash=p.content_hash,
                    cities=frozenset(loc.city.lower() for loc in p.locations if loc.city),
                    countries=frozenset(loc.country for loc in p.locations if loc.country)
                    | frozenset(r for r in p.remote_regions if len(r) == 2),
                    remote=p.remote_type in ("remote", "hybrid"),
                )
            )
            continue
        cities, countries, remote = _location(rec.location)
        docs.append(
            DedupDoc(
                id=i,
                title=rec.title,
                company_key=_company_key(rec.company),
                text=html_to_text(rec.description) if rec.html else rec.description,
                cities=cities,
                countries=countries,
                remote=remote,
                apply_url=canonical_url(rec.apply_url) or "",
            )
        )
    return docs


if __name__ == "__main__":  # python -m benchmarks.dedup_data [n_bases] > set.csv
    writer = csv.writer(sys.stdout)
    writer.writerow(["label", "source", "external_id", "title", "company", "location", "apply_url"])
    from benchmarks.dedup_real import load_real

    for r in load_real() + generate(int(sys.argv[1]) if len(sys.argv) > 1 else 200):
        writer.writerow(
            [r.label, r.source, r.external_id, r.title, r.company, r.location, r.apply_url]
        )
