from django.core.management.base import BaseCommand

from jobs.services import sources_seed_defaults


class Command(BaseCommand):
    help = "Create the default public job sources that are missing (existing ones are kept)."

    def handle(self, *args, **options):
        created = sources_seed_defaults()
        for name in created:
            self.stdout.write(f"created  {name}")
        self.stdout.write(f"{len(created)} source(s) created.")
