"""Browser tests: Debian's Chromium driven by Playwright, on pytest-django's live server.

Every page a test opens is checked: no resource may answer 4xx/5xx (an unstyled page must
fail), and `assert_accessible` runs axe-core on it.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

AXE = Path(__file__).resolve().parents[2] / "build" / "axe.min.js"
SCREENSHOTS = Path(
    os.environ.get(
        "OVERSIGHT_SCREENSHOTS",
        Path(__file__).resolve().parents[2] / "test-artifacts" / "screenshots",
    )
)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    executable = shutil.which("chromium") or shutil.which("chromium-browser")
    if not executable:
        pytest.fail("Debian's chromium is needed for the browser tests: run `make chromium`")
    return {
        **browser_type_launch_args,
        "executable_path": executable,
        "args": [
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-dev-shm-usage",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
        ],
    }


@pytest.fixture
def demo(transactional_db):
    from oversight.demo.load import load_demo

    load_demo()


@pytest.fixture
def app(page, live_server):
    """A page that fails the test on any broken resource, with helpers to sign in and check."""
    failures: list[str] = []

    def on_response(response):
        if response.status >= 400 and not response.url.endswith("favicon.ico"):
            failures.append(f"{response.status} {response.url}")

    page.on("response", on_response)
    page.on("pageerror", lambda exc: failures.append(f"JavaScript error: {exc}"))
    page.set_default_timeout(15_000)
    yield App(page, live_server.url, failures)
    assert not failures, f"Resources failed to load: {failures}"


class App:
    def __init__(self, page, base_url: str, failures: list[str]):
        self.page = page
        self.base_url = base_url
        self.failures = failures

    def goto(self, path: str):
        response = self.page.goto(self.base_url + path)
        assert response is not None and response.status < 400, f"{path}: {response.status}"
        self.check_styled()
        return response

    def check_styled(self):
        font = self.page.evaluate(
            "getComputedStyle(document.querySelector('h1') || document.body).fontFamily"
        )
        assert "arial" in font.lower(), f"page is not styled (font {font})"

    def sign_in(self, username: str, password: str = "demo"):
        self.goto("/account/sign-in/")
        self.page.get_by_label("Username").fill(username)
        self.page.get_by_label("Password", exact=True).fill(password)
        self.page.get_by_role("button", name="Sign in").click()
        self.page.wait_for_load_state()

    def assert_accessible(self, name: str):
        """axe-core finds no violations (WCAG 2.2 AA rules); a screenshot is kept to look at."""
        # evaluate() runs outside the page's Content Security Policy; a script tag would not.
        self.page.evaluate(AXE.read_text(encoding="utf-8") + "\n;true")
        result = self.page.evaluate(
            """() => axe.run(document, {runOnly: {type: 'tag', values:
                ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice']}})"""
        )
        violations = [
            f"{v['id']}: {v['help']} ({len(v['nodes'])} nodes: "
            f"{[n['target'] for n in v['nodes'][:3]]})"
            for v in result["violations"]
        ]
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        self.page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)
        assert not violations, f"axe-core violations on {name}: {violations}"
