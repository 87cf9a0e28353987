// "Insert" on a suggested answer: ask the server for the text with its placeholders
// filled (which also records the choice), then put it into the reply box for editing.
// Without JavaScript the same form opens a page with the text in a reply form.
(function () {
  "use strict";
  var panel = document.getElementById("suggested-answers");
  var reply = document.getElementById("id_text");
  if (!panel || !reply || !window.fetch) {
    return;
  }
  var status = panel.querySelector(".suggestion-status");

  function say(text) {
    if (status) {
      status.textContent = text;
    }
  }

  function insert(text) {
    var current = reply.value.trim();
    reply.value = current ? current + "\n\n" + text : text;
    reply.focus();
    reply.setSelectionRange(reply.value.length, reply.value.length);
    reply.scrollIntoView({ block: "center" });
  }

  panel.querySelectorAll("form.suggestion-insert").forEach(function (form) {
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var button = form.querySelector("button");
      button.disabled = true;
      fetch(form.action, {
        method: "POST",
        body: new FormData(form),
        headers: { Accept: "application/json" },
        credentials: "same-origin",
      })
        .then(function (response) {
          return response.json().then(function (data) {
            if (!response.ok || typeof data.text !== "string") {
              throw new Error(data.error || panel.dataset.failed);
            }
            insert(data.text);
            say(panel.dataset.inserted);
          });
        })
        .catch(function (error) {
          // A page that is no JSON (a login page, a server error) says nothing useful here.
          say(error instanceof SyntaxError ? panel.dataset.failed : error.message || panel.dataset.failed);
        })
        .finally(function () {
          button.disabled = false;
        });
    });
  });
})();
