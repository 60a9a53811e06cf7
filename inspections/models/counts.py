"""Public findings counted per (region, visit type, polarity, area, theme): what the findings
explorer's facets sum instead of counting a quarter of a million findings a request. Kept by
database triggers (inspections/finding_counts.py), so that every path that changes a finding, its
themes, its document's status, its visit or its authority's region keeps it in the same
transaction."""

from django.db import models

# theme_id of the rows that count the findings themselves rather than their links to a theme.
FINDINGS = 0


class FindingCount(models.Model):
    region = models.CharField(max_length=40)
    visit_type = models.CharField(max_length=30)
    polarity = models.CharField(max_length=20)
    area = models.CharField(max_length=40)
    # A theme (its links to public findings), or the id FINDINGS, which is no theme: hence no
    # constraint in the database.
    theme = models.ForeignKey("Theme", db_constraint=False, on_delete=models.DO_NOTHING, related_name="+")
    n = models.IntegerField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["region", "visit_type", "polarity", "area", "theme"], name="unique_finding_count"
            )
        ]

    def __str__(self) -> str:
        key = f"{self.region} {self.visit_type} {self.polarity} {self.area or '-'} {self.theme_id}"
        return f"{key}: {self.n}"


class VisitThemeCount(models.Model):
    """Public findings counted per visit and theme, by polarity: the rows of compare's heat map per
    report, read instead of every theme link of the authorities compared. Kept by the same triggers."""

    # Rows outlive a deleted visit (at zero, its findings gone): no constraint in the database. The
    # unique constraint's index, visit first, serves the reads.
    visit = models.ForeignKey(
        "Visit", db_constraint=False, db_index=False, on_delete=models.DO_NOTHING, related_name="+"
    )
    # A theme, or FINDINGS (no theme).
    theme = models.ForeignKey(
        "Theme", db_constraint=False, db_index=False, on_delete=models.DO_NOTHING, related_name="+"
    )
    strengths = models.IntegerField()
    concerns = models.IntegerField()
    mixed = models.IntegerField()
    neutral = models.IntegerField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["visit", "theme"], name="unique_visit_theme_count")]

    def __str__(self) -> str:
        counts = f"{self.strengths}/{self.concerns}/{self.mixed}/{self.neutral}"
        return f"visit {self.visit_id} theme {self.theme_id}: {counts}"
