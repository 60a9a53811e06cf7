import pytest

from authorities.models import Authority
from authorities.services import load_reference_data
from inspections.ingest.statistics import import_outcomes
from inspections.models import SourceDocument, Visit
from tests.paths import REPO

WORKBOOK = REPO / "sample_data" / "ofsted-la-inspection-outcomes-2025-03-31.ods"


@pytest.fixture(scope="session")
def workbook_bytes() -> bytes:
    return WORKBOOK.read_bytes()


def clear_database() -> None:
    Visit.objects.all().delete()  # judgements, sources' links and disagreements go with them
    SourceDocument.objects.all().delete()
    Authority.objects.all().delete()


@pytest.fixture(scope="module")
def imported(django_db_setup, django_db_blocker, workbook_bytes):
    """The authorities loaded and the real workbook imported once for a whole test module.

    Committed outside the tests' own transactions, so each test (using ``db``) sees it and rolls
    back only its own changes; removed when the module is done.
    """
    with django_db_blocker.unblock():
        clear_database()
        load_reference_data()
        result = import_outcomes(data=workbook_bytes, filename=WORKBOOK.name)
    yield result
    with django_db_blocker.unblock():
        clear_database()
