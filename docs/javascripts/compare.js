/* Comparison tables: sort by clicking a header (numeric columns by number), filter by province
 * and administrative level. Plain script, no dependencies, works offline and from file://. */
(function () {
  "use strict";

  // A cell's sort key: the number in its .swkb-sort marker, else its text.
  function cellKey(cell) {
    var marker = cell && cell.querySelector(".swkb-sort[data-sort]");
    if (marker) return { num: parseFloat(marker.getAttribute("data-sort")) };
    var text = cell ? cell.textContent.trim() : "";
    var missing = text === "" || text === "—" || cell.querySelector(".swkb-not-stated, .swkb-not-collected") !== null &&
      cell.textContent.replace(/来源未规定|未收集|〔.*?〕|\s/g, "") === "";
    return missing ? { missing: true } : { text: text };
  }

  function compareKeys(a, b, numeric) {
    if (a.missing || b.missing) return (a.missing ? 1 : 0) - (b.missing ? 1 : 0);
    if (numeric) {
      if (a.num === undefined || b.num === undefined) return (a.num === undefined ? 1 : 0) - (b.num === undefined ? 1 : 0);
      return a.num - b.num;
    }
    return (a.text || "").localeCompare(b.text || "", "zh-CN");
  }

  function makeSortable(table) {
    var heads = table.querySelectorAll("thead th");
    heads.forEach(function (th, index) {
      th.setAttribute("tabindex", "0");
      th.classList.add("swkb-sortable");
      function sort() {
        var body = table.tBodies[0];
        var rows = Array.prototype.slice.call(body.rows);
        var numeric = rows.some(function (r) { return r.cells[index] && r.cells[index].querySelector(".swkb-sort"); });
        var ascending = th.getAttribute("aria-sort") !== "ascending";
        heads.forEach(function (h) { h.removeAttribute("aria-sort"); });
        th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
        var keyed = rows.map(function (r, i) { return { row: r, key: cellKey(r.cells[index]), i: i }; });
        keyed.sort(function (x, y) {
          var missingOrder = (x.key.missing ? 1 : 0) - (y.key.missing ? 1 : 0);
          if (missingOrder) return missingOrder;   // empty cells stay last either way
          var c = compareKeys(x.key, y.key, numeric);
          return (ascending ? c : -c) || x.i - y.i;
        });
        keyed.forEach(function (k) { body.appendChild(k.row); });
      }
      th.addEventListener("click", sort);
      th.addEventListener("keydown", function (e) { if (e.key === "Enter" || e.key === " ") { e.preventDefault(); sort(); } });
    });
  }

  function applyFilter(bar) {
    var province = bar.querySelector('[data-filter="province"]').value;
    var level = bar.querySelector('[data-filter="level"]').value;
    var shown = 0;
    document.querySelectorAll(".swkb-group").forEach(function (group) {
      var visibleRows = 0;
      group.querySelectorAll("tbody tr").forEach(function (tr) {
        var marker = tr.querySelector(".swkb-row");
        var ok = !marker || ((!province || marker.getAttribute("data-province") === province) &&
                             (!level || marker.getAttribute("data-level") === level));
        tr.hidden = !ok;
        if (ok) visibleRows++;
      });
      group.hidden = visibleRows === 0;
      shown += visibleRows;
    });
    var count = bar.querySelector(".swkb-filter-count");
    if (count) count.textContent = "显示 " + shown + " 行";
  }

  function init() {
    document.querySelectorAll(".md-typeset table").forEach(function (table) {
      if (table.querySelector(".swkb-row, .swkb-sort")) makeSortable(table);
    });
    var bar = document.querySelector(".swkb-filter");
    if (bar) {
      bar.hidden = false;  // shown only when the script runs: without it, all rows stay visible
      bar.querySelectorAll("select").forEach(function (s) { s.addEventListener("change", function () { applyFilter(bar); }); });
      applyFilter(bar);
    }
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
