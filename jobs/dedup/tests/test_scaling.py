"""Dedup inside ingestion does bounded work per posting, however many share a template.

Counts, not timings: ``DedupOutcome.candidates`` is the number of pairs compared.
"""

import importlib

import numpy as np
import pytest
from django.apps import apps

from jobs.dedup import engine
from jobs.dedup.models import LshBand
from jobs.dedup.services import dedup_jobs
from jobs.services import normalize_all
from jobs.store import store_postings

from .factories import BODY, board, groups, posting

pytestmark = pytest.mark.django_db

TITLES = [
    "Backend Engineer",
    "Frontend Engineer",
    "Data Engineer",
    "Platform Engineer",
    "Security Engineer",
    "Mobile Engineer",
    "Site Reliability Engineer",
    "Machine Learning Engineer",
    "Product Manager",
    "Data Scientist",
    "Engineering Manager",
    "Solutions Architect",
]


def _store_and_dedup(source, raws):
    counts = store_postings(source=source, postings=normalize_all(raws).postings)
    return dedup_jobs(job_ids=counts.job_ids)


def test_one_template_at_many_companies_costs_no_comparison():
    # The same description and title at 40 companies: every posting shares every band, and
    # each new one used to be compared with all earlier ones (780 pairs).
    body = BODY.format(title="Backend Engineer", city="Berlin", years=5)
    raws = [posting(f"gh-{n}", company=f"Company {n}", body=body) for n in range(40)]
    outcome = _store_and_dedup(board("greenhouse"), raws)
    assert outcome.fingerprinted == 40
    assert outcome.candidates == 0
    assert groups() == set()


def test_a_company_template_narrows_to_the_same_title_and_still_finds_the_copy(monkeypatch):
    monkeypatch.setattr(engine, "MAX_BUCKET", 4)
    body = BODY.format(title="our next engineer", city="Berlin", years=5)
    # 2 cities x 12 titles at one company, all one template: every band bucket holds 24 jobs.
    siblings = [
        posting(f"gh-{n}", title=title, city=city, location=f"{city}, Germany", body=body)
        for n, (city, title) in enumerate(
            (city, title) for city in ("Berlin", "Munich") for title in TITLES
        )
    ]
    first = _store_and_dedup(board("greenhouse"), siblings)
    assert first.candidates <= len(siblings) * engine.MAX_BUCKET  # quadratic: 276 pairs
    assert groups() == set()  # same title in two cities stays apart

    # gh-0 on another board (its own footer)
    copy = posting("lv-0", board="lever", source="lever", title=TITLES[0], body=body)
    second = _store_and_dedup(board("lever"), [copy])
    assert second.candidates <= engine.MAX_BUCKET
    assert groups() == {frozenset({"gh-0", "lv-0"})}


def test_the_key_migration_reproduces_the_keys_ingestion_stores():
    body = BODY.format(title="Backend Engineer", city="Berlin", years=5)
    raws = [posting("gh-1"), posting("gh-2", company="", body=body, title="Data Engineer")]
    _store_and_dedup(board("greenhouse"), raws)
    stored = sorted(LshBand.objects.values_list("job_id", "key"))
    LshBand.objects.update(key=0)
    migration = importlib.import_module("jobs.dedup.migrations.0002_lshband_company_title_blocks")
    migration.forwards(apps, None)
    assert sorted(LshBand.objects.values_list("job_id", "key")) == stored


def test_in_memory_template_buckets_pair_only_the_same_title():
    keys = np.array([[1], [1], [1], [1], [2]], dtype=np.int64)
    titles = np.array([7, 7, 8, 9, 7])
    assert engine.lsh_pairs(keys, max_bucket=4, titles=titles).tolist() == [
        [0, 1],
        [0, 2],
        [0, 3],
        [1, 2],
        [1, 3],
        [2, 3],
    ]
    assert engine.lsh_pairs(keys, max_bucket=3, titles=titles).tolist() == [[0, 1]]
    assert engine.lsh_pairs(keys, max_bucket=3).tolist() == []


def test_a_posting_without_a_company_still_meets_its_copy_at_a_company():
    _store_and_dedup(board("greenhouse"), [posting("gh-1")])
    outcome = _store_and_dedup(board("lever"), [posting("lv-1", board="lever", company="")])
    assert outcome.candidates == 1
    assert groups() == {frozenset({"gh-1", "lv-1"})}
