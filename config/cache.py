"""The cache backend: Django's database cache, which never keeps a page waiting for a writer."""

from contextlib import contextmanager

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.db import DatabaseCache
from django.db import DatabaseError, connections, router


class DatabaseCacheThatDoesNotWait(DatabaseCache):
    """A page that reads or fills the cache while another transaction writes the database (on
    SQLite one writer at a time: an ingest storing a document) neither waits for it nor fails: a
    read that must write (an expired entry's deletion) is a miss, a write is skipped, at once,
    rather than after the connection's 20-second timeout or as a 500. Django's own backend already
    gives up a failed insert silently, but waits first, and not when it culls."""

    @contextmanager
    def _without_waiting(self):
        connection = connections[router.db_for_write(self.cache_model_class)]
        if connection.vendor != "sqlite":
            yield
            return
        connection.ensure_connection()
        raw = connection.connection  # the driver's own connection: a setting, not a query to count
        (waited,) = raw.execute("PRAGMA busy_timeout").fetchone()
        raw.execute("PRAGMA busy_timeout = 0")
        try:
            yield
        finally:
            raw.execute(f"PRAGMA busy_timeout = {int(waited)}")

    def get_many(self, keys, version=None):
        try:
            with self._without_waiting():
                return super().get_many(keys, version=version)
        except DatabaseError:
            return {}

    def _base_set(self, mode, key, value, timeout=DEFAULT_TIMEOUT):
        try:
            with self._without_waiting():
                return super()._base_set(mode, key, value, timeout)
        except DatabaseError:
            return False
