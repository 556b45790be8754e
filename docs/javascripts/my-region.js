/* The reader's own region. Opening an onboarding card remembers its region in this browser
 * (localStorage "swkb-region"); a service page's list of regions then puts that region first and
 * says so. `?region=<id>` on a service page does the same for a shared link and wins over the
 * remembered one. Without script, or with nothing remembered, the list stays in catalog order.
 * Names are read and written with textContent only. */
(function () {
  "use strict";

  var KEY = "swkb-region";
  var ID = /^[a-z0-9-]+$/;

  function remembered() {
    try {
      var value = JSON.parse(window.localStorage.getItem(KEY) || "null");
      return value && typeof value.id === "string" && ID.test(value.id) ? value : null;
    } catch (e) {
      return null;
    }
  }

  function remember(id, name) {
    try {
      window.localStorage.setItem(KEY, JSON.stringify({ id: id, name: name }));
    } catch (e) { /* storage refused: nothing is remembered */ }
  }

  function fromQuery() {
    var match = /[?&]region=([^&#]*)/.exec(window.location.search);
    var id = match ? decodeURIComponent(match[1]) : "";
    return ID.test(id) ? { id: id, name: "" } : null;
  }

  function putFirst(root, mine) {
    var status = root.querySelector("[data-my-region-status]");
    var row = null;
    Array.prototype.forEach.call(root.querySelectorAll("tr[data-region]"), function (tr) {
      if (tr.getAttribute("data-region") === mine.id) row = tr;
    });
    var name = mine.name;
    if (row) {
      var link = row.querySelector("a");
      name = (link ? link.textContent : "").trim() || name;
      row.parentNode.insertBefore(row, row.parentNode.firstChild);
      row.classList.add("swkb-my-region-row");
      var badge = document.createElement("span");
      badge.className = "swkb-my-region-badge";
      badge.textContent = "你的地区";
      row.firstElementChild.insertBefore(badge, row.firstElementChild.firstChild);
    }
    if (!status || !name) return;
    status.textContent = row
      ? "你的地区" + name + "排在第一行，其余地区按目录顺序。"
      : root.hasAttribute("data-basic")
        ? name + "的文件没有单列这一项；它是清单第一类的基础服务，每个站都做。下表是其他地区文件里的名称。"
        : name + "的文件没有把本地的服务领域对应到这一项；下表是其他地区的做法。";
    status.hidden = false;
  }

  function start() {
    var card = document.querySelector(".swkb-card[data-card-region]");
    if (card) remember(card.getAttribute("data-card-region"), card.getAttribute("data-card-region-name") || "");
    var list = document.querySelector("[data-swkb-my-region]");
    if (!list) return;
    var mine = fromQuery() || remembered();
    if (mine) {
      var stored = remembered();
      if (!mine.name && stored && stored.id === mine.id) mine.name = stored.name;
      putFirst(list, mine);
    }
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
