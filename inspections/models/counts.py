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
    # A theme's id (its links to public findings), or FINDINGS. Not a foreign key: 0 is no theme.
    theme_id = models.IntegerField()
    n = models.IntegerField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["region", "visit_type", "polarity", "area", "theme_id"], name="unique_finding_count"
            )
        ]

    def __str__(self) -> str:
        return f"{self.region} {self.visit_type} {self.polarity} {self.area or '-'} {self.theme_id}: {self.n}"
