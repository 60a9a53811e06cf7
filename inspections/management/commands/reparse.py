"""python manage.py reparse: read stored originals again after the parser or the themes change."""

from django.core.management.base import CommandError

from authorities.management.base import DatabaseCommand, SomeFailed, printable
from inspections.ingest import IngestContext, IngestError, document_reparse
from inspections.models import SourceDocument


class Command(DatabaseCommand):
    help = (
        "Re-parse stored original documents with the current parser and themes, and report what "
        "changed. Findings an admin edited are kept as they are."
    )

    def add_arguments(self, parser):
        parser.add_argument("sha256", nargs="*", help="only these documents (sha256 or its first characters)")
        parser.add_argument(
            "--outdated",
            action="store_true",
            help="only documents read by another version of the parser or the theme model",
        )

    def handle(self, *args, **options):
        try:
            context = IngestContext.load()
        except IngestError as error:
            raise CommandError(str(error), returncode=2) from None
        documents = SourceDocument.objects.exclude(doc_kind=SourceDocument.Kind.STATISTICS).order_by("pk")
        if options["outdated"]:
            documents = documents.exclude(parser_version=context.parser_version)
        if options["sha256"]:
            prefixes = options["sha256"]
            documents = [d for d in documents if any(d.sha256.startswith(p) for p in prefixes)]
            if not documents:
                raise CommandError("no stored document has that sha256", returncode=2)
        counts = {"changed": 0, "unchanged": 0, "failed": 0}
        for document in documents:
            outcome = document_reparse(document=document, context=context)
            name = printable(outcome.document.title or outcome.document.filename)
            if outcome.error:
                counts["failed"] += 1
                self.stderr.write(f"FAILED {name}: {printable(outcome.error)}")
            elif outcome.changed:
                counts["changed"] += 1
                parts = [f"+{len(outcome.added)} findings", f"-{len(outcome.removed)}"]
                if outcome.kept_edited:
                    parts.append(f"{outcome.kept_edited} edited by hand kept")
                parts += outcome.judgements
                self.stdout.write(f"{name}: " + ", ".join(parts))
            else:
                counts["unchanged"] += 1
        total = sum(counts.values())
        self.stdout.write(
            f"{total} documents re-parsed: {counts['changed']} changed, "
            f"{counts['unchanged']} unchanged, {counts['failed']} failed"
        )
        if counts["failed"]:
            raise SomeFailed
