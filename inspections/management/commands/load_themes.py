from authorities.management.base import DatabaseCommand
from inspections.themes import themes_load_defaults


class Command(DatabaseCommand):
    help = "Create the starting set of themes that are missing. Themes an admin edited are left as they are."

    def handle(self, *args, **options):
        created = themes_load_defaults()
        self.stdout.write(f"{created} themes created")
