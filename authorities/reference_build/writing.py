"""Writing the cleaned reference data as the CSV files in authorities/data/."""

from __future__ import annotations

import csv
from collections.abc import Iterable
from pathlib import Path

from authorities.reference import AUTHORITY_COLUMNS, PREDECESSOR_COLUMNS, authority_record

from .records import ReferenceData

NEIGHBOUR_COLUMNS = ["ons_code", "name", "rank", "neighbour_ons_code", "neighbour_name", "closeness"]


def _write(path: Path, columns: list[str], records: Iterable[dict[str, object]]) -> None:
    with open(path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=columns, lineterminator="\n", extrasaction="ignore")
        writer.writeheader()
        writer.writerows(records)


def write_reference(data: ReferenceData, out_dir: Path) -> list[Path]:
    """Write authorities.csv, predecessors.csv and statistical_neighbours.csv; return their paths."""
    out_dir.mkdir(parents=True, exist_ok=True)
    paths = [
        out_dir / "authorities.csv",
        out_dir / "predecessors.csv",
        out_dir / "statistical_neighbours.csv",
    ]
    _write(paths[0], AUTHORITY_COLUMNS, (authority_record(a) for a in data.authorities))
    _write(paths[1], PREDECESSOR_COLUMNS, (authority_record(a) for a in data.predecessors))
    _write(paths[2], NEIGHBOUR_COLUMNS, (vars(link) for link in data.neighbours))
    return paths
