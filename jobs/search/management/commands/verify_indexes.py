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
from jobs.search.models import JobSearchRow
from jobs.search.services import job_filterset

SMALL_TABLE = 5000

#: (label, list-page parameters, index names any of which the plan must use)
TEXT = ("fulltext",)
RECENT = (fulltext.RECENT_INDEX,)
# Relevance ranks the newest matches, so the planner may rightly walk the recent-jobs index and
# test each row instead of reading the GIN index: either is an indexed plan.
RANKED = ("fulltext", *RECENT)
SEARCHES = [
    ("full-text match (count)", {"q": "python", "sort": "date"}, TEXT),
    ("keyword search", {"q": "python"}, RANKED),
    ("phrase and exclusion", {"q": '"data engineer" -java'}, RANKED),
    ("keyword with filters", {"q": "python", "remote": ["remote"], "country": ["DE"]}, RANKED),
    ("newest jobs", {}, RECENT),
    ("highest salary", {"sort": "salary"}, (fulltext.SALARY_INDEX,)),
]


class Command(BaseCommand):
    help = "Verify the job search indexes exist and the main searches' plans use them."

    def add_arguments(self, parser):
        parser.add_argument(
            "--integrity",
            action="store_true",
            help="Also compare the search rows (and SQLite's FTS5 index) with jobs_job "
            "(reads the whole table).",
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
        self._check_rows(integrity=options["integrity"])
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
        table = fulltext.ROW_TABLE
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT indexname, indexdef FROM pg_indexes WHERE tablename = ANY(%s)",
                [["jobs_job", table]],
            )
            defs = dict(cursor.fetchall())
            cursor.execute(
                "SELECT tgname FROM pg_trigger WHERE tgrelid = 'jobs_job'::regclass "
                "AND NOT tgisinternal"
            )
            triggers = {row[0] for row in cursor.fetchall()}
            cursor.execute(
                f"SELECT count(*) FROM {table} WHERE document IS NULL OR {fulltext.RANK_COLUMN} IS NULL"
            )
            unindexed = cursor.fetchone()[0]
            cursor.execute(
                "SELECT attname FROM pg_attribute WHERE attrelid = %s::regclass "
                "AND attname = ANY(%s) AND attstorage <> 'm'",
                [table, [*fulltext.INLINE_COLUMNS, fulltext.RANK_COLUMN]],
            )
            out_of_line = sorted(row[0] for row in cursor.fetchall())
        gin = defs.get(fulltext.PG_GIN_INDEX, "")
        self.expect(
            f"ON public.{table} USING gin (document)" in gin,
            f"GIN index {fulltext.PG_GIN_INDEX} on {table}.document",
            "missing: run `manage.py migrate search`",
        )
        missing = [name for name in fulltext.PG_ROW_TRIGGERS if name not in triggers]
        self.expect(
            not missing,
            f"triggers on jobs_job keep {table} current",
            f"missing {', '.join(missing)}: run `manage.py migrate search`",
        )
        self.expect(
            not out_of_line,
            f"filter columns of {table} are stored in the row",
            f"{', '.join(out_of_line)} may be stored out of line: run `manage.py migrate search`",
        )
        include = f"INCLUDE ({', '.join(fulltext.SORT_INDEX_INCLUDE)})"
        uncovered = [
            name for name in fulltext.ROW_INDEXES if name in defs and include not in defs[name]
        ]
        self.expect(
            not uncovered,
            "sort indexes include the filter columns",
            f"{', '.join(uncovered)} without them: run `manage.py migrate search`",
        )
        self.expect(
            unindexed == 0,
            "every search row has its documents",
            f"{unindexed} row(s) have none: re-run the search migration's backfill",
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
            cursor.execute("SELECT name, sql FROM sqlite_master WHERE type = 'index'")
            defs = dict(cursor.fetchall())
            self._index_names = set(defs)
            uncovered = [
                name
                for name in fulltext.ROW_INDEXES
                if name in defs
                and not all(column in (defs[name] or "") for column in fulltext.SQLITE_SORT_COVER)
            ]
            self.expect(
                not uncovered,
                "sort indexes carry the filter columns",
                f"{', '.join(uncovered)} without them: run `manage.py migrate search`",
            )
            cursor.execute(f"PRAGMA table_info({fulltext.ROW_TABLE})")
            key_types = [row[2].lower() for row in cursor.fetchall() if row[5]]
            self.expect(
                key_types == ["integer"],
                f"job id is the rowid of {fulltext.ROW_TABLE}",
                f"its key is {' / '.join(key_types) or 'missing'}: run `manage.py migrate search`",
            )
            self.expect(
                bool(row) and "fts5" in (row[0] or "").lower(),
                f"FTS5 table {fulltext.FTS_TABLE}",
                "missing: run `manage.py migrate search`",
            )
            self.expect(
                not missing,
                f"FTS5 and {fulltext.ROW_TABLE} insert/update/delete triggers on jobs_job",
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

    def _check_rows(self, *, integrity: bool) -> None:
        """The narrow table has one row per job (ids compared with ``--integrity``)."""
        jobs, rows = Job.objects.count(), JobSearchRow.objects.count()
        self.expect(
            jobs == rows,
            f"{fulltext.ROW_TABLE} has a row for each of the {jobs} job(s)",
            f"{rows} row(s): run `manage.py migrate` (SQLite re-syncs a table it lost triggers on)",
        )
        if not integrity:
            return
        table = fulltext.ROW_TABLE
        columns = [c for c in fulltext.ROW_COLUMNS.values() if c not in ("id", "locations")]
        job_cols = ", ".join(f"j.{c}" for c in columns)
        row_cols = ", ".join(f"r.{c}" for c in columns)
        sql = (
            f"SELECT count(*) FROM jobs_job j LEFT JOIN {table} r ON r.job_id = j.id "
            f"WHERE r.job_id IS NULL OR ({job_cols}) IS DISTINCT FROM ({row_cols})"
        )
        if connection.vendor == "sqlite":
            sql = sql.replace("IS DISTINCT FROM", "IS NOT")
        with connection.cursor() as cursor:
            cursor.execute(sql)
            stale = cursor.fetchone()[0]
        self.expect(stale == 0, f"{table} matches jobs_job", f"{stale} stale row(s)")

    def _check_btree(self) -> None:
        expected = [(index.name, "jobs_job") for index in Job._meta.indexes]
        names = (
            fulltext.PG_ROW_INDEXES if connection.vendor == "postgresql" else fulltext.ROW_INDEXES
        )
        expected += [(name, fulltext.ROW_TABLE) for name in names]
        for name, table in expected:
            self.expect(
                name in self._index_names,
                f"index {name} on {table}",
                "missing: run `manage.py migrate`",
            )

    # -- plans

    def _plan(self, queryset, *, forced: bool) -> str:
        if not forced:
            return queryset.explain()
        with transaction.atomic():
            with connection.cursor() as cursor:
                cursor.execute("SET LOCAL enable_seqscan = off")
                # Two partial indexes share a predicate; an ordered scan must serve the sort.
                cursor.execute("SET LOCAL enable_sort = off")
            return queryset.explain()

    def _check_plans(self, vendor: str) -> None:
        small = JobSearchRow.objects.count() < SMALL_TABLE
        for label, params, wanted in SEARCHES:
            filterset = job_filterset(user=AnonymousUser(), params=params)
            if wanted in (RANKED, TEXT):
                # Relevance reads its window of newest matches first (that query finds and
                # orders the matches) and ranks it; a broad newest-first text search reads
                # its ids the same way. This is that window query.
                filterset.rank = False
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
                    queryset = JobSearchRow.objects.all()
                    queryset = fulltext.search(queryset, params["q"], rank=False)
                    queryset = queryset.values("pk")
                plan = self._plan(queryset, forced=True)
                used = [name for name in names if name in plan]
                note = " (small table: checked with sequential scans disabled)"
            self.expect(
                bool(used),
                f"plan of {label} uses {', '.join(used) or ' / '.join(names)}{note}",
                "plan was:\n" + plan,
            )
