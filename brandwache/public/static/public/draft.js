// Keeps what the customer types in this browser tab until the form has been sent: a
// submission the server refuses before it can read it (too large) loses nothing typed.
// sessionStorage only: the draft never leaves the browser and ends with the tab.
(function () {
  "use strict";
  var FIELDS = ["name", "email", "phone", "category", "subject", "text"];
  var cleared = document.querySelector("[data-draft-clear]");
  if (cleared) {
    window.sessionStorage.removeItem(cleared.getAttribute("data-draft-clear"));
    return;
  }
  var form = document.querySelector("form[data-draft-key]");
  if (!form) {
    return;
  }
  var key = form.getAttribute("data-draft-key");
  var saved = {};
  try {
    saved = JSON.parse(window.sessionStorage.getItem(key) || "{}") || {};
  } catch (error) {
    saved = {};
  }
  var restored = false;
  FIELDS.forEach(function (name) {
    var field = form.elements.namedItem(name);
    if (field && !field.value && saved[name]) {
      field.value = saved[name];
      restored = true;
    }
  });
  var notice = document.querySelector("[data-draft-restored]");
  if (restored && notice) {
    notice.hidden = false;
  }
  function save() {
    var draft = {};
    FIELDS.forEach(function (name) {
      var field = form.elements.namedItem(name);
      if (field && field.value) {
        draft[name] = field.value;
      }
    });
    window.sessionStorage.setItem(key, JSON.stringify(draft));
  }
  form.addEventListener("input", save);
  form.addEventListener("change", save);
  form.addEventListener("submit", save);
})();
