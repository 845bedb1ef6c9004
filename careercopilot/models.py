from django.db import models


class Heartbeat(models.Model):
    """Last sign of life of a background process kind ("worker", "beat")."""

    name = models.CharField(max_length=32, unique=True)
    last_seen = models.DateTimeField()
    detail = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return f"{self.name} @ {self.last_seen:%Y-%m-%d %H:%M:%S}"
