import time

from django.core.management.base import BaseCommand

from jobs.dedup.services import dedup_rebuild


class Command(BaseCommand):
    help = "Recompute every job's MinHash fingerprint, LSH band rows and duplicate group."

    def handle(self, *args, **options):
        started = time.perf_counter()
        result = dedup_rebuild()
        seconds = time.perf_counter() - started
        self.stdout.write(
            f"{result['jobs']} jobs fingerprinted, {result['groups']} groups of two or more, "
            f"{result['candidates']} candidate pairs, {result['confirmed']} confirmed, "
            f"{result['changed']} jobs regrouped in {seconds:.2f}s"
        )
