"""The Django admin for authorities."""

import pytest
from django.urls import reverse

from authorities.services import load_reference_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def authorities():
    load_reference_data()


def test_changelist_lists_and_filters(admin_client, authorities):
    url = reverse("admin:authorities_authority_changelist")
    page = admin_client.get(url)
    assert page.status_code == 200
    assert page.context["cl"].result_count == 158
    for column in ("ONS code", "Region", "Authority type", "Ofsted URN"):
        assert column in page.content.decode()
    page = admin_client.get(url, {"region": "London", "status": "current"})
    assert page.context["cl"].result_count == 33
    page = admin_client.get(url, {"authority_type": "county", "status": "abolished"})
    names = {a.name for a in page.context["cl"].result_list}
    assert names == {"Cumbria", "Northamptonshire", "Dorset County Council"}


def test_search_by_alias_and_code(admin_client, authorities):
    url = reverse("admin:authorities_authority_changelist")
    page = admin_client.get(url, {"q": "City of Westminster"})
    assert [a.name for a in page.context["cl"].result_list] == ["Westminster"]
    page = admin_client.get(url, {"q": "E06000023"})
    assert [a.name for a in page.context["cl"].result_list] == ["Bristol"]
    page = admin_client.get(url, {"q": "80519"})  # Westminster's Ofsted URN
    assert [a.name for a in page.context["cl"].result_list] == ["Westminster"]


def test_change_page_shows_aliases_and_neighbours(admin_client, authorities):
    from authorities.models import Authority

    westminster = Authority.objects.get(name="Westminster")
    page = admin_client.get(reverse("admin:authorities_authority_change", args=[westminster.pk]))
    assert page.status_code == 200
    text = page.content.decode()
    assert "City of Westminster" in text
    assert "Kensington and Chelsea" in text
    assert "Statistical neighbours (DfE 2025 model)" in text


def test_change_page_of_a_successor_names_its_predecessor(admin_client, authorities):
    from authorities.models import Authority

    cumberland = Authority.objects.get(name="Cumberland")
    page = admin_client.get(reverse("admin:authorities_authority_change", args=[cumberland.pk]))
    assert "Cumbria" in page.content.decode()
