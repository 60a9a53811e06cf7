"""A visit's findings grouped for its page: the overview, then each judgement area in the
vocabulary's order, then findings under no area, then the improvement points."""

from __future__ import annotations

from dataclasses import dataclass, field

from inspections.models import Finding
from inspections.vocabulary import Area, Section, area_rank

from .theme_counts import Tally


@dataclass
class FindingGroup(Tally):
    anchor: str = ""
    heading: str = ""
    findings: list[Finding] = field(default_factory=list)


def findings_by_area(findings: list[Finding]) -> list[FindingGroup]:
    """These findings in groups, each keeping document order and counting its polarities; empty
    groups left out. No query."""
    groups: dict[str, FindingGroup] = {}

    def group(key: str, heading: str) -> FindingGroup:
        if key not in groups:
            groups[key] = FindingGroup(anchor=f"findings-{key.replace('_', '-')}", heading=heading)
        return groups[key]

    for finding in findings:
        if finding.section == Section.IMPROVEMENT:
            found = group("improvement", Section.IMPROVEMENT.label)
        elif finding.area:
            found = group(finding.area, Area(finding.area).label)
        elif finding.section == Section.OVERVIEW:
            found = group("overview", Section.OVERVIEW.label)
        else:
            found = group("other", "Findings under no judgement area")
        found.findings.append(finding)
        found.add(finding.polarity, 1)
    order = {"overview": -1, "other": len(Area), "improvement": len(Area) + 1}
    return [
        group
        for key, group in sorted(groups.items(), key=lambda item: order.get(item[0], area_rank(item[0])))
    ]
