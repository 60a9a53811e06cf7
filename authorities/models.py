from django.db import models
from django.db.models import Q


class Region(models.TextChoices):
    """England's nine regions (ONS, E12000001-9), labelled as they are written."""

    NORTH_EAST = "North East", "North East"
    NORTH_WEST = "North West", "North West"
    YORKSHIRE = "Yorkshire and the Humber", "Yorkshire and the Humber"
    EAST_MIDLANDS = "East Midlands", "East Midlands"
    WEST_MIDLANDS = "West Midlands", "West Midlands"
    EAST_OF_ENGLAND = "East of England", "East of England"
    LONDON = "London", "London"
    SOUTH_EAST = "South East", "South East"
    SOUTH_WEST = "South West", "South West"


class AuthorityType(models.TextChoices):
    LONDON_BOROUGH = "london_borough", "London borough"
    METROPOLITAN_DISTRICT = "metropolitan_district", "Metropolitan district"
    COUNTY = "county", "County"
    UNITARY = "unitary", "Unitary authority"


class AuthorityQuerySet(models.QuerySet):
    def current(self):
        """Authorities that exist today (not abolished predecessors such as Cumbria)."""
        return self.filter(abolished__isnull=True)

    def named(self, name: str):
        """The authority called exactly this: its name, an alias or its ONS code, case ignored."""
        name = " ".join(name.split())
        if not name:
            return self.none()
        return self.filter(
            Q(name__iexact=name) | Q(aliases__name__iexact=name) | Q(ons_code__iexact=name)
        ).distinct()

    def search(self, text: str):
        text = text.strip()
        if not text:
            return self.none()
        return self.filter(
            Q(name__icontains=text) | Q(aliases__name__icontains=text) | Q(ons_code__iexact=text)
        ).distinct()


class Authority(models.Model):
    name = models.CharField(max_length=100, unique=True)
    slug = models.SlugField(max_length=100, unique=True)
    ons_code = models.CharField("ONS code", max_length=9, unique=True)
    ofsted_urn = models.CharField("Ofsted URN", max_length=10, blank=True)
    la_code = models.CharField("old LA code", max_length=3, blank=True, db_index=True)
    region = models.CharField(max_length=40, choices=Region.choices, db_index=True)
    authority_type = models.CharField(max_length=30, choices=AuthorityType.choices, db_index=True)
    population_0_25 = models.PositiveIntegerField("population aged 0-25", null=True, blank=True)
    abolished = models.DateField(null=True, blank=True, help_text="Date it ceased, for a predecessor.")
    successors = models.ManyToManyField("self", symmetrical=False, blank=True, related_name="predecessors")
    statistical_neighbours = models.ManyToManyField(
        "self", through="StatisticalNeighbour", symmetrical=False, blank=True, related_name="+"
    )

    objects = AuthorityQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "authorities"

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("authority-detail", args=[self.slug])


class AuthorityAlias(models.Model):
    authority = models.ForeignKey(Authority, on_delete=models.CASCADE, related_name="aliases")
    name = models.CharField(max_length=120, unique=True)

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "authority aliases"

    def __str__(self) -> str:
        return self.name


class StatisticalNeighbour(models.Model):
    """DfE's children's services statistical neighbours (2025 model): ten per authority."""

    authority = models.ForeignKey(Authority, on_delete=models.CASCADE, related_name="neighbour_links")
    neighbour = models.ForeignKey(Authority, on_delete=models.CASCADE, related_name="+")
    rank = models.PositiveSmallIntegerField()
    closeness = models.CharField(max_length=30, blank=True)

    class Meta:
        ordering = ["authority", "rank"]
        constraints = [
            models.UniqueConstraint(fields=["authority", "rank"], name="unique_neighbour_rank"),
            models.UniqueConstraint(fields=["authority", "neighbour"], name="unique_neighbour"),
        ]

    def __str__(self) -> str:
        return f"{self.authority} #{self.rank}: {self.neighbour}"


class WorkforceFigure(models.Model):
    """DfE's children's social work workforce indicators for one area (an authority's ONS code, or
    England's) in one reporting year (counted at 30 September): rates in per cent of full-time
    equivalent posts, caseload in cases per case-holding social worker. None where DfE published
    no figure."""

    area_code = models.CharField(max_length=40)  # two codes joined by " / " where two share a service
    year = models.PositiveSmallIntegerField()
    turnover_rate = models.DecimalField(max_digits=5, decimal_places=1, null=True, blank=True)
    agency_rate = models.DecimalField(max_digits=5, decimal_places=1, null=True, blank=True)
    vacancy_rate = models.DecimalField(max_digits=5, decimal_places=1, null=True, blank=True)
    caseload = models.DecimalField(max_digits=5, decimal_places=1, null=True, blank=True)

    class Meta:
        ordering = ["area_code", "year"]
        constraints = [
            models.UniqueConstraint(fields=["area_code", "year"], name="workforce_one_per_area_and_year")
        ]

    def __str__(self) -> str:
        return f"{self.area_code} {self.year}"
