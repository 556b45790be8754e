/* What inline scripts did on every page, as one file: a strict Content-Security-Policy
 * (script-src 'self') refuses inline code. Loaded from overrides/main.html's config block, after
 * the content and Material's config data (<script id="__config" type="application/json">) and
 * before Material's bundle, which reads that data. Its data attributes say what to do:
 *
 *   data-search     the URL of our search worker: Material's box uses it instead of its own;
 *   data-site-root  (404 page) use the site root that swkb-root-probe.js found;
 *   data-tabs-link  Material's linked content tabs are on.
 *
 * The palette and tab code is Material for MkDocs 9.8.1's (partials/javascripts/palette.html and
 * content.html), unchanged in effect. */
(function () {
  var script = document.currentScript;
  var has = function (name) { return !!script && script.hasAttribute(name); };

  // Material's config data: rewrite only what we change, keep the rest whole.
  var config = document.getElementById("__config");
  if (config && (has("data-search") || (has("data-site-root") && window.swkbSiteRoot))) {
    var data = JSON.parse(config.textContent);
    if (has("data-search")) data.search = script.getAttribute("data-search");
    if (has("data-site-root") && window.swkbSiteRoot) data.base = window.swkbSiteRoot;
    config.textContent = JSON.stringify(data);
  }

  // A stored colour palette (Material's palette.html).
  var palette = window.__md_get ? window.__md_get("__palette") : null;
  if (palette && palette.color) {
    if (palette.color.media === "(prefers-color-scheme)") {
      var media = matchMedia("(prefers-color-scheme: light)");
      var input = document.querySelector(media.matches
        ? "[data-md-color-media='(prefers-color-scheme: light)']"
        : "[data-md-color-media='(prefers-color-scheme: dark)']");
      if (input) {
        palette.color.media = input.getAttribute("data-md-color-media");
        palette.color.scheme = input.getAttribute("data-md-color-scheme");
        palette.color.primary = input.getAttribute("data-md-color-primary");
        palette.color.accent = input.getAttribute("data-md-color-accent");
      }
    }
    Object.keys(palette.color).forEach(function (key) {
      document.body.setAttribute("data-md-color-" + key, palette.color[key]);
    });
  }

  // Linked content tabs: open the stored ones (Material's content.html, with content.tabs.link).
  if (has("data-tabs-link") && window.__md_get) {
    var tabs = window.__md_get("__tabs");
    if (Array.isArray(tabs)) {
      document.querySelectorAll(".tabbed-set").forEach(function (set) {
        var labels = set.querySelector(".tabbed-labels");
        if (!labels) return;
        outer: for (var t = 0; t < tabs.length; t++) {
          var all = labels.getElementsByTagName("label");
          for (var l = 0; l < all.length; l++) {
            if (all[l].innerText.trim() === tabs[t]) {
              document.getElementById(all[l].htmlFor).checked = true;
              break outer;
            }
          }
        }
      });
    }
  }

  // The content tab named by the address (#__tabbed_1_2) is opened (Material's content.html).
  var target = document.getElementById(location.hash.slice(1));
  if (target && target.name) target.checked = target.name.indexOf("__tabbed_") === 0;
})();
