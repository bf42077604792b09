"""axe-core (from npm, pinned in package.json) run inside a Playwright page."""

from pathlib import Path

from .conftest import missing_part

AXE_JS = Path(__file__).resolve().parents[1] / "node_modules" / "axe-core" / "axe.min.js"


def axe_violations(page, *, only_tags=None):
    """Every axe rule (WCAG A/AA and best practices) the page breaks, as readable lines.

    The script is evaluated through the DevTools protocol rather than added as a
    <script> tag, so the site's Content-Security-Policy stays fully in force.
    """
    if not AXE_JS.exists():
        missing_part("axe-core: `npm ci` (run by `make test`) installs it into node_modules/")
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.evaluate(AXE_JS.read_text(encoding="utf-8"))
    options = {"resultTypes": ["violations"]}
    if only_tags:
        options["runOnly"] = {"type": "tag", "values": only_tags}
    result = page.evaluate("options => axe.run(document, options)", options)
    return [
        f"{violation['id']} ({violation['impact']}): {violation['help']} — "
        + ", ".join(" ".join(node["target"]) for node in violation["nodes"])
        for violation in result["violations"]
    ]
