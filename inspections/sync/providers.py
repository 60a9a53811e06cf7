"""The listing of providers, walked page by page, and each provider matched to an authority."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils import timezone

from authorities.models import Authority

from ..ingest import IngestContext
from ..parsing.ofsted_site import (
    LISTING_ROWS,
    Provider,
    SiteChanged,
    listing_start_check,
    listing_url,
    read_listing,
)
from .client import FetchError, SiteClient
from .models import OfstedProvider

MAX_LISTING_PAGES = 30  # 3,000 providers: far more than England has; a site that pages forever stops here


@dataclass
class Listing:
    providers: list[Provider]
    pages: int
    notes: list[str]


def listing_walk(client: SiteClient, base_url: str) -> Listing:
    """Every provider of the listing, each once. Paged with start/rows until a page links to no
    provider; a page with a `ul.pagination li.next` link is followed by that link instead.
    Raises SiteChanged (the first page links to no provider, or the listing is gone) or FetchError."""
    url, start, pages = listing_url(base_url, 0), 0, 0
    found: dict[str, Provider] = {}
    notes: list[str] = []
    linked = False  # the pages link to each other (the older paging)
    while url and pages < MAX_LISTING_PAGES:
        response = _listing_page(client, url, first=pages == 0)
        page = read_listing(response.body, response.url)
        if pages == 0:
            listing_start_check(page, url)
        pages += 1
        if not page.providers:
            break
        fresh = [provider for provider in page.providers if provider.urn not in found]
        if not fresh:
            notes.append(f"{url}: the listing repeats providers already listed; it is taken to end here")
            break
        found.update((provider.urn, provider) for provider in fresh)
        if page.next_url:
            url, linked = page.next_url, True
        elif linked:
            break
        else:
            start += LISTING_ROWS
            url = listing_url(base_url, start)
    return Listing(list(found.values()), pages, notes)


def _listing_page(client: SiteClient, url: str, *, first: bool):
    try:
        return client.get(url)
    except FetchError as error:
        if first and error.status in (404, 410):
            raise SiteChanged(
                f"{url}: the listing of providers answers HTTP {error.status}: Ofsted's site no longer "
                "matches what sync_ofsted reads"
            ) from None
        raise


@dataclass
class Match:
    provider: Provider
    authority: Authority | None
    how: str  # "urn" | "admin" | "name" | ""


def providers_match(providers: list[Provider], context: IngestContext) -> list[Match]:
    """Each provider's authority: by Ofsted URN, else as an admin set it, else by its name as an
    authority's name or alias (affixes such as "Council" aside). Nothing is guessed: a provider
    none of these finds has no authority."""
    authorities = list(context.authorities.values())
    by_urn = {a.ofsted_urn: a for a in authorities if a.ofsted_urn}
    by_pk = {a.pk: a for a in authorities}
    set_by_admin = dict(
        OfstedProvider.objects.filter(authority__isnull=False).values_list("urn", "authority_id")
    )
    matches = []
    for provider in providers:
        if provider.urn in by_urn:
            matches.append(Match(provider, by_urn[provider.urn], "urn"))
        elif set_by_admin.get(provider.urn) in by_pk:
            matches.append(Match(provider, by_pk[set_by_admin[provider.urn]], "admin"))
        else:
            place = context.gazetteer.resolve(provider.name, exact=True) if provider.name else None
            authority = context.authorities.get(place.ons_code) if place else None
            matches.append(Match(provider, authority, "name" if authority else ""))
    return matches


def providers_record(matches: list[Match]) -> dict[str, OfstedProvider]:
    """Keep what the listing said of each provider; an authority an admin set is not undone."""
    now = timezone.now()
    known = {p.urn: p for p in OfstedProvider.objects.filter(urn__in=[m.provider.urn for m in matches])}
    for match in matches:
        record = known.get(match.provider.urn) or OfstedProvider(urn=match.provider.urn)
        record.name = match.provider.name[:200]
        record.url = match.provider.url[:500]
        record.last_seen = now
        if match.authority is not None:
            record.authority = match.authority
        record.save()
        known[record.urn] = record
    return known


def provider_checked(record: OfstedProvider | None, publications: int) -> None:
    """A provider whose publications have all been handled, for a stopped run to skip."""
    if record is None:
        return
    record.last_checked = timezone.now()
    record.publications = publications
    record.save(update_fields=["last_checked", "publications"])
