// Lintas' own behaviour, kept out of the templates so the Content-Security-Policy can forbid
// inline scripts and event handlers (docs/security.md, "Production profile").
(function () {
  "use strict";
  function ready(fn) {
    if (document.readyState !== "loading") { fn(); } else { document.addEventListener("DOMContentLoaded", fn); }
  }
  ready(function () {
    // The language menu switches as soon as a language is chosen (the button is for no-JS).
    document.querySelectorAll("select[data-autosubmit]").forEach(function (select) {
      select.addEventListener("change", function () { select.form.submit(); });
    });
    // "Print" buttons on agendas and certificates.
    document.querySelectorAll("[data-print]").forEach(function (button) {
      button.addEventListener("click", function () { window.print(); });
    });
  });
})();
