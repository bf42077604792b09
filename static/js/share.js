// "Sao chép liên kết": copies the article's address to the clipboard.
// Progressive enhancement only: the button stays hidden where the Clipboard API
// is missing (no JavaScript, an old browser, a page not served securely), and the
// Facebook and Zalo links work without any script.
(function () {
  "use strict";

  function connect(button) {
    var status = button.parentNode.querySelector("[data-share-status]");
    button.hidden = false;
    button.addEventListener("click", function () {
      navigator.clipboard.writeText(button.dataset.shareCopy).then(
        function () {
          status.textContent = status.dataset.copied;
        },
        function () {
          status.textContent = status.dataset.failed;
        }
      );
    });
  }

  if (navigator.clipboard && window.isSecureContext) {
    document.querySelectorAll("[data-share-copy]").forEach(connect);
  }
})();
