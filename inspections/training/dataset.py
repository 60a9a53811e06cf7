"""Labelled examples: the set people read (labels/*.jsonl) and the corrections admins made."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

LABELS_DIR = Path(__file__).resolve().parent / "labels"
LABELLED_SET = LABELS_DIR / "findings.jsonl"
SECOND_READING = LABELS_DIR / "second-reading.jsonl"


@dataclass(frozen=True)
class Example:
    id: str
    group: str  # the document it comes from: folds never split a document
    text: str
    section: str
    area: str | None
    themes: tuple[str, ...]
    polarity: str
    labeller: str = ""


@dataclass
class Reading:
    """One person's labels of some examples, by id."""

    themes: dict[str, tuple[str, ...]] = field(default_factory=dict)
    polarity: dict[str, str] = field(default_factory=dict)


def examples_read(path: Path = LABELLED_SET) -> list[Example]:
    examples = []
    with path.open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
                examples.append(
                    Example(
                        id=row["id"],
                        group=row["doc"],
                        text=row["text"],
                        section=row["section"],
                        area=row.get("area"),
                        themes=tuple(sorted(row["themes"])),
                        polarity=row["polarity"],
                        labeller=row.get("labeller", ""),
                    )
                )
            except (ValueError, KeyError, TypeError) as error:
                raise ValueError(f"{path}, line {number}: not a labelled finding ({error})") from None
    return examples


def reading_read(path: Path = SECOND_READING) -> Reading:
    reading = Reading()
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                row = json.loads(line)
                reading.themes[row["id"]] = tuple(sorted(row["themes"]))
                reading.polarity[row["id"]] = row["polarity"]
    return reading


def folds_of(examples: Sequence[Example], k: int) -> list[list[int]]:
    """k folds of example indices, whole documents each, balanced by size (largest first)."""
    groups: dict[str, list[int]] = {}
    for index, example in enumerate(examples):
        groups.setdefault(example.group, []).append(index)
    folds: list[list[int]] = [[] for _ in range(k)]
    for _, members in sorted(groups.items(), key=lambda item: (-len(item[1]), item[0])):
        min(folds, key=len).extend(members)
    return folds
