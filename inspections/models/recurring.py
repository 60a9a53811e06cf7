"""Recurring weaknesses: an authority's improvement points and concerns that come back at more
than one visit, matched by wording and theme (inspections.recurring finds them)."""

from django.db import models

from authorities.models import Authority

from .findings import Finding, Theme


class RecurringWeakness(models.Model):
    authority = models.ForeignKey(Authority, on_delete=models.CASCADE, related_name="recurring_weaknesses")
    rank = models.PositiveIntegerField(help_text="0 first: raised at the most visits, then most recently.")
    theme = models.ForeignKey(Theme, on_delete=models.CASCADE, related_name="+")
    n_visits = models.PositiveIntegerField()
    findings = models.ManyToManyField(Finding, through="RecurringOccurrence", related_name="+")

    class Meta:
        ordering = ["authority", "rank"]
        constraints = [
            models.UniqueConstraint(fields=["authority", "rank"], name="unique_recurring_weakness_rank")
        ]

    def __str__(self) -> str:
        return f"{self.authority}: {self.theme} at {self.n_visits} visits"


class RecurringOccurrence(models.Model):
    """One visit's finding in a recurring weakness (one a visit)."""

    weakness = models.ForeignKey(RecurringWeakness, on_delete=models.CASCADE, related_name="occurrences")
    finding = models.ForeignKey(Finding, on_delete=models.CASCADE, related_name="+")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["weakness", "finding"], name="unique_recurring_occurrence")
        ]

    def __str__(self) -> str:
        return f"{self.weakness}: finding {self.finding_id}"
