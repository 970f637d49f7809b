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
    // The compact header on phones: the menu folds behind a button (CSS hides it only once
    // this script has marked the header, so the menu stays usable without JavaScript).
    document.querySelectorAll(".menu-toggle").forEach(function (button) {
      var header = button.closest(".top");
      var nav = document.getElementById(button.getAttribute("aria-controls"));
      if (!header || !nav) { return; }
      header.classList.add("js-menu");
      button.hidden = false;
      button.addEventListener("click", function () {
        var open = nav.classList.toggle("open");
        button.setAttribute("aria-expanded", open ? "true" : "false");
      });
    });
    // "Print" buttons on agendas and certificates.
    document.querySelectorAll("[data-print]").forEach(function (button) {
      button.addEventListener("click", function () { window.print(); });
    });
  });
})();
