"""What the build produces: the cleaned authorities (as the loader reads them back), neighbours,
and the corrections it made on the way."""

from __future__ import annotations

from dataclasses import dataclass, field

from authorities.reference import AuthorityRow


class ReferenceBuildError(Exception):
    """The sources contradict each other in a way the cleaning rules do not settle."""


@dataclass(frozen=True)
class NeighbourLink:
    ons_code: str
    name: str
    rank: int
    neighbour_ons_code: str
    neighbour_name: str
    closeness: str


@dataclass
class ReferenceData:
    authorities: list[AuthorityRow]  # the current ones, by name
    predecessors: list[AuthorityRow]
    neighbours: list[NeighbourLink]
    corrections: list[str] = field(default_factory=list)
