"""PostgreSQL: keep the search table's filter columns (skills, locations, company name,
countries) in the heap row instead of the TOAST table, so skills and location filters stop
reading TOAST rows one by one. Rewrites the rows stored so far. Nothing to do on SQLite.
"""

from django.db import migrations


def forwards(apps, schema_editor):
    from jobs.search import fulltext

    fulltext.keep_filter_columns_inline(schema_editor)


class Migration(migrations.Migration):
    atomic = False  # so the rewrite can be followed by VACUUM (not allowed in a transaction)

    dependencies = [
        ("search", "0004_savedsearchmatch"),
    ]

    operations = [
        migrations.RunPython(forwards, migrations.RunPython.noop, elidable=False),
    ]
