"""Dedup state: one fingerprint per job, its LSH band keys, and hand-made splits.

Storage decision, measured on this machine (2 cores, shared; same 20,000 generated postings and
signatures, 32 bands x 4 rows; then one ingest batch of 500 new postings):

==========================  ====================  ===================  ===================
                            build 20k (640k keys)  query 500 postings   insert 500 postings
==========================  ====================  ===================  ===================
band rows, SQLite (WAL)     6-8 s                 ~100 ms              ~250 ms
band rows, PostgreSQL       15-18 s               ~150 ms (analysed)   ~350 ms
datasketch Redis storage    37 s, +199 MB RAM     ~2,600 ms            ~640 ms
==========================  ====================  ===================  ===================

So the index is **band keys as indexed rows** (``LshBand``): 15-25x faster to query than the
Redis storage, no extra memory, in the same database and transaction as the groups it feeds
(a failed batch rolls both back, and every worker sees one consistent index), it survives
restarts (the Redis here runs with ``save ""`` and ``appendonly no``, so its index would not),
and it works unchanged on the embedded SQLite default without Redis.
"""

from __future__ import annotations

import numpy as np
from django.conf import settings
from django.db import models
from django.db.models import F, Q

from jobs.models import Job


class JobFingerprint(models.Model):
    """The MinHash signature and shingle set of one job, as of ``content_hash``."""

    job = models.OneToOneField(
        Job, on_delete=models.CASCADE, primary_key=True, related_name="fingerprint"
    )
    content_hash = models.CharField(max_length=64, help_text="The job's hash when computed.")
    params_version = models.PositiveSmallIntegerField()
    signature = models.BinaryField(help_text="uint32 MinHash values, little-endian.")
    shingles = models.BinaryField(help_text="Sorted uint32 shingle hashes (exact Jaccard).")
    shingle_count = models.PositiveIntegerField()
    computed_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "job fingerprint"

    def __str__(self) -> str:
        return f"fingerprint of job {self.job_id}"

    @property
    def shingle_array(self) -> np.ndarray:
        return np.frombuffer(bytes(self.shingles), dtype="<u4").astype(np.uint32)

    @property
    def signature_array(self) -> np.ndarray:
        return np.frombuffer(bytes(self.signature), dtype="<u4").astype(np.uint32)


class LshBand(models.Model):
    """One LSH band of one job's signature: jobs sharing a key are near-duplicate candidates.

    The key's low bits name the job's company and title words (``jobs.dedup.index``)."""

    job = models.ForeignKey(Job, on_delete=models.CASCADE, related_name="+")
    key = models.BigIntegerField()

    class Meta:
        indexes = [models.Index(fields=["key"], name="dedup_band_key")]

    def __str__(self) -> str:
        return f"{self.job_id}:{self.key}"


class DedupSplit(models.Model):
    """ "Not a duplicate": these two jobs never share a group, whatever ingestion brings."""

    job_a = models.ForeignKey(Job, on_delete=models.CASCADE, related_name="+")
    job_b = models.ForeignKey(Job, on_delete=models.CASCADE, related_name="+")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reason = models.CharField(max_length=200, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(fields=["job_a", "job_b"], name="dedup_split_unique_pair"),
            models.CheckConstraint(condition=Q(job_a__lt=F("job_b")), name="dedup_split_ordered"),
        ]

    def __str__(self) -> str:
        return f"job {self.job_a_id} ≠ job {self.job_b_id}"
