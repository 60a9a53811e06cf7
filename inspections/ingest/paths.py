"""The documents named on a command line: files, and the documents inside folders, with every path
that could not be followed or read said, not skipped in silence."""

from __future__ import annotations

import errno
import os
from dataclasses import dataclass, field
from pathlib import Path

SUFFIXES = {".txt", ".text", ".html", ".htm", ".pdf"}


@dataclass(frozen=True)
class Unreadable:
    path: Path
    problem: str


@dataclass
class DocumentPaths:
    files: list[Path] = field(default_factory=list)
    unreadable: list[Unreadable] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)


def document_paths(names: list[str]) -> DocumentPaths:
    """Each named file as it is; each named folder's documents (by suffix), in name order, following
    links to files and folders but not round a loop."""
    found = DocumentPaths()
    for name in names:
        path = Path(name)
        if path.is_dir():
            _walk(path, found, ancestors=frozenset())
        elif path.is_file():
            found.files.append(path)
        elif path.is_symlink():
            found.unreadable.append(_broken_link(path))
        else:
            found.missing.append(name)
    return found


def stored_name(path: Path) -> str:
    """The file's name as text a database takes: bytes that are not UTF-8 become U+FFFD."""
    return os.fsencode(path.name).decode("utf-8", errors="replace")


def _walk(folder: Path, found: DocumentPaths, ancestors: frozenset) -> None:
    try:
        identity = _identity(folder)
        with os.scandir(folder) as scan:
            entries = sorted(scan, key=lambda entry: entry.name)
    except OSError as error:
        found.unreadable.append(Unreadable(folder, f"cannot read this folder ({error.strerror})"))
        return
    ancestors = ancestors | {identity}
    for entry in entries:
        path = Path(entry.path)
        try:
            if entry.is_dir():
                if _identity(path) in ancestors:
                    found.unreadable.append(Unreadable(path, f"a link loop (back to {os.readlink(path)})"))
                else:
                    _walk(path, found, ancestors)
            elif entry.is_file():
                if path.suffix.lower() in SUFFIXES:
                    found.files.append(path)
            elif entry.is_symlink():
                found.unreadable.append(_broken_link(path))
        except OSError as error:
            problem = (
                _broken_link(path)
                if entry.is_symlink()
                else Unreadable(path, f"cannot read ({error.strerror})")
            )
            found.unreadable.append(problem)


def _identity(path: Path) -> tuple[int, int]:
    status = path.stat()
    return status.st_dev, status.st_ino


def _broken_link(path: Path) -> Unreadable:
    try:
        path.stat()
    except OSError as error:
        if error.errno == errno.ELOOP:
            return Unreadable(path, "a link loop (it leads back to itself)")
        if error.errno == errno.ENOENT:
            return Unreadable(path, f"a link to {os.readlink(path)}, which does not exist")
        return Unreadable(path, f"cannot follow this link ({error.strerror})")
    return Unreadable(path, "neither a file nor a folder")
