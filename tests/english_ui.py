"""Find English UI text on an admin page: `english_ui_strings(page)`.

A page's visible text (text node by text node), its `title`,
`aria-label`, `placeholder`, `alt` and button values are matched against the
English message ids of Django's catalogs (core, admin, auth, contenttypes, the
admin's JavaScript), of Select2 (the admin's autocomplete) and the rich-text
editor's own strings (django-prose-editor, read from its source map so an
upgrade brings its new strings). A string matches when it is such a message as a
whole, placeholders standing for any text: "Select bài viết to change" matches
"Select %s to change". Text typed by staff (form values, the editor's content)
is not UI and is skipped.
"""

import functools
import json
import re
from pathlib import Path

import django
import django_prose_editor

DJANGO = Path(django.__file__).parent
CATALOGS = [
    DJANGO / "conf" / "locale" / "en" / "LC_MESSAGES" / "django.po",
    DJANGO / "contrib" / "admin" / "locale" / "en" / "LC_MESSAGES" / "django.po",
    DJANGO / "contrib" / "admin" / "locale" / "en" / "LC_MESSAGES" / "djangojs.po",
    DJANGO / "contrib" / "auth" / "locale" / "en" / "LC_MESSAGES" / "django.po",
    DJANGO / "contrib" / "contenttypes" / "locale" / "en" / "LC_MESSAGES" / "django.po",
]
SELECT2_ENGLISH = (
    DJANGO / "contrib/admin/static/admin/js/vendor/select2/i18n/en.js"  # the fallback
)
PROSE_EDITOR_MAP = (
    Path(django_prose_editor.__file__).parent / "static/django_prose_editor/editor.js.map"
)
# The same word in Vietnamese newsrooms, or a name.
SAME_IN_VIETNAMESE = {"email", "url", "id", "html", "ip", "sapo", "django", "ok"}

_PLACEHOLDER = re.compile(r"%\([^)]+\)[sdr]|%[sdr]|\{[a-z_]*\}")
_PO_STRING = re.compile(r'^(msgid|msgid_plural) "(.*)"$|^"(.*)"$|^\S')


def _po_msgids(path):
    """Every msgid and msgid_plural of a .po file (continuation lines joined)."""
    ids, current = [], None
    for line in path.read_text(encoding="utf-8").splitlines():
        match = _PO_STRING.match(line)
        if not match:
            continue
        if match.group(1):
            current = [match.group(2)]
            ids.append(current)
        elif match.group(3) is not None and current is not None:
            current.append(match.group(3))
        else:
            current = None
    return ["".join(parts).replace('\\"', '"').replace("\\n", " ") for parts in ids]


def _prose_editor_strings():
    """The editor's English: gettext() calls, button titles and option labels."""
    sources = json.loads(PROSE_EDITOR_MAP.read_text())
    strings = []
    for name, text in zip(sources["sources"], sources["sourcesContent"], strict=True):
        if "node_modules" in name or not text:
            continue
        strings += re.findall(r'gettext\("([^"]+)"\)', text)
        strings += re.findall(r'buttons\.\w+\(\s*"[^"]*",\s*"([^"]+)"', text)
        strings += re.findall(r'textContent: "([^"]+)"', text)
        strings += re.findall(r'title: "([^"]+)"', text)
    # Built from a template literal in menu.js: `Heading ${level}`, `heading ${level}`.
    strings += ["Heading %s", "heading %s"]
    return strings


def _select2_strings():
    return re.findall(r'return"([^"]+)"', SELECT2_ENGLISH.read_text())


@functools.cache
def english_patterns():
    """One compiled regex per English message that could reach a page."""
    messages = {m for catalog in CATALOGS for m in _po_msgids(catalog)}
    messages |= set(_prose_editor_strings()) | set(_select2_strings())
    patterns = []
    for message in sorted(messages):
        text = " ".join(re.sub(r"<[^>]+>", "", message).split())
        literal = _PLACEHOLDER.sub(" ", text)
        # "%s KB" would match any text ending in "KB": a message needs a real word.
        if not re.search(r"[A-Za-z]{3,}", literal) or text.lower() in SAME_IN_VIETNAMESE:
            continue
        pieces = _PLACEHOLDER.split(text)
        holes = [r"[\d.,]+" if hole.endswith("d") else ".+?" for hole in _PLACEHOLDER.findall(text)]
        regex = re.escape(pieces[0]) + "".join(
            hole + re.escape(piece) for hole, piece in zip(holes, pieces[1:], strict=True)
        )
        patterns.append(re.compile(regex, flags=re.IGNORECASE))
    return patterns


# Runs in the page: what a person can read or hear, minus what staff typed.
_COLLECT_UI_TEXT = """() => {
  const typed = (el) => el.closest(".ProseMirror, textarea, script, style, template");
  // Material Icons draw a glyph from a ligature ("format_bold"): not words.
  const icon = (el) => el.closest(".material-icons");
  const out = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const node = walker.currentNode;
    const parent = node.parentElement;
    if (!parent || typed(parent) || icon(parent) || !parent.getClientRects().length) continue;
    out.push(node.textContent);
  }
  for (const el of document.querySelectorAll("[title], [aria-label], [placeholder], [alt]")) {
    if (typed(el) && !el.matches("textarea")) continue;
    for (const name of ["title", "aria-label", "placeholder", "alt"]) {
      if (el.hasAttribute(name)) out.push(el.getAttribute(name));
    }
  }
  for (const el of document.querySelectorAll(
    "input[type=submit], input[type=button], input[type=reset]"
  )) out.push(el.value);
  for (const el of document.querySelectorAll("option")) out.push(el.textContent);
  out.push(document.title);
  return out;
}"""


def english_ui_strings(page):
    """The English UI strings on `page` (a Playwright page), each once, in page order."""
    found = []
    for raw in page.evaluate(_COLLECT_UI_TEXT):
        text = " ".join(raw.split())
        if text and text not in found and is_english_ui(text):
            found.append(text)
    return found


def is_english_ui(text):
    return any(pattern.fullmatch(text) for pattern in english_patterns())
