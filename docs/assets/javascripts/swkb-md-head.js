/* Material for MkDocs 9.8.1's storage helpers, from its partials/javascripts/base.html, as a file:
 * a strict Content-Security-Policy (script-src 'self') refuses the inline original. Loaded in
 * <head> (overrides/partials/javascripts/base.html) before anything uses them; the scope (the
 * site's base URL, as the template knows it) comes in data-scope. */
(function () {
  var script = document.currentScript;
  var scope = (script && script.getAttribute("data-scope")) || ".";
  window.__md_scope = new URL(scope, location);
  window.__md_hash = function (e) {
    return Array.from(e).reduce(function (h, c) { return (h << 5) - h + c.charCodeAt(0); }, 0);
  };
  window.__md_get = function (e, storage, base) {
    storage = storage || localStorage;
    base = base || window.__md_scope;
    return JSON.parse(storage.getItem(base.pathname + "." + e));
  };
  window.__md_set = function (e, value, storage, base) {
    storage = storage || localStorage;
    base = base || window.__md_scope;
    try { storage.setItem(base.pathname + "." + e, JSON.stringify(value)); } catch (err) { /* full or refused */ }
  };
})();
