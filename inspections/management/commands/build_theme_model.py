"""Build the theme and polarity model from the labelled set (and, if asked, admins' corrections)."""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.core.management.base import CommandError

from authorities.management.base import DatabaseCommand
from inspections.ingest.documents import current_or_default_rules
from inspections.parsing.theme_model import ThemeModel, ThemeModelError
from inspections.training.build import model_build
from inspections.training.corrections import corrections_as_examples
from inspections.training.dataset import LABELLED_SET, examples_read
from inspections.training.store import model_write


class Command(DatabaseCommand):
    help = (
        "Learn themes and polarity from the labelled findings (inspections/training/labels/) and write the "
        "model ingest applies. Deterministic: the same labels, theme keywords and corrections give the same file."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--output", type=Path, default=None, help="Where to write it (default: THEME_MODEL)."
        )
        parser.add_argument(
            "--labels", type=Path, default=LABELLED_SET, help="The labelled set (JSON lines)."
        )
        parser.add_argument(
            "--with-corrections",
            action="store_true",
            help="Learn from admins' corrections of themes and polarity too.",
        )
        parser.add_argument(
            "--if-missing",
            action="store_true",
            help="Do nothing when the model file exists and this version can read it.",
        )

    def uses_database(self, options) -> bool:
        return options["with_corrections"]

    def handle(self, *args, output, labels, with_corrections, if_missing, **options):
        output = output or settings.THEME_MODEL
        if if_missing and output.exists():
            try:
                ThemeModel.load(output)
            except ThemeModelError as error:
                self.stdout.write(f"{error}: building it again")
            else:
                self.stdout.write(f"{output}: already built")
                return
        try:
            examples = examples_read(labels)
        except (OSError, ValueError) as error:
            raise CommandError(str(error)) from error
        corrections = corrections_as_examples() if with_corrections else []
        model = model_build([*examples, *corrections], current_or_default_rules())
        model_write(model, output)
        self.stdout.write(
            f"theme model {model['version']}: {len(examples)} labelled findings, {len(corrections)} corrections, "
            f"{len(model['themes']['classes'])} themes -> {output}"
        )
