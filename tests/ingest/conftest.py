import pytest
from django.core.management import call_command

from inspections.ingest import IngestContext, document_ingest
from tests.paths import SEEDS


@pytest.fixture
def reference_data(db):
    call_command("load_authorities", verbosity=0)
    call_command("load_themes", verbosity=0)


@pytest.fixture
def context(reference_data):
    return IngestContext.load()


def ingest_paths(paths, context):
    return [document_ingest(data=p.read_bytes(), filename=p.name, context=context) for p in paths]


@pytest.fixture
def seeds(context):
    """The five seed documents ingested into an empty database, in file-name order."""
    return ingest_paths(sorted(SEEDS.glob("*.txt")), context)
