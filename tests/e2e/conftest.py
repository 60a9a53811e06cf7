"""Browser tests: Playwright (sync API) driving Debian's Chromium against pytest-django's live_server.

No network is used: the Chart.js CDN request is answered from node_modules, and axe-core is
added to a page from node_modules, as a script of the page's own site (AXE_PATH) so that the
Content Security Policy lets it run. A failing test leaves a screenshot in test-artifacts/.
"""

import os
import re
from pathlib import Path
from urllib.parse import urljoin

import pytest
from django.conf import settings

REPO = Path(__file__).resolve().parents[2]
CHARTJS = REPO / "node_modules" / "chart.js" / "dist" / "chart.umd.js"
AXE = REPO / "node_modules" / "axe-core" / "axe.min.js"
AXE_PATH = "/__tests__/axe.min.js"
ARTIFACTS = REPO / "test-artifacts"
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
ASYNC_UNSAFE = "DJANGO_ALLOW_ASYNC_UNSAFE"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.hookimpl(tryfirst=True, hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    setattr(item, f"report_{report.when}", report)


@pytest.fixture(scope="package")
def browser():
    """Chromium, for the browser tests of this package only.

    Playwright's sync API keeps an event loop running in this thread, so Django would refuse the
    tests' own synchronous ORM calls (factories, the database flush between tests): they are
    allowed while the browser runs, and the variable is removed afterwards so that it cannot leak
    into other tests (`check --deploy` rightly refuses it)."""
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        pytest.fail(
            f"Chromium is not installed at {CHROMIUM}: `make browser` installs it (apt-get install chromium)."
        )
    for path in (CHARTJS, AXE):
        if not path.exists():
            pytest.fail(f"{path} is missing: run `npm ci`.")
    previous = os.environ.get(ASYNC_UNSAFE)
    os.environ[ASYNC_UNSAFE] = "true"
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            yield browser
            browser.close()
    finally:
        if previous is None:
            os.environ.pop(ASYNC_UNSAFE, None)
        else:
            os.environ[ASYNC_UNSAFE] = previous


@pytest.fixture
def page(browser, live_server, request):
    """A fresh page whose base URL is the live server; console errors are collected in page.errors."""
    context = browser.new_context(
        base_url=live_server.url, accept_downloads=True, viewport={"width": 1280, "height": 900}
    )
    context.set_default_timeout(10_000)
    # Nothing may leave the machine (Playwright tries the routes added last first).
    context.route(re.compile(r"^https?://(?!localhost|127\.0\.0\.1)"), lambda route: route.abort())
    chartjs = CHARTJS.read_bytes()
    context.route(
        settings.CHARTJS_URL,
        lambda route: route.fulfill(
            status=200,
            body=chartjs,
            content_type="application/javascript; charset=utf-8",
            headers={"Access-Control-Allow-Origin": "*"},
        ),
    )
    axe = AXE.read_bytes()
    context.route(
        f"{live_server.url}{AXE_PATH}",
        lambda route: route.fulfill(status=200, body=axe, content_type="application/javascript"),
    )
    page = context.new_page()
    page.errors = []
    page.on("pageerror", lambda error: page.errors.append(str(error)))
    page.on("console", lambda message: message.type == "error" and page.errors.append(message.text))
    yield page
    report = getattr(request.node, "report_call", None)
    if report is not None and report.failed:
        ARTIFACTS.mkdir(exist_ok=True)
        name = re.sub(r"[^\w.-]+", "_", request.node.nodeid)
        page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)
    context.close()


def assert_accessible(page, *, context: str = "") -> None:
    """axe-core finds no violations on the page as it stands."""
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.add_script_tag(url=urljoin(page.url, AXE_PATH))
    violations = page.evaluate(
        """async () => {
            const results = await axe.run(document, {resultTypes: ["violations"]});
            return results.violations.map(v => `${v.id} (${v.impact}): ${v.help} at ${
                v.nodes.slice(0, 3).map(n => n.target.join(" ")).join("; ")}`);
        }"""
    )
    assert violations == [], f"axe-core on {context or page.url}:\n" + "\n".join(violations)


@pytest.fixture
def accessible():
    return assert_accessible


@pytest.fixture
def live_world(transactional_db):
    """The seed documents' situation, committed so that the live server's thread sees it."""
    from tests.factories import seed_world

    return seed_world()


@pytest.fixture
def admin_user(transactional_db, django_user_model):
    """An administrator ("editor", "a long passphrase") with the authorities and themes loaded."""
    from django.core.management import call_command

    call_command("load_authorities", verbosity=0)
    call_command("load_themes", verbosity=0)
    return django_user_model.objects.create_user(
        "editor", password="a long passphrase", is_staff=True, is_superuser=True
    )
