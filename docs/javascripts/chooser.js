/* Onboarding-card chooser: turns the plain list of links (region: post, post …) into two labelled
 * selects and a link to the chosen card. The list is the data, so nothing is fetched (works from
 * file://) and without script the list itself is the chooser. Names are read and written with
 * textContent only. Also wires the "print this card" buttons. */
(function () {
  "use strict";

  function text(node) {
    return node ? node.textContent.replace(/\s+/g, " ").trim() : "";
  }

  function fill(select, entries) {
    while (select.firstChild) select.removeChild(select.firstChild);
    entries.forEach(function (entry, index) {
      var option = document.createElement("option");
      option.value = String(index);
      option.textContent = entry.label;
      select.appendChild(option);
    });
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
      return { label: name + where, name: name, posts: posts };
    }).filter(function (region) { return region.posts.length > 0; });
    if (!regions.length) return;

    function choose() {
      var region = regions[Number(regionSelect.value)] || regions[0];
      var post = region.posts[Number(postSelect.value)] || region.posts[0];
      go.setAttribute("href", post.href);
      go.textContent = "打开入职卡片：" + region.name + " · " + post.label;
      if (status) status.textContent = "已选 " + region.name + " · " + post.label;
    }

    function regionChanged() {
      var region = regions[Number(regionSelect.value)] || regions[0];
      fill(postSelect, region.posts);
      choose();
    }

    fill(regionSelect, regions);
    regionSelect.addEventListener("change", regionChanged);
    postSelect.addEventListener("change", choose);
    regionChanged();
    if (status) status.textContent = "";
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
