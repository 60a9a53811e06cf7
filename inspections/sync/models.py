"""What the sync from Ofsted's reports site keeps: the providers it found and a record of each run."""

from __future__ import annotations

from django.db import models
from django.utils import timezone


class OfstedProvider(models.Model):
    """A local authority's children's services as Ofsted's site lists them, and the authority they
    are. A provider no authority matches keeps authority empty until an admin sets it."""

    urn = models.CharField("Ofsted URN", max_length=20, unique=True)
    name = models.CharField(max_length=200, help_text="As Ofsted writes it.")
    url = models.URLField("provider page", max_length=500)
    authority = models.ForeignKey(
        "authorities.Authority",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="ofsted_providers",
        help_text="Set by the sync from the URN or the name; an admin sets it where neither matched.",
    )
    first_seen = models.DateTimeField(auto_now_add=True)
    last_seen = models.DateTimeField(default=timezone.now)
    last_checked = models.DateTimeField(
        null=True, blank=True, help_text="When a sync last went through all of its publications."
    )
    publications = models.PositiveIntegerField(default=0, help_text="Listed when last checked.")

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return f"{self.name} ({self.urn})"


class SyncRunQuerySet(models.QuerySet):
    def latest_first(self):
        return self.order_by("-started_at", "-pk")


class SyncRun(models.Model):
    """One run of `manage.py sync_ofsted` (not a dry run): what it found, stored and could not."""

    class Status(models.TextChoices):
        RUNNING = "running", "Running"
        SUCCEEDED = "succeeded", "Everything went in"
        FAILED = "failed", "Some documents failed"
        SITE_CHANGED = "site_changed", "The site no longer matches"
        INTERRUPTED = "interrupted", "Stopped before the end"

    started_at = models.DateTimeField(default=timezone.now, db_index=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.RUNNING)
    base_url = models.URLField(max_length=500)
    authorities = models.JSONField(default=list, blank=True, help_text="--authority slugs; empty: all.")
    since = models.DateField(null=True, blank=True)
    resumes = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The stopped run this one picked up from.",
    )
    providers_total = models.PositiveIntegerField(default=0)
    providers_done = models.PositiveIntegerField(default=0)
    found = models.PositiveIntegerField(default=0, help_text="Publications listed.")
    new = models.PositiveIntegerField(default=0)
    unchanged = models.PositiveIntegerField(default=0, help_text="Already stored: not fetched again.")
    skipped = models.PositiveIntegerField(default=0, help_text="Published before --since.")
    failed = models.PositiveIntegerField(default=0)
    failures = models.JSONField(default=list, blank=True, help_text='[{"url": ..., "reason": ...}]')
    notes = models.JSONField(default=list, blank=True, help_text="Providers no authority matches, warnings.")
    message = models.TextField(blank=True, help_text="Why the run stopped, when it did not finish.")

    objects = SyncRunQuerySet.as_manager()

    class Meta:
        ordering = ["-started_at", "-pk"]

    def __str__(self) -> str:
        return f"Sync {self.started_at:%Y-%m-%d %H:%M}: {self.get_status_display()}"

    @property
    def options(self) -> dict:
        return {"authorities": sorted(self.authorities), "since": self.since}
