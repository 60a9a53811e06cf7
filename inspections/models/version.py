"""The data version: one number that every write to what the public pages show moves, in the
writer's own transaction. Kept by database triggers (inspections/data_version.py); what is cached
for everyone is cached under it, so a write makes it unreachable at once."""

from django.db import models


class DataVersion(models.Model):
    """The one row (pk 1) whose `version` the triggers move."""

    version = models.BigIntegerField(default=0)

    def __str__(self) -> str:
        return f"data version {self.version}"
