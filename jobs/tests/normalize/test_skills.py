"""Skill taxonomy and extraction."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

from jobs.normalize.skills import SKILLS, canonical_skill, extract_skills

DATA = json.loads(
    (Path(__file__).parents[2] / "normalize" / "data" / "skills.json").read_text("utf-8")
)


def test_taxonomy_size_and_shape():
    assert len(DATA["skills"]) >= 300
    names = [s["name"] for s in DATA["skills"]]
    assert len(names) == len(set(names))
    assert all(s["category"] for s in DATA["skills"])


@pytest.mark.parametrize(
    ("alias", "canonical"),
    [
        ("k8s", "Kubernetes"),
        ("Postgres", "PostgreSQL"),
        ("psql", "PostgreSQL"),
        ("JS", "JavaScript"),
        ("TS", "TypeScript"),
        ("golang", "Go"),
        ("React.js", "React"),
        ("ReactJS", "React"),
        ("GCP", "Google Cloud"),
        ("AWS", "AWS"),
        ("C#", "C#"),
        ("C++", "C++"),
        (".NET", ".NET"),
        ("Node.js", "Node.js"),
        ("node", "Node.js"),
        ("sklearn", "scikit-learn"),
        ("go", "Go"),
    ],
)
def test_aliases_as_tags(alias, canonical):
    assert canonical_skill(alias) == canonical
    assert extract_skills("", tags=[alias]) == [canonical]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("We run k8s with Postgres and psql.", ["Kubernetes", "PostgreSQL"]),
        ("JS and TS on the frontend with React.js.", ["JavaScript", "TypeScript", "React"]),
        ("Backend in golang; deployed on GCP.", ["Go", "Google Cloud"]),
        ("C#, C++, .NET and Node.js services.", ["C#", "C++", ".NET", "Node.js"]),
        ("Strong C and C++ for embedded firmware.", ["C", "C++", "Embedded Systems"]),
        ("iOS app in Swift and SwiftUI.", ["iOS", "Swift", "SwiftUI"]),
        ("Statistical modelling in R and Python.", ["Statistics", "R", "Python"]),
        ("Ruby on Rails and Rails engines with RSpec.", ["Ruby on Rails", "RSpec"]),
        ("Node with Express and Express.js.", ["Node.js", "Express"]),
    ],
)
def test_real_phrases(text, expected):
    assert extract_skills(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Own our go-to-market motion and go ahead with launches; ready to go?",
        "Go above and beyond for customers.",
        "Randomly chosen R letters, R&D budget.",
        "Report to the C-level team after our Series C round.",
        "We value swift delivery. Swift decisions matter to our sales team.",
        "American Express is one of our customers.",
        "Spark joy in every customer conversation.",
        "You will excel in a fast-paced environment.",
        "We value rest and the rest of the team.",
        "The rust belt is where we grew up.",
        "This spring we launch our new office.",
    ],
)
def test_false_hits_do_not_match(text):
    assert extract_skills(text) == []


def test_description_gives_expected_list_in_order():
    text = (
        "Senior Data Engineer\n\nYou will build ETL pipelines with Apache Airflow and dbt on "
        "Snowflake, write Python and SQL, and deploy with Docker and Terraform on AWS. "
        "Experience with Spark or Kafka is a plus. Python again, and Kubernetes (k8s)."
    )
    assert extract_skills(text, tags=["Machine Learning", "python"]) == [
        "ETL",
        "Apache Airflow",
        "dbt",
        "Snowflake",
        "Python",
        "SQL",
        "Docker",
        "Terraform",
        "AWS",
        "Apache Spark",
        "Apache Kafka",
        "Kubernetes",
        "Machine Learning",
    ]


def test_urls_and_emails_do_not_produce_skills():
    assert extract_skills("Apply at https://example.com/python-jobs or jobs@go.dev") == []


def test_every_skill_loaded():
    assert set(SKILLS) == {s["name"] for s in DATA["skills"]}


def test_speed_on_5kb_description():
    base = (
        "We are hiring engineers to build distributed systems in Python, Go and TypeScript. "
        "You will work with PostgreSQL, Redis, Kafka and Kubernetes on AWS and care about "
        "observability, testing and the customer. "
    )
    text = (base * 40)[:5000]
    extract_skills(text)
    runs = 50
    start = time.perf_counter()
    for i in range(runs):
        extract_skills(text + str(i))
    per_call = (time.perf_counter() - start) / runs
    assert per_call < 0.01  # generous bound for slow CI; typically well under 1 ms
