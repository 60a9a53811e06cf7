"""Addresses on Ofsted's reports site, and how the sync introduces itself to it."""

from __future__ import annotations

from urllib.parse import urlencode, urljoin

from django.conf import settings

from .models import OfstedProvider

PRODUCT = "ofsted-outcomes/0.1"

# The category segment of a local authority's provider page (`provider/<category>/<URN>`). The
# sync reads each page's address from the listing and never relies on this; it only makes a link
# for an authority no sync has found yet. Public scrapers of the site link local authorities'
# children's services as provider/44/<URN> (e.g. provider/44/80429, Birmingham); not checked
# against the live site from here.
LOCAL_AUTHORITY_CATEGORY = "44"


def user_agent() -> str:
    """Browser-like, naming the product and where its operator can be reached."""
    return f"Mozilla/5.0 (compatible; {PRODUCT}; +{settings.OFSTED_SYNC_CONTACT})"


def ofsted_page_url(authority, provider: OfstedProvider | None = None) -> str:
    """The authority's page on Ofsted's reports site: the page a sync found for it, else the one its
    URN makes; without a URN, a search of the site for its name."""
    base = settings.OFSTED_REPORTS_URL
    if provider is not None and provider.url:
        return provider.url
    if authority.ofsted_urn:
        return urljoin(base, f"provider/{LOCAL_AUTHORITY_CATEGORY}/{authority.ofsted_urn}")
    return urljoin(base, "search?" + urlencode({"q": authority.name}))
