"""A strict Content-Security-Policy: no page carries inline code, the shipped nginx snippet sends
the policy and the other security headers (on the 404 page too), and under that policy, served
by a real nginx, search, the side-by-side view, the card chooser and sorting work with no
violation reported."""

from __future__ import annotations

import gzip
import re
import urllib.error
import urllib.request
from html.parser import HTMLParser
from pathlib import Path

import pytest

from swkb.publish.release import publish

from .conftest import ROOT
from .test_publish import Nginx, free_port, search

POLICY = {
    "default-src": "'self'",
    "script-src": "'self'",
    "object-src": "'none'",
    "base-uri": "'self'",
    "frame-ancestors": "'self'",
    "worker-src": "'self'",
    "img-src": "'self' data:",
}
# Records every report of the policy, before any script of the page runs.
RECORD_VIOLATIONS = """
window.__csp = [];
document.addEventListener("securitypolicyviolation", (e) => {
  window.__csp.push(e.violatedDirective + " " + (e.blockedURI || "inline") + " " + (e.sourceFile || "") + ":" + e.lineNumber);
});
"""


# --------------------------------------------------------------------------------------------
# (a) No inline code in any built page
# --------------------------------------------------------------------------------------------


class InlineCode(HTMLParser):
    """Collects what a strict policy would refuse: scripts with code in them (only `src=` scripts
    and JSON data blocks are allowed), event-handler attributes and javascript: URLs."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.problems: list[str] = []
        self._script: dict[str, str | None] | None = None
        self._body = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name.lower().startswith("on"):
                self.problems.append(f"<{tag} {name}=…>")
            if value and re.match(r"\s*javascript:", value, re.I):
                self.problems.append(f"<{tag} {name}={value[:40]!r}>")
        if tag == "script":
            self._script, self._body = dict(attrs), ""

    def handle_data(self, data: str) -> None:
        if self._script is not None:
            self._body += data

    def handle_endtag(self, tag: str) -> None:
        if tag == "script" and self._script is not None:
            kind = (self._script.get("type") or "").lower()
            if kind != "application/json" and ("src" not in self._script or self._body.strip()):
                self.problems.append(f"inline <script>: {self._body.strip()[:60]!r}")
            self._script = None


def inline_code(html: str) -> list[str]:
    parser = InlineCode()
    parser.feed(html)
    parser.close()
    return parser.problems


def test_the_checker_finds_inline_code() -> None:
    html = (
        '<script>alert(1)</script><script src="a.js"></script><script id="__config" type="application/json">{}</script>'
        '<button onclick="x()">b</button><a href=" JavaScript:x()">a</a><svg><a onload="x"></a></svg>'
    )
    assert inline_code(html) == [
        "inline <script>: 'alert(1)'",
        "<button onclick=…>",
        "<a href=' JavaScript:x()'>",
        "<a onload=…>",
    ]
    assert inline_code('<p>onclick="x" and javascript: as text</p><code>&lt;script&gt;x&lt;/script&gt;</code>') == []


def test_no_built_page_has_inline_code(real_site: Path) -> None:
    files = sorted([*real_site.rglob("*.html"), *real_site.rglob("*.svg")])
    assert len(files) > 100
    problems = {f.relative_to(real_site).as_posix(): p for f in files if (p := inline_code(f.read_text(encoding="utf-8")))}
    assert problems == {}
    # Every page loads Material's helpers from a file (they were inline in Material's base.html).
    home = (real_site / "index.html").read_text(encoding="utf-8")
    assert 'src="assets/javascripts/swkb-md-head.js"' in home and 'src="assets/javascripts/swkb-md-page.js"' in home


def test_scripts_build_no_code_from_strings() -> None:
    """No eval, no Function constructor, no timers given strings, no javascript: URLs, no inline
    handlers in markup the scripts make."""
    sources = sorted(
        [
            *(ROOT / "docs/javascripts").glob("*.js"),
            *(ROOT / "docs/assets/javascripts").rglob("*.js"),
            *(ROOT / "docs/assets/javascripts").rglob("*.mjs"),
        ]
    )
    assert len(sources) >= 15
    banned = re.compile(
        r"\beval\s*\(|\bnew\s+Function\b|\bFunction\s*\(|set(?:Timeout|Interval)\s*\(\s*[\"'`]"
        r"|javascript:|\son[a-z]+\s*=\s*[\\]?[\"']|setAttribute\(\s*[\"']on"
    )
    found = [
        f"{p.relative_to(ROOT)}:{n}"
        for p in sources
        for n, line in enumerate(p.read_text(encoding="utf-8").splitlines(), 1)
        if banned.search(line)
    ]
    assert found == []


# --------------------------------------------------------------------------------------------
# (c) The headers nginx sends
# --------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory):
    """Published with a site URL and served by a real nginx with deploy/nginx/swkb.conf, as in
    tests/test_publish.py."""
    base = tmp_path_factory.mktemp("csp")
    port = free_port()
    release = publish(base / "www", site_url=f"http://127.0.0.1:{port}/kb/")
    server = Nginx(base, base / "www", port)
    yield server.url, base, release
    server.stop()


def get(url: str) -> tuple[int, dict[str, str], bytes]:
    request = urllib.request.Request(url, headers={"Accept-Encoding": "gzip"})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, {k.lower(): v for k, v in response.headers.items()}, response.read()
    except urllib.error.HTTPError as error:
        return error.code, {k.lower(): v for k, v in error.headers.items()}, error.read()


def policy_of(headers: dict[str, str]) -> dict[str, str]:
    return {part.split()[0]: " ".join(part.split()[1:]) for part in headers["content-security-policy"].split(";") if part.strip()}


def test_pages_and_the_404_carry_the_security_headers(site) -> None:
    url, _, _ = site
    for address, status in ((url, 200), (url + "regions/changshu/", 200), (url + "no/such/page/", 404)):
        code, headers, _ = get(address)
        assert code == status, address
        policy = policy_of(headers)
        assert {k: policy.get(k) for k in POLICY} == POLICY, address
        assert "'unsafe-inline'" not in policy["script-src"] and "'unsafe-eval'" not in policy["script-src"]
        assert headers["x-content-type-options"] == "nosniff", address
        assert headers["referrer-policy"] == "same-origin", address
        assert headers["x-frame-options"] == "SAMEORIGIN", address


def test_content_types_and_compression(site) -> None:
    url, _, _ = site
    expected = {
        "assets/javascripts/search/rank.mjs": "text/javascript",
        "downloads/catalog.json": "application/json",
        "changes/feed.xml": "application/atom+xml",
        "sitemap.xml": "application/xml",
        "downloads/staffing.xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "downloads/staffing.docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    }
    for path, kind in expected.items():
        code, headers, _ = get(url + path)
        assert code == 200 and headers["content-type"].split(";")[0] == kind, (path, headers.get("content-type"))
        assert headers["x-content-type-options"] == "nosniff", path  # nested locations keep the headers
    for path in ("changes/feed.xml", "assets/javascripts/search/rank.mjs", "sitemap.xml"):
        code, headers, body = get(url + path)
        assert headers.get("content-encoding") == "gzip", path
        text = gzip.decompress(body).decode("utf-8")
        assert text.strip(), path
    _, _, body = get(url + "changes/feed.xml")
    assert "<feed" in gzip.decompress(body).decode("utf-8")


def test_the_root_probe_is_answered_at_any_depth(site) -> None:
    """The 404 page without a site URL loads the probe relative to the missing address."""
    url, _, _ = site
    _, _, root = get(url + "assets/javascripts/swkb-root-probe.js")
    code, headers, body = get(url + "no/such/page/assets/javascripts/swkb-root-probe.js")
    assert code == 200 and headers["content-type"].startswith("application/javascript")
    assert (gzip.decompress(body) if headers.get("content-encoding") == "gzip" else body) == (
        gzip.decompress(root) if root[:2] == b"\x1f\x8b" else root
    )
    assert "content-security-policy" in headers


# --------------------------------------------------------------------------------------------
# (b) Under the policy, in Chromium, served by nginx
# --------------------------------------------------------------------------------------------


class Watched:
    """A page that records policy violations (events and console messages) and dialogs."""

    def __init__(self, browser) -> None:
        self.page = browser.new_page()
        self.console: list[str] = []
        self.dialogs: list[str] = []
        self.errors: list[str] = []
        self.page.add_init_script(RECORD_VIOLATIONS)
        self.page.on("console", lambda m: self.console.append(m.text) if "Content Security Policy" in m.text else None)
        self.page.on("dialog", lambda d: (self.dialogs.append(d.message), d.dismiss()))
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))

    def violations(self) -> list[str]:
        return list(self.page.evaluate("window.__csp || []")) + self.console

    def close(self) -> None:
        assert self.violations() == [] and self.dialogs == [] and self.errors == []
        self.page.close()


def test_the_policy_is_enforced_and_reported(site, browser) -> None:
    """The recorder works: an inline script the test adds is refused and reported."""
    url, _, _ = site
    watched = Watched(browser)
    watched.page.goto(url)
    watched.page.evaluate("""() => { const s = document.createElement("script"); s.textContent = "window.__ran = 1";
                             document.body.appendChild(s); }""")
    watched.page.wait_for_function("window.__csp.length > 0")
    assert watched.page.evaluate("window.__ran") is None
    assert any(v.startswith("script-src") for v in watched.violations())
    watched.page.close()


def test_search_works_under_the_policy(site, browser) -> None:
    url, _, _ = site
    watched = Watched(browser)
    watched.page.goto(url)
    assert search(watched.page, "社工站") > 0
    watched.page.wait_for_selector(".swkb-facet__count", state="attached")  # our kind buttons got the counts
    watched.close()


def test_side_by_side_view_works_under_the_policy(site, browser) -> None:
    url, _, _ = site
    watched = Watched(browser)
    watched.page.goto(url + "compare/regions/?ids=changshu,zhuolu")
    watched.page.wait_for_selector("table.swkb-side-table")
    heads = watched.page.locator("table.swkb-side-table thead th").all_inner_texts()
    assert [h.split("\n")[0] for h in heads] == ["项目", "常熟市", "涿鹿县"]
    watched.close()


def test_card_chooser_works_under_the_policy(site, browser) -> None:
    url, _, _ = site
    watched = Watched(browser)
    page = watched.page
    page.goto(url + "cards/")
    form = page.locator("[data-chooser-form]").first
    form.wait_for(state="visible")
    region = page.locator("[data-chooser-region]").first
    region.select_option(index=1)  # index 0 asks 请选择地区
    go = page.locator("[data-chooser-go]").first
    post = page.locator("[data-chooser-post]").first
    if post.locator("option").count() > 1:  # a region with several posts asks for the post
        assert go.get_attribute("href") is None
        post.select_option(index=1)
    href = go.get_attribute("href")
    assert href and "cards/" in (page.url + href) and go.inner_text().startswith("打开入职卡片")
    go.click()
    page.wait_for_load_state()
    assert "/cards/" in page.url and page.url != url + "cards/"
    # The card's checklist keeps a tick across a reload (checklist.js, localStorage) under the policy.
    page.locator(".swkb-checklist label").first.click()
    page.reload()
    assert page.locator(".swkb-checklist input").first.is_checked()
    assert page.locator("[data-checklist-progress]").inner_text().startswith("已完成 1/")
    watched.close()


def test_sorting_a_comparison_table_works_under_the_policy(site, browser) -> None:
    url, _, _ = site
    watched = Watched(browser)
    page = watched.page
    page.goto(url + "compare/staffing/")
    button = page.locator(".swkb-sort-button").first
    button.click()
    page.wait_for_selector("th[aria-sort]")
    assert page.locator("th[aria-sort]").first.get_attribute("aria-sort") in ("ascending", "descending")
    assert "sort=" in page.url
    watched.close()


def test_the_404_page_works_under_the_policy(site, browser) -> None:
    url, _, _ = site
    watched = Watched(browser)
    watched.page.goto(url + "no/such/page/")
    watched.page.wait_for_load_state("networkidle")
    assert watched.page.locator("h1").inner_text().startswith("404")
    watched.close()
