/* Comparison tables: one table over all regions, sorted by any column across the whole country,
 * filtered by province and level, with the state in the URL (?province=&level=&region=&sort=).
 *
 * Numeric columns sort by lower bound (下限) or upper bound (上限), read from each cell's data-lo
 * and data-hi: "不超过 3%" has no lower bound, so sorting by 下限 puts it after every real floor
 * rather than ranking it as 3. Empty cells (来源未规定, 未收集) stay last either way.
 *
 * A large catalog's page holds only its first rows (data-src names the file with all of them):
 * the script then sorts and filters all rows and shows them a page at a time. Plain script, no
 * dependencies, works offline and from file://. */
(function () {
  "use strict";
  var SWKB = window.SWKB || {};
  var PAGE_SIZE = 50;

  function cellKey(td) {
    if (!td) return { missing: true };
    var lo = td.getAttribute("data-lo"), hi = td.getAttribute("data-hi");
    var state = td.getAttribute("data-state");
    var missing = state === "not_collected" || state === "not_stated" || (state === "text" && td.textContent.trim() === "—");
    var copy = td.querySelector(".swkb-copy");
    var text = td.textContent.replace(copy ? copy.textContent : "", "").trim();
    return { missing: missing || text === "", lo: lo === null ? null : parseFloat(lo), hi: hi === null ? null : parseFloat(hi), text: text };
  }

  function dataKey(cell) {
    var missing = cell.s === "not_collected" || cell.s === "not_stated" || (cell.s === "text" && (cell.t || "") === "—");
    var text = cell.f ? SWKB.cellText(cell) + " " + SWKB.cellCitations(cell) : (cell.t || "");
    return { missing: missing || text === "", lo: cell.k ? cell.k[0] : null, hi: cell.k ? cell.k[1] : null, text: text };
  }

  // One row of the model: its filter attributes and a key per header column.
  function rowFromTr(tr) {
    var cells = tr.cells, keys = [];
    for (var i = 0; i < cells.length; i++) keys.push(cellKey(cells[i]));
    return { tr: tr, region: tr.getAttribute("data-region"), province: tr.getAttribute("data-province"),
             level: tr.getAttribute("data-level"), keys: keys };
  }

  function rowFromData(row, provinces) {
    var province = SWKB.own(provinces, row.p) ? provinces[row.p] : "";
    var keys = [{ text: row.n }, { text: province }];
    row.c.forEach(function (cell) { keys.push(dataKey(cell)); });
    return { data: row, region: row.r, province: row.p, level: row.l, keys: keys, provinceName: province };
  }

  function compare(a, b, mode) {
    if (a.missing || b.missing) return (a.missing ? 1 : 0) - (b.missing ? 1 : 0);
    if (mode === "lo" || mode === "hi") {
      var x = a[mode], y = b[mode];
      if (x === null || y === null || x === undefined || y === undefined) return (x == null ? 1 : 0) - (y == null ? 1 : 0);
      return x - y;
    }
    return (a.text || "").localeCompare(b.text || "", "zh-CN", { numeric: true });
  }
  function absent(key, mode) {
    return key.missing || ((mode === "lo" || mode === "hi") && (key[mode] === null || key[mode] === undefined));
  }

  function Table(table) {
    this.table = table;
    this.body = table.tBodies[0];
    this.heads = Array.prototype.slice.call(table.tHead.rows[0].cells);
    this.hrefs = SWKB.hrefs(table);
    this.rows = Array.prototype.slice.call(this.body.rows).map(rowFromTr);
    this.lazy = table.hasAttribute("data-src");
    this.page = 0;
    this.sort = null;   // {index, mode, ascending}
    var bar = document.querySelector(".swkb-filter");
    this.bar = bar;
    this.params = new URLSearchParams(window.location.search);
    this.buildSortButtons();
    this.buildFilter();
    if (this.lazy) this.loadAll();
    else this.restore();
  }

  // Sort buttons: numeric columns sort by their bounds (下限, 上限), names and dates as text; a
  // column of statements gets none (sorting sentences by their first character misleads).
  Table.prototype.sortModes = function (th) {
    if (th.hasAttribute("data-numeric")) return [["lo", "下限"], ["hi", "上限"]];
    return th.getAttribute("data-sort") === "text" ? [["text", null]] : [];
  };

  Table.prototype.buildSortButtons = function () {
    var self = this;
    this.heads.forEach(function (th, index) {
      var title = th.textContent.trim();
      var modes = self.sortModes(th);
      if (!modes.length) return;
      th.textContent = "";
      if (modes.length === 2) th.appendChild(SWKB.text("span", title, "swkb-th-title"));
      var group = document.createElement("span");
      group.className = "swkb-sort-buttons";
      modes.forEach(function (pair) {
        var button = SWKB.text("button", pair[1] || title, "swkb-sort-button");
        button.type = "button";
        button.setAttribute("data-mode", pair[0]);
        button.setAttribute("aria-label", pair[1] ? "按" + pair[1] + "排序：" + title : "排序：" + title);
        button.addEventListener("click", function () {
          var same = self.sort && self.sort.index === index && self.sort.mode === pair[0];
          self.sortBy(index, pair[0], same ? !self.sort.ascending : true);
          self.saveState();
        });
        group.appendChild(button);
      });
      th.appendChild(group);
    });
  };

  Table.prototype.buildFilter = function () {
    var self = this, bar = this.bar;
    if (!bar) return;
    bar.hidden = false;  // shown only when the script runs: without it, every row stays visible
    bar.querySelectorAll("select").forEach(function (select) {
      select.addEventListener("change", function () { self.page = 0; self.apply(); self.saveState(); });
    });
    if (this.lazy) {
      var pager = document.createElement("span");
      pager.className = "swkb-pager";
      this.prev = SWKB.text("button", "上一页"); this.prev.type = "button";
      this.next = SWKB.text("button", "下一页"); this.next.type = "button";
      this.pageLabel = SWKB.text("span", "", "swkb-page-label");
      this.prev.addEventListener("click", function () { self.page--; self.apply(); });
      this.next.addEventListener("click", function () { self.page++; self.apply(); });
      pager.appendChild(this.prev); pager.appendChild(this.pageLabel); pager.appendChild(this.next);
      bar.appendChild(pager);
    }
  };

  Table.prototype.loadAll = function () {
    var self = this, src = this.table.getAttribute("data-src");
    var count = this.bar && this.bar.querySelector(".swkb-filter-count");
    if (count) count.textContent = "正在读取全部行…";
    SWKB.loadData(src, "table:" + this.table.getAttribute("data-comparison")).then(function (data) {
      self.columns = data.columns;
      self.rows = data.rows.map(function (row) { return rowFromData(row, data.provinces); });
      var more = document.querySelector('.swkb-more[data-for="' + self.table.id + '"]');
      if (more) more.hidden = true;
      self.restore();
    }, function (error) {
      if (count) count.textContent = error.message + "；本页只列出前几行，完整表格请下载。";
    });
  };

  Table.prototype.sortBy = function (index, mode, ascending) {
    this.sort = { index: index, mode: mode, ascending: ascending };
    this.heads.forEach(function (th, i) {
      th.removeAttribute("aria-sort");
      th.querySelectorAll(".swkb-sort-button").forEach(function (b) {
        var active = i === index && b.getAttribute("data-mode") === mode;
        b.setAttribute("aria-pressed", active ? "true" : "false");
        b.setAttribute("data-arrow", active ? (ascending ? "▲" : "▼") : "");
      });
    });
    this.heads[index].setAttribute("aria-sort", ascending ? "ascending" : "descending");
    var order = this.rows.map(function (row, i) { return { row: row, i: i }; });
    order.sort(function (x, y) {
      var a = x.row.keys[index], b = y.row.keys[index];
      var gone = (absent(a, mode) ? 1 : 0) - (absent(b, mode) ? 1 : 0);
      if (gone) return gone;   // rows without this bound stay last, either direction
      var c = compare(a, b, mode);
      return (ascending ? c : -c) || x.i - y.i;
    });
    this.rows = order.map(function (o) { return o.row; });
    this.page = 0;
    this.apply();
  };

  Table.prototype.visible = function (row) {
    var province = this.bar ? this.bar.querySelector('[data-filter="province"]').value : "";
    var level = this.bar ? this.bar.querySelector('[data-filter="level"]').value : "";
    var region = this.regionRow() ? this.params.get("region") : "";
    return (!province || row.province === province) && (!level || row.level === level) && (!region || row.region === region);
  };

  // The row ?region= names, or null: a region the table does not have filters nothing.
  Table.prototype.regionRow = function () {
    var region = this.params.get("region");
    return region ? this.rows.filter(function (r) { return r.region === region; })[0] || null : null;
  };

  Table.prototype.drawRow = function (row) {
    if (row.tr) return row.tr;
    var data = row.data, tr = document.createElement("tr");
    tr.setAttribute("data-region", data.r); tr.setAttribute("data-province", data.p); tr.setAttribute("data-level", data.l);
    var th = document.createElement("th");
    th.scope = "row";
    var marker = document.createElement("span");
    marker.className = "swkb-row"; marker.id = data.a;
    th.appendChild(marker);
    var link = SWKB.text("a", data.n);
    if (this.hrefs.region) link.href = this.hrefs.region(data.r);
    th.appendChild(link);
    tr.appendChild(th);
    tr.appendChild(SWKB.text("td", row.provinceName));
    var self = this;
    data.c.forEach(function (cell, j) {
      SWKB.fillCell(tr.appendChild(document.createElement("td")), cell, self.hrefs, data.n + " " + self.columns[j].header);
    });
    row.tr = tr;
    return tr;
  };

  Table.prototype.apply = function () {
    var self = this, shown = this.rows.filter(function (row) { return self.visible(row); });
    var count = this.bar && this.bar.querySelector(".swkb-filter-count");
    if (!this.lazy) {
      this.rows.forEach(function (row) { row.tr.hidden = !self.visible(row); self.body.appendChild(row.tr); });
      if (count) count.textContent = "显示 " + shown.length + " 行";
    } else {
      var pages = Math.max(1, Math.ceil(shown.length / PAGE_SIZE));
      this.page = Math.min(Math.max(this.page, 0), pages - 1);
      var slice = shown.slice(this.page * PAGE_SIZE, (this.page + 1) * PAGE_SIZE);
      this.body.textContent = "";
      slice.forEach(function (row) { self.body.appendChild(self.drawRow(row)); });
      this.pageLabel.textContent = "第 " + (this.page + 1) + " / " + pages + " 页";
      this.prev.disabled = this.page === 0;
      this.next.disabled = this.page >= pages - 1;
      if (count) count.textContent = "共 " + shown.length + " 行（全部 " + this.rows.length + " 行）";
    }
    this.showRegionNotice();
  };

  Table.prototype.showRegionNotice = function () {
    var region = this.params.get("region"), self = this;
    var notice = document.querySelector(".swkb-region-only");
    if (!region) { if (notice) notice.remove(); return; }
    if (!notice && this.bar) {
      notice = SWKB.text("p", "", "swkb-region-only");
      var all = SWKB.text("button", "显示全部地区"); all.type = "button";
      all.addEventListener("click", function () { self.params.delete("region"); self.apply(); self.saveState(); });
      var row = this.regionRow();
      notice.appendChild(document.createTextNode(row ? "只显示" + (row.data ? row.data.n : row.keys[0].text) + "的行。"
        : "网址中的地区代码“" + region + "”不在这张表里，显示全部地区。"));
      notice.appendChild(all);
      this.bar.parentNode.insertBefore(notice, this.bar.nextSibling);
    }
  };

  // ?province=&level=&region=&sort=<header index>:<lo|hi|text>:<asc|desc>
  Table.prototype.saveState = function () {
    var params = this.params;
    if (this.bar) {
      ["province", "level"].forEach(function (name) {
        var value = document.querySelector('[data-filter="' + name + '"]').value;
        if (value) params.set(name, value); else params.delete(name);
      });
    }
    if (this.sort) params.set("sort", this.sort.index + ":" + this.sort.mode + ":" + (this.sort.ascending ? "asc" : "desc"));
    var query = params.toString();
    try {
      window.history.replaceState(null, "", window.location.pathname + (query ? "?" + query : "") + window.location.hash);
    } catch (e) { /* file:// in some browsers: the state just is not kept */ }
  };

  Table.prototype.restore = function () {
    var params = this.params, bar = this.bar;
    if (bar) {
      ["province", "level"].forEach(function (name) {
        var select = bar.querySelector('[data-filter="' + name + '"]'), value = params.get(name);
        if (value && select.querySelector('option[value="' + CSS.escape(value) + '"]')) select.value = value;
      });
    }
    var sort = (params.get("sort") || "").split(":");
    var index = parseInt(sort[0], 10);
    var allowed = !isNaN(index) && this.heads[index] ? this.sortModes(this.heads[index]).map(function (m) { return m[0]; }) : [];
    if (allowed.indexOf(sort[1]) >= 0) this.sortBy(index, sort[1], sort[2] !== "desc");
    else this.apply();
  };

  // A timeline wider than the screen (a phone) opens at its busiest years, not at the earliest.
  function focusTimelines() {
    document.querySelectorAll(".swkb-tl-scroll[data-focus]").forEach(function (box) {
      if (box.scrollWidth <= box.clientWidth) return;
      var label = box.querySelector(".swkb-tl-label");
      var focus = parseFloat(box.getAttribute("data-focus")) + (label ? label.offsetWidth : 0);
      box.scrollLeft = Math.max(0, focus - box.clientWidth / 2);
    });
  }

  function init() {
    document.querySelectorAll("table.swkb-compare").forEach(function (table) { table.swkbTable = new Table(table); });
    focusTimelines();
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
