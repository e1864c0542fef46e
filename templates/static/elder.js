// 长者模式: larger text and spacing, higher contrast, bigger targets,
// remembered on this device. Loaded in <head> (not deferred) so that the
// page is drawn in the reader's mode from the start; the button in the
// header is shown once this script runs (without it the mode cannot be
// switched, and nothing else depends on it) — by the class "js" on <html>,
// set here, the one script in every page's head: what the deferred scripts
// enable (this button, an agency page's date form) is laid out from the
// first paint, and nothing moves when they unhide it.
(function () {
  var key = "portal-elder", root = document.documentElement;
  function on() { try { return localStorage.getItem(key) === "1"; } catch (e) { return false; } }
  root.classList.add("js");
  if (on()) root.classList.add("elder");
  document.addEventListener("DOMContentLoaded", function () {
    var b = document.querySelector(".elder-toggle");
    if (!b) return;
    b.hidden = false;
    b.setAttribute("aria-pressed", on() ? "true" : "false");
    b.addEventListener("click", function () {
      var next = !root.classList.contains("elder");
      root.classList.toggle("elder", next);
      b.setAttribute("aria-pressed", next ? "true" : "false");
      try { localStorage.setItem(key, next ? "1" : "0"); } catch (e) {}
    });
  });
})();
