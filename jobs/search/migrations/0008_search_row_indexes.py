"""PostgreSQL: the newest-first and salary sort indexes include the filter columns, so a
filtered list is an index-only walk, and a slim posted-date index lets a broad text search
try the last two weeks first (see ``jobs.search.fulltext.PG_SORT_INDEXES``). Nothing to do on
SQLite.
"""

from django.db import migrations

# The indexes as 0003 created them, for going back.
PLAIN_INDEXES = [
    """
    CREATE INDEX IF NOT EXISTS search_row_recent ON search_jobsearchrow
    (posted_at DESC NULLS LAST, first_seen_at DESC, job_id DESC) WHERE is_active AND is_canonical
    """,
    """
    CREATE INDEX IF NOT EXISTS search_row_salary ON search_jobsearchrow
    (COALESCE(salary_annual_max, salary_annual_min) DESC NULLS LAST,
     posted_at DESC NULLS LAST, first_seen_at DESC, job_id DESC) WHERE is_active AND is_canonical
    """,
]


def forwards(apps, schema_editor):
    from jobs.search import fulltext

    fulltext.cover_sort_indexes(schema_editor)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name in ("search_row_recent", "search_row_salary", "search_row_posted"):
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")
    for sql in PLAIN_INDEXES:
        schema_editor.execute(sql)


class Migration(migrations.Migration):
    atomic = False  # so the rebuild can be followed by VACUUM (not allowed in a transaction)

    dependencies = [
        ("search", "0007_rank_document"),
    ]

    operations = [
        migrations.RunPython(forwards, backwards, elidable=False),
    ]
