"""What no source says: everyday spellings and the reorganisations since 2013."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

# Everyday spellings that none of the sources gives, by ONS code. Names the sources give (ONS,
# DfE, Ofsted, the lookup's also_known_as) are added automatically, with "&"/"and" variants.
EXTRA_ALIASES: dict[str, tuple[str, ...]] = {
    "E09000033": ("City of Westminster", "Westminster City Council"),
    "E06000023": ("City of Bristol", "Bristol City Council"),
    "E06000010": ("Hull", "City of Kingston upon Hull", "Hull City Council"),
    "E06000058": ("BCP", "BCP Council"),
    "E06000047": ("County Durham", "Durham County Council"),
    "E06000019": ("County of Herefordshire", "Herefordshire Council"),
    "E09000020": ("Royal Borough of Kensington and Chelsea", "RBKC"),
    "E06000040": ("Royal Borough of Windsor and Maidenhead", "RBWM"),
    "E09000021": ("Royal Borough of Kingston upon Thames",),
    "E09000011": ("Royal Borough of Greenwich",),
    "E06000022": ("BANES", "B&NES"),
    "E06000033": ("Southend",),
    "E06000011": ("East Riding",),
    "E06000053": ("Council of the Isles of Scilly",),
    "E09000001": ("City of London Corporation", "Corporation of London"),
    "E08000013": ("Saint Helens",),
    "E06000055": ("Bedford Borough Council",),
    "E08000021": ("Newcastle",),
}


@dataclass(frozen=True)
class BoundaryChange:
    """An authority abolished in a reorganisation, with the authorities that took over its area."""

    ons_code: str
    name: str
    la_code: str
    region: str
    abolished: date  # the day the successors took over
    successors: tuple[str, ...]  # ONS codes
    aliases: tuple[str, ...] = ()


# Reorganisations since Ofsted's single inspection framework (2013). Not in any one source: the
# lookup keeps rows for Cumbria, Northamptonshire and Poole, Ofsted's history sheet has Bournemouth,
# and the old Dorset county appears in neither. Named so that no name is shared with a current
# authority ("Dorset" is the unitary authority of 2019).
PREDECESSORS: tuple[BoundaryChange, ...] = (
    BoundaryChange(
        "E10000006",
        "Cumbria",
        "909",
        "North West",
        date(2023, 4, 1),
        ("E06000063", "E06000064"),
        ("Cumbria County Council",),
    ),
    BoundaryChange(
        "E10000021",
        "Northamptonshire",
        "928",
        "East Midlands",
        date(2021, 4, 1),
        ("E06000061", "E06000062"),
        ("Northamptonshire County Council",),
    ),
    BoundaryChange(
        "E10000009",
        "Dorset County Council",
        "835",
        "South West",
        date(2019, 4, 1),
        ("E06000059", "E06000058"),
    ),
    BoundaryChange(
        "E06000028",
        "Bournemouth",
        "837",
        "South West",
        date(2019, 4, 1),
        ("E06000058",),
        ("Bournemouth Borough Council",),
    ),
    BoundaryChange(
        "E06000029",
        "Poole",
        "836",
        "South West",
        date(2019, 4, 1),
        ("E06000058",),
        ("Borough of Poole", "Poole Borough Council"),
    ),
)
