"""python manage.py sync_ofsted: every children's services publication on Ofsted's reports site."""

from __future__ import annotations

import signal
from contextlib import contextmanager

from django.conf import settings
from django.core.management.base import CommandError

from authorities.management.base import DatabaseCommand, SomeFailed, printable
from inspections.management.commands.ingest import iso_date
from inspections.sync.service import SyncOptions, SyncProgress, SyncUsageError, sync_ofsted


class Progress(SyncProgress):
    """One line rewritten in place on a terminal; plain lines otherwise. Problems always get a line
    of their own (on stderr), as they happen."""

    def __init__(self, command: DatabaseCommand, enabled: bool):
        self.out, self.err = command.stdout, command.stderr
        self.enabled = enabled
        self.tty = enabled and self.err.isatty()
        self.new = self.unchanged = self.failed = 0
        self._open_line = False

    def listing_read(self, providers: int, pages: int) -> None:
        self._line(f"Ofsted's listing: {providers} providers on {pages} page{'s' if pages != 1 else ''}")

    def provider_started(self, done: int, total: int, name: str) -> None:
        if self.tty:
            self._status(done, total, name)

    def provider_finished(self, done: int, total: int, name: str, tally) -> None:
        self.new, self.unchanged = self.new + tally.new, self.unchanged + tally.unchanged
        self.failed += tally.failed
        if self.tty:
            self._status(done, total, name)
        else:
            self._line(
                f"{done}/{total} {name}: {tally.found} listed, {tally.new} new, {tally.unchanged} unchanged, "
                f"{tally.skipped} skipped, {tally.failed} failed"
            )

    def would_fetch(self, line: str) -> None:
        self._end_status()
        self.out.write(printable(line))

    def problem(self, line: str) -> None:
        self._end_status()
        self.err.write(printable(line))

    def finish(self) -> None:
        self._end_status()

    def _status(self, done: int, total: int, name: str) -> None:
        if not self.enabled:
            return
        text = (
            f"\rauthorities {done}/{total} · documents {self.new} new, {self.unchanged} unchanged, "
            f"{self.failed} failed · {printable(name)[:30]:<30}"
        )
        self.err.write(text, ending="")
        self.err.flush()
        self._open_line = True

    def _end_status(self) -> None:
        if self._open_line:
            self.err.write("")
            self._open_line = False

    def _line(self, text: str) -> None:
        if self.enabled:
            self._end_status()
            self.err.write(printable(text))


@contextmanager
def stop_on_sigterm():
    """A stop from systemd or kill is taken as Ctrl-C is: the run is recorded as interrupted."""

    def interrupt(signum, frame):
        raise KeyboardInterrupt

    try:
        previous = signal.signal(signal.SIGTERM, interrupt)
    except ValueError:  # not the main thread
        yield
        return
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


class Command(DatabaseCommand):
    help = (
        "Fetch every children's services publication from Ofsted's reports site "
        "(OFSTED_REPORTS_URL) and ingest what is not stored yet."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--authority",
            action="extend",
            nargs="+",
            default=[],
            metavar="SLUG",
            help="only these authorities (slugs as in /authorities/<slug>/)",
        )
        parser.add_argument("--since", metavar="YYYY-MM-DD", help="skip publications dated before this day")
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="list what would be fetched; fetch no document, write nothing",
        )

    def handle(self, *args, **options):
        since = iso_date(options["since"], "--since") if options["since"] else None
        sync_options = SyncOptions(
            base_url=settings.OFSTED_REPORTS_URL,
            authorities=list(dict.fromkeys(options["authority"])),
            since=since,
            dry_run=options["dry_run"],
        )
        progress = Progress(self, enabled=options["verbosity"] > 0)
        try:
            with stop_on_sigterm():
                result = sync_ofsted(options=sync_options, progress=progress)
        except SyncUsageError as error:
            raise CommandError(str(error), returncode=2) from None
        except KeyboardInterrupt:
            progress.finish()
            raise CommandError("stopped; run the same command again to continue", returncode=1) from None
        progress.finish()
        self.stdout.write(self.summary(result, sync_options))
        if result.exit_code == 2:
            raise CommandError("Ofsted's site no longer matches what sync_ofsted reads", returncode=2)
        if result.exit_code == 1:
            raise SomeFailed

    @staticmethod
    def summary(result, options: SyncOptions) -> str:
        """ "153 of 153 authorities, 1,020 publications: 3 new, 1,015 unchanged, 2 failed" """
        tally = result.tally
        fetched = f"{tally.to_fetch:,} to fetch" if options.dry_run else f"{tally.new:,} new"
        skipped = f"{tally.skipped:,} skipped (before {options.since.isoformat()})" if options.since else ""
        parts = [fetched, f"{tally.unchanged:,} unchanged", skipped, f"{tally.failed:,} failed"]
        line = (
            f"{result.providers_done} of {result.providers_total} authorities, "
            f"{tally.found:,} publication{'' if tally.found == 1 else 's'}: "
            + ", ".join(part for part in parts if part)
        )
        if options.dry_run:
            line += " (dry run: no document fetched, nothing written)"
        return line
