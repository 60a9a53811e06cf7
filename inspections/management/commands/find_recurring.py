"""python manage.py find_recurring: find every authority's recurring weaknesses again."""

from django.db import transaction

from authorities.management.base import DatabaseCommand
from authorities.models import Authority
from inspections.recurring import recurring_weaknesses_refresh


class Command(DatabaseCommand):
    help = (
        "Find every authority's recurring weaknesses (improvement points and concerns raised at more "
        "than one visit, matched by wording and theme) again and store them. Ingest, reparse, "
        "retag_findings, publishing and corrections keep them current; run this after loading "
        "findings another way."
    )

    def add_arguments(self, parser):
        parser.add_argument("--authority", nargs="+", metavar="SLUG", help="only these authorities")

    def handle(self, *args, authority=None, **options):
        authorities = Authority.objects.order_by("name")
        if authority:
            authorities = authorities.filter(slug__in=authority)
        total = 0
        for pk, name in authorities.values_list("pk", "name"):
            with transaction.atomic():
                recurring_weaknesses_refresh([pk])
            found = Authority.objects.get(pk=pk).recurring_weaknesses.count()
            total += found
            if found and options["verbosity"] >= 2:
                self.stdout.write(f"{name}: {found}")
        self.stdout.write(f"{authorities.count()} authorities: {total} recurring weaknesses")
