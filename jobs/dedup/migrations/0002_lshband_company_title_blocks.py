"""Band keys carry the job's company and title words in their low bits (``jobs.dedup.index``).

Re-derives every stored key from the stored signature, so no fingerprint is recomputed.
"""

from django.db import migrations

CHUNK = 500


def forwards(apps, schema_editor):
    import numpy as np

    from jobs.dedup import engine, index

    fingerprint = apps.get_model("dedup", "JobFingerprint")
    band = apps.get_model("dedup", "LshBand")
    ids = list(fingerprint.objects.order_by("job_id").values_list("job_id", flat=True))
    for start in range(0, len(ids), CHUNK):
        chunk = ids[start : start + CHUNK]
        rows = fingerprint.objects.filter(job_id__in=chunk).values_list(
            "job_id", "signature", "job__title", "job__locations", "job__company_id"
        )
        job_ids, sigs, titles, companies = [], [], [], []
        for job_id, signature, title, locations, company_id in rows:
            cities = {loc["city"].lower() for loc in locations or [] if loc.get("city")}
            job_ids.append(job_id)
            sigs.append(np.frombuffer(bytes(signature), dtype="<u4").astype(np.uint32))
            titles.append(engine.title_tokens(title, engine.location_words(cities)))
            companies.append(company_id)
        band.objects.filter(job_id__in=chunk).delete()
        if job_ids:
            keys = index.stored_keys(companies, titles, np.stack(sigs))
            band.objects.bulk_create(
                [
                    band(job_id=job_id, key=key)
                    for job_id, row in zip(job_ids, keys.tolist(), strict=True)
                    for key in row
                ],
                batch_size=CHUNK,
            )


class Migration(migrations.Migration):
    dependencies = [("dedup", "0001_initial")]

    # Backwards there is nothing to restore the raw keys from but the fingerprints: after
    # rolling back, run ``backfill_job_fingerprints``.
    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
