"""What our management commands share: a database that is not migrated is one line, not a traceback;
names from outside (file names, addresses, titles) are printed with their control characters
escaped; a run whose failures are already reported, each on its line, ends with exit status 1 and
nothing more."""

from __future__ import annotations

import sys

from django.core.management.base import BaseCommand, CommandError
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.migrations.executor import MigrationExecutor

NOT_MIGRATED = "the database is not set up for this version: run python manage.py migrate"


def printable(text: object) -> str:
    """`text` on one line: a newline, a carriage return, an escape sequence or any other character
    that is not printable is written as Python writes it in a string (\\n, \\r, \\x1b)."""
    return "".join(c if c.isprintable() else repr(c)[1:-1] for c in str(text))


class SomeFailed(CommandError):
    """Exit status 1 once every failure has had its line and the summary has counted them."""

    def __init__(self):
        super().__init__("", returncode=1)


class DatabaseCommand(BaseCommand):
    """A command that reads or writes the database."""

    def uses_database(self, options: dict) -> bool:
        return True

    def execute(self, *args, **options):
        if self.uses_database(options):
            executor = MigrationExecutor(connections[DEFAULT_DB_ALIAS])
            if executor.migration_plan(executor.loader.graph.leaf_nodes()):
                raise CommandError(NOT_MIGRATED, returncode=2)
        try:
            return super().execute(*args, **options)
        except SomeFailed:
            if getattr(self, "_called_from_command_line", False):
                sys.exit(1)
            raise
