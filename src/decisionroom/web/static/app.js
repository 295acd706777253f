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
})();
