from django.core.management.base import BaseCommand, CommandError

from jobs.models import IngestRun, JobSource
from jobs.services import source_run


class Command(BaseCommand):
    help = (
        "Fetch job sources now and print each run's counts (all enabled sources by default; "
        "-v 2 also prints the counts so far after each stored batch)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--source", action="append", default=[], metavar="NAME", help="repeatable"
        )
        parser.add_argument("--all", action="store_true", help="every enabled source (the default)")

    def handle(self, *args, source, all, verbosity, **options):
        if source:
            sources = list(JobSource.objects.filter(name__in=source))
            unknown = sorted(set(source) - {s.name for s in sources})
            if unknown:
                names = ", ".join(JobSource.objects.values_list("name", flat=True)) or "none"
                raise CommandError(
                    f"unknown source(s): {', '.join(unknown)} (configured: {names})", returncode=2
                )
        else:
            sources = list(JobSource.objects.enabled())
        if not sources:
            self.stdout.write("No enabled sources. Add one in admin (Job sources).")
            return
        failed = 0
        for src in sources:
            run = source_run(
                source_id=src.pk,
                trigger=IngestRun.Trigger.COMMAND,
                on_batch=self.progress if verbosity >= 2 else None,
            )
            counts = " ".join(f"{k}={v}" for k, v in run.counts().items())
            self.stdout.write(f"{src.name:30} {run.status:8} {counts} ({run.duration_seconds}s)")
            for error in run.errors[:5]:
                self.stdout.write(f"    {error.get('item', '')} {error.get('reason', '')}".rstrip())
            failed += run.status == IngestRun.Status.FAILED
        if failed:
            raise CommandError(f"{failed} source(s) failed", returncode=1)

    def progress(self, run: IngestRun) -> None:
        counts = " ".join(f"{k}={v}" for k, v in run.counts().items() if k != "deactivated")
        self.stdout.write(f"{run.source.name:30} storing  {counts} so far")
