"""Reading a whole page in Chromium as a reader would, so its lazy images load; what
every reader page must pass at the phone and desktop widths, with its screenshot."""

from pathlib import Path

from .axe import axe_violations

SCREENSHOTS = Path(__file__).resolve().parents[1] / "test-artifacts" / "screenshots"
SCREENS = {375: {"width": 375, "height": 812}, 1280: {"width": 1280, "height": 900}}
SCROLL_AND_PAINT = "y => new Promise(done => { scrollTo(0, y); requestAnimationFrame(done); })"
INCOMPLETE_IMAGES = "[...document.images].filter(image => !image.complete).map(image => image.src)"


def open_whole_page(page, url):
    """Load `url`, scroll to its end (which may move as images load) and back to the top,
    then wait until every image has loaded or failed."""
    page.goto(url)
    y = 0
    while y < page.evaluate("document.documentElement.scrollHeight"):
        page.evaluate(SCROLL_AND_PAINT, y)
        y += 600
    try:
        page.wait_for_function(f"() => ({INCOMPLETE_IMAGES}).length === 0", timeout=60_000)
    except Exception as error:
        raise AssertionError(f"images still loading: {page.evaluate(INCOMPLETE_IMAGES)}") from error
    page.evaluate(SCROLL_AND_PAINT, 0)


def assert_fits_passes_axe_and_screenshot(page, name):
    """No horizontal overflow, no axe violation; the full page saved as `<name>.png`."""
    overflow = page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow == 0
    assert axe_violations(page) == []
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SCREENSHOTS / f"{name}.png", full_page=True)
