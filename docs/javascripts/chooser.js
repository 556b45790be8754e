/* Onboarding-card chooser: turns the plain list of links (region: post, post …) into two labelled
 * selects and a link to the chosen card. The list is the data, so nothing is fetched (works from
 * file://) and without script the list itself is the chooser. Names are read and written with
 * textContent only. Also wires the "print this card" buttons. */
(function () {
  "use strict";

  function text(node) {
    return node ? node.textContent.replace(/\s+/g, " ").trim() : "";
  }

  // The first option of each select asks (请选择…): a region with several posts must not open
  // the first post's card by default (涿鹿 opened 县级社工总站社工 for a 驻站社工, issue 24).
  function fill(select, entries, prompt) {
    while (select.firstChild) select.removeChild(select.firstChild);
    if (prompt) {
      var ask = document.createElement("option");
      ask.value = "";
      ask.textContent = prompt;
      select.appendChild(ask);
    }
    entries.forEach(function (entry, index) {
      var option = document.createElement("option");
      option.value = String(index);
      option.textContent = entry.label;
      select.appendChild(option);
    });
  }

  // The region of the last card opened in this browser (my-region.js), preselected.
  function rememberedRegion() {
    try {
      var value = JSON.parse(window.localStorage.getItem("swkb-region") || "null");
      return value && typeof value.id === "string" ? value.id : "";
    } catch (e) {
      return "";
    }
  }

  function regionOf(href) {
    // …/<region>/<role>/, …/<region>/<role>.html (file://) or <region>/<role>/ on the cards index.
    var match = /(?:^|\/)([a-z0-9-]+)\/[^\/]+$/.exec(href.replace(/(?:\/index\.html|\.html|\/)$/, ""));
    return match ? match[1] : "";
  }

  function setUp(root) {
    var form = root.querySelector("[data-chooser-form]");
    var regionSelect = root.querySelector("[data-chooser-region]");
    var postSelect = root.querySelector("[data-chooser-post]");
    var go = root.querySelector("[data-chooser-go]");
    var status = root.querySelector("[data-chooser-status]");
    if (!form || !regionSelect || !postSelect || !go) return;
    var regions = Array.prototype.map.call(root.querySelectorAll("[data-chooser-item]"), function (item) {
      var name = text(item.querySelector("[data-chooser-name]"));
      var where = text(item.querySelector("[data-chooser-where]"));
      var posts = Array.prototype.map.call(item.querySelectorAll("a[href]"), function (a) {
        return { label: text(a), href: a.getAttribute("href") };
      });
      return { label: name + where, name: name, posts: posts, id: posts.length ? regionOf(posts[0].href) : "" };
    }).filter(function (region) { return region.posts.length > 0; });
    if (!regions.length) return;

    function chosenRegion() {
      return regionSelect.value === "" ? null : regions[Number(regionSelect.value)] || null;
    }

    function choose(announce) {
      var region = chosenRegion();
      var post = region && postSelect.value !== "" ? region.posts[Number(postSelect.value)] || null : null;
      if (region && post) {
        go.setAttribute("href", post.href);
        go.removeAttribute("aria-disabled");
        go.textContent = "打开入职卡片：" + region.name + " · " + post.label;
        if (status && announce) status.textContent = "已选 " + region.name + " · " + post.label;
        return;
      }
      // No card yet: the link is inert (no href, so neither tap nor Enter follows it).
      go.removeAttribute("href");
      go.setAttribute("aria-disabled", "true");
      go.textContent = region ? "先选岗位，再打开卡片" : "先选地区和岗位";
      if (status && announce) status.textContent = region ? region.name + "有 " + region.posts.length + " 个岗位，请选择你的岗位" : "";
    }

    function regionChanged(announce) {
      var region = chosenRegion();
      fill(postSelect, region ? region.posts : [], region ? (region.posts.length > 1 ? "请选择你的岗位" : "") : "先选地区");
      postSelect.disabled = !region;
      choose(announce);
    }

    fill(regionSelect, regions, "请选择地区");
    var mine = rememberedRegion();
    regions.forEach(function (region, index) {
      if (mine && region.id === mine) regionSelect.value = String(index);
    });
    regionSelect.addEventListener("change", function () { regionChanged(true); });
    postSelect.addEventListener("change", function () { choose(true); });
    regionChanged(false);
    form.hidden = false;
  }

  function start() {
    document.querySelectorAll("[data-swkb-chooser]").forEach(setUp);
    document.querySelectorAll("[data-swkb-print]").forEach(function (button) {
      button.hidden = false;
      button.addEventListener("click", function () { window.print(); });
    });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
