"""A deployment's backup: a consistent copy of the database, every stored original as a file, and a
manifest (when, which version, the rows per table, each original's sha256) that a restore checks.

SQLite is copied with its online backup API on the live connection (one step, so one consistent
state however the server writes meanwhile); PostgreSQL with `pg_dump` in its custom format, run in
a snapshot this process exports and reads the originals and counts in, so all three agree.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import tomllib
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connections, transaction
from django.db.migrations.loader import MigrationLoader
from django.utils import timezone

MANIFEST = "manifest.json"
ORIGINALS = "originals"
DUMP_FILES = {"sqlite": "database.sqlite3", "postgresql": "database.dump"}
DOCUMENTS_TABLE = "inspections_sourcedocument"


class BackupError(Exception):
    """What stopped a backup or a restore, in one line."""


@dataclass
class Verified:
    documents: int
    rows: int
    tables: int
    unapplied_migrations: int


def backup_write(destination: Path) -> dict:
    """Write the backup into `destination` (absent or an empty folder) and return its manifest."""
    if destination.exists() and (not destination.is_dir() or any(destination.iterdir())):
        raise BackupError(f"{destination}: already exists and is not an empty folder")
    connection = connections[DEFAULT_DB_ALIAS]
    vendor = connection.vendor
    if vendor not in DUMP_FILES:
        raise BackupError(f"cannot back up a {vendor} database: SQLite and PostgreSQL only")
    database_file = destination / DUMP_FILES[vendor]
    tables = sorted(connection.introspection.table_names())
    if DOCUMENTS_TABLE not in tables:
        raise BackupError(
            "the database is not set up (no documents table): nothing to back up; is DATABASE_URL right?"
        )
    created = not destination.exists()
    (destination / ORIGINALS).mkdir(parents=True, exist_ok=True)
    try:
        described = _copy_and_describe(connection, database_file, tables, destination)
    except BaseException:
        _remove_contents(destination, including_itself=created)
        raise
    manifest = {
        "made_at": timezone.now().isoformat(timespec="seconds"),
        "product_version": product_version(),
        "database": {"engine": vendor, "file": database_file.name},
        **described,
    }
    (destination / MANIFEST).write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
    return manifest


def _copy_and_describe(connection, database_file: Path, tables: list[str], destination: Path) -> dict:
    if connection.vendor == "sqlite":
        _sqlite_copy(connection, database_file)
        with closing(sqlite3.connect(database_file)) as copy:
            return _describe(copy.cursor(), copy.cursor(), tables, destination)
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        cursor.execute("SELECT pg_export_snapshot()")
        _pg_dump(connection.settings_dict, database_file, snapshot=cursor.fetchone()[0])
        with connection.chunked_cursor() as streamed:
            return _describe(cursor, streamed, tables, destination)


def _remove_contents(folder: Path, *, including_itself: bool) -> None:
    """What a failed backup wrote, so that no half backup is left to be mistaken for a whole one."""
    if including_itself:
        shutil.rmtree(folder, ignore_errors=True)
        return
    for path in folder.iterdir():
        if path.is_dir():
            shutil.rmtree(path, ignore_errors=True)
        else:
            path.unlink(missing_ok=True)


def _sqlite_copy(connection, target: Path) -> None:
    """One step of the backup API, then the copy made a single self-contained file (no WAL)."""
    connection.ensure_connection()
    with closing(sqlite3.connect(target)) as copy:
        connection.connection.backup(copy)
        copy.execute("PRAGMA journal_mode=DELETE")


def _pg_dump(settings_dict: dict, target: Path, *, snapshot: str) -> None:
    if shutil.which("pg_dump") is None:
        raise BackupError("pg_dump not found on PATH: install PostgreSQL's client tools (postgresql-client)")
    _pg_tool(["pg_dump", "--format=custom", f"--snapshot={snapshot}", f"--file={target}"], settings_dict)


def _pg_tool(command: list[str], settings_dict: dict) -> None:
    environment = {**os.environ, **_pg_environment(settings_dict)}
    result = subprocess.run(command, env=environment, capture_output=True, text=True)
    if result.returncode != 0:
        detail = result.stderr.strip().splitlines()
        raise BackupError(f"{command[0]} failed: {detail[-1] if detail else f'exit {result.returncode}'}")


def _pg_environment(settings_dict: dict) -> dict[str, str]:
    """libpq's variables for Django's connection settings."""
    names = {
        "NAME": "PGDATABASE",
        "USER": "PGUSER",
        "PASSWORD": "PGPASSWORD",
        "HOST": "PGHOST",
        "PORT": "PGPORT",
    }
    return {variable: str(settings_dict[key]) for key, variable in names.items() if settings_dict.get(key)}


def _describe(cursor, streamed, tables: list[str], destination: Path) -> dict:
    """Rows per table, the applied migrations, and each original written to a file with its sha256
    (read through `streamed`, a cursor that holds one row at a time)."""
    counts = {table: _count(cursor, table) for table in tables}
    cursor.execute("SELECT app, name FROM django_migrations ORDER BY app, name")
    migrations = [f"{app}.{name}" for app, name in cursor.fetchall()]
    originals = []
    streamed.execute(f"SELECT filename, original FROM {DOCUMENTS_TABLE} ORDER BY id")
    for filename, original in streamed:
        data = bytes(original)
        sha = hashlib.sha256(data).hexdigest()
        (destination / ORIGINALS / sha).write_bytes(data)
        originals.append({"sha256": sha, "size": len(data), "filename": filename})
    return {"migrations": migrations, "row_counts": counts, "originals": originals}


def _count(cursor, table: str) -> int:
    cursor.execute(f'SELECT COUNT(*) FROM "{table}"')
    return cursor.fetchone()[0]


def product_version() -> str:
    with open(settings.BASE_DIR / "pyproject.toml", "rb") as file:
        return tomllib.load(file)["project"]["version"]


def restore(source: Path, *, force: bool = False) -> Verified:
    """Load the backup in `source` into this deployment's database, then check it against the manifest."""
    manifest = manifest_read(source)
    _originals_check(source, manifest)
    connection = connections[DEFAULT_DB_ALIAS]
    engine = manifest["database"]["engine"]
    if engine != connection.vendor:
        raise BackupError(
            f"{source}: a backup of a {engine} database; this deployment uses {connection.vendor}"
        )
    unknown = set(manifest["migrations"]) - _known_migrations()
    if unknown:
        raise BackupError(f"{source}: made by a newer version (migration {min(unknown)} is unknown here)")
    held = _documents_held(connection)
    if held and not force:
        raise BackupError(
            f"the database already holds {held} documents: restore replaces everything in it; use --force to do so"
        )
    database_file = source / manifest["database"]["file"]
    if engine == "sqlite":
        connection.ensure_connection()
        with closing(sqlite3.connect(database_file)) as backup:
            backup.backup(connection.connection)
    else:
        connection.close()
        _pg_tool(
            ["pg_restore", "--clean", "--if-exists", "--no-owner", "--single-transaction", "--exit-on-error",
             f"--dbname={connection.settings_dict['NAME']}", str(database_file)],
            connection.settings_dict,
        )  # fmt: skip
    connection.close()
    return _verify(connection, manifest, source)


def manifest_read(source: Path) -> dict:
    path = source / MANIFEST
    try:
        manifest = json.loads(path.read_text(encoding="utf-8"))
    except OSError as error:
        raise BackupError(f"{path}: cannot read ({error.strerror})") from None
    except ValueError as error:
        raise BackupError(f"{path}: not JSON ({error})") from None
    missing = {"database", "row_counts", "originals", "migrations"} - set(manifest)
    if missing:
        raise BackupError(f"{path}: not a backup manifest (no {', '.join(sorted(missing))})")
    return manifest


def _originals_check(source: Path, manifest: dict) -> None:
    """Before anything is replaced: every original in the backup is there and whole."""
    for original in manifest["originals"]:
        path = source / ORIGINALS / original["sha256"]
        try:
            data = path.read_bytes()
        except OSError as error:
            raise BackupError(f"{path}: cannot read ({error.strerror}); the backup is incomplete") from None
        if hashlib.sha256(data).hexdigest() != original["sha256"]:
            raise BackupError(f"{path}: its sha256 does not match the manifest; the backup is damaged")


def _known_migrations() -> set[str]:
    return {f"{app}.{name}" for app, name in MigrationLoader(None, ignore_no_migrations=True).disk_migrations}


def _documents_held(connection) -> int:
    if DOCUMENTS_TABLE not in connection.introspection.table_names():
        return 0
    with connection.cursor() as cursor:
        return _count(cursor, DOCUMENTS_TABLE)


def _verify(connection, manifest: dict, source: Path) -> Verified:
    """The restored database has the manifest's rows in every table and every original, byte for byte."""
    with connection.cursor() as cursor:
        for table, expected in manifest["row_counts"].items():
            found = _count(cursor, table)
            if found != expected:
                raise BackupError(
                    f"{source}: restored {table} has {found} rows, the manifest says {expected}"
                )
    with connection.chunked_cursor() as streamed:
        streamed.execute(f"SELECT original FROM {DOCUMENTS_TABLE}")
        restored = sorted(hashlib.sha256(bytes(original)).hexdigest() for (original,) in streamed)
    if restored != sorted(original["sha256"] for original in manifest["originals"]):
        raise BackupError(f"{source}: the restored originals do not match the manifest's sha256s")
    applied = set(manifest["migrations"])
    return Verified(
        documents=len(restored),
        rows=sum(manifest["row_counts"].values()),
        tables=len(manifest["row_counts"]),
        unapplied_migrations=len(_known_migrations() - applied),
    )
