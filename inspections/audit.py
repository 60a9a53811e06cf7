"""The audit log: every correction an editor makes, with who, when, what it was, what it became and why."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone


class AuditEntryQuerySet(models.QuerySet):
    def newest_first(self):
        return self.order_by("-at", "-pk")

    def matching(self, *, user: str = "", object_type: str = "", field: str = "", since=None, until=None):
        """Entries by this user name, about this type of object and field, between these dates
        (each only if given)."""
        entries = self
        if user:
            entries = entries.filter(user__username=user)
        if object_type:
            entries = entries.filter(object_type=object_type)
        if field:
            entries = entries.filter(field=field)
        if since:
            entries = entries.filter(at__date__gte=since)
        if until:
            entries = entries.filter(at__date__lte=until)
        return entries

    def last_corrected(self, **ids_by_type) -> dict[tuple[str, int], object]:
        """When each of these objects was last corrected, by (type, id), in one query:
        `last_corrected(visit=[1], finding=[4, 5])`."""
        wanted = models.Q(pk__in=[])
        for object_type, ids in ids_by_type.items():
            wanted |= models.Q(object_type=object_type, object_id__in=list(ids))
        rows = (
            self.filter(wanted)
            .values("object_type", "object_id")
            .annotate(last=models.Max("at"))
            .values_list("object_type", "object_id", "last")
        )
        return {(object_type, object_id): last for object_type, object_id, last in rows}


class AuditEntry(models.Model):
    class ObjectType(models.TextChoices):
        FINDING = "finding", "Finding"
        JUDGEMENT = "judgement", "Judgement"
        VISIT = "visit", "Visit"

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="audit_entries"
    )
    at = models.DateTimeField(default=timezone.now, db_index=True)
    object_type = models.CharField(max_length=20, choices=ObjectType.choices)
    object_id = models.PositiveIntegerField()
    field = models.CharField(max_length=40)
    before = models.JSONField(null=True)
    after = models.JSONField(null=True)
    reason = models.TextField()

    objects = AuditEntryQuerySet.as_manager()

    class Meta:
        verbose_name_plural = "audit entries"
        indexes = [models.Index(fields=["object_type", "object_id", "field"])]

    def __str__(self) -> str:
        return f"{self.object_type} {self.object_id}: {self.field} {self.before} -> {self.after}"
