import pytest
from bs4 import BeautifulSoup


@pytest.fixture
def world(db):
    """The seed documents' situation: Westminster, Wandsworth, Tower Hamlets and their neighbours."""
    from tests.factories import seed_world

    return seed_world()


@pytest.fixture
def get_soup(client):
    """GET a page and parse it: get_soup(url, status=200, **headers) -> BeautifulSoup."""

    def get(url, status=200, **headers):
        response = client.get(url, **headers)
        assert response.status_code == status, response.content[:2000]
        return BeautifulSoup(response.content, "html.parser")

    return get
