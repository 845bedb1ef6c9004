import pytest
from django.db import connection

from jobs.models import Job
from jobs.normalize import normalize_posting
from jobs.search import fulltext, services
from jobs.search.fulltext import fts5_expressions, parse_websearch
from jobs.search.models import JobSearchRow
from jobs.search.tests.factories import JobFactory
from jobs.store import store_postings
from jobs.tests.factories import JobSourceFactory, raw_posting

HOSTILE_QUERIES = [
    '"',
    '"unbalanced quote',
    "((",
    ")",
    "NEAR(python java)",
    "python*",
    "*",
    "title:python",
    "description_text:x OR",
    "-",
    "--",
    "- -",
    "or",
    "OR OR OR",
    "AND NOT",
    "^python",
    "python' OR 1=1 --",
    "\\",
    "'",
    "!!",
    "&|!<->",
    ":*",
    "c++ c# .net",
    '""',
    '"-"',
    "💥 ünïcødé",
    "x" * 10_000,
    " ".join(["python"] * 500),
]


def titles(params, user=None):
    result = services.job_search(user=user, params=params)
    assert result.valid, result.filterset.errors
    return sorted(job.title for job in result.page.object_list)


def test_web_search_syntax_is_parsed_into_groups_and_exclusions():
    parsed = parse_websearch('python -java "data engineer" or rust -"php dev"')
    assert parsed.groups == [["python", "data engineer"], ["rust"]]
    assert parsed.excluded == ["java", "php dev"]


def test_fts5_expression_quotes_every_term():
    match, excluded = fts5_expressions(parse_websearch('NEAR(a b) title:x* "q"'))
    assert match == '("NEAR a" AND "b" AND "title x" AND "q")'
    assert excluded is None


def test_only_exclusions_become_a_separate_expression():
    assert fts5_expressions(parse_websearch("-java -php")) == (None, '"java" OR "php"')


@pytest.mark.django_db
class TestSearch:
    @pytest.fixture(autouse=True)
    def _jobs(self):
        JobFactory(title="Senior Python Engineer", description_text="Pipelines in Python.")
        JobFactory(title="Java Developer", description_text="Spring and Java, some Python.")
        JobFactory(
            title="Analytics Lead",
            description_text="You will work as a data engineer on dashboards.",
            skills=["SQL"],
        )
        JobFactory(title="Rust Developer", description_text="Systems work.", skills=["Rust"])

    def test_words_are_all_required(self):
        assert titles({"q": "python spring"}) == ["Java Developer"]

    def test_minus_excludes_a_word(self):
        assert titles({"q": "python -java"}) == ["Senior Python Engineer"]

    def test_quotes_match_a_phrase(self):
        assert titles({"q": '"data engineer"'}) == ["Analytics Lead"]
        assert titles({"q": '"engineer data"'}) == []

    def test_or_matches_either(self):
        assert titles({"q": "rust or spring"}) == ["Java Developer", "Rust Developer"]

    def test_only_an_exclusion_returns_everything_else(self):
        assert titles({"q": "-python"}) == ["Analytics Lead", "Rust Developer"]

    def test_stemming_finds_other_forms(self):
        assert titles({"q": "engineering"}) == ["Analytics Lead", "Senior Python Engineer"]

    def test_title_matches_rank_above_description_matches(self):
        result = services.job_search(user=None, params={"q": "python"})
        assert result.page.object_list[0].title == "Senior Python Engineer"

    def test_company_and_skills_are_searchable(self):
        JobFactory(title="Platform role", company__name="Zyxwv Labs", skills=["Kubernetes"])
        assert titles({"q": "zyxwv"}) == ["Platform role"]
        assert titles({"q": "kubernetes"}) == ["Platform role"]

    def test_snippets_highlight_hits_on_the_page(self):
        result = services.job_search(user=None, params={"q": '"data engineer"'})
        snippet = result.page.object_list[0].snippet
        hits = " ".join(text for text, hit in snippet if hit).lower()
        assert "data" in hits and "engineer" in hits

    @pytest.mark.parametrize("query", HOSTILE_QUERIES, ids=range(len(HOSTILE_QUERIES)))
    def test_hostile_queries_never_raise(self, query):
        result = services.job_search(user=None, params={"q": query})
        if len(query) > 500:
            assert not result.valid and "q" in result.filterset.errors
        else:
            assert result.valid
            list(result.page.object_list)


@pytest.mark.django_db
class TestIndexMaintenance:
    def _find(self, text):
        rows = fulltext.search(JobSearchRow.objects.all(), text, rank=False)
        return list(Job.objects.filter(pk__in=rows.values("pk")).values_list("title", flat=True))

    def test_a_saved_change_is_searchable(self):
        job = JobFactory(title="Gardener")
        job.title = "Zookeeper"
        job.save()
        assert self._find("zookeeper") == ["Zookeeper"]
        assert self._find("gardener") == []

    def test_bulk_update_reindexes(self):
        jobs = [JobFactory(title=f"Baker {i}") for i in range(3)]
        for job in jobs:
            job.description_text = "Now sourdough specialist"
        Job.objects.bulk_update(jobs, ["description_text"])
        assert len(self._find("sourdough")) == 3

    def test_deleted_jobs_leave_the_index(self):
        job = JobFactory(title="Ephemeral Tester")
        job.delete()
        assert self._find("ephemeral") == []

    def test_stored_postings_are_indexed(self):
        source = JobSourceFactory()
        store_postings(source=source, postings=[normalize_posting(raw_posting(7))])
        assert self._find('"backend engineer" postgresql') == ["Senior Backend Engineer 7"]
        store_postings(
            source=source,
            postings=[normalize_posting(raw_posting(7, title="Staff Quantum Engineer"))],
        )
        assert self._find("quantum") == ["Staff Quantum Engineer"]

    @pytest.mark.sqlite  # SQLite rebuilds tables on ALTER and drops their triggers
    def test_lost_sqlite_triggers_are_restored_after_migrate(self):
        with connection.cursor() as cursor:
            for name in fulltext.FTS_TRIGGERS:
                cursor.execute(f"DROP TRIGGER {name}")
        JobFactory(title="Missed While Unindexed")
        fulltext.ensure_schema_after_migrate(using="default")
        assert self._find("unindexed") == ["Missed While Unindexed"]
        JobFactory(title="Indexed Again")
        assert self._find("again") == ["Indexed Again"]


@pytest.mark.django_db
class TestNewestWindow:
    """A broad text search reads the recent slice first (PostgreSQL); never changes results."""

    @pytest.fixture(autouse=True)
    def small_window(self, monkeypatch):
        monkeypatch.setattr(fulltext, "RANK_WINDOW", 3)
        monkeypatch.setattr(services, "MAX_RESULTS", 3)

    def _jobs(self, *days_ago):
        from django.utils import timezone

        now = timezone.now()
        return [
            JobFactory(title=f"Walrus keeper {days}", posted_at=now - timezone.timedelta(days=days))
            for days in days_ago
        ]

    def _ids(self, params):
        result = services.job_search(user=None, params=params, per_page=10)
        return [job.pk for job in result.page.object_list], result

    @pytest.mark.parametrize("sort", ["date", ""])
    def test_a_full_recent_slice_is_the_newest_matches(self, sort):
        jobs = self._jobs(1, 2, 3, 4, 30, 60)
        ids, result = self._ids({"q": "walrus", "sort": sort})
        assert sorted(ids) == sorted(j.pk for j in jobs[:3])
        assert result.capped and result.total == 3
        if sort == "date":
            assert ids == [j.pk for j in jobs[:3]]

    @pytest.mark.parametrize("sort", ["date", ""])
    def test_a_short_recent_slice_falls_back_to_every_match(self, sort):
        jobs = self._jobs(1, 30, 60, 90, 120)
        ids, result = self._ids({"q": "walrus", "sort": sort})
        assert sorted(ids) == sorted(j.pk for j in jobs[:3])
        assert result.capped
        if sort == "date":
            assert ids == [j.pk for j in jobs[:3]]

    def test_jobs_without_a_posted_date_are_not_lost(self):
        undated = JobFactory(title="Walrus keeper undated", posted_at=None)
        ids, result = self._ids({"q": "walrus"})
        assert ids == [undated.pk] and not result.capped

    def test_the_recent_slice_is_tried_only_on_postgresql_and_unfiltered_searches(self):
        rows = JobSearchRow.objects.all()
        slices = fulltext.recent_slices(rows, try_recent=True)
        assert len(slices) == (2 if connection.vendor == "postgresql" else 1)
        assert fulltext.recent_slices(rows, try_recent=False) == [rows]


@pytest.mark.postgres
@pytest.mark.django_db
def test_the_rank_document_holds_title_company_and_skills_and_follows_changes():
    job = JobFactory(
        title="Walrus Keeper",
        company__name="Arctic Zoo",
        skills=["Fish Husbandry"],
        description_text="Feeding walruses and penguins every morning.",
    )

    def lexemes():
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT {fulltext.RANK_COLUMN}::text FROM {fulltext.ROW_TABLE} WHERE job_id = %s",
                [job.pk],
            )
            return cursor.fetchone()[0]

    document = lexemes()
    for word in ("walrus", "keeper", "arctic", "zoo", "fish", "husbandri"):
        assert f"'{word}'" in document
    assert "penguin" not in document  # the description makes a match, not the rank
    job.title = "Penguin Keeper"
    job.save()
    assert "'penguin'" in lexemes() and "'walrus'" not in lexemes()


@pytest.mark.django_db
@pytest.mark.parametrize("query", ["walrus", "companies", '"arctic walrus" -penguin'])
def test_snippets_find_a_hit_deep_in_a_long_description(query):
    filler = "Our team builds reliable services for customers around the world. " * 150
    job = JobFactory(
        title="Keeper",
        description_text=filler + "The Arctic Walrus Company keeps walruses. " + filler,
    )
    marked = fulltext.snippets([job.pk], query)
    hits = " ".join(text.lower() for text, hit in fulltext.segments(marked[job.pk]) if hit)
    assert hits and set(hits.split()) <= {"walrus", "walruses", "company", "arctic"}
