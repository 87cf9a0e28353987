/* Keeps the SLA countdowns current between page loads.
 *
 * The server renders each countdown with the business time left in seconds
 * (negative: overdue) and how many real seconds the desk stays open from then
 * (data-runs-for). Business time only passes while the desk is open, so the
 * countdown moves one second per second up to that point and then stands
 * still until the next page load. The phrases come translated from the server
 * as data attributes of this script element. Without JavaScript the server's
 * text stays as it is.
 */
(function () {
  "use strict";
  var script = document.currentScript;
  if (!script || window.brandwacheSlaCountdown) {
    return;
  }
  window.brandwacheSlaCountdown = true;
  var phrases = script.dataset;
  var loaded = Date.now();

  function fill(format, values) {
    return format.replace(/%\((\w+)\)[ds]/g, function (match, name) {
      return name in values ? String(values[name]) : match;
    });
  }

  function duration(seconds, roundUp) {
    var total = roundUp ? Math.ceil(seconds / 60) : Math.max(1, Math.floor(seconds / 60));
    var hours = Math.floor(total / 60);
    var minutes = total % 60;
    if (!hours) {
      return fill(phrases.m, { minutes: minutes });
    }
    if (!minutes) {
      return fill(phrases.h, { hours: hours });
    }
    return fill(phrases.hm, { hours: hours, minutes: minutes });
  }

  function refresh() {
    var elapsed = (Date.now() - loaded) / 1000;
    document.querySelectorAll(".sla-countdown[data-seconds]").forEach(function (element) {
      var runsFor = Number(element.dataset.runsFor) || 0;
      var left = Number(element.dataset.seconds) - Math.min(elapsed, runsFor);
      var text = left > 0
        ? fill(phrases.left, { time: duration(left, true) })
        : fill(phrases.over, { time: duration(-left, false) });
      element.textContent = text;
      element.classList.toggle("overdue", left <= 0);
    });
  }

  window.setInterval(refresh, 60 * 1000);
})();
