/* The 404 page without a site URL (overrides/404.html): find the site's root before anything
 * else is fetched, and set <base> to it. The root is the first prefix of the address under which
 * a file every build has (data-probe: the search worker) exists. A file rather than inline code,
 * so that a strict Content-Security-Policy (script-src 'self') allows it. */
(function () {
  var script = document.currentScript;
  var probe = script && script.getAttribute("data-probe");
  if (!probe) return;
  var parts = location.pathname.split("/").slice(1, -1);
  for (var i = 0; i <= parts.length; i++) {
    var root = "/" + parts.slice(0, i).map(function (p) { return p + "/"; }).join("");
    try {
      var request = new XMLHttpRequest();
      request.open("HEAD", root + probe, false);
      request.send();
      if (request.status === 200) {
        var base = document.createElement("base");
        base.href = root;
        document.head.appendChild(base);
        window.swkbSiteRoot = root;
        return;
      }
    } catch (error) {
      return;  // file:// or a refused request: links stay relative to this address
    }
  }
})();
