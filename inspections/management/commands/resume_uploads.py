from authorities.management.base import DatabaseCommand, printable
from inspections.ingest.uploads import uploads_resume


class Command(DatabaseCommand):
    help = (
        'Queue again the uploads a stopped worker left "being read". Run it before starting the '
        "worker (db_worker), never beside a running one."
    )

    def handle(self, *args, **options):
        resumed = uploads_resume()
        for document in resumed:
            self.stdout.write(f"queued again: {printable(document.filename)} ({document.sha256[:12]})")
        self.stdout.write(f"{len(resumed)} upload{'' if len(resumed) == 1 else 's'} queued again")
