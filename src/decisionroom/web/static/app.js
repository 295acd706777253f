// decisionroom pages: small behaviours shared by every page (no inline script: CSP).
"use strict";
(function () {
  // The workspace switcher submits on change; its button stays for keyboard users.
  document.querySelectorAll("select[data-autosubmit]").forEach(function (el) {
    el.addEventListener("change", function () { el.form.submit(); });
  });
  // Copy buttons: data-copy names the input whose value is copied.
  document.querySelectorAll("[data-copy]").forEach(function (button) {
    button.addEventListener("click", function () {
      var input = document.getElementById(button.getAttribute("data-copy"));
      input.select();
      var done = function () { button.textContent = "Copied"; };
      if (navigator.clipboard) { navigator.clipboard.writeText(input.value).then(done, done); }
      else { document.execCommand("copy"); done(); }
    });
  });
  // Board: drag a card onto another stage's column (the Move form stays for keyboard users).
  document.addEventListener("dragstart", function (e) {
    var card = e.target.closest && e.target.closest(".dcard[draggable]");
    if (card) { e.dataTransfer.setData("text/plain", card.id); }
  });
  document.addEventListener("dragover", function (e) {
    if (e.target.closest && e.target.closest(".column[data-stage]")) { e.preventDefault(); }
  });
  document.addEventListener("drop", function (e) {
    var column = e.target.closest && e.target.closest(".column[data-stage]");
    var card = column && document.getElementById(e.dataTransfer.getData("text/plain"));
    if (!card) { return; }
    e.preventDefault();
    var form = card.querySelector("form.move");
    form.querySelector("select[name=stage]").value = column.getAttribute("data-stage");
    form.requestSubmit();
  });
})();
