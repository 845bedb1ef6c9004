import json

from django.core.management.base import BaseCommand

from jobs.dedup.services import dedup_report


class Command(BaseCommand):
    help = "Duplicate groups and per-source duplicate rates (--json: one JSON object)."

    def add_arguments(self, parser):
        parser.add_argument("--json", action="store_true", help="print one JSON object")

    def handle(self, *args, json: bool = False, **options):
        report = dedup_report()
        if json:
            self.stdout.write(_dumps(report))
            return
        self.stdout.write(
            f"{report['jobs']} jobs, {report['canonical']} canonical, {report['groups']} groups, "
            f"{report['duplicates']} duplicates, {report['reposts']} reposts"
        )
        for kind, row in report["by_source"].items():
            self.stdout.write(
                f"  {kind:20} {row['jobs']:7} jobs  {row['in_groups']:7} in groups  "
                f"{row['duplicate_rate']:.1%}"
            )
        for group in report["group_members"][:20]:
            self.stdout.write("  " + " = ".join(f"{m['source']}:{m['external_id']}" for m in group))
        if len(report["group_members"]) > 20:
            self.stdout.write(f"  … and {len(report['group_members']) - 20} more groups")


def _dumps(report: dict) -> str:
    return json.dumps(report, ensure_ascii=False)
