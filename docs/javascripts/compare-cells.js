/* Shared by the comparison scripts: loading the data files made at build time, drawing a cell
 * from that data exactly as the build draws it, and the 复制引用 buttons.
 *
 * Catalog text is only ever put into the page with textContent / createElement, never as
 * markup. Data files are scripts that assign SWKB_DATA[key] (they load from file:// too, where
 * fetch() of a local file is refused). Plain script, no dependencies, nothing from outside. */
(function () {
  "use strict";
  var SWKB = window.SWKB = window.SWKB || {};
  // The words for missing facts, from swkb/catalog/labels.py (labels.js, generated, loads first).
  var LABELS = window.SWKB_LABELS;
  var NOT_STATED = LABELS.NOT_STATED, NOT_COLLECTED = LABELS.NOT_COLLECTED;
  var loading = new Map();
  // Lookups by a key from the page or the URL read own properties only, never the prototype's
  // ("constructor", "__proto__").
  var own = function (object, key) { return !!object && Object.prototype.hasOwnProperty.call(object, key); };
  SWKB.own = own;

  // Load a data file once; resolves with SWKB_DATA[key].
  SWKB.loadData = function (src, key) {
    var data = window.SWKB_DATA;
    if (own(data, key)) return Promise.resolve(data[key]);
    if (!loading.has(src)) {
      loading.set(src, new Promise(function (resolve, reject) {
        var script = document.createElement("script");
        script.src = src;
        script.async = true;
        script.onload = function () { resolve(); };
        script.onerror = function () { reject(new Error("无法读取数据文件 " + src)); };
        document.head.appendChild(script);
      }));
    }
    return loading.get(src).then(function () {
      if (!own(window.SWKB_DATA, key)) throw new Error("数据文件中没有 " + key);
      return window.SWKB_DATA[key];
    });
  };

  // Links for entries: the page gives one URL per kind with "swkb-id" where the ID goes.
  SWKB.hrefs = function (element) {
    var out = Object.create(null);
    ["region", "document", "role"].forEach(function (kind) {
      var template = element.getAttribute("data-" + kind + "-href");
      if (template) out[kind] = function (id) { return template.replace("swkb-id", encodeURIComponent(id)); };
    });
    return out;
  };

  function text(tag, value, className) {
    var node = document.createElement(tag);
    node.textContent = value;
    if (className) node.className = className;
    return node;
  }
  SWKB.text = text;

  function citation(figure, hrefs) {
    var span = document.createElement("span");
    span.className = "swkb-cite";
    var link = text("a", figure[2]);
    if (hrefs.document) link.href = hrefs.document(figure[3]) + (figure[6] ? "#" + encodeURIComponent(figure[6]) : "");
    span.appendChild(link);
    return span;
  }

  SWKB.copyButton = function (quote, label) {
    var button = text("button", "复制引用", "swkb-copy");
    button.type = "button";
    button.setAttribute("data-quote", quote);
    button.setAttribute("aria-label", "复制引用：" + label);
    return button;
  };

  // Fill `td` with a cell of the data files: {s state, t text, f figures, k bounds, q quote, h link}.
  SWKB.fillCell = function (td, cell, hrefs, label) {
    td.setAttribute("data-state", cell.s);
    if (cell.k) {
      if (cell.k[0] !== null) td.setAttribute("data-lo", String(cell.k[0]));
      if (cell.k[1] !== null) td.setAttribute("data-hi", String(cell.k[1]));
    }
    if (cell.s === "not_collected") {
      var missing = text("span", NOT_COLLECTED, "swkb-not-collected");
      missing.title = LABELS.NOT_COLLECTED_HINT;
      td.appendChild(missing);
    } else if (cell.s === "link" && cell.h) {
      var a = text("a", cell.t);
      if (hrefs[cell.h[0]]) a.href = hrefs[cell.h[0]](cell.h[1]);
      td.appendChild(a);
    } else if (!cell.f) {
      td.appendChild(document.createTextNode(cell.t || ""));
    } else {
      cell.f.forEach(function (figure, i) {
        if (i) td.appendChild(document.createElement("br"));
        if (figure[1]) td.appendChild(document.createTextNode(figure[1] + "："));
        if (figure[4]) {
          var none = text("span", NOT_STATED, "swkb-not-stated");
          none.title = LABELS.NOT_STATED_HINT;
          td.appendChild(none);
        } else {
          td.appendChild(document.createTextNode(figure[0]));
        }
        td.appendChild(document.createTextNode(" "));
        td.appendChild(citation(figure, hrefs));
      });
    }
    if (cell.q) {
      td.appendChild(document.createTextNode(" "));
      td.appendChild(SWKB.copyButton(cell.q, label));
    }
    return td;
  };

  // The cell as one line of text (the side-by-side Word file): each value with its note and
  // reading mark, worded as 复制引用 words it (figure[5]), so the Word cell and the copied
  // citation say the same thing; the citations go on a line of their own (cellCitations).
  SWKB.cellText = function (cell) {
    if (!cell) return NOT_COLLECTED;
    if (!cell.f) return cell.t || "";
    return cell.f.map(function (f) { return (f[1] ? f[1] + "：" : "") + (f[5] || f[0]); }).join("；");
  };
  SWKB.cellCitations = function (cell) {
    if (!cell || !cell.f) return "";
    var seen = [];
    cell.f.forEach(function (f) { if (seen.indexOf(f[2]) < 0) seen.push(f[2]); });
    return seen.join("；");
  };

  // ----- 复制引用 -----

  function status() {
    var node = document.getElementById("swkb-copy-status");
    if (!node) {
      node = text("p", "", "swkb-copy-status");
      node.id = "swkb-copy-status";
      node.setAttribute("role", "status");
      document.body.appendChild(node);
    }
    return node;
  }

  function fallbackCopy(value) {
    var area = document.createElement("textarea");
    area.value = value;
    area.setAttribute("readonly", "");
    area.style.position = "fixed";
    area.style.opacity = "0";
    document.body.appendChild(area);
    area.select();
    var ok = false;
    try { ok = document.execCommand("copy"); } catch (e) { ok = false; }
    document.body.removeChild(area);
    return ok ? Promise.resolve() : Promise.reject(new Error("copy refused"));
  }

  SWKB.copy = function (value) {
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(value).catch(function () { return fallbackCopy(value); });
    }
    return fallbackCopy(value);
  };

  document.addEventListener("click", function (event) {
    var button = event.target && event.target.closest ? event.target.closest(".swkb-copy") : null;
    if (!button) return;
    var quote = button.getAttribute("data-quote") || "";
    SWKB.copy(quote).then(function () {
      status().textContent = "已复制：" + quote;
      button.textContent = "已复制";
      button.setAttribute("data-copied", "");
      setTimeout(function () { button.textContent = "复制引用"; button.removeAttribute("data-copied"); }, 2500);
    }, function () {
      // Some browsers refuse the clipboard: show the sentence so it can be selected by hand.
      status().textContent = "浏览器不允许复制，请手动选择这句：" + quote;
    });
  });
})();
