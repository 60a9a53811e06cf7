"""Every page is served with a Content Security Policy that lets only the product's own scripts and
the pinned Chart.js run, and no page needs more: no inline script, event handler or style."""

from bs4 import BeautifulSoup
from django.conf import settings


def policy_of(response) -> dict[str, list[str]]:
    directives = [part.split() for part in response["Content-Security-Policy"].split(";") if part.strip()]
    return {name: values for name, *values in directives}


def page_urls(world):
    return [
        "/",
        "/authorities/",
        "/authorities/westminster/",
        "/authorities/?grade=brilliant",
        f"/visits/{world.focused.pk}/",
        f"/sources/{world.letter.pk}/",
        "/compare/?authority=westminster&authority=wandsworth",
        "/findings/?theme=astrology",
        "/authorities/search/?q=ham",
        "/admin/login/",
        "/no-such-page/",
    ]


def test_every_page_allows_only_its_own_scripts_and_chartjs(world, client):
    for url in page_urls(world):
        response = client.get(url)
        policy = policy_of(response)
        assert policy["script-src"] == ["'self'", settings.CHARTJS_URL], url
        assert policy["style-src"] == ["'self'"], url
        assert policy["object-src"] == ["'none'"] and policy["frame-ancestors"] == ["'none'"], url
        assert "'unsafe-inline'" not in response["Content-Security-Policy"], url
        assert "'unsafe-eval'" not in response["Content-Security-Policy"], url


def test_no_page_has_an_inline_script_handler_or_style(world, client):
    for url in page_urls(world):
        soup = BeautifulSoup(client.get(url).content, "html.parser")
        for script in soup.find_all("script"):
            assert script.get("src") or script.get("type") == "application/json", (url, str(script)[:200])
        for element in soup.find_all(True):
            handlers = [name for name in element.attrs if name.lower().startswith("on")]
            assert not handlers and not element.has_attr("style"), (url, str(element)[:200])
        assert not soup.find("style"), url


def test_the_originals_keep_their_sandbox(world, client):
    response = client.get(f"/sources/{world.letter.pk}/original")
    assert response["Content-Security-Policy"] == "sandbox"


def test_a_self_hosted_chartjs_is_covered_by_self():
    """CHARTJS_URL on this site (a copy for a closed network) needs no source of its own."""
    from tests.test_config import manage

    result = manage(
        "shell", "-c", "from django.conf import settings; print(settings.CONTENT_SECURITY_POLICY)",
        CHARTJS_URL="/static/vendor/chart.umd.js",
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert "'script-src': [\"'self'\"]" in result.stdout
