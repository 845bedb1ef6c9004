import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from jobs.services import IngestInputError, file_ingest, normalize_all, parse_file
from jobs.sources import ADAPTERS

#: The fields printed per posting, in this order (unknown values are null).
OUTPUT_FIELDS = (
    "source",
    "external_id",
    "title",
    "company",
    "locations",
    "remote_type",
    "salary_min",
    "salary_max",
    "salary_currency",
    "salary_period",
    "salary_annual_min",
    "salary_annual_max",
    "employment_type",
    "seniority",
    "skills",
    "visa_sponsorship",
    "posted_at",
    "url",
    "apply_url",
    "description_text",
)


def _config_pair(text: str) -> tuple[str, str]:
    key, sep, value = text.partition("=")
    if not sep or not key.strip():
        raise CommandError(f"--config expects key=value, got {text!r}", returncode=2)
    return key.strip(), value


class Command(BaseCommand):
    help = (
        "Parse a recorded source response with an adapter and print one normalised posting "
        "per line as JSON. With --save, store them like an ingestion run."
    )

    def add_arguments(self, parser):
        parser.add_argument("kind", help=f"adapter kind: {', '.join(sorted(ADAPTERS))}")
        parser.add_argument("path", type=Path)
        parser.add_argument("--save", action="store_true", help="store the postings")
        parser.add_argument("--format", choices=["ndjson", "json"], default="ndjson")
        parser.add_argument(
            "--config",
            action="append",
            default=[],
            metavar="KEY=VALUE",
            help="source config the response lacks, e.g. company=Palantir (repeatable)",
        )

    def handle(self, *args, kind, path, save, format, config, **options):
        source_config = dict(_config_pair(item) for item in config)
        try:
            result = parse_file(kind=kind, path=path, config=source_config)
        except IngestInputError as exc:
            raise CommandError(str(exc), returncode=2) from None
        outcome = normalize_all(result.postings)
        records = []
        for posting in outcome.postings:
            data = posting.as_json_dict()
            records.append({field: data.get(field) for field in OUTPUT_FIELDS})
        if format == "json":
            self.stdout.write(json.dumps(records, ensure_ascii=False, indent=2))
        else:
            for record in records:
                self.stdout.write(json.dumps(record, ensure_ascii=False))
        for ref, reason in [*result.skipped, *outcome.invalid]:
            self.stderr.write(f"skipped {ref}: {reason}")
        if save:
            run = file_ingest(kind=kind, path=path, config=source_config)
            counts = ", ".join(f"{k} {v}" for k, v in run.counts().items())
            self.stderr.write(f"saved to source {run.source.name!r}: {counts}")
