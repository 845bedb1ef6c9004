from django.core.management.base import BaseCommand, CommandError

from careercopilot.config_checks import run_all


class Command(BaseCommand):
    help = "Check settings and environment for mistakes; exit 1 with readable messages."

    def handle(self, *args, **options):
        problems = run_all()
        for problem in problems:
            self.stderr.write(f"- {problem}")
        if problems:
            raise CommandError(f"{len(problems)} configuration problem(s) found.")
        self.stdout.write("Configuration looks good.")
