"""Each authority's latest public judgement in each area: what the "latest grades" of the overview,
the list of authorities and an authority's neighbours read instead of finding it among every
authority's visits (153 authorities x 5 columns of subqueries). Kept by database triggers
(inspections/latest_judgements.py) on every table the answer comes from."""

from django.db import models


class LatestJudgement(models.Model):
    authority = models.ForeignKey(
        "authorities.Authority", db_constraint=False, on_delete=models.DO_NOTHING, related_name="+"
    )
    area = models.CharField(max_length=40)
    judgement = models.ForeignKey(
        "Judgement", db_constraint=False, on_delete=models.DO_NOTHING, related_name="+"
    )
    grade = models.CharField(max_length=30)
    # The judgement's visit and its date, copied: a column's latest among its areas is the newest
    # of these rows in JudgementQuerySet.latest_first()'s order.
    visit = models.ForeignKey("Visit", db_constraint=False, on_delete=models.DO_NOTHING, related_name="+")
    sort_date = models.DateField(null=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["authority", "area"], name="unique_latest_judgement")]

    def __str__(self) -> str:
        return f"{self.authority_id} {self.area}: {self.grade}"
