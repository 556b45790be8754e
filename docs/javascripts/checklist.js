/* First-month checklist (cards and guides/first-month): keeps the ticks of each page in this
 * browser's localStorage, shows how many are done (已完成 5/29) and can clear them, with one undo.
 * The boxes are native checkboxes, so touch, mouse and keyboard all work the same. The stored
 * value is the list of ticked item IDs (ck-…), so items added or reordered later keep their
 * state. Where storage is refused (private modes, some file:// setups) ticking still works for
 * the visit and the note says the ticks will not be kept. */
(function () {
  "use strict";

  var PREFIX = "swkb-checklist:";

  function storage() {
    try {
      var probe = PREFIX + "probe";
      window.localStorage.setItem(probe, "1");
      window.localStorage.removeItem(probe);
      return window.localStorage;
    } catch (e) {
      return null;
    }
  }

  function read(store, key) {
    if (!store) return [];
    try {
      var value = JSON.parse(store.getItem(key) || "[]");
      return Array.isArray(value) ? value.filter(function (id) { return typeof id === "string"; }) : [];
    } catch (e) {
      return [];
    }
  }

  function setUp(root, store) {
    var key = PREFIX + root.getAttribute("data-swkb-checklist");
    var boxes = Array.prototype.slice.call(root.querySelectorAll('input[type="checkbox"]'));
    var tools = root.querySelector("[data-checklist-tools]");
    var progress = root.querySelector("[data-checklist-progress]");
    var clear = root.querySelector("[data-checklist-clear]");
    var undo = root.querySelector("[data-checklist-undo]");
    var saved = root.querySelector("[data-checklist-saved]");
    var cleared = null;
    if (!boxes.length) return;

    function ticked() {
      return boxes.filter(function (box) { return box.checked; }).map(function (box) { return box.id; });
    }

    function show() {
      var done = ticked().length;
      if (progress) progress.textContent = "已完成 " + done + "/" + boxes.length;
      if (clear) clear.disabled = done === 0;
    }

    function save() {
      if (!store) return;
      try {
        var ids = ticked();
        if (ids.length) store.setItem(key, JSON.stringify(ids));
        else store.removeItem(key);
      } catch (e) { /* quota or a revoked permission: the page still works, unsaved */ }
    }

    var kept = read(store, key);
    boxes.forEach(function (box) {
      if (kept.indexOf(box.id) >= 0) box.checked = true;
      box.addEventListener("change", function () {
        cleared = null;
        if (undo) undo.hidden = true;
        save();
        show();
      });
    });
    if (clear) {
      clear.addEventListener("click", function () {
        cleared = ticked();
        boxes.forEach(function (box) { box.checked = false; });
        save();
        show();
        if (progress) progress.textContent += "（已清除 " + cleared.length + " 项）";
        if (undo) {
          undo.hidden = false;
          undo.focus();
        }
      });
    }
    if (undo) {
      undo.addEventListener("click", function () {
        var back = cleared || [];
        boxes.forEach(function (box) { if (back.indexOf(box.id) >= 0) box.checked = true; });
        cleared = null;
        undo.hidden = true;
        save();
        show();
        if (clear) clear.focus();
      });
    }
    if (saved && !store) saved.textContent = "这个浏览器不允许网页保存数据：勾选只在本次打开时有效。";
    show();
    if (tools) tools.hidden = false;
  }

  function start() {
    var store = storage();
    document.querySelectorAll("[data-swkb-checklist]").forEach(function (root) { setUp(root, store); });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
