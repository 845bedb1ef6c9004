from django.apps import AppConfig
from django.db.models.signals import post_migrate


def _sync_periodic_tasks(sender, **kwargs) -> None:
    """Post-deploy step: after ``migrate``, the beat schedule matches the code."""
    from careercopilot.services import periodic_tasks_sync

    periodic_tasks_sync()


class CareerCopilotConfig(AppConfig):
    name = "careercopilot"
    verbose_name = "Operations"

    def ready(self) -> None:
        post_migrate.connect(_sync_periodic_tasks, sender=self)
