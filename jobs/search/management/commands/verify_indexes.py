"""Check that job search has its indexes and that the main searches' query plans use them.

    manage.py verify_indexes [--integrity]

Exit status 0 when every check passes, 1 otherwise; each check prints one readable line.
On a small table PostgreSQL rightly prefers a sequential scan, so when a plan skips an index
and the table has fewer than ``SMALL_TABLE`` rows the plan is re-checked with sequential scans
disabled: that proves the index is usable, and the line says so.
"""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction

from jobs.models import Job
from jobs.search import fulltext
from jobs.search.services import job_filterset

SMALL_TABLE = 5000

#: (label, list-page parameters, index names any of which the plan must use)
TEXT = ("fulltext",)
RECENT = (fulltext.RECENT_INDEX, "job_active_posted", "job_canonical_active")
# Relevance ranks the newest matches, so the planner may rightly walk the recent-jobs index and
# test each row instead of reading the GIN index: either is an indexed plan.
RANKED = ("fulltext", *RECENT)
SEARCHES = [
    ("full-text match (count)", {"q": "python", "sort": "date"}, TEXT),
    ("keyword search", {"q": "python"}, RANKED),
    ("phrase and exclusion", {"q": '"data engineer" -java'}, RANKED),
    ("keyword with filters", {"q": "python", "remote": ["remote"], "country": ["DE"]}, RANKED),
    ("newest jobs", {}, RECENT),
]


class Command(BaseCommand):
    help = "Verify the job search indexes exist and the main searches' plans use them."

    def add_arguments(self, parser):
        parser.add_argument(
            "--integrity",
            action="store_true",
            help="SQLite: also compare the FTS5 index with jobs_job (reads the whole table).",
        )

    def handle(self, *args, **options):
        self.failures = 0
        vendor = connection.vendor
        if vendor == "postgresql":
            self._check_postgres()
        elif vendor == "sqlite":
            self._check_sqlite(integrity=options["integrity"])
        else:
            raise CommandError(f"No search index checks for the {vendor} backend.")
        self._check_btree()
        self._check_plans(vendor)
        if self.failures:
            raise CommandError(f"{self.failures} search index check(s) failed.", returncode=1)
        self.stdout.write(self.style.SUCCESS("All search index checks passed."))

    # -- reporting

    def ok(self, message: str) -> None:
        self.stdout.write(f"ok    {message}")

    def fail(self, message: str) -> None:
        self.failures += 1
        self.stdout.write(self.style.ERROR(f"FAIL  {message}"))

    def expect(self, passed: bool, message: str, hint: str = "") -> None:
        if passed:
            self.ok(message)
        else:
            self.fail(f"{message}{' — ' + hint if hint else ''}")

    # -- schema

    def _check_postgres(self) -> None:
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT indexname, indexdef FROM pg_indexes WHERE tablename = 'jobs_job'"
            )
            defs = dict(cursor.fetchall())
            cursor.execute(
                "SELECT tgname FROM pg_trigger WHERE tgrelid = 'jobs_job'::regclass "
                "AND NOT tgisinternal"
            )
            triggers = {row[0] for row in cursor.fetchall()}
            cursor.execute("SELECT count(*) FROM jobs_job WHERE search_vector IS NULL")
            unindexed = cursor.fetchone()[0]
        gin = defs.get(fulltext.PG_GIN_INDEX, "")
        self.expect(
            "USING gin (search_vector)" in gin,
            f"GIN index {fulltext.PG_GIN_INDEX} on jobs_job.search_vector",
            "missing: run `manage.py migrate search`",
        )
        self.expect(
            fulltext.PG_TRIGGER in triggers,
            f"trigger {fulltext.PG_TRIGGER} keeps search_vector current",
            "missing: run `manage.py migrate search`",
        )
        self.expect(
            unindexed == 0,
            "every job has a search vector",
            f"{unindexed} job(s) have none: re-run the search migration's backfill",
        )
        self._index_names = set(defs)

    def _check_sqlite(self, *, integrity: bool) -> None:
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = %s",
                [fulltext.FTS_TABLE],
            )
            row = cursor.fetchone()
            missing = fulltext.missing_sqlite_triggers(cursor)
            cursor.execute("SELECT name FROM sqlite_master WHERE type = 'index'")
            self._index_names = {r[0] for r in cursor.fetchall()}
            self.expect(
                bool(row) and "fts5" in (row[0] or "").lower(),
                f"FTS5 table {fulltext.FTS_TABLE}",
                "missing: run `manage.py migrate search`",
            )
            self.expect(
                not missing,
                "FTS5 insert/update/delete triggers on jobs_job",
                f"missing {', '.join(missing)}: run `manage.py migrate` to restore them",
            )
            if integrity and row:
                try:
                    cursor.execute(
                        f"INSERT INTO {fulltext.FTS_TABLE}({fulltext.FTS_TABLE}, rank) "
                        "VALUES ('integrity-check', 1)"
                    )
                except Exception as exc:
                    self.fail(f"FTS5 index matches jobs_job — {exc}")
                else:
                    self.ok("FTS5 index matches jobs_job")

    def _check_btree(self) -> None:
        expected = [index.name for index in Job._meta.indexes] + [fulltext.RECENT_INDEX]
        for name in expected:
            self.expect(
                name in self._index_names,
                f"index {name} on jobs_job",
                "missing: run `manage.py migrate`",
            )

    # -- plans

    def _plan(self, queryset, *, forced: bool) -> str:
        if not forced:
            return queryset.explain()
        with transaction.atomic():
            with connection.cursor() as cursor:
                cursor.execute("SET LOCAL enable_seqscan = off")
            return queryset.explain()

    def _check_plans(self, vendor: str) -> None:
        small = Job.objects.count() < SMALL_TABLE
        for label, params, wanted in SEARCHES:
            filterset = job_filterset(user=AnonymousUser(), params=params)
            if not filterset.is_valid():
                self.fail(f"plan of {label}: invalid parameters {filterset.errors}")
                continue
            names = [fulltext.PG_GIN_INDEX if w == "fulltext" else w for w in wanted]
            if vendor == "sqlite":
                names = [fulltext.FTS_TABLE if w == "fulltext" else w for w in wanted]
            queryset = filterset.qs[:20]  # what the first page runs
            if wanted == TEXT:  # what the capped count runs: no ordering, ids only
                queryset = filterset.qs.order_by().values("pk")
            plan = self._plan(queryset, forced=False)
            used = [name for name in names if name in plan]
            note = ""
            if not used and small and vendor == "postgresql":
                # With a handful of rows any index is as good as another; check the text part
                # alone so the GIN index is the only candidate.
                if "q" in params:
                    queryset = fulltext.search(Job.objects.all(), params["q"], rank=False)
                    queryset = queryset.values("pk")
                plan = self._plan(queryset, forced=True)
                used = [name for name in names if name in plan]
                note = " (small table: checked with sequential scans disabled)"
            self.expect(
                bool(used),
                f"plan of {label} uses {', '.join(used) or ' / '.join(names)}{note}",
                "plan was:\n" + plan,
            )
