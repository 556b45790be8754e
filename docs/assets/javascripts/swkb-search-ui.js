/* Kind buttons for the search results (服务, 岗位, 地区, 文件, 指南, 术语, 比较): real buttons with
 * aria-pressed, reachable with Tab from the search box, each with the number of results of its
 * kind; pressing the chosen kind again shows all. Arrow keys, Home and End move between them.
 * The choice goes to our search worker over a BroadcastChannel; the worker answers the
 * current query again, narrowed, and sends back the counts, with notes on what it did to the
 * query (你是不是要找：原州). Labels and notes are inserted as text. */
(function () {
  "use strict";
  if (typeof BroadcastChannel !== "function") return;
  var channel = new BroadcastChannel("swkb-search");
  var bar = null, chosen = "", note = null;

  function setup() {
    var result = document.querySelector(".md-search-result");
    var meta = result && result.querySelector(".md-search-result__meta");
    var input = document.querySelector("input.md-search__input");
    if (!result || !meta || !input) return;
    bar = document.createElement("div");
    bar.className = "swkb-facets";
    bar.setAttribute("role", "group");
    bar.setAttribute("aria-label", "按类别筛选搜索结果");
    bar.hidden = true;
    meta.insertAdjacentElement("afterend", bar);
    // What search did to the query (corrected a same-sound typo, fell back to one word, read an
    // everyday word): said above the results, as text.
    note = document.createElement("div");
    note.className = "swkb-search-note";
    note.setAttribute("role", "status");
    note.hidden = true;
    meta.insertAdjacentElement("afterend", note);
    // Material closes the search on Tab and sends other keys (Shift too) to the search box;
    // inside the bar these keys belong to the buttons. Arrow up/down still go to the results,
    // Escape still closes, and typing a letter goes back to the search box.
    var OURS = ["Tab", " ", "Enter", "ArrowLeft", "ArrowRight", "Home", "End", "Shift", "Control", "Alt", "Meta"];
    bar.addEventListener("keydown", function (ev) {
      if (OURS.indexOf(ev.key) >= 0) ev.stopPropagation();
      var buttons = visibleButtons();
      var at = buttons.indexOf(document.activeElement);
      if (ev.key === "Tab" && ev.shiftKey && at === 0) { ev.preventDefault(); input.focus(); }
      if (ev.key === "Home" || ev.key === "End") {
        ev.preventDefault();
        buttons[ev.key === "Home" ? 0 : buttons.length - 1].focus();
      }
      if (ev.key === "ArrowRight" || ev.key === "ArrowLeft") {
        ev.preventDefault();
        var next = buttons[(at + (ev.key === "ArrowRight" ? 1 : buttons.length - 1)) % buttons.length];
        if (next) next.focus();
      }
    });
    // Material reads the query on key release only: a paste, voice input or an input method
    // that commits without a key event changes the box and nothing else. Every change of the
    // value is passed on as the release Material listens for (it ignores unchanged values).
    input.addEventListener("input", function () {
      input.dispatchEvent(new KeyboardEvent("keyup", { bubbles: true }));
    });
    input.addEventListener("keydown", function (ev) {
      if (ev.key === "Tab" && !ev.shiftKey && !bar.hidden) {
        var buttons = visibleButtons();
        var target = buttons.filter(function (b) { return b.getAttribute("aria-pressed") === "true"; })[0] || buttons[0];
        if (target) { ev.preventDefault(); ev.stopPropagation(); target.focus(); }
      }
    });
  }

  function visibleButtons() {
    return bar ? Array.prototype.filter.call(bar.querySelectorAll("button"), function (b) { return !b.hidden; }) : [];
  }

  function button(kind, label) {
    var b = document.createElement("button");
    b.type = "button";
    b.className = "swkb-facet";
    b.setAttribute("data-kind", kind);
    b.setAttribute("aria-pressed", "false");
    var name = document.createElement("span");
    name.textContent = label;
    var n = document.createElement("span");
    n.className = "swkb-facet__count";
    b.appendChild(name);
    b.appendChild(document.createTextNode(" "));
    b.appendChild(n);
    b.addEventListener("click", function () {
      chosen = chosen === kind ? "" : kind;  // a pressed kind pressed again shows all kinds
      press();
      channel.postMessage({ type: "facet", kind: chosen });
    });
    bar.appendChild(b);
    return b;
  }

  function press() {
    Array.prototype.forEach.call(bar.querySelectorAll("button"), function (b) {
      b.setAttribute("aria-pressed", b.getAttribute("data-kind") === chosen ? "true" : "false");
    });
  }

  channel.addEventListener("message", function (ev) {
    var data = ev.data || {};
    if (data.type !== "counts" || !bar) return;
    var counts = data.counts || {}, total = 0;
    Object.keys(counts).forEach(function (k) { total += counts[k]; });
    if (!bar.childElementCount) {
      button("", "全部");
      Object.keys(data.kinds || {}).forEach(function (kind) { button(kind, data.kinds[kind]); });
    }
    Array.prototype.forEach.call(bar.querySelectorAll("button"), function (b) {
      var kind = b.getAttribute("data-kind");
      var n = kind ? (Object.prototype.hasOwnProperty.call(counts, kind) ? counts[kind] : 0) : total;
      b.querySelector(".swkb-facet__count").textContent = String(n);
      b.hidden = kind !== "" && n === 0 && kind !== chosen;
    });
    bar.hidden = !data.query || total === 0;
    press();
    if (note) {
      var notes = data.query && Array.isArray(data.notes) ? data.notes : [];
      while (note.firstChild) note.removeChild(note.firstChild);
      notes.forEach(function (text) {
        var line = document.createElement("p");
        line.textContent = String(text);
        note.appendChild(line);
      });
      note.hidden = notes.length === 0;
    }
  });

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", setup);
  else setup();
})();
