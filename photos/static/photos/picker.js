// The article editor's "Browse..." popup: hand the chosen library photo back to
// django-prose-editor's figure dialog (it speaks the CKEditor file-browser
// protocol: window.opener.CKEDITOR.tools.callFunction(funcNum, url, data)).
(function () {
  "use strict";
  const funcNum = new URLSearchParams(window.location.search).get("CKEditorFuncNum");
  const tools = window.opener && window.opener.CKEDITOR && window.opener.CKEDITOR.tools;
  const connected = Boolean(funcNum && tools);
  const hint = document.querySelector("[data-photo-picker-hint]");
  if (hint) hint.hidden = connected;
  document.querySelectorAll("[data-photo-id]").forEach(function (button) {
    button.hidden = !connected;
    button.addEventListener("click", function () {
      const data = button.dataset;
      let caption = data.caption;
      if (data.credit) caption = caption ? caption + " (Ảnh: " + data.credit + ")" : "Ảnh: " + data.credit;
      tools.callFunction(Number(funcNum), data.url, {
        id: data.photoId,
        alternative_text: data.alt,
        caption: caption,
      });
      window.close();
    });
  });
})();
