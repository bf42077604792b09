// The project's Vietnamese slug rule in the browser, the same as
// articles/slugs.py's vietnamese_slugify: "đ"/"Đ" (and the look-alike "Ð") become
// "d", the text is decomposed (NFKD) so tones and marks fall away, anything left
// outside ASCII is dropped, then Django's slugify rules apply. The admin's
// prepopulated slug fields call the global URLify (admin/js/urlify.js), which
// turns "ư"/"ơ" into nothing and "đ" into "dj"; this file replaces it.
// tests/test_slug_rule.py checks both sides against tests/data/slug_titles.txt.
(function () {
  "use strict";
  const D_WITH_STROKE = /[đĐÐ]/g;
  const NOT_ASCII = /[^\x00-\x7f]/g;
  // Python's \s on ASCII text also matches the separators \x1c-\x1f.
  const NOT_WORD = /[^A-Za-z0-9_\t\n\v\f\r\x1c-\x1f -]/g;
  const SEPARATORS = /[\t\n\v\f\r\x1c-\x1f -]+/g;

  function vietnameseSlugify(text, maxLength) {
    let value = String(text)
      .replace(D_WITH_STROKE, function (letter) {
        return letter === "đ" ? "d" : "D";
      })
      .normalize("NFKD")
      .replace(NOT_ASCII, "")
      .toLowerCase()
      .replace(NOT_WORD, "")
      .replace(SEPARATORS, "-")
      .replace(/^[-_]+|[-_]+$/g, "");
    if (maxLength) value = value.slice(0, maxLength);
    return value.replace(/^-+|-+$/g, "");
  }

  window.vietnameseSlugify = vietnameseSlugify;
  // prepopulate.js calls URLify(text, maxLength, allowUnicode) at each keystroke.
  window.URLify = function (text, maxLength) {
    return vietnameseSlugify(text, maxLength);
  };
})();
