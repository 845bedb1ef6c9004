"""SQLite: the narrow table's job id becomes its rowid (``integer primary key``), so a job id
lookup walks one B-tree instead of a unique index and then the table. Django rebuilds the
table for the new column type; its triggers are dropped around the rebuild and put back with
the sort indexes. PostgreSQL keeps its ``bigint`` column: nothing changes there.
"""

import django.db.models.deletion
from django.db import migrations

import jobs.search.models


def drop_triggers(apps, schema_editor):
    from jobs.search import fulltext

    fulltext.drop_sqlite_row_triggers(schema_editor)


def restore(apps, schema_editor):
    from jobs.search import fulltext

    fulltext.restore_sqlite_row_schema(schema_editor)


class Migration(migrations.Migration):
    dependencies = [
        ("jobs", "0001_initial"),
        ("search", "0009_sqlite_covering_sort_indexes"),
    ]

    operations = [
        migrations.RunPython(drop_triggers, restore, elidable=False),
        migrations.AlterField(
            model_name="jobsearchrow",
            name="job",
            field=jobs.search.models.RowidOneToOneField(
                db_constraint=False,
                on_delete=django.db.models.deletion.DO_NOTHING,
                primary_key=True,
                related_name="search_row",
                serialize=False,
                to="jobs.job",
            ),
        ),
        migrations.RunPython(restore, drop_triggers, elidable=False),
    ]
