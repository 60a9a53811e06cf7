"""Every children's services publication on Ofsted's reports site, ingested once.

`sync_ofsted` walks the listing of providers, matches each to an authority, reads each provider's
page and ingests each publication not stored yet through the one merging service
(`inspections.ingest.document_ingest`). A run (not a dry run) is recorded as a SyncRun, updated
as each provider is done; one stopped part-way is picked up by the next run (within a day, with
the same options): providers it finished are not read again, and nothing stored is fetched again.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from django.conf import settings
from django.utils import timezone

from authorities.models import Authority

from ..ingest import IngestContext, IngestError
from ..ingest.pipeline import limited_parsers
from ..maintenance import statistics_refresh
from ..parsing.ofsted_site import Provider, SiteChanged, listing_url, read_provider_page
from .client import FetchError, SiteClient
from .links import user_agent
from .models import OfstedProvider, SyncRun
from .providers import Match, listing_walk, provider_checked, providers_match, providers_record
from .publications import Failure, PublicationSync, Stored, Tally

RESUME_WITHIN = timedelta(days=1)
# One authority with nothing published is possible; this many with nothing between them means the
# provider pages no longer show publications the way the sync reads them.
EMPTY_PAGES_MEAN_CHANGE = 5


class SyncUsageError(Exception):
    """The options cannot be acted on (an unknown authority, no authorities loaded)."""


class SyncProgress:
    """What a run reports as it goes; the command prints it. Every method may be left as is."""

    def listing_read(self, providers: int, pages: int) -> None: ...

    def provider_started(self, done: int, total: int, name: str) -> None: ...

    def provider_finished(self, done: int, total: int, name: str, tally: Tally) -> None: ...

    def would_fetch(self, line: str) -> None: ...

    def problem(self, line: str) -> None: ...


@dataclass
class SyncOptions:
    base_url: str
    authorities: list[str] = field(default_factory=list)  # slugs; empty: every authority
    since: date | None = None
    dry_run: bool = False


@dataclass
class SyncResult:
    tally: Tally = field(default_factory=Tally)
    providers_total: int = 0
    providers_done: int = 0
    failures: list[Failure] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    site_changed: list[str] = field(default_factory=list)
    message: str = ""  # why the run stopped before the end
    run: SyncRun | None = None
    resumed: SyncRun | None = None

    @property
    def exit_code(self) -> int:
        if self.site_changed:
            return 2
        return 1 if self.failures or self.message else 0

    @property
    def status(self) -> str:
        if self.site_changed:
            return SyncRun.Status.SITE_CHANGED
        return SyncRun.Status.FAILED if self.failures or self.message else SyncRun.Status.SUCCEEDED


def site_client() -> SiteClient:
    """A client with the settings' manners."""
    return SiteClient(
        user_agent=user_agent(),
        delay=settings.OFSTED_REQUEST_DELAY,
        timeout=settings.OFSTED_REQUEST_TIMEOUT,
        retries=settings.OFSTED_RETRIES,
        backoff=settings.OFSTED_RETRY_BACKOFF,
        max_bytes=settings.MAX_DOCUMENT_BYTES,
    )


def sync_ofsted(
    *, options: SyncOptions, client: SiteClient | None = None, progress: SyncProgress | None = None
) -> SyncResult:
    """One run. Raises SyncUsageError before anything is fetched; KeyboardInterrupt is recorded
    (the run is "interrupted") and raised again."""
    try:
        context = IngestContext.load()
    except IngestError as error:
        raise SyncUsageError(str(error)) from None
    wanted = _wanted_authorities(options.authorities)
    sync = _Sync(options, context, client or site_client(), progress or SyncProgress(), wanted)
    if options.dry_run:
        return sync.run()
    with limited_parsers(1, context) as parsers:
        sync.publications.parsers = parsers
        return sync.run()


def _wanted_authorities(slugs: list[str]) -> dict[str, Authority]:
    found = {a.slug: a for a in Authority.objects.filter(slug__in=slugs)}
    unknown = [slug for slug in slugs if slug not in found]
    if unknown:
        raise SyncUsageError(
            f"no authority with the slug {', '.join(repr(s) for s in unknown)} "
            "(the slugs are in the address of each authority's page: /authorities/<slug>/)"
        )
    return found


class _Sync:
    def __init__(self, options, context, client, progress, wanted):
        self.options, self.context, self.client, self.progress = options, context, client, progress
        self.wanted: dict[str, Authority] = wanted
        self.result = SyncResult()
        self.publications = PublicationSync(
            client=client, context=context, stored=Stored.load(), since=options.since, dry_run=options.dry_run
        )
        self.records: dict[str, OfstedProvider] = {}

    def run(self) -> SyncResult:
        if not self.options.dry_run:
            self._start_record()
        try:
            self._walk()
        except SiteChanged as error:
            self.result.site_changed.append(str(error))
        except FetchError as error:
            self.result.message = f"cannot read the listing of providers: {error}"
        except KeyboardInterrupt:
            self._finish_record(SyncRun.Status.INTERRUPTED, "stopped before the end; run again to continue")
            raise
        for line in self.result.site_changed + ([self.result.message] if self.result.message else []):
            self.progress.problem(line)
        if self.result.tally.new:
            statistics_refresh()
        self._finish_record(self.result.status, "\n".join(self.result.site_changed) or self.result.message)
        return self.result

    # ---- the walk ------------------------------------------------------------------------

    def _walk(self) -> None:
        listing = listing_walk(self.client, self.options.base_url)
        self.progress.listing_read(len(listing.providers), listing.pages)
        self._note(*listing.notes)
        matches = providers_match(listing.providers, self.context)
        if not self.options.dry_run:
            self.records = providers_record(matches)
        chosen = self._chosen(matches)
        done_before = self._done_before()
        self.result.providers_total = len(chosen)
        self._save_counts()
        listed = read = 0
        for match in chosen:
            name = match.authority.name
            self.progress.provider_started(self.result.providers_done, len(chosen), name)
            if match.provider.urn in done_before:
                tally = Tally()
            else:
                tally, publications = self._provider(match)
                listed, read = listed + publications, read + 1
            self.result.providers_done += 1
            self.result.tally.add(tally)
            self._save_counts()
            self.progress.provider_finished(self.result.providers_done, len(chosen), name, tally)
        if (
            read >= EMPTY_PAGES_MEAN_CHANGE
            and not listed
            and not self.result.failures + self.result.site_changed
        ):
            raise SiteChanged(
                f"{self.options.base_url}: none of the {read} provider pages read lists a publication "
                '(<a class="publication-link">): Ofsted\'s site no longer matches what sync_ofsted reads'
            )

    def _chosen(self, matches: list[Match]) -> list[Match]:
        """The providers to read, by authority name: those of the --authority options, or all
        matched; a provider no authority matches is reported, not read."""
        if self.wanted:
            chosen = [m for m in matches if m.authority is not None and m.authority.slug in self.wanted]
            missing = set(self.wanted) - {m.authority.slug for m in chosen}
            for slug in sorted(missing):
                self._fail(
                    listing_url(self.options.base_url, 0),
                    f"no provider on the listing is {self.wanted[slug].name}",
                )
        else:
            chosen = [m for m in matches if m.authority is not None]
            for match in matches:
                if match.authority is None:
                    self._note(_unmatched(match.provider))
        return sorted(chosen, key=lambda m: (m.authority.name, m.provider.urn))

    def _provider(self, match: Match) -> tuple[Tally, int]:
        """Read one provider page and handle its publications: (tally, publications listed)."""
        tally = Tally()
        try:
            response = self.client.get(match.provider.url)
            publications = read_provider_page(response.body, response.url)
        except FetchError as error:
            self._fail(error.url, error.reason)
            return tally, 0
        except SiteChanged as error:
            self.result.site_changed.append(str(error))
            return tally, 0
        if not publications:
            self._note(
                f"{match.authority.name} ({match.provider.url}): the provider page lists no publication"
            )
        for publication in publications:
            tally.found += 1
            status, detail = self.publications.run(publication, match.authority, match.provider.urn)
            setattr(tally, status, getattr(tally, status) + 1)
            if status == "failed":
                self._fail(publication.url, detail)
            elif detail:
                self._note(detail)
            if status == "to_fetch":
                self.progress.would_fetch(_would_fetch(match, publication))
        if not self.options.dry_run:
            provider_checked(self.records.get(match.provider.urn), len(publications))
        return tally, len(publications)

    # ---- the record ----------------------------------------------------------------------

    def _start_record(self) -> None:
        stale = SyncRun.objects.filter(status=SyncRun.Status.RUNNING)
        stale.update(
            status=SyncRun.Status.INTERRUPTED,
            message="did not finish: the process stopped without recording why",
        )
        self.result.resumed = self._resumable()
        self.result.run = SyncRun.objects.create(
            base_url=self.options.base_url,
            authorities=sorted(self.options.authorities),
            since=self.options.since,
            resumes=self.result.resumed,
        )

    def _resumable(self) -> SyncRun | None:
        last = SyncRun.objects.latest_first().first()
        wanted = {"authorities": sorted(self.options.authorities), "since": self.options.since}
        if (
            last is not None
            and last.status == SyncRun.Status.INTERRUPTED
            and last.started_at >= timezone.now() - RESUME_WITHIN
            and last.base_url == self.options.base_url
            and last.options == wanted
        ):
            return last
        return None

    def _done_before(self) -> set[str]:
        """URNs of the providers the stopped run (and any it picked up from) finished."""
        resumed = self.result.resumed
        if resumed is None:
            return set()
        started = resumed.started_at
        seen = {resumed.pk}
        while resumed.resumes_id and resumed.resumes_id not in seen:
            resumed = resumed.resumes
            seen.add(resumed.pk)
            started = min(started, resumed.started_at)
        done = set(OfstedProvider.objects.filter(last_checked__gte=started).values_list("urn", flat=True))
        if done:
            self._note(
                f"picking up from the run started {started:%Y-%m-%d %H:%M}: {len(done)} providers done then"
            )
        return done

    def _save_counts(self) -> None:
        run = self.result.run
        if run is None:
            return
        tally = self.result.tally
        run.providers_total, run.providers_done = self.result.providers_total, self.result.providers_done
        run.found, run.new, run.unchanged = tally.found, tally.new, tally.unchanged
        run.skipped, run.failed = tally.skipped, tally.failed
        run.failures = [{"url": f.url, "reason": f.reason} for f in self.result.failures]
        run.notes = list(self.result.notes)
        run.save()

    def _finish_record(self, status: str, message: str) -> None:
        run = self.result.run
        if run is None:
            return
        self._save_counts()
        run.status, run.message, run.finished_at = status, message, timezone.now()
        run.save(update_fields=["status", "message", "finished_at"])

    def _fail(self, url: str, reason: str) -> None:
        failure = Failure(url, reason)
        self.result.failures.append(failure)
        self.progress.problem(failure.line())

    def _note(self, *lines: str) -> None:
        for line in lines:
            self.result.notes.append(line)
            self.progress.problem(line)


def _unmatched(provider: Provider) -> str:
    return (
        f"NO AUTHORITY for provider {provider.urn} {provider.name!r} ({provider.url}): no authority has "
        "this Ofsted URN or name; not read (an admin can set its authority under Ofsted providers)"
    )


def _would_fetch(match: Match, publication) -> str:
    when = publication.published.isoformat() if publication.published else "date not listed"
    return (
        f"would fetch {publication.url} ({match.authority.name}: {publication.name or 'publication'}, {when})"
    )
