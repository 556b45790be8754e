/* The side-by-side page (compare/regions/): pick any regions by name, pinyin or initials, or by
 * province and level; they appear one column each, one row per item, grouped by topic, and rows
 * where the chosen regions differ are marked with the word 不同 (not by colour alone). The
 * choice lives in the URL (?ids=changshu,zhuolu,yuanzhou). Data comes from the files made at
 * build time (swkb.publish.browserdata); catalog text goes in with textContent only.
 *
 * Region ids come from the URL, so every lookup by id is in a Map (a plain object would find
 * "constructor" or "__proto__" on its prototype); ids the catalog does not have are dropped, and
 * the page says which, as it says when more than MAX were asked for. */
(function () {
  "use strict";
  var SWKB = window.SWKB;
  var picker = document.querySelector(".swkb-picker");
  if (!picker || !SWKB) return;
  var MAX = 12;
  var hrefs = SWKB.hrefs(picker);
  var index = null, byId = new Map(), chosen = [], cells = new Map();
  var side = document.getElementById("swkb-side");
  var $ = function (id) { return document.getElementById(id); };

  function regionSrc(id) { return picker.getAttribute("data-region-data").replace("swkb-id", encodeURIComponent(id)); }

  function say(message) {
    side.textContent = "";
    side.appendChild(SWKB.text("p", message, "swkb-side-message"));
  }

  // ----- choosing -----

  function normal(value) { return value.toLowerCase().replace(/[\s'’·]/g, ""); }

  function matches(region, query) {
    if (!query) return false;
    return region.n.indexOf(query) >= 0 || region.i.indexOf(query) === 0 || region.y.indexOf(query) === 0 ||
      (query.length >= 2 && region.a.indexOf(query) === 0);
  }

  function showResults() {
    var query = normal($("swkb-pick-name").value), list = $("swkb-pick-results");
    list.textContent = "";
    if (!query) return;
    var found = index.regions.filter(function (r) { return matches(r, query); }).slice(0, 20);
    if (!found.length) { list.appendChild(SWKB.text("li", "没有找到“" + $("swkb-pick-name").value + "”。")); return; }
    found.forEach(function (region) {
      var li = document.createElement("li");
      var button = SWKB.text("button", "添加", "swkb-add");
      button.type = "button";
      button.setAttribute("aria-label", "添加" + region.n);
      button.disabled = chosen.indexOf(region.i) >= 0;
      button.addEventListener("click", function () { add([region.i]); button.disabled = true; });
      li.appendChild(button);
      li.appendChild(document.createTextNode(" " + region.n + (region.u ? "（" + region.u + "）" : "")));
      list.appendChild(li);
    });
  }

  function add(ids) {
    var skipped = 0;
    ids.forEach(function (id) {
      if (chosen.indexOf(id) >= 0 || !byId.has(id)) return;
      if (chosen.length >= MAX) { skipped++; return; }
      chosen.push(id);
    });
    update(skipped ? "最多并排 " + MAX + " 个地区，另有 " + skipped + " 个没有加入。" : "");
  }

  function remove(id) {
    chosen = chosen.filter(function (x) { return x !== id; });
    update("");
  }

  function drawChosen(note) {
    var list = $("swkb-chosen-list");
    list.textContent = "";
    chosen.forEach(function (id) {
      var region = byId.get(id), li = document.createElement("li");
      li.appendChild(document.createTextNode(region.n + " "));
      var button = SWKB.text("button", "移除", "swkb-remove");
      button.type = "button";
      button.setAttribute("aria-label", "移除" + region.n);
      button.addEventListener("click", function () { remove(id); });
      li.appendChild(button);
      list.appendChild(li);
    });
    $("swkb-chosen-count").textContent = (chosen.length ? "共 " + chosen.length + " 个" : "还没有选") + (note ? "。" + note : "");
  }

  function saveUrl() {
    var params = new URLSearchParams(window.location.search);
    if (chosen.length) params.set("ids", chosen.join(",")); else params.delete("ids");
    // The view travels with the link: the sections left ticked and 只看不同之处.
    var boxes = Array.prototype.slice.call(document.querySelectorAll("#swkb-pick-topics input[type=checkbox]"));
    var ticked = boxes.filter(function (box) { return box.checked; }).map(function (box) { return box.value; });
    if (boxes.length && ticked.length < boxes.length) params.set("sections", ticked.join(",")); else params.delete("sections");
    if ($("swkb-only-different").checked) params.set("diff", "1"); else params.delete("diff");
    var query = params.toString().replace(/%2C/g, ",");
    try { window.history.replaceState(null, "", window.location.pathname + (query ? "?" + query : "")); } catch (e) { /* file:// */ }
  }

  function update(note) {
    drawChosen(note);
    saveUrl();
    showResults();
    Promise.all(chosen.map(function (id) {
      return cells.has(id) ? cells.get(id) : SWKB.loadData(regionSrc(id), "region:" + id).then(function (data) { cells.set(id, data); return data; });
    })).then(draw, function (error) { say(error.message); });
  }

  // ----- the side-by-side table -----

  // A region's cell for a row key, or null: its own properties only (keys come from data).
  function cellOf(id, key) {
    var data = cells.get(id);
    return data && Object.prototype.hasOwnProperty.call(data, key) ? data[key] : null;
  }

  // How the chosen regions' statements on a row compare. Every chosen region counts: a value
  // against 未收集 is a difference ("仅部分地区有"), and a row that no region states is its own
  // state ("均未规定"), never 相同.
  function signature(cell) {
    if (!cell) return "not_collected";
    return cell.s + "|" + (cell.f ? cell.f.map(function (f) { return f[1] + ":" + (f[4] ? "" : f[0]); }).join("；") : cell.t);
  }
  function verdict(row) {
    if (chosen.length < 2) return ["", ""];
    var all = chosen.map(function (id) { return cellOf(id, row[0]); });
    var stated = all.filter(function (cell) { return cell && cell.s !== "not_stated"; });
    if (!stated.length) {
      return all.every(Boolean) ? ["none", "均未规定"] : ["none", "均未规定或" + window.SWKB_LABELS.NOT_COLLECTED];
    }
    var values = stated.map(signature).filter(function (s, i, list) { return list.indexOf(s) === i; });
    if (values.length > 1) return ["different", "不同"];
    if (stated.length === all.length) return ["same", "相同"];
    return ["partial", "仅部分地区有"];
  }
  // Rows that "只看不同之处" keeps: the statements differ, or only some regions make one.
  SWKB.isDifference = function (row) { return row.verdict[0] === "different" || row.verdict[0] === "partial"; };

  // The sections (topics) to show, from the checkboxes; all of them when none is unticked.
  function chosenTopics() {
    var boxes = document.querySelectorAll("#swkb-pick-topics input[type=checkbox]");
    var out = new Set();
    boxes.forEach(function (box) { if (box.checked) out.add(box.value); });
    return out;
  }

  // The table as data, for drawing and for the Word file: what the page shows (the chosen
  // sections; with 只看不同之处, only the rows that differ) is what the file holds.
  SWKB.sideBySide = function () {
    var rows = index.rows.filter(function (row) { return chosen.some(function (id) { return cellOf(id, row[0]); }); });
    var topics = chosenTopics(), onlyDifferent = $("swkb-only-different").checked;
    var all = 0;
    var model = {
      regions: chosen.map(function (id) { return byId.get(id); }),
      onlyDifferent: onlyDifferent,
      version: picker.getAttribute("data-version") || "",
      topics: index.topics.filter(function (topic) { return topics.has(topic[0]); }).map(function (topic) {
        var inTopic = rows.filter(function (row) { return row[1] === topic[0]; }).map(function (row) {
          return { key: row[0], title: row[2] + (row[3] ? "(" + row[3] + ")" : ""), verdict: verdict(row),
                   cells: chosen.map(function (id) { return cellOf(id, row[0]); }) };
        });
        all += inTopic.length;
        return { id: topic[0], title: topic[1], rows: onlyDifferent ? inTopic.filter(SWKB.isDifference) : inTopic };
      }).filter(function (topic) { return topic.rows.length; }),
      sectionsLeftOut: index.topics.filter(function (topic) { return !topics.has(topic[0]); }).map(function (topic) { return topic[1]; })
    };
    model.rowCount = model.topics.reduce(function (n, topic) { return n + topic.rows.length; }, 0);
    model.allRows = all;
    return model;
  };

  function draw() {
    if (!chosen.length) { say("还没有选地区。可在上面按名称或拼音查找，或按省份和层级添加。"); return; }
    var model = SWKB.sideBySide(), onlyDifferent = model.onlyDifferent;
    var wrap = document.createElement("div");
    wrap.className = "swkb-scroll";
    wrap.setAttribute("role", "region");
    wrap.setAttribute("aria-label", "地区对照表(可左右滚动)");
    wrap.tabIndex = 0;
    var table = document.createElement("table");
    table.className = "swkb-side-table";
    // Fixed layout: the item column keeps its width and the regions share the rest, so three
    // regions fit a 1280 px screen; past what fits, the table grows and scrolls in its box.
    table.style.minWidth = (10 + 13 * model.regions.length) + "em";
    var columns = document.createElement("colgroup");
    columns.appendChild(document.createElement("col")).className = "swkb-col-item";
    model.regions.forEach(function () { columns.appendChild(document.createElement("col")).className = "swkb-col-region"; });
    table.appendChild(SWKB.text("caption", "地区对照：" + model.regions.map(function (r) { return r.n; }).join("、")));
    table.appendChild(columns);
    var head = table.createTHead().insertRow();
    var corner = SWKB.text("th", "项目");
    corner.scope = "col";
    head.appendChild(corner);
    model.regions.forEach(function (region) {
      var th = document.createElement("th");
      th.scope = "col";
      var link = SWKB.text("a", region.n);
      if (hrefs.region) link.href = hrefs.region(region.i);
      th.appendChild(link);
      if (region.u) { th.appendChild(document.createElement("br")); th.appendChild(SWKB.text("span", region.u, "swkb-region-path")); }
      head.appendChild(th);
    });
    var body = table.createTBody(), shown = 0;
    model.topics.forEach(function (topic) {
      var rows = topic.rows;
      var band = body.insertRow();
      band.className = "swkb-topic";
      var th = SWKB.text("th", topic.title);
      th.scope = "colgroup";
      th.colSpan = model.regions.length + 1;
      band.appendChild(th);
      rows.forEach(function (row) {
        var tr = body.insertRow();
        tr.setAttribute("data-key", row.key);
        if (row.verdict[0]) tr.setAttribute("data-verdict", row.verdict[0]);
        // The verdict sits under the item's name: one narrow sticky column instead of two.
        var title = SWKB.text("th", row.title);
        title.scope = "row";
        if (row.verdict[1]) {
          title.appendChild(document.createElement("br"));
          title.appendChild(SWKB.text("span", row.verdict[1], "swkb-verdict swkb-verdict-" + row.verdict[0]));
        }
        tr.appendChild(title);
        row.cells.forEach(function (cell, i) {
          var td = tr.insertCell();
          td.setAttribute("data-region", model.regions[i].i);
          if (cell) SWKB.fillCell(td, cell, hrefs, model.regions[i].n + " " + row.title);
          else SWKB.fillCell(td, { s: "not_collected" }, hrefs, "");
        });
        shown++;
      });
    });
    side.textContent = "";
    if (!shown) {
      say(!model.allRows ? (model.sectionsLeftOut.length ? "所选的部分里，这些地区还没有可对照的规定。" : "所选地区在目录里还没有可对照的规定。")
        : "所选地区在这 " + model.allRows + " 项上说法都相同，或都未规定。");
      return;
    }
    side.appendChild(SWKB.text("p", "显示 " + shown + " 项" + (onlyDifferent ? "(只看不同之处；共 " + model.allRows + " 项)" : "") +
      (model.sectionsLeftOut.length ? "；未显示的部分：" + model.sectionsLeftOut.join("、") : "") + "。", "swkb-side-count"));
    wrap.appendChild(table);
    side.appendChild(wrap);
  }

  // What the address asked for and the page could not show, said in words above the choice.
  function urlNotice(unknown, known) {
    var old = $("swkb-url-notice");
    if (old) old.remove();
    var lines = [];
    if (unknown.length) {
      var names = unknown.slice(0, 10).map(function (id) { return "“" + (id.length > 40 ? id.slice(0, 40) + "…" : id) + "”"; });
      lines.push("网址中的地区代码 " + names.join("、") + (unknown.length > 10 ? " 等 " + unknown.length + " 个" : "") +
        " 在目录里没有找到，已略过。");
    }
    if (known.length > MAX) {
      var left = known.slice(MAX).map(function (id) { return byId.get(id).n; });
      lines.push("网址中有 " + known.length + " 个地区，一次最多并排 " + MAX + " 个：只显示了前 " + MAX + " 个，" +
        "没有显示的 " + left.length + " 个是 " + left.join("、") + "。");
    }
    if (!lines.length) return;
    var box = document.createElement("div");
    box.id = "swkb-url-notice";
    box.className = "admonition warning swkb-url-notice";
    box.setAttribute("role", "status");
    box.appendChild(SWKB.text("p", "网址里的地区", "admonition-title"));
    lines.forEach(function (line) { box.appendChild(SWKB.text("p", line)); });
    picker.insertBefore(box, picker.firstChild);
  }

  // ----- start -----

  SWKB.loadData(picker.getAttribute("data-index"), "index").then(function (data) {
    index = data;
    index.regions.forEach(function (r) { byId.set(r.i, r); });
    var province = $("swkb-pick-province"), level = $("swkb-pick-level");
    index.provinces.forEach(function (p) { var o = SWKB.text("option", p[1]); o.value = p[0]; province.appendChild(o); });
    index.levels.forEach(function (l) { var o = SWKB.text("option", l[1]); o.value = l[0]; level.appendChild(o); });
    $("swkb-pick-name").addEventListener("input", showResults);
    $("swkb-pick-add-group").addEventListener("click", function () {
      if (!province.value) { drawChosen("请先选择省份。"); return; }
      add(index.regions.filter(function (r) { return r.p === province.value && (!level.value || r.l === level.value) && r.d > 0; })
        .map(function (r) { return r.i; }));
    });
    var topicBox = $("swkb-pick-topics"), wantedTopics = (new URLSearchParams(window.location.search).get("sections") || "").split(",").filter(Boolean);
    index.topics.forEach(function (topic) {
      var label = document.createElement("label"), box = document.createElement("input");
      box.type = "checkbox";
      box.value = topic[0];
      box.checked = !wantedTopics.length || wantedTopics.indexOf(topic[0]) >= 0;
      box.addEventListener("change", function () { saveUrl(); draw(); });
      label.appendChild(box);
      label.appendChild(document.createTextNode(" " + topic[1]));
      topicBox.appendChild(label);
    });
    $("swkb-only-different").checked = new URLSearchParams(window.location.search).get("diff") === "1";
    $("swkb-only-different").addEventListener("change", function () { saveUrl(); draw(); });
    $("swkb-clear").addEventListener("click", function () { chosen = []; update(""); });
    $("swkb-print").addEventListener("click", function () { window.print(); });
    $("swkb-copy-link").addEventListener("click", function () {
      SWKB.copy(window.location.href).then(function () { drawChosen("本页链接已复制。"); }, function () { drawChosen("请从地址栏复制链接。"); });
    });
    $("swkb-download-docx").addEventListener("click", function () {
      if (!chosen.length || !SWKB.docx) return;
      SWKB.docx.download(SWKB.sideBySide(), "地区对照-" + chosen.map(function (id) { return byId.get(id).n; }).join("-") + ".docx");
    });
    picker.hidden = false;
    var wanted = (new URLSearchParams(window.location.search).get("ids") || "").split(",")
      .map(function (id) { return id.trim(); }).filter(Boolean);
    var unknown = [], known = [];
    wanted.forEach(function (id) {
      var list = byId.has(id) ? known : unknown;
      if (list.indexOf(id) < 0) list.push(id);
    });
    chosen = known.slice(0, MAX);
    urlNotice(unknown, known);
    update("");
  }, function (error) { say(error.message); });
})();
