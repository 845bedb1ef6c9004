"""Full-text search over the job catalogue, on PostgreSQL and on SQLite.

PostgreSQL: ``jobs_job.search_vector`` is a weighted tsvector (title A; company and skills B;
description C) kept current by a ``BEFORE INSERT OR UPDATE OF …`` trigger, so ``bulk_create``
and ``bulk_update`` in ``jobs.store`` need no wiring; a GIN index serves ``@@``. Queries use
``websearch_to_tsquery`` and ``ts_rank``; ``ts_headline`` runs on the shown page only.

SQLite: an external-content FTS5 table ``jobs_job_fts`` over the same four columns, kept current
by insert/update/delete triggers, queried with a MATCH expression we build from the same
web-search syntax (every term quoted, so no user text is ever FTS5 syntax), ranked by bm25 with
the same column weights, highlighted with ``snippet()``.

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
from django.db.models import F, QuerySet
from django.db.models.expressions import RawSQL

CONFIG = "english"
FTS_TABLE = "jobs_job_fts"
FTS_TRIGGERS = ("jobs_job_fts_ai", "jobs_job_fts_ad", "jobs_job_fts_au")
PG_TRIGGER = "jobs_job_search_vector"
PG_GIN_INDEX = "job_search_vector_gin"
RECENT_INDEX = "job_search_recent"
MAX_TERMS = 32
RANK_WINDOW = 1000
HIT_START, HIT_END = "\x02", "\x03"  # sentinels; escaped into <mark> by the template

# --- schema -------------------------------------------------------------------------------------

PG_SCHEMA = [
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
    """
    CREATE OR REPLACE FUNCTION jobs_job_search_vector_update() RETURNS trigger
    LANGUAGE plpgsql AS $$
    BEGIN
        NEW.search_vector := jobs_job_search_document(
            NEW.title, NEW.company_name, NEW.skills::text, NEW.description_text
        );
        RETURN NEW;
    END
    $$
    """,
    f"DROP TRIGGER IF EXISTS {PG_TRIGGER} ON jobs_job",
    f"""
    CREATE TRIGGER {PG_TRIGGER}
    BEFORE INSERT OR UPDATE OF title, company_name, skills, description_text ON jobs_job
    FOR EACH ROW EXECUTE FUNCTION jobs_job_search_vector_update()
    """,
    f"CREATE INDEX IF NOT EXISTS {PG_GIN_INDEX} ON jobs_job USING gin (search_vector)",
    # The default list: newest active canonical jobs first, without sorting the whole table.
    f"""
    CREATE INDEX IF NOT EXISTS {RECENT_INDEX} ON jobs_job
    (posted_at DESC NULLS LAST, first_seen_at DESC, id DESC) WHERE is_active AND is_canonical
    """,
    """
    UPDATE jobs_job SET search_vector = jobs_job_search_document(
        title, company_name, skills::text, description_text
    )
    """,
]

PG_DROP = [
    f"DROP INDEX IF EXISTS {RECENT_INDEX}",
    f"DROP INDEX IF EXISTS {PG_GIN_INDEX}",
    f"DROP TRIGGER IF EXISTS {PG_TRIGGER} ON jobs_job",
    "DROP FUNCTION IF EXISTS jobs_job_search_vector_update()",
    "DROP FUNCTION IF EXISTS jobs_job_search_document(text, text, text, text)",
]

_COLS = "title, company_name, skills, description_text"
_NEW = "new.id, new.title, new.company_name, new.skills, new.description_text"
_OLD = "old.id, old.title, old.company_name, old.skills, old.description_text"
_DELETE_OLD = f"INSERT INTO {FTS_TABLE}({FTS_TABLE}, rowid, {_COLS}) VALUES ('delete', {_OLD});"  # noqa: S608 (constant identifiers)

SQLITE_TABLE = f"""
    CREATE VIRTUAL TABLE IF NOT EXISTS {FTS_TABLE} USING fts5(
        {_COLS}, content='jobs_job', content_rowid='id',
        tokenize='porter unicode61 remove_diacritics 2'
    )
"""
SQLITE_TRIGGERS = [
    f"""CREATE TRIGGER IF NOT EXISTS jobs_job_fts_ai AFTER INSERT ON jobs_job BEGIN
        INSERT INTO {FTS_TABLE}(rowid, {_COLS}) VALUES ({_NEW}); END""",  # noqa: S608
    f"""CREATE TRIGGER IF NOT EXISTS jobs_job_fts_ad AFTER DELETE ON jobs_job BEGIN
        {_DELETE_OLD} END""",
    f"""CREATE TRIGGER IF NOT EXISTS jobs_job_fts_au
        AFTER UPDATE OF {_COLS} ON jobs_job BEGIN
        {_DELETE_OLD}
        INSERT INTO {FTS_TABLE}(rowid, {_COLS}) VALUES ({_NEW}); END""",  # noqa: S608
]
SQLITE_RECENT_INDEX = f"""
    CREATE INDEX IF NOT EXISTS {RECENT_INDEX} ON jobs_job (posted_at DESC, first_seen_at DESC, id DESC)
    WHERE is_active AND is_canonical
"""
SQLITE_REBUILD = f"INSERT INTO {FTS_TABLE}({FTS_TABLE}) VALUES ('rebuild')"  # noqa: S608 (constant identifiers)
SQLITE_DROP = [
    *(f"DROP TRIGGER IF EXISTS {name}" for name in FTS_TRIGGERS),
    f"DROP TABLE IF EXISTS {FTS_TABLE}",
    f"DROP INDEX IF EXISTS {RECENT_INDEX}",
]


def install(schema_editor) -> None:
    """Create the search schema for the connection's vendor (called by the migration)."""
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        statements = PG_SCHEMA
    elif vendor == "sqlite":
        statements = [SQLITE_TABLE, *SQLITE_TRIGGERS, SQLITE_RECENT_INDEX, SQLITE_REBUILD]
    else:
        return
    for sql in statements:
        schema_editor.execute(sql)


def uninstall(schema_editor) -> None:
    vendor = schema_editor.connection.vendor
    statements = {"postgresql": PG_DROP, "sqlite": SQLITE_DROP}.get(vendor, [])
    for sql in statements:
        schema_editor.execute(sql)


def missing_sqlite_triggers(cursor) -> list[str]:
    cursor.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")
    present = {row[0] for row in cursor.fetchall()}
    return [name for name in FTS_TRIGGERS if name not in present]


def ensure_schema_after_migrate(*, using="default", **kwargs) -> None:
    """Re-create SQLite triggers a table rebuild dropped, and re-index what they missed."""
    from django.db import connections

    conn = connections[using]
    if conn.vendor != "sqlite":
        return
    with conn.cursor() as cursor:
        tables = conn.introspection.table_names(cursor)
        if "jobs_job" not in tables or FTS_TABLE not in tables:
            return  # not migrated that far (or migrated back): the migration owns creation
        if not missing_sqlite_triggers(cursor):
            return
        for sql in SQLITE_TRIGGERS:
            cursor.execute(sql)
        cursor.execute(SQLITE_REBUILD)


# --- web-search syntax → FTS5 -------------------------------------------------------------------

_TOKEN_RE = re.compile(r'(-?)"([^"]*)"?|(\S+)')
_WORD_RE = re.compile(r"\w+")


@dataclass
class ParsedQuery:
    """A web-search query as OR-groups of AND-ed phrases, plus phrases to exclude."""

    groups: list[list[str]] = field(default_factory=list)
    excluded: list[str] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not any(self.groups) and not self.excluded


def parse_websearch(text: str) -> ParsedQuery:
    """Read ``python -java "data engineer" or rust`` the way ``websearch_to_tsquery`` does.

    Each term keeps only its word characters, so quotes, parentheses, ``*``, ``NEAR``,
    ``column:`` filters and the like are plain words or nothing — never syntax.
    """
    parsed = ParsedQuery(groups=[[]])
    count = 0
    for match in _TOKEN_RE.finditer(text or ""):
        negated, phrase, bare = match.group(1), match.group(2), match.group(3)
        if bare is not None:
            if bare.lower() == "or":
                if parsed.groups[-1]:
                    parsed.groups.append([])
                continue
            negated = "-" if bare.startswith("-") else ""
            phrase = bare.lstrip("-")
        words = _WORD_RE.findall(phrase)
        if not words:
            continue
        count += 1
        if count > MAX_TERMS:
            break
        (parsed.excluded if negated else parsed.groups[-1]).append(" ".join(words))
    parsed.groups = [g for g in parsed.groups if g]
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


def search(queryset: QuerySet, text: str, *, rank: bool = True) -> QuerySet:
    """Rows of ``queryset`` matching ``text``; with ``rank``, annotated ``rank`` (higher first).

    Without ``rank`` the SQLite match is a plain ``id IN (…)`` subquery, which is also the only
    form that may itself sit inside a subquery (``extra()`` SQL names the outer table).
    """
    if not has_terms(text):
        return queryset
    if connection.vendor == "postgresql":
        query = SearchQuery(text, search_type="websearch", config=CONFIG)
        queryset = queryset.filter(search_vector=query)
        return queryset.annotate(rank=SearchRank(F("search_vector"), query)) if rank else queryset
    match, excluded = fts5_expressions(parse_websearch(text))
    if match and rank:
        # extra() is the one ORM way to join a virtual table so bm25() sees its MATCH cursor;
        # the user's text only ever travels as a parameter.
        return queryset.extra(  # noqa: S610
            tables=[FTS_TABLE],
            where=[f"{FTS_TABLE}.rowid = jobs_job.id", f"{FTS_TABLE} MATCH %s"],
            params=[match],
            select={"rank": f"-bm25({FTS_TABLE}, {FTS_WEIGHTS})"},
        )
    matching = f"SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s"  # noqa: S608
    if match:
        return queryset.filter(pk__in=RawSQL(matching, [match]))  # noqa: S611
    queryset = queryset.exclude(pk__in=RawSQL(matching, [excluded]))  # noqa: S611
    return queryset.annotate(rank=RawSQL("0", [])) if rank else queryset


def rank_window(queryset: QuerySet, text: str, newest: list) -> QuerySet:
    """The ``RANK_WINDOW`` newest rows of a searched ``queryset``, annotated with ``rank``.

    Ranking every match means reading every match's row (15,000 rows for "python" in 100,000
    jobs: ~250 ms on PostgreSQL). Relevance therefore orders the newest ``RANK_WINDOW`` matches,
    which the recent-jobs index yields without touching the rest; results are capped at the
    same size anyway (see ``services.MAX_RESULTS``), as LinkedIn caps job results at 1,000.
    """
    from jobs.models import Job

    # ``queryset`` must come from ``search(…, rank=False)``. One more row than the cap, so the
    # capped count can tell there were more.
    window = queryset.order_by(*newest).values("pk")[: RANK_WINDOW + 1]
    if connection.vendor == "postgresql":
        query = SearchQuery(text, search_type="websearch", config=CONFIG)
        return Job.objects.filter(pk__in=window).annotate(
            rank=SearchRank(F("search_vector"), query)
        )
    return search(Job.objects.filter(pk__in=window), text)


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
            .annotate(
                headline=SearchHeadline(
                    "description_text",
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
