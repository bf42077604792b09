// Cached pages are the same for every reader, so their forms carry no CSRF
// token. When such a form is submitted, fetch a token from an uncached URL,
// add it, and submit again. Without JavaScript (or if the fetch fails) the
// server shows a one-click confirmation page instead.
(function () {
  "use strict";
  var script = document.currentScript;
  var url = script && script.dataset.csrfUrl;
  if (!url || !window.fetch) {
    return;
  }
  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (event.defaultPrevented || form.method !== "post" || form.dataset.csrfReady) {
      return;
    }
    var field = form.querySelector('input[name="csrfmiddlewaretoken"]');
    if (field && field.value) {
      return;
    }
    event.preventDefault();
    var submitter = event.submitter;
    fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (response) {
        return response.ok ? response.json() : Promise.reject(response.status);
      })
      .then(function (data) {
        if (!field) {
          field = document.createElement("input");
          field.type = "hidden";
          field.name = "csrfmiddlewaretoken";
          form.appendChild(field);
        }
        field.value = data.token;
      })
      .catch(function () {})
      .then(function () {
        form.dataset.csrfReady = "1";
        if (form.requestSubmit) {
          form.requestSubmit(submitter);
        } else {
          form.submit();
        }
      });
  });
})();
