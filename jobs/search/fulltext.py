"""Full-text search over the job catalogue, on PostgreSQL and on SQLite.

Search runs on a narrow table, ``search_jobsearchrow`` (:class:`~jobs.search.models.JobSearchRow`:
the job id plus the columns search filters and sorts on), never on the wide ``jobs_job`` row
with its description HTML, text and raw payload. Triggers on ``jobs_job`` keep it current on
insert, update (only when a copied column changed, so the per-run ``last_seen_at`` touch costs
nothing) and delete, so ``save``, ``bulk_create``, ``bulk_update`` and ``QuerySet.update`` need
no wiring. A page of results is then loaded from ``jobs_job`` by id.

PostgreSQL: ``document`` is a weighted tsvector (title A; company and skills B; description C)
with a GIN index; the table is created with ``toast_tuple_target`` at its minimum so documents
live out of line and the heap rows that filters, sorts and counts read stay small. What matches
is decided on ``document``; relevance is ``ts_rank`` over ``rank_document`` (title A, company and
skills B), which stays in the row. ``ts_headline`` runs on the shown page.

SQLite: an external-content FTS5 table ``jobs_job_fts`` over title, company, skills and
description (rowid = job id = the narrow table's key), kept current by insert/update/delete
triggers, queried with a MATCH expression we build from the same web-search syntax (every
term quoted, so no user text is ever FTS5 syntax), ranked by bm25 with the same column
weights, highlighted with ``snippet()``. Filters and sorts run on the narrow table.

Both use the ``english`` configuration (Porter stemming on SQLite): postings are overwhelmingly
English and stemming lets "engineering" find "engineer". The price is that English stop words
("it", "on") cannot be searched for on PostgreSQL.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank
from django.db import connection
from django.db.models import F, Func, IntegerField, QuerySet
from django.db.models.expressions import RawSQL

CONFIG = "english"
ROW_TABLE = "search_jobsearchrow"
FTS_TABLE = "jobs_job_fts"
FTS_TRIGGERS = ("jobs_job_fts_ai", "jobs_job_fts_ad", "jobs_job_fts_au")
ROW_TRIGGERS = ("search_row_ai", "search_row_au", "search_row_ad")
PG_ROW_TRIGGERS = (*ROW_TRIGGERS, "search_row_truncate")
PG_GIN_INDEX = "search_row_document_gin"
RECENT_INDEX = "search_row_recent"
SALARY_INDEX = "search_row_salary"
ROW_INDEXES = (RECENT_INDEX, SALARY_INDEX)
POSTED_INDEX = "search_row_posted"  # PostgreSQL only
PG_ROW_INDEXES = (*ROW_INDEXES, POSTED_INDEX)
MAX_TERMS = 32
RANK_WINDOW = 1000
RECENT_DAYS = 14  # see recent_slices
HIT_START, HIT_END = "\x02", "\x03"  # sentinels; escaped into <mark> by the template

# --- schema -------------------------------------------------------------------------------------

# narrow column -> the jobs_job column it copies ("{row}" is NEW/OLD in a trigger, or jobs_job)
ROW_COLUMNS = {
    "job_id": "id",
    "is_active": "is_active",
    "is_canonical": "is_canonical",
    "posted_at": "posted_at",
    "first_seen_at": "first_seen_at",
    "salary_annual_min": "salary_annual_min",
    "salary_annual_max": "salary_annual_max",
    "salary_currency": "salary_currency",
    "remote_type": "remote_type",
    "countries": "countries",
    "employment_type": "employment_type",
    "seniority": "seniority",
    "source_kind": "source_kind",
    "company_id": "company_id",
    "company_name": "company_name",
    "locations": "locations",
    "visa_sponsorship": "visa_sponsorship",
    "skills": "skills",
}
TEXT_COLUMNS = ("title", "company_name", "skills", "description_text")
_WATCHED = sorted({*ROW_COLUMNS.values(), *TEXT_COLUMNS} - {"id"})
_ROW_NAMES = ", ".join(ROW_COLUMNS)


def _values(row: str, *, pg: bool) -> str:
    out = []
    for name in ROW_COLUMNS.values():
        expr = f"{row}.{name}"
        if pg and name == "locations":
            expr += "::text"
        out.append(expr)
    return ", ".join(out)


def _document(row: str) -> str:
    return (
        f"search_row_document({row}.title, {row}.company_name, {row}.skills::text, "
        f"{row}.description_text)"
    )


def _rank_document(row: str) -> str:
    # The search document without its description: the same weights and lexemes.
    return f"jobs_job_search_document({row}.title, {row}.company_name, {row}.skills::text, NULL)"


_PG_CHANGED = (
    "("
    + ", ".join(f"OLD.{c}" for c in _WATCHED)
    + ") IS DISTINCT FROM ("
    + ", ".join(f"NEW.{c}" for c in _WATCHED)
    + ")"
)
_PG_TEXT_SAME = (
    "("
    + ", ".join(f"OLD.{c}" for c in TEXT_COLUMNS)
    + ") IS NOT DISTINCT FROM ("
    + ", ".join(f"NEW.{c}" for c in TEXT_COLUMNS)
    + ")"
)
_PG_SET = ", ".join(
    f"{col} = NEW.{src}" + ("::text" if src == "locations" else "")
    for col, src in ROW_COLUMNS.items()
    if col != "job_id"
)


def _document_columns(rank: bool) -> list[tuple[str, str]]:
    """(column, value expression) of the documents the trigger writes."""
    columns = [("document", _document("NEW"))]
    if rank:
        columns.append(("rank_document", _rank_document("NEW")))
    return columns


def sync_function(*, rank: bool = True) -> str:
    """The trigger function copying a ``jobs_job`` row into the narrow table.

    ``rank=False`` is the function as 0003 created it, before the rank document existed.
    """
    documents = _document_columns(rank)
    names = ", ".join([_ROW_NAMES, *(name for name, _ in documents)])
    values = ", ".join([_values("NEW", pg=True), *(value for _, value in documents)])
    upsert = ", ".join(
        f"{col} = EXCLUDED.{col}" for col in [*list(ROW_COLUMNS)[1:], *(n for n, _ in documents)]
    )
    return f"""
    CREATE OR REPLACE FUNCTION search_row_sync() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        IF TG_OP = 'DELETE' THEN
            DELETE FROM {ROW_TABLE} WHERE job_id = OLD.id;
            RETURN NULL;
        END IF;
        IF TG_OP = 'UPDATE' THEN
            IF NEW.id IS DISTINCT FROM OLD.id THEN
                DELETE FROM {ROW_TABLE} WHERE job_id = OLD.id;
            ELSIF {_PG_TEXT_SAME} THEN
                -- Only filter/sort columns changed: keep the documents, skip re-parsing.
                UPDATE {ROW_TABLE} SET {_PG_SET} WHERE job_id = NEW.id;
                IF FOUND THEN
                    RETURN NULL;
                END IF;
            END IF;
        END IF;
        INSERT INTO {ROW_TABLE} ({names})
        VALUES ({values})
        ON CONFLICT (job_id) DO UPDATE SET {upsert};
        RETURN NULL;
    END
    $$
    """  # noqa: S608 (constant identifiers)


# Filter columns that must stay in the heap row (see PG_SCHEMA).
INLINE_COLUMNS = ("skills", "locations", "company_name", "countries")
INLINE_STORAGE_SQL = f"ALTER TABLE {ROW_TABLE} " + ", ".join(
    f"ALTER COLUMN {column} SET STORAGE MAIN" for column in INLINE_COLUMNS
)

# The trigger's document. PL/pgSQL, not SQL: an SQL function that cannot be inlined (these
# aggregate) builds a new executor on every call, and the insert trigger calls it once per
# row; PL/pgSQL keeps its plans for the session. Same queries, same documents (0006), half
# the insert cost (1.0 -> 0.5 ms a posting on the ingest benchmark's 2.5 KB descriptions).
PG_DOCUMENT_FUNCTIONS = [
    # Adjacent-word pairs ("data engineer" -> 'data~engin'), as extra lexemes without
    # positions: a two-word phrase becomes one exact GIN lookup instead of a position recheck
    # of every row holding both words. Derived from the document's own positions, so a pair
    # is present exactly when the phrase operator would match.
    """
    CREATE OR REPLACE FUNCTION search_pairs(doc tsvector) RETURNS tsvector
    LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE AS $$
    BEGIN
        RETURN (
            SELECT coalesce(array_to_tsvector(array_agg(DISTINCT a.lexeme || '~' || b.lexeme)), '')
            FROM (SELECT lexeme, unnest(positions) AS p FROM unnest(doc)) a
            JOIN (SELECT lexeme, unnest(positions) AS p FROM unnest(doc)) b ON b.p = a.p + 1
        );
    END
    $$
    """,
    """
    CREATE OR REPLACE FUNCTION search_row_document(
        title text, company text, skills text, body text
    ) RETURNS tsvector LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE AS $$
    DECLARE
        d tsvector := jobs_job_search_document(title, company, skills, body);
    BEGIN
        RETURN d || search_pairs(d);
    END
    $$
    """,
]

# The sort indexes carry every filter column the list filters test (not the document), so
# a filtered list walks one index newest-first (or highest salary first), tests each entry's
# own copy of the columns and stops at the page: no heap row is read ("Index Only Scan").
# Walking the plain index read a heap row per entry: 17,000 random reads to find 1,001
# remote US jobs among 100,000 (44 ms; 6.5 ms covered).
SORT_INDEX_INCLUDE = (
    "remote_type",
    "countries",
    "company_id",
    "employment_type",
    "seniority",
    "source_kind",
    "visa_sponsorship",
    "salary_currency",
    "salary_annual_min",
    "salary_annual_max",
    "skills",
    "locations",
)
_INCLUDE = ", ".join(SORT_INDEX_INCLUDE)
PG_SORT_INDEXES = [
    # The default list: newest active canonical jobs first, without sorting the whole table;
    # also how relevance finds its window of newest matches.
    f"""
    CREATE INDEX IF NOT EXISTS {RECENT_INDEX} ON {ROW_TABLE}
    (posted_at DESC NULLS LAST, first_seen_at DESC, job_id DESC) INCLUDE ({_INCLUDE})
    WHERE is_active AND is_canonical
    """,
    f"""
    CREATE INDEX IF NOT EXISTS {SALARY_INDEX} ON {ROW_TABLE}
    (COALESCE(salary_annual_max, salary_annual_min) DESC NULLS LAST,
     posted_at DESC NULLS LAST, first_seen_at DESC, job_id DESC) INCLUDE ({_INCLUDE})
    WHERE is_active AND is_canonical
    """,
    # Slim, for bitmaps: "posted in the last two weeks" as one cheap bitmap to AND with the
    # text match (see ``rank_window``). The covering index above is five times its size.
    f"""
    CREATE INDEX IF NOT EXISTS {POSTED_INDEX} ON {ROW_TABLE} (posted_at)
    WHERE is_active AND is_canonical
    """,
]

PG_SCHEMA = [
    # Unchanged from 0002 (re-created so this schema stands on its own).
    f"""
    CREATE OR REPLACE FUNCTION jobs_job_search_document(
        title text, company text, skills text, body text
    ) RETURNS tsvector LANGUAGE sql IMMUTABLE AS $$
        SELECT setweight(to_tsvector('{CONFIG}', coalesce(title, '')), 'A')
            || setweight(to_tsvector('{CONFIG}', coalesce(company, '')), 'B')
            || setweight(to_tsvector('{CONFIG}', coalesce(skills, '')), 'B')
            || setweight(to_tsvector('{CONFIG}', left(coalesce(body, ''), 200000)), 'C')
    $$
    """,
    *PG_DOCUMENT_FUNCTIONS,
    # One quoted phrase or bare term as a tsquery equal to ``phraseto_tsquery`` (what
    # ``websearch_to_tsquery`` makes of it), using pair lexemes where they are exact.
    f"""
    CREATE OR REPLACE FUNCTION search_phrase_query(phrase text) RETURNS tsquery
    LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE AS $$
    DECLARE
        lexemes text[];
        poss int[];
        pairs tsquery;
        n int;
    BEGIN
        SELECT array_agg(lexeme ORDER BY p), array_agg(p ORDER BY p) INTO lexemes, poss
        FROM (SELECT lexeme, unnest(t.positions) AS p
              FROM unnest(to_tsvector('{CONFIG}', phrase)) t) w;
        n := coalesce(array_length(lexemes, 1), 0);
        IF n < 2 OR (SELECT count(DISTINCT x) FROM unnest(poss) x) < n
           OR array_to_string(lexemes, ' ') ~ '[''\\\\~]' THEN
            RETURN phraseto_tsquery('{CONFIG}', phrase);  -- one word, or overlapping tokens
        END IF;
        FOR i IN 1 .. n - 1 LOOP
            IF poss[i + 1] = poss[i] + 1 THEN
                pairs := CASE WHEN pairs IS NULL THEN '' ELSE pairs::text || ' & ' END
                    || quote_literal(lexemes[i] || '~' || lexemes[i + 1]);
            END IF;
        END LOOP;
        IF pairs IS NULL THEN
            RETURN phraseto_tsquery('{CONFIG}', phrase);  -- stop words between every word
        ELSIF n = 2 THEN
            RETURN pairs;  -- exactly the phrase: no position recheck
        END IF;
        RETURN pairs && phraseto_tsquery('{CONFIG}', phrase);  -- pairs narrow, phrase decides
    END
    $$
    """,  # noqa: S608 (constant identifiers)
    # Documents out of line (lz4: cheap to read back for ranking): filters, sorts and counts
    # read ~100-byte heap rows.
    f"ALTER TABLE {ROW_TABLE} SET (toast_tuple_target = 128)",
    f"ALTER TABLE {ROW_TABLE} ALTER COLUMN document SET COMPRESSION lz4",
    # ... but only the document: with a 128-byte target PostgreSQL would also move skills and
    # locations out of line, and every skills or location filter would then read the TOAST
    # table row by row (0.5 s instead of 30 ms over 100,000 rows). MAIN keeps them in the row
    # unless the row outgrows a whole page.
    INLINE_STORAGE_SQL,
    sync_function(rank=False),  # 0007 adds the rank document
    """
    CREATE OR REPLACE FUNCTION search_row_truncate() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        -- DELETE, not TRUNCATE: Django's flush truncates both tables in one statement, and
        -- a nested TRUNCATE of a table that statement is using is refused.
        DELETE FROM search_jobsearchrow;
        RETURN NULL;
    END
    $$
    """,
    "DROP TRIGGER IF EXISTS search_row_ai ON jobs_job",
    "DROP TRIGGER IF EXISTS search_row_au ON jobs_job",
    "DROP TRIGGER IF EXISTS search_row_ad ON jobs_job",
    "DROP TRIGGER IF EXISTS search_row_truncate ON jobs_job",
    """CREATE TRIGGER search_row_ai AFTER INSERT ON jobs_job
    FOR EACH ROW EXECUTE FUNCTION search_row_sync()""",
    f"""CREATE TRIGGER search_row_au AFTER UPDATE ON jobs_job
    FOR EACH ROW WHEN ({_PG_CHANGED}) EXECUTE FUNCTION search_row_sync()""",
    """CREATE TRIGGER search_row_ad AFTER DELETE ON jobs_job
    FOR EACH ROW EXECUTE FUNCTION search_row_sync()""",
    """CREATE TRIGGER search_row_truncate AFTER TRUNCATE ON jobs_job
    FOR EACH STATEMENT EXECUTE FUNCTION search_row_truncate()""",
    # Backfill (a no-op on a fresh database), then the indexes over the filled table.
    f"""
    INSERT INTO {ROW_TABLE} ({_ROW_NAMES}, document)
    SELECT {_values("jobs_job", pg=True)}, {_document("jobs_job")} FROM jobs_job
    ON CONFLICT (job_id) DO NOTHING
    """,  # noqa: S608 (constant identifiers)
    f"CREATE INDEX IF NOT EXISTS {PG_GIN_INDEX} ON {ROW_TABLE} USING gin (document)",
    *PG_SORT_INDEXES,
    f"ANALYZE {ROW_TABLE}",
]

# Relevance ranks on a small document of the words that say what a job is: its title (A),
# company and skills (B). It stays in the heap row (~150 bytes; STORAGE MAIN), so ranking the
# window is part of the query that finds it. The full document decides what matches; ranked
# on it instead, every window row's out-of-line 2.5 KB document was read back and
# decompressed (a second query, about as dear as finding the window).
RANK_COLUMN = "rank_document"
PG_RANK_SCHEMA = [
    f"ALTER TABLE {ROW_TABLE} ALTER COLUMN {RANK_COLUMN} SET STORAGE MAIN",
    sync_function(rank=True),
    f"""
    UPDATE {ROW_TABLE} r SET {RANK_COLUMN} = {_rank_document("j")}
    FROM jobs_job j WHERE j.id = r.job_id
    """,  # noqa: S608 (constant identifiers)
]
PG_RANK_DROP = [sync_function(rank=False)]

# What 0002 put on jobs_job for search and this schema replaces (jobs migration 0002 then
# drops the search_vector column itself).
PG_LEGACY_DROP = [
    "DROP TRIGGER IF EXISTS jobs_job_search_vector ON jobs_job",
    "DROP FUNCTION IF EXISTS jobs_job_search_vector_update()",
    "DROP INDEX IF EXISTS job_search_vector_gin",
    "DROP INDEX IF EXISTS job_search_recent",
]

PG_DROP = [
    *(f"DROP TRIGGER IF EXISTS {name} ON jobs_job" for name in PG_ROW_TRIGGERS),
    "DROP FUNCTION IF EXISTS search_row_sync()",
    "DROP FUNCTION IF EXISTS search_row_truncate()",
    "DROP FUNCTION IF EXISTS search_row_document(text, text, text, text)",
    "DROP FUNCTION IF EXISTS search_phrase_query(text)",
    "DROP FUNCTION IF EXISTS search_pairs(tsvector)",
    *(f"DROP INDEX IF EXISTS {name}" for name in PG_ROW_INDEXES),
    f"DROP INDEX IF EXISTS {PG_GIN_INDEX}",
]

_COLS = ", ".join(TEXT_COLUMNS)
_NEW = "new.id, " + ", ".join(f"new.{c}" for c in TEXT_COLUMNS)
_OLD = "old.id, " + ", ".join(f"old.{c}" for c in TEXT_COLUMNS)
_DELETE_OLD = f"INSERT INTO {FTS_TABLE}({FTS_TABLE}, rowid, {_COLS}) VALUES ('delete', {_OLD});"  # noqa: S608 (constant identifiers)

SQLITE_TABLE = f"""
    CREATE VIRTUAL TABLE IF NOT EXISTS {FTS_TABLE} USING fts5(
        {_COLS}, content='jobs_job', content_rowid='id',
        tokenize='porter unicode61 remove_diacritics 2'
    )
"""
SQLITE_FTS_TRIGGERS = [
    f"""CREATE TRIGGER IF NOT EXISTS jobs_job_fts_ai AFTER INSERT ON jobs_job BEGIN
        INSERT INTO {FTS_TABLE}(rowid, {_COLS}) VALUES ({_NEW}); END""",  # noqa: S608
    f"""CREATE TRIGGER IF NOT EXISTS jobs_job_fts_ad AFTER DELETE ON jobs_job BEGIN
        {_DELETE_OLD} END""",
    f"""CREATE TRIGGER IF NOT EXISTS jobs_job_fts_au
        AFTER UPDATE OF {_COLS} ON jobs_job BEGIN
        {_DELETE_OLD}
        INSERT INTO {FTS_TABLE}(rowid, {_COLS}) VALUES ({_NEW}); END""",  # noqa: S608
]
_SQLITE_ROW_WATCHED = sorted(set(ROW_COLUMNS.values()) - {"id"})
_SQLITE_UPSERT = (
    f"INSERT OR REPLACE INTO {ROW_TABLE} ({_ROW_NAMES}) VALUES ({_values('new', pg=False)});"  # noqa: S608
)
SQLITE_ROW_TRIGGERS = [
    f"""CREATE TRIGGER IF NOT EXISTS search_row_ai AFTER INSERT ON jobs_job BEGIN
        {_SQLITE_UPSERT} END""",
    f"""CREATE TRIGGER IF NOT EXISTS search_row_au AFTER UPDATE ON jobs_job
        WHEN {" OR ".join(f"old.{c} IS NOT new.{c}" for c in ["id", *_SQLITE_ROW_WATCHED])}
        BEGIN
        DELETE FROM {ROW_TABLE} WHERE job_id = old.id AND old.id IS NOT new.id;
        {_SQLITE_UPSERT} END""",  # noqa: S608
    f"""CREATE TRIGGER IF NOT EXISTS search_row_ad AFTER DELETE ON jobs_job BEGIN
        DELETE FROM {ROW_TABLE} WHERE job_id = old.id; END""",  # noqa: S608
]
SQLITE_TRIGGERS = [*SQLITE_FTS_TRIGGERS, *SQLITE_ROW_TRIGGERS]
SQLITE_ROW_RESYNC = [
    f"DELETE FROM {ROW_TABLE}",  # noqa: S608
    f"INSERT INTO {ROW_TABLE} ({_ROW_NAMES}) SELECT {_values('jobs_job', pg=False)} FROM jobs_job",  # noqa: S608
]
# SQLite has no INCLUDE: the filter columns follow the sort columns in the key instead, so a
# filtered newest-first or salary list is read from the index alone ("COVERING INDEX"). The
# skills and locations lists stay out (long values; their filters read the row).
SQLITE_SORT_COVER = (*[c for c in SORT_INDEX_INCLUDE if c not in ("skills", "locations")],)
SQLITE_SORT_COVER += ("is_active", "is_canonical")
_COVER = ", ".join(SQLITE_SORT_COVER)
SQLITE_INDEXES = [
    f"""
    CREATE INDEX IF NOT EXISTS {RECENT_INDEX} ON {ROW_TABLE}
    (posted_at DESC, first_seen_at DESC, job_id DESC, {_COVER}) WHERE is_active AND is_canonical
    """,
    f"""
    CREATE INDEX IF NOT EXISTS {SALARY_INDEX} ON {ROW_TABLE}
    (COALESCE(salary_annual_max, salary_annual_min) DESC, posted_at DESC, first_seen_at DESC,
     job_id DESC, {_COVER}) WHERE is_active AND is_canonical
    """,
]
SQLITE_REBUILD = f"INSERT INTO {FTS_TABLE}({FTS_TABLE}) VALUES ('rebuild')"  # noqa: S608 (constant identifiers)
SQLITE_LEGACY_DROP = ["DROP INDEX IF EXISTS job_search_recent"]
SQLITE_DROP = [
    *(f"DROP TRIGGER IF EXISTS {name}" for name in ROW_TRIGGERS),
    *(f"DROP INDEX IF EXISTS {name}" for name in ROW_INDEXES),
]


def install(schema_editor) -> None:
    """Create the narrow-table search schema for the connection's vendor (migration 0003).

    Expects the FTS5 table and its triggers from 0002 on SQLite; backfills the narrow table.
    """
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        statements = [*PG_LEGACY_DROP, *PG_SCHEMA]
    elif vendor == "sqlite":
        statements = [
            *SQLITE_LEGACY_DROP,
            SQLITE_TABLE,
            *SQLITE_TRIGGERS,
            *SQLITE_ROW_RESYNC,
            *SQLITE_INDEXES,
            f"ANALYZE {ROW_TABLE}",
        ]
    else:
        return
    for sql in statements:
        schema_editor.execute(sql)


def keep_filter_columns_inline(schema_editor) -> None:
    """PostgreSQL: store the filter columns in the row and rewrite rows stored out of line."""
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(INLINE_STORAGE_SQL)
    # A new storage mode applies to values written from now on: rewrite the current ones.
    schema_editor.execute(
        f"UPDATE {ROW_TABLE} SET skills = skills || '[]'::jsonb, locations = locations || ''"  # noqa: S608
    )
    _vacuum(schema_editor)


def _vacuum(schema_editor, *, full: bool = False) -> None:
    # After a rewrite every row has a dead twin: until a vacuum the planner misjudges the
    # table (a sequential scan reading every document instead of the GIN index, 10x slower).
    if schema_editor.connection.in_atomic_block:
        schema_editor.execute(f"ANALYZE {ROW_TABLE}")
    else:
        schema_editor.execute(f"VACUUM {'FULL ' if full else ''}ANALYZE {ROW_TABLE}")


def add_rank_document(schema_editor) -> None:
    """PostgreSQL: write the rank document from now on and for every current row (0007)."""
    if schema_editor.connection.vendor != "postgresql":
        return
    for sql in PG_RANK_SCHEMA:
        schema_editor.execute(sql)
    # The backfill left a dead twin of every row; compact the table rather than leave every
    # scan of it reading twice the pages until ingestion fills the gaps.
    _vacuum(schema_editor, full=True)


def cover_sort_indexes(schema_editor) -> None:
    """PostgreSQL: re-create the sort indexes with the filter columns included, and add the
    slim posted-date index (0008)."""
    if schema_editor.connection.vendor != "postgresql":
        return
    _rebuild_indexes(schema_editor, PG_ROW_INDEXES, PG_SORT_INDEXES)
    _vacuum(schema_editor)  # index-only scans need the visibility map


def cover_sqlite_sort_indexes(schema_editor) -> None:
    """SQLite: re-create the sort indexes with the filter columns in the key (0009)."""
    if schema_editor.connection.vendor != "sqlite":
        return
    _rebuild_indexes(schema_editor, ROW_INDEXES, [*SQLITE_INDEXES, f"ANALYZE {ROW_TABLE}"])


def _rebuild_indexes(schema_editor, names, statements) -> None:
    for name in names:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")
    for sql in statements:
        schema_editor.execute(sql)


def drop_sqlite_row_triggers(schema_editor) -> None:
    """SQLite: drop the triggers that write the narrow table, so Django can rebuild it (a
    table rename fails while a trigger names a table that is gone for the moment)."""
    if schema_editor.connection.vendor != "sqlite":
        return
    for name in ROW_TRIGGERS:
        schema_editor.execute(f"DROP TRIGGER IF EXISTS {name}")


def restore_sqlite_row_schema(schema_editor) -> None:
    """SQLite: the narrow table's triggers and sort indexes, after Django rebuilt it (0010)."""
    if schema_editor.connection.vendor != "sqlite":
        return
    for sql in [*SQLITE_ROW_TRIGGERS, *SQLITE_INDEXES, f"ANALYZE {ROW_TABLE}"]:
        schema_editor.execute(sql)


def remove_rank_document(schema_editor) -> None:
    if schema_editor.connection.vendor == "postgresql":
        for sql in PG_RANK_DROP:
            schema_editor.execute(sql)


def uninstall(schema_editor) -> None:
    vendor = schema_editor.connection.vendor
    statements = {"postgresql": PG_DROP, "sqlite": SQLITE_DROP}.get(vendor, [])
    for sql in statements:
        schema_editor.execute(sql)


def missing_sqlite_triggers(cursor) -> list[str]:
    cursor.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")
    present = {row[0] for row in cursor.fetchall()}
    return [name for name in (*FTS_TRIGGERS, *ROW_TRIGGERS) if name not in present]


def ensure_schema_after_migrate(*, using="default", **kwargs) -> None:
    """Re-create SQLite triggers a table rebuild dropped, and re-index what they missed."""
    from django.db import connections

    conn = connections[using]
    if conn.vendor != "sqlite":
        return
    with conn.cursor() as cursor:
        tables = conn.introspection.table_names(cursor)
        if not {"jobs_job", FTS_TABLE, ROW_TABLE} <= set(tables):
            return  # not migrated that far (or migrated back): the migration owns creation
        missing = missing_sqlite_triggers(cursor)
        if not missing:
            return
        for sql in SQLITE_TRIGGERS:
            cursor.execute(sql)
        if set(missing) & set(FTS_TRIGGERS):
            cursor.execute(SQLITE_REBUILD)
        if set(missing) & set(ROW_TRIGGERS):
            for sql in SQLITE_ROW_RESYNC:
                cursor.execute(sql)


# --- web-search syntax → FTS5 -------------------------------------------------------------------

_TOKEN_RE = re.compile(r'(-?)"([^"]*)"?|(\S+)')
_WORD_RE = re.compile(r"\w+")


@dataclass
class ParsedQuery:
    """A web-search query as OR-groups of AND-ed phrases, plus phrases to exclude."""

    groups: list[list[str]] = field(default_factory=list)
    excluded: list[str] = field(default_factory=list)
    # The same terms as typed (a quoted phrase's text, or a bare word such as "node.js"), for
    # PostgreSQL's parser to read the way ``websearch_to_tsquery`` would.
    raw_groups: list[list[str]] = field(default_factory=list)
    raw_excluded: list[str] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not any(self.groups) and not self.excluded


def parse_websearch(text: str) -> ParsedQuery:
    """Read ``python -java "data engineer" or rust`` the way ``websearch_to_tsquery`` does.

    Each term keeps only its word characters, so quotes, parentheses, ``*``, ``NEAR``,
    ``column:`` filters and the like are plain words or nothing — never syntax.
    """
    parsed = ParsedQuery(groups=[[]], raw_groups=[[]])
    count = 0
    for match in _TOKEN_RE.finditer(text or ""):
        negated, phrase, bare = match.group(1), match.group(2), match.group(3)
        if bare is not None:
            if bare.lower() == "or":
                if parsed.groups[-1]:
                    parsed.groups.append([])
                    parsed.raw_groups.append([])
                continue
            negated = "-" if bare.startswith("-") else ""
            phrase = bare.lstrip("-")
        words = _WORD_RE.findall(phrase)
        if not words:
            continue
        count += 1
        if count > MAX_TERMS:
            break
        if negated:
            parsed.excluded.append(" ".join(words))
            parsed.raw_excluded.append(phrase)
        else:
            parsed.groups[-1].append(" ".join(words))
            parsed.raw_groups[-1].append(phrase)
    parsed.groups = [g for g in parsed.groups if g]
    parsed.raw_groups = [g for g in parsed.raw_groups if g]
    return parsed


def _fts_phrase(words: str) -> str:
    return '"' + words.replace('"', '""') + '"'  # words are \w only; doubling is belt and braces


def fts5_expressions(parsed: ParsedQuery) -> tuple[str | None, str | None]:
    """(MATCH expression for the wanted rows, MATCH expression for the excluded rows)."""
    positive = " OR ".join(
        "(" + " AND ".join(_fts_phrase(p) for p in group) + ")" for group in parsed.groups
    )
    negative = " OR ".join(_fts_phrase(p) for p in parsed.excluded)
    if positive and negative:
        return f"({positive}) NOT ({negative})", None
    return positive or None, negative or None


def has_terms(text: str | None) -> bool:
    return bool(text) and not parse_websearch(text).empty


# --- querying ----------------------------------------------------------------------------------

FTS_WEIGHTS = "10.0, 4.0, 4.0, 1.0"  # bm25 column weights mirroring the tsvector's A/B/B/C


class IndexedQuery(SearchQuery):
    """A web-search query as a tsquery over the narrow table's document (PostgreSQL).

    The same terms, phrases, ``or`` groups and exclusions as :func:`parse_websearch` (and so
    as the SQLite search), each term read by ``search_phrase_query``: two-word phrases become
    one pair lexeme, found by the GIN index without re-reading any document. Exclusions apply
    to the whole query, as on SQLite.
    """

    def __init__(self, text: str):
        from django.contrib.postgres.search import SearchQueryField
        from django.db.models import Func

        Func.__init__(self, output_field=SearchQueryField())
        parsed = parse_websearch(text)
        self.config, self.invert, self.search_type = None, False, "indexed"
        phrase = "search_phrase_query(%s)"
        parts, params = [], []
        if parsed.raw_groups:
            ors = []
            for group in parsed.raw_groups:
                ors.append("(" + " && ".join([phrase] * len(group)) + ")")
                params += group
            parts.append("(" + " || ".join(ors) + ")")
        if parsed.raw_excluded:
            parts.append("!!(" + " || ".join([phrase] * len(parsed.raw_excluded)) + ")")
            params += parsed.raw_excluded
        self.sql, self.params = "(" + " && ".join(parts) + ")", params

    def as_sql(self, compiler, connection, **extra):
        return self.sql, list(self.params)

    def __str__(self) -> str:
        return self.sql % tuple(self.params)


def is_text_query(text: str | None) -> bool:
    """Whether ``text`` has positive terms (and so a relevance order and an indexed match)."""
    return bool(text) and bool(parse_websearch(text).groups)


def search(queryset: QuerySet, text: str, *, rank: bool = True, narrowed: bool = False) -> QuerySet:
    """Rows of a ``JobSearchRow`` ``queryset`` matching ``text``; with ``rank``, annotated
    ``rank`` (higher first).

    Without ``rank`` the SQLite match is a plain ``job_id IN (…)`` subquery, which is also the
    only form that may itself sit inside a subquery (``extra()`` SQL names the outer table).
    ``narrowed`` says other filters already cut the rows down (SQLite then reads the matches
    rather than scanning the table in order for them).
    """
    if not has_terms(text):
        return queryset
    if connection.vendor == "postgresql":
        query = IndexedQuery(text)
        queryset = queryset.filter(document=query)
        return queryset.annotate(rank=SearchRank(F("document"), query)) if rank else queryset
    match, excluded = fts5_expressions(parse_websearch(text))
    if match and rank:
        # extra() is the one ORM way to join a virtual table so bm25() sees its MATCH cursor;
        # the user's text only ever travels as a parameter.
        return queryset.extra(  # noqa: S610
            tables=[FTS_TABLE],
            where=[f"{FTS_TABLE}.rowid = {ROW_TABLE}.job_id", f"{FTS_TABLE} MATCH %s"],
            params=[match],
            select={"rank": f"-bm25({FTS_TABLE}, {FTS_WEIGHTS})"},
        )
    matching = f"SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s"  # noqa: S608
    if match:
        if not narrowed and _broad_sqlite_match(match):
            # Many matches: walk the narrow table in the requested order (its sort index) and
            # probe the match set, stopping at the page or window, instead of sorting every
            # match. A unary plus keeps SQLite from driving the query from the match set.
            pk = Func(F("pk"), template="+%(expressions)s", output_field=IntegerField())
            return queryset.alias(fts_pk=pk).filter(fts_pk__in=RawSQL(matching, [match]))  # noqa: S611
        return queryset.filter(pk__in=RawSQL(matching, [match]))  # noqa: S611
    queryset = queryset.exclude(pk__in=RawSQL(matching, [excluded]))  # noqa: S611
    return queryset.annotate(rank=RawSQL("0", [])) if rank else queryset


SQLITE_BROAD_MATCHES = 1500


def _broad_sqlite_match(match: str) -> bool:
    """Whether an FTS5 expression matches enough rows that scanning in order beats sorting.

    Phrases are taken as broad without counting: FTS5 reads every position list of their
    words either way, and counting would do that twice.
    """
    if any(" " in part for part in re.findall(r'"((?:[^"]|"")*)"', match)):
        return True
    sql = f"SELECT count(*) FROM (SELECT 1 FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s LIMIT %s)"  # noqa: S608
    with connection.cursor() as cursor:
        cursor.execute(sql, [match, SQLITE_BROAD_MATCHES])
        return cursor.fetchone()[0] >= SQLITE_BROAD_MATCHES


def recent_slices(queryset: QuerySet, *, try_recent: bool) -> list[QuerySet]:
    """The querysets to read a newest-first window from, in turn, until one fills it.

    PostgreSQL reads the rows of every match to order them, and a common word matches a fifth
    of the catalogue. With ``try_recent`` (no other filter narrows the search) it first reads
    the matches posted in the last ``RECENT_DAYS``: a bitmap of the slim posted-date index
    ANDed with the text match, a few thousand rows instead of tens of thousands. A full window
    from that slice is exactly the newest matches of all (every older row sorts after it);
    a short one means the word is rare, and the whole set is cheap to read.
    """
    if connection.vendor != "postgresql" or not try_recent:
        return [queryset]
    from django.utils import timezone

    cutoff = timezone.now() - timezone.timedelta(days=RECENT_DAYS)
    return [queryset.filter(posted_at__gte=cutoff), queryset]


def newest_ids(queryset: QuerySet, newest: list, *, try_recent: bool) -> QuerySet:
    """The ``RANK_WINDOW`` (+1) newest rows of a searched ``queryset``, in order, as
    :func:`ordered_rows` (ids read now, via :func:`recent_slices`)."""
    limit = RANK_WINDOW + 1
    for rows in recent_slices(queryset, try_recent=try_recent):
        ids = list(rows.order_by(*newest).values_list("pk", flat=True)[:limit])
        if len(ids) == limit:
            break
    return ordered_rows(ids)


def rank_window(
    queryset: QuerySet, text: str, newest: list, *, unmatched=None, try_recent: bool = False
) -> QuerySet:
    """The ``RANK_WINDOW`` newest rows of a searched ``queryset``, best match first.

    Relevance orders a bounded candidate set: the newest ``RANK_WINDOW`` matches, found on the
    narrow table. Results are capped at the same size (see ``services.MAX_RESULTS``), as
    LinkedIn caps job results at 1,000.

    ``queryset`` must come from ``search(…, rank=False)``; ``unmatched`` is the same queryset
    before the text match (SQLite ranks a phrase search in one pass over it); ``try_recent``
    as for :func:`recent_slices`. The result is ordered, and carries ``ranked_ids``: the
    ordered ids, which :class:`CappedPaginator` slices without another query. One more row
    than the cap, so the capped count can tell there were more.
    """

    limit = RANK_WINDOW + 1
    if connection.vendor == "postgresql":
        # The window, then the ranks of its rows only: ranked in the window query itself,
        # every match would be ranked before the sort. The rank document is in the row, so
        # the window carries it out and one query does both.
        for rows in recent_slices(queryset, try_recent=try_recent):
            window = (
                rows.order_by(*newest)
                .annotate(window_id=F("pk"), window_document=F(RANK_COLUMN))
                .values_list("window_id", "window_document")[:limit]
            )
            window_sql, params = window.query.sql_with_params()
            sql = (
                f"SELECT w.window_id, ts_rank(w.window_document, websearch_to_tsquery('{CONFIG}', %s))"  # noqa: S608 (constant identifiers)
                f" FROM ({window_sql}) w"
            )
            with connection.cursor() as cursor:
                cursor.execute(sql, [text, *params])
                scored = cursor.fetchall()  # in window order: a subquery scan keeps its input's
            if len(scored) == limit:
                break
    elif unmatched is not None and _has_phrase(text):
        # A phrase costs FTS5 a read of every position list of its words: match once, with
        # bm25, and keep the newest matches (rather than match for the window, then again
        # to rank it).
        ranked = search(unmatched, text).order_by(*newest).values_list("pk", "rank")
        scored = list(ranked[:limit])
    else:
        window = queryset.order_by(*newest).values_list("pk", flat=True)[:limit]
        scored = _sqlite_window_ranks(list(window), text)
    # Best first; equal ranks stay newest first (the window's order).
    ids = [pk for pk, _ in sorted(scored, key=lambda r: -r[1])]
    return ordered_rows(ids)


def _sqlite_window_ranks(ids: list[int], text: str) -> list[tuple[int, float]]:
    """(id, bm25 rank) of the window rows, in window order (SQLite).

    The ids travel as one JSON array, not 1,001 parameters Django would prepare one by one;
    the unary plus keeps FTS5 from taking ``rowid IN`` as a constraint, which it would meet by
    running the whole MATCH once per id (a hundred times slower than one pass over the
    matches, each checked against the window).
    """
    import json

    match, _ = fts5_expressions(parse_websearch(text))
    if not ids or not match:
        return []
    sql = (
        f"SELECT rowid, -bm25({FTS_TABLE}, {FTS_WEIGHTS}) FROM {FTS_TABLE} "  # noqa: S608 (constant identifiers)
        f"WHERE {FTS_TABLE} MATCH %s AND +rowid IN (SELECT value FROM json_each(%s))"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [match, json.dumps(ids)])
        ranks = dict(cursor.fetchall())
    return [(pk, ranks[pk]) for pk in ids if pk in ranks]


def ordered_rows(ids: list[int]) -> QuerySet:
    """``JobSearchRow`` rows of ``ids`` in that order, with ``ranked_ids`` for the paginator.

    Lazy (the paginator reads ``ranked_ids``), and spelled with one array or string parameter
    rather than ``pk__in`` over 1,001 values, which Django would prepare one by one.
    """
    from django.db.models import BooleanField

    from .models import JobSearchRow

    if connection.vendor == "postgresql":
        param = ids
        position = f"array_position(%s::bigint[], {ROW_TABLE}.job_id)"
    else:
        param = f",{','.join(map(str, ids))},"
        position = f"instr(%s, ',' || {ROW_TABLE}.job_id || ',')"
    listed = RawSQL(f"{position} > 0", [param], output_field=BooleanField())  # noqa: S611
    rows = JobSearchRow.objects.filter(listed).order_by(RawSQL(position, [param]).asc())  # noqa: S611
    rows.ranked_ids = ids
    return rows


def _has_phrase(text: str) -> bool:
    parsed = parse_websearch(text)
    return any(" " in phrase for group in parsed.groups for phrase in group)


# Two fragments of up to 30 words need about 400 characters. On the benchmark's twenty text
# pages, 1,000 characters from 200 before the first hit kept a highlighted snippet on 215 of
# the 216 rows that had one with 1,500, in 6.5 ms a page instead of 9.
SNIPPET_SPAN = 1000  # characters of a description a PostgreSQL snippet is cut from
SNIPPET_LEAD = 200  # of them before the first hit


def _snippet_source(parsed: ParsedQuery):
    """The part of ``description_text`` that holds the first hit (PostgreSQL).

    ``ts_headline`` parses and stems every word of the text it is given, about half a
    millisecond per 3 KB description, for each of the page's twenty. It is given
    ``SNIPPET_SPAN`` characters from just before the first place a searched word's stem
    occurs (found with ``strpos``, no parsing), or from the start when none does. A stem
    is shortened by one letter so "compani" still finds "company".
    """
    from django.db.models import IntegerField
    from django.db.models.functions import Substr

    words = " ".join(word for group in parsed.groups for word in group)
    first_hit = (
        "(SELECT min(nullif(strpos(lower(jobs_job.description_text),"
        " left(l, greatest(3, length(l) - 1))), 0))"
        " FROM unnest(tsvector_to_array(to_tsvector(%s::regconfig, %s))) AS l)"
    )
    start = RawSQL(  # noqa: S611 (the words travel as a parameter)
        f"greatest(1, coalesce({first_hit}, 1) - %s)",
        [CONFIG, words, SNIPPET_LEAD],
        output_field=IntegerField(),
    )
    return Substr("description_text", start, SNIPPET_SPAN)


def snippets(job_ids: Iterable[int], text: str) -> dict[int, str]:
    """Highlighted description excerpts for a page of results, marked with HIT_START/HIT_END."""
    ids = list(job_ids)
    if not ids or not has_terms(text):
        return {}
    if connection.vendor == "postgresql":
        from jobs.models import Job

        query = SearchQuery(text, search_type="websearch", config=CONFIG)
        rows = (
            Job.objects.filter(pk__in=ids)
            .order_by()
            .annotate(
                headline=SearchHeadline(
                    _snippet_source(parse_websearch(text)),
                    query,
                    config=CONFIG,
                    start_sel=HIT_START,
                    stop_sel=HIT_END,
                    max_words=30,
                    min_words=12,
                    max_fragments=2,
                    fragment_delimiter=" … ",
                )
            )
            .values_list("pk", "headline")
        )
        return {pk: headline for pk, headline in rows if headline and HIT_START in headline}
    match, _ = fts5_expressions(parse_websearch(text))
    if not match:
        return {}
    placeholders = ", ".join(["%s"] * len(ids))
    sql = (
        f"SELECT rowid, snippet({FTS_TABLE}, 3, char(2), char(3), ' … ', 24) FROM {FTS_TABLE} "  # noqa: S608 (constant identifiers)
        f"WHERE {FTS_TABLE} MATCH %s AND rowid IN ({placeholders})"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [match, *ids])
        return {pk: snip for pk, snip in cursor.fetchall() if snip and HIT_START in snip}


def segments(marked: str) -> list[tuple[str, bool]]:
    """Split a marked snippet into (text, is_hit) pieces for the template to escape."""
    pieces: list[tuple[str, bool]] = []
    for i, part in enumerate(re.split(r"[\x02\x03]", marked)):
        if part:
            pieces.append((part, i % 2 == 1))
    return pieces
