import pytest

pytestmark = pytest.mark.e2e


def test_home_page_opens_and_passes_axe(page, accessible):
    page.goto("/")
    assert page.locator("h1").inner_text() == "Children’s services inspection outcomes in England"
    assert page.locator(".govuk-service-navigation").is_visible()
    accessible(page)
    # The font is Arial, not GDS Transport, and there is no crown.
    font = page.evaluate("() => getComputedStyle(document.querySelector('h1')).fontFamily")
    assert font.lower().startswith("arial")
    assert page.locator(".govuk-header__logotype, svg.govuk-logo").count() == 0
    assert page.errors == []


def test_admin_login_page_opens_and_passes_axe(page, accessible):
    page.goto("/admin/login/")
    assert page.locator("input[name=username]").is_visible()
    assert page.locator("input[name=password]").is_visible()
    accessible(page)
