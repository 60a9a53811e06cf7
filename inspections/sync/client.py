"""Fetching from someone else's site politely: one request at a time, a pause between requests, a
timeout on each, bounded retries with backoff on 429 and 5xx, and never more than a set number of
bytes held from one response. The standard library only (urllib.request)."""

from __future__ import annotations

import http.client
import logging
import time
import urllib.error
import urllib.request
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from email.message import Message
from urllib.parse import urlsplit

logger = logging.getLogger(__name__)

RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})
MAX_RETRY_AFTER = 120.0  # seconds: a longer Retry-After is not waited for in full
CHUNK = 64 * 1024


class FetchError(Exception):
    """A page or file could not be fetched; `reason` says why, for a person to read."""

    def __init__(self, url: str, reason: str, status: int | None = None):
        super().__init__(f"{url}: {reason}")
        self.url, self.reason, self.status = url, reason, status


@dataclass
class Response:
    url: str  # after redirects
    status: int
    content_type: str
    body: bytes


@dataclass
class SiteClient:
    """HTTP GETs with the manners a public site expects of a scheduled job."""

    user_agent: str
    delay: float = 1.0  # seconds between the start of one request and the next
    timeout: float = 30.0
    retries: int = 3  # further attempts after a timeout, a dropped connection, 429 or 5xx
    backoff: float = 2.0  # seconds before the first retry, doubled each time
    max_bytes: int = 50 * 1024 * 1024
    sleep: Callable[[float], None] = time.sleep
    _last: float | None = field(default=None, repr=False)

    def get(self, url: str, *, max_bytes: int | None = None) -> Response:
        """The response to a GET, after retries. Raises FetchError."""
        if urlsplit(url).scheme not in ("http", "https"):
            raise FetchError(url, "not a web address (only http and https are fetched)")
        limit = self.max_bytes if max_bytes is None else max_bytes
        attempt = 0
        while True:
            try:
                return self._once(url, limit)
            except _Retryable as error:
                if attempt >= self.retries:
                    raise FetchError(
                        url, f"{error.reason} (gave up after {attempt + 1} attempts)", error.status
                    ) from None
                wait = max(self.backoff * 2**attempt, error.retry_after or 0.0)
                logger.info("%s: %s; retrying in %.1f s", url, error.reason, wait)
                attempt += 1
                self.sleep(min(wait, MAX_RETRY_AFTER))

    def _pause(self) -> None:
        if self._last is not None and self.delay > 0:
            remaining = self.delay - (time.monotonic() - self._last)
            if remaining > 0:
                self.sleep(remaining)
        self._last = time.monotonic()

    def _once(self, url: str, limit: int) -> Response:
        self._pause()
        request = urllib.request.Request(
            url, headers={"User-Agent": self.user_agent, "Accept": "*/*", "Accept-Encoding": "identity"}
        )
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as answer:
                content_type = answer.headers.get("Content-Type", "")
                body = _read_limited(answer, url, limit)
                return Response(answer.geturl(), answer.status, content_type, body)
        except urllib.error.HTTPError as error:
            error.close()
            if error.code in RETRY_STATUSES:
                raise _Retryable(
                    f"HTTP {error.code} {error.reason}", error.code, _retry_after(error.headers)
                ) from None
            raise FetchError(url, f"HTTP {error.code} {error.reason}", error.code) from None
        except TimeoutError:
            raise _Retryable(f"no answer within {self.timeout:g} s") from None
        except urllib.error.URLError as error:
            reason = error.reason
            if isinstance(reason, TimeoutError):
                raise _Retryable(f"no answer within {self.timeout:g} s") from None
            raise _Retryable(f"cannot connect: {reason}") from None
        except (ConnectionError, http.client.HTTPException) as error:
            raise _Retryable(f"connection lost: {error}") from None


class _Retryable(Exception):
    def __init__(self, reason: str, status: int | None = None, retry_after: float | None = None):
        super().__init__(reason)
        self.reason, self.status, self.retry_after = reason, status, retry_after


def _retry_after(headers: Message | None) -> float | None:
    value = headers.get("Retry-After") if headers is not None else None
    try:
        return float(value) if value is not None else None
    except ValueError:
        return None


def _read_limited(answer, url: str, limit: int) -> bytes:
    """The body, read in chunks and inflated as it comes when the site compressed it anyway; past
    `limit` bytes, read or inflated, reading stops and FetchError says so."""
    declared = answer.headers.get("Content-Length")
    if declared and declared.isdigit() and int(declared) > limit:
        raise FetchError(url, f"the file is {int(declared):,} bytes, over the limit of {limit:,} bytes")
    inflater = _inflater(answer.headers.get("Content-Encoding", ""), url)
    chunks, size, read = [], 0, 0
    while True:
        chunk = answer.read(min(CHUNK, limit + 1 - read))
        if not chunk:
            return b"".join(chunks)
        read += len(chunk)
        if read > limit:
            raise FetchError(url, f"the file is over the limit of {limit:,} bytes; reading stopped")
        if inflater is not None:
            chunk = _inflate(inflater, chunk, limit, size, url)
        chunks.append(chunk)
        size += len(chunk)


def _inflater(encoding: str, url: str):
    """A decoder for the body's Content-Encoding (none is asked for, but a site may send gzip)."""
    encoding = encoding.strip().lower()
    if encoding in ("", "identity"):
        return None
    if encoding in ("gzip", "x-gzip", "deflate"):
        return zlib.decompressobj(zlib.MAX_WBITS | 32)  # a gzip or zlib header, whichever it has
    raise FetchError(url, f"the file came in an encoding that is not read ({encoding})")


def _inflate(inflater, chunk: bytes, limit: int, size: int, url: str) -> bytes:
    """The chunk inflated, when the body inflated so far (size) stays within limit."""
    try:
        inflated = inflater.decompress(chunk, limit - size + 1)
    except zlib.error:
        raise FetchError(url, "the compressed file is damaged") from None
    if size + len(inflated) > limit:
        raise FetchError(url, f"the file inflates to over the limit of {limit:,} bytes; reading stopped")
    return inflated
