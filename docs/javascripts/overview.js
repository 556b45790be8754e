/* 全国概览 (compare/overview/): the table sorts by its header buttons, and the tile map downloads
 * as a standalone SVG of the figures shown. The 各格显示 switch itself is CSS (:has), so the
 * page reads the same without this script; the script only adds the buttons. */
(function () {
  "use strict";

  function key(row, index) {
    var cell = row.children[index];
    if (!cell) return null;
    var k = cell.getAttribute("data-key");
    if (k === null) return cell.textContent.trim();
    return k === "" ? null : Number(k);
  }

  function sortable(table) {
    var heads = Array.prototype.slice.call(table.tHead.rows[0].cells);
    var body = table.tBodies[0];
    heads.forEach(function (th, index) {
      if (!th.hasAttribute("data-sort")) return;
      var title = th.textContent;
      var group = document.createElement("span");
      group.className = "swkb-sort-buttons";
      var button = document.createElement("button");
      button.type = "button";
      button.className = "swkb-sort-button";
      button.textContent = title;
      button.setAttribute("aria-pressed", "false");
      button.setAttribute("data-arrow", "");
      th.textContent = "";
      group.appendChild(button);
      th.appendChild(group);
      button.addEventListener("click", function () {
        var ascending = th.getAttribute("aria-sort") !== "ascending";
        heads.forEach(function (other) {
          other.removeAttribute("aria-sort");
          var b = other.querySelector(".swkb-sort-button");
          if (b) { b.setAttribute("aria-pressed", "false"); b.setAttribute("data-arrow", ""); }
        });
        th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
        button.setAttribute("aria-pressed", "true");
        button.setAttribute("data-arrow", ascending ? "▲" : "▼");
        var rows = Array.prototype.slice.call(body.rows).map(function (row, i) { return { row: row, i: i, k: key(row, index) }; });
        rows.sort(function (x, y) {
          var gone = (x.k === null ? 1 : 0) - (y.k === null ? 1 : 0);
          if (gone) return gone;  // 未收集 and 未写明 stay last, either direction
          var c = typeof x.k === "number" ? x.k - y.k : String(x.k).localeCompare(String(y.k), "zh-CN");
          return (ascending ? c : -c) || x.i - y.i;
        });
        rows.forEach(function (r) { body.appendChild(r.row); });
      });
    });
  }

  function shownMode(root) {
    var checked = root.querySelector('input[name="swkb-ov-show"]:checked');
    return checked ? checked.value : "coverage";
  }

  /* The map with only the shown mode's figures, and no page classes it would need styles for. */
  function standalone(svg, mode) {
    var copy = svg.cloneNode(true);
    copy.querySelectorAll(".v").forEach(function (g) {
      if (!g.classList.contains("v-" + mode)) g.parentNode.removeChild(g);
    });
    copy.querySelectorAll(".swkb-tile-ring").forEach(function (r) { r.parentNode.removeChild(r); });
    copy.setAttribute("xmlns", "http://www.w3.org/2000/svg");
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + new XMLSerializer().serializeToString(copy);
  }

  function downloads(root) {
    var svg = root.querySelector("svg.swkb-tilemap");
    var actions = root.querySelector(".swkb-ov-actions");
    var button = root.querySelector(".swkb-ov-download");
    if (!svg || !actions || !button) return;
    actions.hidden = false;
    button.addEventListener("click", function () {
      var mode = shownMode(root);
      var label = root.querySelector('input[name="swkb-ov-show"][value="' + mode + '"]');
      var name = button.getAttribute("data-filename") + "-" + (label ? label.parentNode.textContent.trim() : mode) + ".svg";
      var url = URL.createObjectURL(new Blob([standalone(svg, mode)], { type: "image/svg+xml" }));
      var link = document.createElement("a");
      link.href = url;
      link.download = name;
      document.body.appendChild(link);
      link.click();
      document.body.removeChild(link);
      setTimeout(function () { URL.revokeObjectURL(url); }, 10000);
    });
  }

  function init() {
    var root = document.querySelector(".swkb-overview");
    if (!root) return;
    document.querySelectorAll("table.swkb-ov-table").forEach(sortable);
    downloads(root);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
