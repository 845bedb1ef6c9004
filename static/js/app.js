// Small progressive enhancements; every page works without them.
(function () {
  "use strict";

  if (window.htmx) {
    // Fragments answering 400/409/422/429 explain the problem in place (form errors,
    // "already applied", "try again later"); other errors stay unswapped and raise a toast.
    htmx.config.responseHandling = [
      { code: "204", swap: false },
      { code: "[23]..", swap: true },
      { code: "40[09]", swap: true },
      { code: "42[29]", swap: true },
      { code: "[45]..", swap: false, error: true },
    ];
  }

  function toast(message, level) {
    var box = document.getElementById("toasts");
    if (!box) return;
    var el = document.createElement("div");
    el.className = "toast toast-" + (level || "info");
    el.setAttribute("data-autodismiss", "");
    el.textContent = message;
    box.appendChild(el);
    arm(el);
  }

  function arm(el) {
    if (el.dataset.armed) return;
    el.dataset.armed = "1";
    setTimeout(function () { el.classList.add("leaving"); }, 5000);
    setTimeout(function () { el.remove(); }, 5600);
    el.addEventListener("click", function () { el.remove(); });
  }

  function armAll() {
    document.querySelectorAll("[data-autodismiss]").forEach(arm);
  }

  document.addEventListener("DOMContentLoaded", armAll);
  document.addEventListener("htmx:afterSettle", armAll);
  document.addEventListener("htmx:oobAfterSwap", armAll);

  // Views announce side effects with HX-Trigger: {"toast": "Saved."}
  document.addEventListener("DOMContentLoaded", function () {
    document.body.addEventListener("toast", function (e) {
      var msg = e.detail && (e.detail.value || e.detail.message);
      if (msg) toast(msg, e.detail.level || "success");
    });
  });

  document.addEventListener("htmx:responseError", function (e) {
    toast("That did not work (" + e.detail.xhr.status + "). Please try again.", "error");
  });
  document.addEventListener("htmx:sendError", function () {
    toast("Cannot reach the server. Check your connection.", "error");
  });

  // "/" focuses the page's search box, unless the user is typing somewhere.
  document.addEventListener("keydown", function (e) {
    if (e.key !== "/" || e.ctrlKey || e.metaKey || e.altKey) return;
    var t = e.target;
    if (t && (t.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName))) return;
    var search = document.querySelector("[data-search-focus]");
    if (search) { e.preventDefault(); search.focus(); }
  });
})();
