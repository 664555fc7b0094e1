// factcheck desk: keyboard shortcuts and small conveniences. Every page works without this file.
(function () {
  "use strict";

  function typing(el) {
    if (!el) return false;
    var tag = el.tagName;
    return el.isContentEditable || tag === "INPUT" || tag === "TEXTAREA" || tag === "SELECT";
  }

  // --- unsaved changes: warn before leaving a form that was edited ---------------------------
  var dirty = new Set();
  document.querySelectorAll("form[data-dirty-guard]").forEach(function (form) {
    form.addEventListener("input", function () { dirty.add(form); });
    form.addEventListener("change", function () { dirty.add(form); });
    form.addEventListener("submit", function () { dirty.delete(form); });
  });
  window.addEventListener("beforeunload", function (event) {
    if (dirty.size) { event.preventDefault(); event.returnValue = ""; }
  });

  // --- shortcuts overlay ----------------------------------------------------------------------
  var overlay = document.getElementById("shortcuts");
  function showShortcuts(show) {
    if (!overlay) return;
    overlay.hidden = !show;
    if (show) { var close = overlay.querySelector("[data-close-shortcuts]"); if (close) close.focus(); }
  }
  document.addEventListener("click", function (event) {
    var t = event.target.closest("[data-open-shortcuts]");
    if (t) { event.preventDefault(); showShortcuts(true); return; }
    if (event.target.closest("[data-close-shortcuts]") || event.target === overlay) {
      event.preventDefault(); showShortcuts(false);
    }
  });

  // --- list selection (queue, articles, sources, claims in an article) ------------------------
  var rows = Array.prototype.slice.call(document.querySelectorAll("[data-row]"));
  var current = -1;
  function select(index) {
    if (!rows.length) return;
    index = Math.max(0, Math.min(rows.length - 1, index));
    if (current >= 0) rows[current].classList.remove("selected");
    current = index;
    var row = rows[current];
    row.classList.add("selected");
    row.scrollIntoView({ block: "nearest" });
    var link = row.tagName === "A" ? row : row.querySelector("a");
    if (link) link.focus({ preventScroll: true });
  }
  function openSelected() {
    if (current < 0) return false;
    var row = rows[current];
    var link = row.tagName === "A" ? row : row.querySelector("a");
    if (link) { window.location.href = link.href; return true; }
    return false;
  }

  // --- select all in the queue ----------------------------------------------------------------
  var all = document.querySelector("[data-select-all]");
  if (all) {
    all.addEventListener("change", function () {
      document.querySelectorAll("input[name=ids][form=bulk]").forEach(function (box) {
        box.checked = all.checked;
      });
    });
  }

  var pendingG = false;
  document.addEventListener("keydown", function (event) {
    var el = document.activeElement;
    if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
      var form = el && el.form ? el.form : document.getElementById("assess-form");
      if (form) {
        event.preventDefault();
        var submit = form.querySelector("button[type=submit], input[type=submit]");
        if (form.requestSubmit) form.requestSubmit(submit || undefined); else form.submit();
      }
      return;
    }
    if (event.key === "Escape") {
      if (overlay && !overlay.hidden) { showShortcuts(false); return; }
      if (typing(el)) { el.blur(); }
      return;
    }
    if (typing(el) || event.ctrlKey || event.metaKey || event.altKey) return;

    if (pendingG) {
      pendingG = false;
      if (event.key === "q") { window.location.href = "/claims"; return; }
      if (event.key === "d") { window.location.href = "/"; return; }
    }
    switch (event.key) {
      case "/": {
        var search = document.getElementById("topsearch");
        if (search) { event.preventDefault(); search.focus(); search.select(); }
        break;
      }
      case "?":
        event.preventDefault();
        showShortcuts(overlay ? overlay.hidden : false);
        break;
      case "e": {
        var first = document.querySelector("#assess-form select, #assess-form textarea");
        if (first) {
          event.preventDefault();
          first.focus();
          first.scrollIntoView({ block: "center" });
        }
        break;
      }
      case "g":
        pendingG = true;
        break;
      case "j":
      case "k": {
        var nav = document.querySelector('a[data-key="' + event.key + '"]');
        if (nav) { event.preventDefault(); nav.click(); break; }
        if (rows.length) {
          event.preventDefault();
          select(current < 0 ? 0 : current + (event.key === "j" ? 1 : -1));
        }
        break;
      }
      case "o":
      case "Enter":
        if (openSelected()) event.preventDefault();
        break;
      default:
        break;
    }
  });
})();
