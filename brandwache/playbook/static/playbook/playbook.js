// The reply checks follow the draft: a short pause after typing sends the draft to the
// server, which answers with the panel's rows. The server checks again on sending, so
// without JavaScript the page still shows the checks after the first "Send reply".
(function () {
  "use strict";
  var panel = document.querySelector("[data-playbook-check-url]");
  var draft = document.getElementById("id_text");
  if (!panel || !draft || !window.fetch) {
    return;
  }
  var target = panel.querySelector("[data-playbook-checks]");
  var token = draft.form && draft.form.querySelector("input[name=csrfmiddlewaretoken]");
  var url = panel.getAttribute("data-playbook-check-url");
  var sent = draft.value;
  var timer = null;
  var counter = 0;

  function check() {
    var text = draft.value;
    if (text === sent) {
      return;
    }
    sent = text;
    var asked = ++counter;
    var body = new FormData();
    body.append("text", text);
    panel.setAttribute("aria-busy", "true");
    fetch(url, {
      method: "POST",
      body: body,
      headers: { Accept: "application/json", "X-CSRFToken": token ? token.value : "" },
      credentials: "same-origin",
    })
      .then(function (response) {
        if (!response.ok) {
          throw new Error(String(response.status));
        }
        return response.json();
      })
      .then(function (data) {
        // An older answer arriving late must not replace a newer one.
        if (asked === counter && typeof data.html === "string") {
          target.innerHTML = data.html;
          panel.setAttribute("data-playbook-state", "checked");
        }
      })
      .catch(function () {
        sent = null; // try again on the next change
        panel.setAttribute("data-playbook-state", "failed");
      })
      .finally(function () {
        panel.removeAttribute("aria-busy");
      });
  }

  function later() {
    window.clearTimeout(timer);
    timer = window.setTimeout(function () {
      timer = null;
      check();
    }, 400);
  }

  draft.addEventListener("input", later);
  draft.addEventListener("change", later);
  // Text put in by another tool (a suggested answer) fires no input event.
  window.setInterval(function () {
    if (timer === null && draft.value !== sent) {
      check();
    }
  }, 1500);
})();
