import io

import pytest
from django.core.management import CommandError, call_command

from tests.paths import CORPUS, SEEDS
from tests.sync.standin import Reply, StandIn, listing_page, provider_page

WESTMINSTER_LETTER = next(SEEDS.glob("001_*"))
KINGSTON_2025 = CORPUS / "80545_kingston-upon-thames_2025-01-29.pdf"
KNOWSLEY_2025 = CORPUS / "80479_knowsley_2025-01-20.pdf"
KNOWSLEY_2014 = CORPUS / "80479_knowsley_2014-06-30.pdf"
IMPOSTOR = CORPUS / "80429_birmingham_2012-10-19.pdf"  # an HTML "Report not found" page


@pytest.fixture
def standin(settings):
    """The stand-in site, with the settings pointing at it and no pauses."""
    site = StandIn().start()
    settings.OFSTED_REPORTS_URL = site.base_url
    settings.OFSTED_REQUEST_DELAY = 0
    settings.OFSTED_RETRY_BACKOFF = 0
    settings.OFSTED_REQUEST_TIMEOUT = 5
    yield site
    site.stop()


@pytest.fixture
def reference_data(db):
    call_command("load_authorities", verbosity=0)
    call_command("load_themes", verbosity=0)


class Site:
    """The usual stand-in: two pages of providers. Westminster (relative link) with its 2018
    focused-visit letter; Kingston upon Thames (an absolute link, on another host name) with its
    2025 report; Tower Hamlets with nothing published; a provider no authority matches; then on the
    second page Knowsley with two reports (2025, relative; 2014, absolute)."""

    def __init__(self, standin: StandIn):
        self.standin = standin
        self.pages = {
            "80519": ("Westminster City Council", [("/v1/file/1001", "Focused visit - 31 August 2018, txt")]),
            "80545": (
                "Royal Borough of Kingston upon Thames",
                [
                    (
                        standin.url("/v1/file/2001", host="localhost"),
                        "Children's services inspection - 29 January 2025, pdf",
                    )
                ],
            ),
            "80516": ("London Borough of Tower Hamlets", []),
            "99999": ("Ofsted Test Children's Trust", []),
            "80479": (
                "Knowsley Metropolitan Borough Council",
                [
                    ("/v1/file/3001", "Children's services inspection - 20 January 2025, pdf"),
                    (standin.url("/v1/file/3002"), "Children's services inspection - 30 June 2014, pdf"),
                ],
            ),
        }
        standin.document("/v1/file/1001", WESTMINSTER_LETTER.read_bytes(), "text/plain")
        standin.document("/v1/file/2001", KINGSTON_2025.read_bytes())
        standin.document("/v1/file/3001", KNOWSLEY_2025.read_bytes())
        standin.document("/v1/file/3002", KNOWSLEY_2014.read_bytes())
        self.first_page = [
            ("/provider/44/80519", "Westminster City Council"),
            (standin.url("/provider/44/80545", host="localhost"), "Royal Borough of Kingston upon Thames"),
            ("/provider/44/80516", "London Borough of Tower Hamlets"),
            ("/provider/44/99999", "Ofsted Test Children's Trust"),
        ]
        self.second_page = [("/provider/44/80479", "Knowsley Metropolitan Borough Council")]
        self.publish()

    def publish(self) -> None:
        for urn, (name, publications) in self.pages.items():
            self.standin.route(f"/provider/44/{urn}", Reply(provider_page(name, publications)))
        self.standin.listing(listing_page(self.first_page), listing_page(self.second_page))

    def add(self, urn: str, publication: tuple[str, str]) -> None:
        self.pages[urn][1].insert(0, publication)
        self.publish()


@pytest.fixture
def site(standin):
    return Site(standin)


class Run:
    def __init__(self, code: int, out: str, err: str):
        self.code, self.out, self.err = code, out, err

    @property
    def lines(self) -> list[str]:
        return (self.out + self.err).splitlines()


def run_sync(*args) -> Run:
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command("sync_ofsted", *args, stdout=out, stderr=err)
        code = 0
    except CommandError as error:
        err.write(f"{error}\n")
        code = error.returncode
    return Run(code, out.getvalue(), err.getvalue())
