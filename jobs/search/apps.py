from django.apps import AppConfig
from django.db.models.signals import post_migrate


class SearchConfig(AppConfig):
    name = "jobs.search"
    label = "search"
    verbose_name = "Job search"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from . import fulltext

        # SQLite rebuilds a table to alter it, which silently drops its triggers; re-create the
        # FTS5 triggers (and re-index) after every migrate so a later jobs migration can't break
        # search. A no-op on PostgreSQL and when everything is in place.
        post_migrate.connect(fulltext.ensure_schema_after_migrate, sender=self)
