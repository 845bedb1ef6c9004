from django.core.management.base import BaseCommand

from careercopilot.services import periodic_tasks_sync


class Command(BaseCommand):
    help = "Create or update every periodic task declared in careercopilot/schedules.py."

    def add_arguments(self, parser):
        parser.add_argument(
            "--reset",
            action="store_true",
            help="Also restore times and enabled flags changed in admin.",
        )

    def handle(self, *args, reset=False, **options):
        for name, action in periodic_tasks_sync(reset=reset):
            self.stdout.write(f"{action:8} {name}")
