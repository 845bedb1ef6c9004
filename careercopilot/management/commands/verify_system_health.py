import json

from django.core.management.base import BaseCommand, CommandError

from careercopilot.services import system_readiness


class Command(BaseCommand):
    help = "Check database, Redis, migrations, workers and beat; exit 1 when any fails."

    def add_arguments(self, parser):
        parser.add_argument("--json", action="store_true", help="Print the report as JSON.")

    def handle(self, *args, json_output=False, **options):
        ok, components = system_readiness()
        if options.get("json"):
            self.stdout.write(
                json.dumps({"status": "ok" if ok else "fail", "components": components})
            )
        else:
            for name, component in components.items():
                mark = "ok  " if component["status"] == "ok" else "FAIL"
                self.stdout.write(f"{mark} {name:11} {component['detail']}")
        if not ok:
            failing = ", ".join(n for n, c in components.items() if c["status"] != "ok")
            raise CommandError(f"not ready: {failing}")
