"""Full-text search schema as first shipped: tsvector trigger + GIN on PostgreSQL, FTS5 +
triggers on SQLite.

The SQL is frozen here (0003 moves search to the narrow ``search_jobsearchrow`` table and
drops the PostgreSQL trigger and indexes this put on ``jobs_job``); the current schema lives
in ``jobs.search.fulltext``.
"""

from django.db import migrations

CONFIG = "english"
FTS_TABLE = "jobs_job_fts"
FTS_TRIGGERS = ("jobs_job_fts_ai", "jobs_job_fts_ad", "jobs_job_fts_au")
PG_TRIGGER = "jobs_job_search_vector"
PG_GIN_INDEX = "job_search_vector_gin"
RECENT_INDEX = "job_search_recent"

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


def forwards(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        statements = PG_SCHEMA
    elif vendor == "sqlite":
        statements = [SQLITE_TABLE, *SQLITE_TRIGGERS, SQLITE_RECENT_INDEX, SQLITE_REBUILD]
    else:
        return
    for sql in statements:
        schema_editor.execute(sql)


def backwards(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    for sql in {"postgresql": PG_DROP, "sqlite": SQLITE_DROP}.get(vendor, []):
        schema_editor.execute(sql)


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0001_initial"),
        ("jobs", "0001_initial"),
    ]

    operations = [migrations.RunPython(forwards, backwards, elidable=False)]
