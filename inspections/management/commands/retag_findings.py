"""python manage.py retag_findings: tag stored findings again after a new model or edited themes."""

from django.core.management.base import CommandError

from authorities.management.base import DatabaseCommand
from inspections.ingest import IngestContext, IngestError
from inspections.ingest.retag import findings_retag


class Command(DatabaseCommand):
    help = (
        "Tag every stored finding again with the current theme model and themes (no re-parsing), in short "
        "batches so the pages keep answering, and report how many findings gained or lost each theme. "
        "Findings an admin corrected are left as they are."
    )

    def handle(self, *args, verbosity, **options):
        try:
            context = IngestContext.load()
        except IngestError as error:
            raise CommandError(str(error), returncode=2) from None

        def progress(done: int, total: int) -> None:
            if verbosity >= 2:
                self.stderr.write(f"{done} of {total} findings")

        outcome = findings_retag(context=context, progress=progress)
        for slug in sorted(set(outcome.gained) | set(outcome.lost)):
            self.stdout.write(f"{slug}: +{outcome.gained[slug]} -{outcome.lost[slug]}")
        self.stdout.write(
            f"{outcome.findings} findings re-tagged with model {context.model.version}: "
            f"{outcome.themes_changed} changed themes, {outcome.polarity_changed} changed polarity"
        )
