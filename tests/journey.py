"""What every page of a browser journey must pass, in one place (`check_page`).

Journeys (tests/test_newsroom_journeys.py, tests/test_role_crawl_browser.py)
watch each browser context with `Watch` and call `check_page()` on every page
they open. A check that every page should pass (an English UI string, say)
belongs in `check_page()`.
"""

from pathlib import Path

from .english_ui import english_ui_strings

SCREENSHOTS = Path(__file__).resolve().parents[1] / "test-artifacts" / "journeys"
PASSWORD = "mat-khau-thu-nghiem-123"
# The body editor's figure button; its tooltip may be translated, its icon name is not.
FIGURE_BUTTON = "button.material-icons:text-is('image')"


class Watch:
    """Console errors and failed responses of every page of a browser context."""

    def __init__(self, context):
        self.problems = []
        context.on("page", self.attach)
        for page in context.pages:
            self.attach(page)

    def attach(self, page):
        page.on("console", self._console)
        page.on("pageerror", lambda error: self.problems.append(f"page error: {error}"))
        page.on("response", self._response)

    def _console(self, message):
        if message.type == "error":
            self.problems.append(f"console error: {message.text} ({message.location})")

    def _response(self, response):
        if response.status >= 400:
            self.problems.append(f"{response.status} {response.request.method} {response.url}")


def check_page(page, watch, name):
    """Every page of a journey: no console error, no 4xx/5xx since the last check, no
    English UI string, a screenshot."""
    page.wait_for_load_state("load")
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SCREENSHOTS / f"{name}.png", full_page=True)
    problems, watch.problems[:] = list(watch.problems), []
    problems += [f"English UI string: {text!r}" for text in english_ui_strings(page)]
    assert problems == [], f"{name} ({page.url}):\n" + "\n".join(problems)
