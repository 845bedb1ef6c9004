"""Relevance ranks on a small in-row document: title (A), company and skills (B).

Adds ``search_jobsearchrow.rank_document`` and, on PostgreSQL, has the sync trigger write it
and fills it for the current rows (see ``jobs.search.fulltext.PG_RANK_SCHEMA``). SQLite ranks
with FTS5's bm25 and leaves the column empty.
"""

import django.contrib.postgres.search
from django.db import migrations


def forwards(apps, schema_editor):
    from jobs.search import fulltext

    fulltext.add_rank_document(schema_editor)


def backwards(apps, schema_editor):
    from jobs.search import fulltext

    fulltext.remove_rank_document(schema_editor)


class Migration(migrations.Migration):
    atomic = False  # so the backfill can be followed by VACUUM (not allowed in a transaction)

    dependencies = [
        ("search", "0006_plpgsql_document"),
    ]

    operations = [
        migrations.AddField(
            model_name="jobsearchrow",
            name="rank_document",
            field=django.contrib.postgres.search.SearchVectorField(
                blank=True, editable=False, null=True
            ),
        ),
        migrations.RunPython(forwards, backwards, elidable=False),
    ]
