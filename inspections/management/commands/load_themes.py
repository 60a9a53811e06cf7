from django.core.management.base import BaseCommand

from inspections.themes import themes_load_defaults


class Command(BaseCommand):
    help = "Create the starting set of themes that are missing. Themes an admin edited are left as they are."

    def handle(self, *args, **options):
        created = themes_load_defaults()
        self.stdout.write(f"{created} themes created")
