/* Preview only (`mkdocs serve` adds this script; published sites never load it).
 *
 * While the catalog has errors the preview keeps its last good pages and rewrites a small status
 * file on every save (swkb/site/preview.py). This script polls that file and, as soon as it
 * changes, puts a banner with the first errors and a link to the full list at the top of the
 * page; on the check page (catalog-check/) it redraws the whole list. MkDocs' live-reload script
 * reloads the page a moment later, which shows the same. Catalog text goes in with textContent
 * only, never as markup. */
(function () {
  "use strict";
  var script = document.currentScript;
  if (!script || !window.fetch) return;
  var root = new URL("..", script.src);  // this file is javascripts/preview-status.js
  var statusUrl = new URL("swkb-preview-status.json", root).href;
  var POLL_MS = 150;
  var BANNER_ERRORS = 3;
  var shown = null;  // the stamp of the status on screen

  function element(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text) node.textContent = text;
    return node;
  }

  // Error text marks names as `name`: show those as code, the rest as plain text.
  function withCode(parent, text) {
    String(text).split("`").forEach(function (part, i, parts) {
      if (i % 2 === 1 && parts.length % 2 === 1) parent.appendChild(element("code", "", part));
      else if (part) parent.appendChild(document.createTextNode(i % 2 === 1 ? "`" + part : part));
    });
    return parent;
  }

  function oneLine(error) {
    var text = error.where + (error.field ? " · 字段 " + error.field : "") + "：" + error.message;
    return error.suggestion ? text + "。" + error.suggestion : text;
  }

  function banner(status) {
    var box = element("section", "admonition failure swkb-preview-banner");
    box.setAttribute("role", "alert");
    box.setAttribute("aria-labelledby", "swkb-preview-banner-title");
    var title = element("p", "admonition-title", "目录数据有 " + status.count + " 处错误：本页仍是上次通过检查时的样子");
    title.id = "swkb-preview-banner-title";
    box.appendChild(title);
    var list = element("ul");
    status.errors.slice(0, BANNER_ERRORS).forEach(function (error) { list.appendChild(withCode(element("li"), oneLine(error))); });
    box.appendChild(list);
    var more = element("p");
    var link = element("a", "", status.count > BANNER_ERRORS ? "查看全部 " + status.count + " 处错误" : "查看错误详情");
    link.href = new URL(status.page, root).href;
    more.appendChild(link);
    box.appendChild(more);
    return box;
  }

  // The check page's list, as swkb/site/templates/pages/preview_status.html.j2 draws it.
  function errorList(status) {
    var part = element("div", "swkb-preview-status");
    part.setAttribute("data-swkb-preview-status", status.ok ? "ok" : "errors");
    var note = element("div", "admonition " + (status.ok ? "success" : "failure"));
    note.appendChild(element("p", "admonition-title", status.ok ? "目录数据检查通过" : "目录数据有 " + status.count + " 处错误"));
    note.appendChild(element("p", "", status.ok ? "没有错误，预览显示的是当前的目录数据。" :
      (status.kept ? "预览里其他页面仍是上次通过检查时的样子，每页顶上都有提示。" : "预览启动时目录数据就有错误，所以暂时只有这一页。") +
      "改正下面的错误并保存，本页会自动刷新；全部改正后，预览会重新构建整个站点。"));
    part.appendChild(note);
    if (status.ok) return part;
    var list = element("ol", "swkb-errors");
    status.errors.forEach(function (error) {
      var item = element("li", "swkb-error");
      var where = element("p", "swkb-error__where");
      where.appendChild(element("code", "", error.where));
      if (error.field) {
        where.appendChild(document.createTextNode(" · 字段 "));
        where.appendChild(element("code", "", error.field));
      }
      item.appendChild(where);
      item.appendChild(withCode(element("p", "swkb-error__message"), error.message));
      var details = element("dl", "swkb-error__details");
      [["应为", error.expected], ["实际为", error.found], ["建议", error.suggestion]].forEach(function (pair) {
        if (!pair[1]) return;
        details.appendChild(element("dt", "", pair[0]));
        details.appendChild(withCode(element("dd"), pair[1]));
      });
      if (details.childNodes.length) item.appendChild(details);
      list.appendChild(item);
    });
    part.appendChild(list);
    part.appendChild(element("p", "swkb-meta", "检查时间 " + status.checked + "。同样的列表也在运行预览的终端里。"));
    return part;
  }

  function show(status) {
    var checkPage = document.querySelector("[data-swkb-preview-status]");
    if (checkPage) {
      checkPage.replaceWith(errorList(status));
      return;
    }
    var old = document.querySelector(".swkb-preview-banner");
    if (old) old.remove();
    if (!status.ok) {
      var article = document.querySelector("article.md-content__inner") || document.body;
      article.insertBefore(banner(status), article.firstChild);
    }
  }

  function poll() {
    fetch(statusUrl, { cache: "no-store" })
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (status) {
        if (status && status.stamp !== shown) {
          // On first load the check page is already drawn by the server; only later changes are redrawn.
          if (shown !== null || !document.querySelector("[data-swkb-preview-status]")) show(status);
          shown = status.stamp;
        }
      })
      .catch(function () { /* the preview is rebuilding or stopped: try again */ })
      .then(function () { window.setTimeout(poll, POLL_MS); });
  }
  poll();
})();
