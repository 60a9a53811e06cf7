"""What is the same for everyone, kept in the cache under the data version (inspections/data_version.py)
until the next write: facet counts, a page's body. Never a whole page: the site's header shows who is
signed in, and a form posting to the site carries that visitor's CSRF token."""

from __future__ import annotations

import hashlib
import json
import zlib
from collections.abc import Callable
from typing import TypeVar

from django.core.cache import cache
from django.http import HttpResponseBase
from django.utils.safestring import SafeString, mark_safe

from inspections.data_version import data_version

T = TypeVar("T")


def versioned_key(name: str, *parts) -> str | None:
    """The cache key of `name` for `parts` (anything JSON can say; dates as ISO text) under the data
    version, read now, before the data: one query. None where the database has no version (nothing
    is cached then)."""
    version = data_version()
    if version is None:
        return None
    digest = hashlib.sha256(json.dumps(parts, sort_keys=True, default=str).encode()).hexdigest()
    return f"{name}:{version}:{digest}"


def cached(key: str | None, compute: Callable[[], T]) -> T:
    """compute() from the cache under `key` (a versioned_key()), computed and kept when missing.
    Nothing is kept without a key, nor when compute() answers the request itself (a 400 for a
    wrong address, a redirect): that answer is the asker's own."""
    if key is None:
        return compute()
    value = cache.get(key)
    if value is None:
        value = compute()
        if not isinstance(value, HttpResponseBase):
            cache.set(key, value)
    return value


def packed_html(html: str) -> bytes:
    """Rendered HTML as kept: a page body of 440 KB takes 54 KB (and 1-2 ms) at zlib's fastest."""
    return zlib.compress(html.encode(), 1)


def unpacked_html(packed: bytes) -> SafeString:
    """What packed_html kept, to put in a template as it was rendered."""
    return mark_safe(zlib.decompress(packed).decode())
