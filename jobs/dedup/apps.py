from django.apps import AppConfig


class DedupConfig(AppConfig):
    name = "jobs.dedup"
    label = "dedup"
    verbose_name = "Job dedup"
