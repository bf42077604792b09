"""Reading a whole page in Chromium as a reader would, so its lazy images load."""

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
