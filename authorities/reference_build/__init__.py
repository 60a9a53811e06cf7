"""Build the project's cleaned reference data of English local authorities from the shared sources.

Pure functions (no database): they read the shared files (paths given), return plain records and write CSV files.
No database. `python manage.py build_reference_data` runs them; tests check their output.

Sources (see data/README.md for their licences):
- ``ofsted-provider-lookup.csv``: one row per authority (156, some abolished): codes, region, type,
  population aged 0-25, other names.
- ``dfe-statistical-neighbours-2025.csv``: DfE's ten nearest authorities each, by old LA code.
- ``ofsted-la-inspection-outcomes-2025-03-31.ods``: Ofsted's list of all 153 authorities (sheet
  ``Inspections_as_at_31_March``), the check of which lookup rows are current, and Ofsted's
  everyday names; sheet ``ILACS_inspection_history`` names the authorities that "no longer exist".
"""

from .clean import build_reference, check_unique, clean_neighbours, clean_reference
from .names import clean_region, collect_aliases, name_key, split_also_known_as
from .records import NeighbourLink, ReferenceBuildError, ReferenceData
from .sources import read_csv
from .writing import write_reference

__all__ = [
    "NeighbourLink",
    "ReferenceBuildError",
    "ReferenceData",
    "build_reference",
    "check_unique",
    "clean_neighbours",
    "clean_reference",
    "clean_region",
    "collect_aliases",
    "name_key",
    "read_csv",
    "split_also_known_as",
    "write_reference",
]
