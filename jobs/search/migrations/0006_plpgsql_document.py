"""The trigger's document functions in PL/pgSQL (same documents, half the insert cost).

See ``jobs.search.fulltext.PG_DOCUMENT_FUNCTIONS``. Nothing to do on SQLite.
"""

from django.db import migrations

# The SQL-language definitions this replaces (as created by 0003), for going back.
SQL_FUNCTIONS = [
    """
    CREATE OR REPLACE FUNCTION search_pairs(doc tsvector) RETURNS tsvector
    LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
        SELECT coalesce(array_to_tsvector(array_agg(DISTINCT a.lexeme || '~' || b.lexeme)), '')
        FROM (SELECT lexeme, unnest(positions) AS p FROM unnest(doc)) a
        JOIN (SELECT lexeme, unnest(positions) AS p FROM unnest(doc)) b ON b.p = a.p + 1
    $$
    """,
    """
    CREATE OR REPLACE FUNCTION search_row_document(
        title text, company text, skills text, body text
    ) RETURNS tsvector LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
        SELECT d || search_pairs(d)
        FROM (SELECT jobs_job_search_document(title, company, skills, body) AS d) s
    $$
    """,
]


def forwards(apps, schema_editor):
    from jobs.search import fulltext

    if schema_editor.connection.vendor == "postgresql":
        for sql in fulltext.PG_DOCUMENT_FUNCTIONS:
            schema_editor.execute(sql)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for sql in SQL_FUNCTIONS:
            schema_editor.execute(sql)


class Migration(migrations.Migration):
    dependencies = [("search", "0005_search_row_inline_filters")]

    operations = [migrations.RunPython(forwards, backwards)]
