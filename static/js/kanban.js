// Kanban drag and drop (native HTML5 events). Dropping a card on a column posts the same
// form the card's "Move to" menu posts, so the server's rules and fragments apply unchanged.
(function () {
  "use strict";

  var dragged = null;

  function csrfToken() {
    try {
      return JSON.parse(document.body.getAttribute("hx-headers") || "{}")["X-CSRFToken"] || "";
    } catch (e) {
      return "";
    }
  }

  function move(card, status) {
    var url = card.getAttribute("data-move-url");
    if (window.htmx) {
      htmx.ajax("POST", url, {
        source: card,
        target: "#board",
        swap: "outerHTML",
        values: { status: status },
        headers: { "X-CSRFToken": csrfToken() },
      });
      return;
    }
    var body = new URLSearchParams({ status: status });
    fetch(url, { method: "POST", body: body, headers: { "X-CSRFToken": csrfToken() }, credentials: "same-origin" })
      .then(function () { window.location.reload(); });
  }

  document.addEventListener("dragstart", function (e) {
    var card = e.target.closest && e.target.closest(".kanban-card");
    if (!card) return;
    dragged = card;
    card.classList.add("dragging");
    e.dataTransfer.effectAllowed = "move";
    e.dataTransfer.setData("text/plain", card.id);
  });

  document.addEventListener("dragend", function () {
    if (dragged) dragged.classList.remove("dragging");
    dragged = null;
    document.querySelectorAll(".drop-target").forEach(function (el) { el.classList.remove("drop-target"); });
  });

  document.addEventListener("dragover", function (e) {
    var column = e.target.closest && e.target.closest(".kanban-col");
    if (!column || !dragged) return;
    e.preventDefault(); // allows the drop
    e.dataTransfer.dropEffect = "move";
    column.classList.add("drop-target");
  });

  document.addEventListener("dragleave", function (e) {
    var column = e.target.closest && e.target.closest(".kanban-col");
    if (column && !column.contains(e.relatedTarget)) column.classList.remove("drop-target");
  });

  document.addEventListener("drop", function (e) {
    var column = e.target.closest && e.target.closest(".kanban-col");
    if (!column || !dragged) return;
    e.preventDefault();
    column.classList.remove("drop-target");
    var status = column.getAttribute("data-status");
    if (status && status !== dragged.getAttribute("data-status")) move(dragged, status);
  });
})();
