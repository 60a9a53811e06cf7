"""Measure themes and polarity against people, held out: per-theme precision, recall and F1."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from inspections.ingest.documents import current_or_default_rules
from inspections.training.dataset import LABELLED_SET, SECOND_READING, examples_read, reading_read
from inspections.training.evaluate import evaluate, report_markdown


class Command(BaseCommand):
    help = (
        "Grouped k-fold over the labelled set (no fold learns from the document it is tested on): the "
        "tagger's and the keyword rules' precision, recall and F1 per theme, polarity accuracy and confusion, "
        "and a second person's agreement, as the Markdown tables BENCHMARKS.md keeps."
    )

    def add_arguments(self, parser):
        parser.add_argument("--folds", type=int, default=5)
        parser.add_argument("--labels", type=Path, default=LABELLED_SET)
        parser.add_argument(
            "--second", type=Path, default=SECOND_READING, help="A second reading of a sample."
        )

    def handle(self, *args, folds, labels, second, **options):
        if folds < 2:
            raise CommandError("--folds must be at least 2", returncode=2)
        try:
            examples = examples_read(labels)
            reading = reading_read(second) if second.exists() else None
        except (OSError, ValueError) as error:
            raise CommandError(str(error)) from error
        if len({e.group for e in examples}) < folds:
            raise CommandError(f"{labels}: fewer documents than folds ({folds})", returncode=2)
        agreements = evaluate(examples, current_or_default_rules(), k=folds, second=reading)
        self.stdout.write(report_markdown(agreements))
