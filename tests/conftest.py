import fcntl
import os
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from django.conf import settings

INSPECTIONS = Path(__file__).resolve().parent.parent / "inspections"


@pytest.fixture(scope="session", autouse=True)
def theme_model():
    """The tests' own theme model, learned from the labelled set with the starting themes' keywords
    (what `make run` builds), whatever a developer built in var/. Kept in var/ under a name that
    changes with the labels, the keywords and the code that reads findings and learns, so the SQLite and
    PostgreSQL runs build it once."""
    import hashlib

    from inspections.parsing.classify import ThemeRule
    from inspections.parsing.default_themes import DEFAULT_THEMES
    from inspections.training import build
    from inspections.training.dataset import LABELLED_SET, examples_read
    from inspections.training.store import model_write

    rules = [ThemeRule(t.slug, t.patterns) for t in DEFAULT_THEMES]
    digest = hashlib.sha256()
    for part in (
        LABELLED_SET.read_bytes(),
        repr(rules).encode(),
        *(
            path.read_bytes()
            for folder in ("parsing", "training")
            for path in sorted((INSPECTIONS / folder).glob("*.py"))
        ),
    ):
        digest.update(part)
    path = settings.BASE_DIR / "var" / f"test-theme-model-{digest.hexdigest()[:16]}.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    # The SQLite and PostgreSQL runs start together (scripts/test.sh): one builds, the other waits.
    with open(path.with_suffix(".lock"), "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not path.exists():
            model_write(build.model_build(examples_read(), rules), path)
    settings.THEME_MODEL = path
    os.environ["THEME_MODEL"] = str(path)  # for the commands tests run as processes
    return path


@pytest.fixture
def world(db):
    """The seed documents' situation: Westminster, Wandsworth, Tower Hamlets and their neighbours."""
    from tests.factories import seed_world

    return seed_world()


EDITOR_PASSWORD = "a long passphrase"


@pytest.fixture
def editor(db, django_user_model):
    """An account in the "editor" group (made by a migration), neither staff nor superuser."""
    from inspections.editors import editor_add

    user = django_user_model.objects.create_user("editor", password=EDITOR_PASSWORD)
    editor_add(user)
    return user


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
