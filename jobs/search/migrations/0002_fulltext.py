"""Full-text search schema: tsvector trigger + GIN on PostgreSQL, FTS5 + triggers on SQLite.

The SQL lives in ``jobs.search.fulltext`` so ``verify_indexes`` checks the same names.
"""

from django.db import migrations


def forwards(apps, schema_editor):
    from jobs.search import fulltext

    fulltext.install(schema_editor)


def backwards(apps, schema_editor):
    from jobs.search import fulltext

    fulltext.uninstall(schema_editor)


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0001_initial"),
        ("jobs", "0001_initial"),
    ]

    operations = [migrations.RunPython(forwards, backwards, elidable=False)]
