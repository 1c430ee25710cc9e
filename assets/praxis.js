/* Praxis progressive enhancement. Every page works without this file; it only adds
 * conveniences: copy buttons for secrets shown once (API tokens, invite links), and a
 * "use my time zone" button next to time-zone fields. Loaded with defer from /static/. */
(function () {
  "use strict";

  /* Buttons with data-copy="ID" copy the text of element ID. They are hidden in the HTML
     (useless without script) and shown here when the Clipboard API is available. */
  function setupCopy() {
    if (!navigator.clipboard) return;
    document.querySelectorAll("button[data-copy]").forEach(function (btn) {
      var target = document.getElementById(btn.getAttribute("data-copy"));
      if (!target) return;
      btn.hidden = false;
      btn.addEventListener("click", function () {
        navigator.clipboard.writeText(target.textContent.trim()).then(function () {
          var label = btn.textContent;
          btn.textContent = "Copied";
          setTimeout(function () { btn.textContent = label; }, 2000);
        });
      });
    });
  }

  /* Inputs with data-timezone-input get a button filling in the browser's time zone. */
  function setupTimezone() {
    var zone;
    try {
      zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    } catch (e) {
      return;
    }
    if (!zone) return;
    document.querySelectorAll("input[data-timezone-input]").forEach(function (input) {
      if (input.value === zone) return;
      var btn = document.createElement("button");
      btn.type = "button";
      btn.className = "button button-small button-secondary";
      btn.textContent = "Use my time zone (" + zone + ")";
      btn.addEventListener("click", function () {
        input.value = zone;
        input.focus();
        btn.remove();
      });
      var wrap = document.createElement("p");
      wrap.className = "hint";
      wrap.appendChild(btn);
      input.insertAdjacentElement("afterend", wrap);
    });
  }

  function init() {
    setupCopy();
    setupTimezone();
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
