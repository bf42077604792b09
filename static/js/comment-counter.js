// "Bạn còn N/500 ký tự": a live count of what is left in the comment box.
// Progressive enhancement only — the server enforces the same rule. The count
// mirrors comments.models.normalize_text (tests run both on the same strings):
// CR LF and lone CR become one line break, other control characters and BOMs
// are dropped, the text is composed to NFC and trimmed, then code points are
// counted. The textarea has no maxlength, so a long paste is never cut: the
// count simply goes negative.
(function () {
  "use strict";

  var CONTROL_CHARACTERS = /[^\P{Cc}\n]|\uFEFF/gu;

  function commentLength(text) {
    var normalized = text
      .replace(/\r\n?/g, "\n")
      .replace(CONTROL_CHARACTERS, "")
      .normalize("NFC")
      .trim();
    return Array.from(normalized).length;
  }

  function connect(form) {
    var textarea = form.querySelector("[data-comment-text]");
    var counter = form.querySelector("[data-comment-counter]");
    if (!textarea || !counter) {
      return;
    }
    var max = Number(counter.dataset.maxLength);
    var min = Number(counter.dataset.minLength);
    function update() {
      var length = commentLength(textarea.value);
      var remaining = max - length;
      counter.textContent = counter.dataset.template
        .replace("{remaining}", String(remaining))
        .replace("{max}", String(max));
      counter.classList.toggle("comment-form__counter--over", remaining < 0);
      counter.classList.toggle("comment-form__counter--short", length > 0 && length < min);
    }
    textarea.addEventListener("input", update);
    update();
  }

  document.querySelectorAll(".comment-form").forEach(connect);
})();
