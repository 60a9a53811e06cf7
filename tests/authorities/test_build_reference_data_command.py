"""The build_reference_data command writes the cleaned files from the shared sources."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from authorities.reference import DATA_DIR
from tests.paths import REFERENCE


def test_command_writes_the_committed_files(tmp_path):
    out = StringIO()
    call_command("build_reference_data", source=REFERENCE, out=tmp_path, stdout=out)
    assert "Wrote 153 authorities, 5 predecessors and 1530 statistical neighbour links" in out.getvalue()
    for name in ("authorities.csv", "predecessors.csv", "statistical_neighbours.csv"):
        assert (tmp_path / name).read_bytes() == (DATA_DIR / name).read_bytes(), name


def test_command_lists_corrections_when_verbose(tmp_path):
    out = StringIO()
    call_command("build_reference_data", source=REFERENCE, out=tmp_path, stdout=out, verbosity=2)
    assert "Gloucestershire (E10000013): region code E12000003" in out.getvalue()


def test_command_refuses_a_missing_source(tmp_path):
    with pytest.raises(CommandError, match="no such folder"):
        call_command("build_reference_data", source=tmp_path / "nowhere", out=tmp_path, stdout=StringIO())
