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


_LOOPBACK = {"127.0.0.1", "localhost", "::1"}


@pytest.fixture(autouse=True)
def no_internet(monkeypatch):
    """No test reaches beyond this machine: a connection to any other host fails at once."""
    import socket

    connect = socket.create_connection

    def local_only(address, *args, **kwargs):
        host = address[0]
        if host not in _LOOPBACK:
            raise OSError(f"tests do not reach the internet (tried {host})")
        return connect(address, *args, **kwargs)

    monkeypatch.setattr(socket, "create_connection", local_only)
