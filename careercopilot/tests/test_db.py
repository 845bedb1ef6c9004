import pytest
from django.db import connection

from careercopilot.db import CHUNK, matching, pg_array, pg_text_array
from jobs.models import Job, JobSource


def test_array_literals():
    assert pg_array([1, None, 3]) == "{1,NULL,3}"
    assert pg_array([True, False]) == "{True,False}"
    assert pg_text_array(['a"b', "c\\d", "x,y", "{z}"]) == '{"a\\"b","c\\\\d","x,y","{z}"}'


@pytest.fixture
def jobs(db):
    source = JobSource.objects.create(name="board", kind="greenhouse", config={})
    tricky = ['quote"d', "back\\slash", "comma,brace{}", "NULL", "", "ünï", "space d"]
    ids = [f"id-{n}" for n in range(CHUNK + 20)] + tricky
    Job.objects.bulk_create(
        Job(source=source, external_id=ext, title=f"Job {ext}", url="https://example.com/j")
        for ext in ids
    )
    return Job.objects.filter(source=source)


def test_matching_finds_exactly_the_listed_values(jobs):
    by_ext = dict(jobs.values_list("external_id", "pk"))
    wanted = ['quote"d', "back\\slash", "comma,brace{}", "NULL", "", "ünï", "space d"]
    wanted += [f"id-{n}" for n in range(0, CHUNK + 20, 2)]
    found = set()
    for rows in matching(
        jobs.values_list("external_id", flat=True), "external_id", wanted, text=True
    ):
        found.update(rows)
    assert found == set(wanted)

    ids = [by_ext[ext] for ext in wanted] + [10**12]  # and one id no row has
    found_ids = set()
    for rows in matching(jobs.values_list("pk", flat=True), "pk", ids):
        found_ids.update(rows)
    assert found_ids == {by_ext[ext] for ext in wanted}


def test_matching_sends_one_query_on_postgresql_and_chunks_elsewhere(jobs):
    ids = list(jobs.values_list("pk", flat=True))
    parts = list(matching(jobs, "pk", ids))
    expected = 1 if connection.vendor == "postgresql" else -(-len(ids) // CHUNK)
    assert len(parts) == expected
    assert sum(part.count() for part in parts) == len(ids)
    assert list(matching(jobs, "pk", [])) == []


def test_matching_filters_updates_and_deletes(jobs):
    ids = list(jobs.order_by("pk").values_list("pk", flat=True)[: CHUNK + 5])
    for rows in matching(Job.objects.all(), "pk", ids):
        rows.update(is_active=False)
    assert jobs.filter(is_active=False).count() == len(ids)
    for rows in matching(Job.objects.all(), "pk", ids[:10]):
        rows.delete()
    assert not jobs.filter(pk__in=ids[:10]).exists()
    assert jobs.filter(is_active=False).count() == len(ids) - 10
