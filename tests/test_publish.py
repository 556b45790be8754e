"""Publishing: no outside requests, a real nginx under /kb/, the file:// bundle, atomic publish
that survives being killed, and printing to PDF."""

from __future__ import annotations

import io
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
import zipfile
from pathlib import Path
from xml.etree import ElementTree

import pytest

from swkb.publish.bundle import bundle
from swkb.publish.release import PublishError, check_site, outside_loads, publish

from .conftest import ROOT, StaticServer, edit
from .pdftext import pdf_sheets

NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
PAGES = [
    "",
    "regions/changshu/",
    "compare/staffing/",
    "compare/timelines/",
    "services/shehui-jiuzhu/",
    "documents/henan-sgz-plan/",
    "glossary/",
]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def outside_requests(page, origin: str) -> list[str]:
    log: list[str] = []
    page.on("request", lambda request: log.append(request.url))
    return log


def search(page, query: str) -> int:
    """Type a query the way a person does: the `s` hotkey, the text, then a key release.

    Material reads the query on keyup; Chinese text arrives through the input method, whose
    commit ends with a key release, so a bare programmatic insert would never be seen."""
    page.keyboard.press("s")
    page.keyboard.type(query)
    page.keyboard.press("End")
    page.wait_for_selector(".md-search-result__item", timeout=15000)
    return page.locator(".md-search-result__item").count()


# --------------------------------------------------------------------------------------------
# Nothing leaves the site
# --------------------------------------------------------------------------------------------


def test_pages_make_no_outside_request(real_site: Path, browser) -> None:
    with StaticServer(real_site) as server:
        page = browser.new_page()
        log = outside_requests(page, server.url)
        for path in PAGES:
            page.goto(server.url + path)
            page.wait_for_load_state("networkidle")
        assert search(page, "社工站") > 0
        page.close()
    assert log, "no request was recorded at all"
    outside = [url for url in log if not url.startswith(server.url) and not url.startswith("data:")]
    assert outside == []


def test_built_html_loads_nothing_from_outside(real_site: Path) -> None:
    assert check_site(real_site) == []


def test_outside_load_checker_can_fail() -> None:
    page = (
        '<link rel="canonical" href="https://kb.example/x/"><link rel="stylesheet" href="https://cdn.example/a.css">'
        '<script src="//cdn.example/b.js"></script><img src="assets/c.png"><script src="https://kb.example/x.js"></script>'
    )
    assert outside_loads(page, "https://kb.example/") == ["https://cdn.example/a.css", "//cdn.example/b.js"]


# --------------------------------------------------------------------------------------------
# A real nginx serving the published site under /kb/
# --------------------------------------------------------------------------------------------


class Nginx:
    """A real nginx on loopback serving `www/current` under /kb/ with deploy/nginx/swkb.conf."""

    def __init__(self, base: Path, www: Path, port: int | None = None) -> None:
        if not Path(NGINX).exists():
            pytest.fail("nginx not found: `bash scripts/test.sh` installs Debian's nginx-light")
        self.base, self.port = base, port or free_port()
        self.url = f"http://127.0.0.1:{self.port}/kb/"
        conf_dir = base / "conf"
        conf_dir.mkdir(parents=True, exist_ok=True)
        snippet = (ROOT / "deploy/nginx/swkb.conf").read_text(encoding="utf-8")
        assert "/var/www/swkb/current/" in snippet
        (conf_dir / "swkb.conf").write_text(snippet.replace("/var/www/swkb/current/", f"{www}/current/"), encoding="utf-8")
        temp = " ".join(f"{name}_temp_path {base}/{name};" for name in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"))
        # Started as root, nginx drops its workers to `nobody`, who cannot read pytest's private temp folders.
        user = "user root;" if os.geteuid() == 0 else ""
        (conf_dir / "nginx.conf").write_text(
            f"""
{user}
worker_processes 1;
daemon off;
pid {base}/nginx.pid;
error_log {base}/error.log;
events {{ worker_connections 64; }}
http {{
  access_log {base}/access.log;
  {temp}
  server {{ listen 127.0.0.1:{self.port}; root {base}/empty; include {conf_dir}/swkb.conf; }}
}}
""",
            encoding="utf-8",
        )
        self.process = subprocess.Popen([NGINX, "-c", str(conf_dir / "nginx.conf")], stderr=subprocess.PIPE)
        deadline = time.monotonic() + 15
        while time.monotonic() < deadline:
            try:
                urllib.request.urlopen(self.url, timeout=2)
                break
            except OSError:
                time.sleep(0.2)

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=10)


@pytest.fixture(scope="module")
def nginx_site(tmp_path_factory: pytest.TempPathFactory):
    base = tmp_path_factory.mktemp("nginx")
    port = free_port()
    release = publish(base / "www", site_url=f"http://127.0.0.1:{port}/kb/", config_file=ROOT / "mkdocs.yml")
    server = Nginx(base, base / "www", port)
    yield server.url, base, release
    server.stop()


def fetch(url: str) -> tuple[int, str, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.headers.get("Content-Type", ""), response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers.get("Content-Type", ""), error.read()


def test_nginx_serves_home_navigation_and_search(nginx_site, browser) -> None:
    url, _, _ = nginx_site
    page = browser.new_page()
    log = outside_requests(page, url)
    page.goto(url)
    assert page.title().startswith("社工站政策知识库")
    page.locator(".md-nav__link", has_text="地区比较").first.click()
    page.wait_for_url(url + "compare/")
    page.locator("article a", has_text="人员配备与任职要求").first.click()
    page.wait_for_url(url + "compare/staffing/")
    assert page.locator("table tbody tr").count() > 3  # the comparison table, all regions
    assert search(page, "河南") > 0
    page.locator(".md-search-result__link").first.click()
    page.wait_for_load_state()
    assert page.url.startswith(url)
    page.close()
    assert [u for u in log if not u.startswith(url)] == []


def test_nginx_download_content_types(nginx_site) -> None:
    url, _, _ = nginx_site
    status, kind, body = fetch(url + "downloads/stations.csv")
    assert status == 200 and kind.startswith("text/csv") and "utf-8" in kind.lower()
    assert body.decode("utf-8-sig").startswith("地区,")
    status, kind, body = fetch(url + "downloads/staffing.xlsx")
    assert status == 200 and kind == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    assert zipfile.ZipFile(io.BytesIO(body)).namelist()
    status, kind, _ = fetch(url + "downloads/catalog.json")
    assert status == 200 and kind.startswith("application/json")


def test_nginx_unknown_path_gets_the_site_404(nginx_site, browser) -> None:
    url, _, _ = nginx_site
    status, kind, body = fetch(url + "no/such/page/")
    assert status == 404 and kind.startswith("text/html")
    assert "社工站政策知识库" in body.decode("utf-8")
    page = browser.new_page()
    failed: list[str] = []
    page.on("requestfailed", lambda r: failed.append(r.url))
    page.on("response", lambda r: failed.append(r.url) if r.status >= 400 and "/no/such/" not in r.url else None)
    page.goto(url + "no/such/page/")
    page.wait_for_load_state("networkidle")
    assert page.locator("h1").inner_text().startswith("404")
    assert failed == []  # the 404 page's own styles and scripts load from /kb/
    page.close()


# --------------------------------------------------------------------------------------------
# Two releases without --site-url: the 404 page under /kb/, and the change log between them
# --------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def two_releases(tmp_path_factory: pytest.TempPathFactory):
    """Published twice without a site URL, with one value changed in between, served by nginx."""
    base = tmp_path_factory.mktemp("releases")
    catalog = base / "catalog"
    shutil.copytree(ROOT / "catalog", catalog)
    os.environ["SWKB_CATALOG"] = str(catalog)
    try:
        first = publish(base / "www", config_file=ROOT / "mkdocs.yml")
        edit(catalog / "regions/changshu.yml", "floor_area: {min: 80,", "floor_area: {min: 95,")
        second = publish(base / "www", config_file=ROOT / "mkdocs.yml")
    finally:
        del os.environ["SWKB_CATALOG"]
    server = Nginx(base, base / "www")
    yield server.url, first, second
    server.stop()


def test_404_works_under_a_sub_path_without_a_site_url(two_releases, browser) -> None:
    url, _, _ = two_releases
    status, kind, body = fetch(url + "no/such/page/")
    assert status == 404 and kind.startswith("text/html") and "找不到这个页面" in body.decode("utf-8")
    page = browser.new_page()
    failed: list[str] = []
    page.on("requestfailed", lambda r: failed.append(r.url))
    page.on("response", lambda r: failed.append(r.url) if r.status >= 400 and "/no/such/" not in r.url else None)
    page.goto(url + "no/such/page/")
    page.wait_for_load_state("networkidle")
    assert page.locator("h1").inner_text().startswith("404")
    # Styled by the site's own stylesheets and scripts, all loaded from /kb/.
    assert page.evaluate("getComputedStyle(document.querySelector('.md-header')).position") == "sticky"
    used = page.evaluate("""() => [...document.styleSheets].map(s => s.href).filter(Boolean)
        .concat([...document.scripts].map(s => s.src).filter(Boolean))""")
    assert len(used) >= 4 and all(u.startswith(url) and "/no/such/" not in u for u in used), used
    # What failed: the probe of the server's root, and the browser's speculative fetches made
    # before the root was known (relative to the missing address).
    root = url.split("/kb/")[0] + "/"
    assert [
        u for u in failed if u != root + "assets/javascripts/swkb-search-worker.js" and not u.startswith(url + "no/such/page/")
    ] == []
    page.get_by_role("link", name="回到首页").click()
    page.wait_for_url(url)
    assert page.title().startswith("社工站政策知识库")
    page.close()


def test_second_release_lists_the_changed_value_old_and_new_with_citation(two_releases, browser) -> None:
    url, first, second = two_releases
    assert second.notes is not None and second.notes.release.previous == first.version
    status, _, body = fetch(url + "changes/")
    text = body.decode("utf-8")
    assert status == 200 and "修改 1 项" in text
    cite = "常政办发〔2021〕101号 四、(一)2"
    assert re.search(r"原为</span><del>不少于 80㎡</del> <span class=\"swkb-cite\"><a [^>]+>" + re.escape(cite), text)
    assert re.search(r"现为</span><ins>不少于 95㎡</ins> <span class=\"swkb-cite\"><a [^>]+>" + re.escape(cite), text)
    assert "江苏省 › 苏州市 › 常熟市" in text
    # The region page says so at the top and beside the value, in words.
    page = browser.new_page()
    page.goto(url + "regions/changshu/")
    assert "本次更新改动了本页" in page.locator(".swkb-changes-note").inner_text()
    mark = page.locator("a.swkb-changed")
    assert mark.count() == 1 and mark.inner_text() == "本次更新，原为：不少于 80㎡"
    mark.click()
    page.wait_for_url(url + "changes/#c-changshu")
    page.close()
    # History: both releases, newest first; the Atom feed has an entry for each.
    _, _, history = fetch(url + "changes/history/")
    assert history.decode("utf-8").index(second.version) < history.decode("utf-8").index(first.version)
    status, kind, feed = fetch(url + "changes/feed.xml")
    assert status == 200 and "xml" in kind
    entries = ElementTree.fromstring(feed).findall("{http://www.w3.org/2005/Atom}entry")
    assert len(entries) == 2 and "不少于 80㎡ → 不少于 95㎡" in ElementTree.tostring(entries[0], encoding="unicode")
    # The first release had nothing to compare with.
    assert first.notes is not None and first.notes.changes is None


# --------------------------------------------------------------------------------------------
# Atomic publish
# --------------------------------------------------------------------------------------------


def current_version(www: Path) -> str:
    return os.readlink(www / "current")


def test_publish_writes_archive_checksum_and_build_info(nginx_site) -> None:
    url, base, release = nginx_site
    assert release.archive.is_file()
    assert (release.archive.parent / (release.archive.name + ".sha256")).read_text().split()[0] == release.sha256
    status, _, body = fetch(url + "build-info/")
    text = body.decode("utf-8")
    assert status == 200 and "数据版本" in text and release.version.rsplit("-", 1)[1] in text
    assert ">15 项<" in text or "15 项" in text


def test_killed_or_failed_publish_leaves_previous_site_serving(nginx_site, tmp_path: Path) -> None:
    url, base, release = nginx_site
    www = base / "www"
    before = current_version(www)
    index_before = (www / "current/index.html").read_bytes()

    # 1. Killed half-way through the build.
    run = subprocess.Popen(
        [sys.executable, str(ROOT / "scripts/publish.py"), str(www), "--site-url", url],
        cwd=ROOT,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    time.sleep(1.5)
    run.send_signal(signal.SIGKILL)
    run.wait()
    assert current_version(www) == before
    assert fetch(url)[0] == 200 and (www / "current/index.html").read_bytes() == index_before

    # 2. Killed at the last moment, after the new release was built and archived.
    run = subprocess.Popen(
        [sys.executable, str(ROOT / "scripts/publish.py"), str(www), "--site-url", url, "--pause-before-switch", "60"],
        cwd=ROOT,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and len(list((www / "releases").glob("2*"))) < 2:
        time.sleep(0.3)
    assert len(list((www / "releases").glob("2*"))) >= 2, "second release never appeared"
    run.send_signal(signal.SIGKILL)
    run.wait()
    assert current_version(www) == before
    assert fetch(url)[0] == 200

    # 3. A build that fails (broken catalog): an error, and nothing changes.
    catalog = tmp_path / "catalog"
    shutil.copytree(ROOT / "catalog", catalog)
    edit(catalog / "regions/henan.yml", "level: province", "level: provinc")
    os.environ["SWKB_CATALOG"] = str(catalog)
    try:
        with pytest.raises(PublishError, match="henan.yml"):
            publish(www, site_url=url, config_file=ROOT / "mkdocs.yml")
    finally:
        del os.environ["SWKB_CATALOG"]
    assert current_version(www) == before
    assert not list((www / "releases").glob(".building-*"))


# --------------------------------------------------------------------------------------------
# The portable bundle, opened from file://
# --------------------------------------------------------------------------------------------


def test_bundle_works_from_file_urls(tmp_path: Path, browser) -> None:
    archive = bundle(tmp_path / "swkb-offline.zip")
    unpacked = tmp_path / "unpacked"
    zipfile.ZipFile(archive).extractall(unpacked)
    page = browser.new_page()
    log = outside_requests(page, "")
    page.goto((unpacked / "index.html").as_uri())
    page.locator(".md-nav__link", has_text="地区比较").first.click()
    page.wait_for_url("**/compare/index.html")
    page.locator("article a", has_text="站点与场地").first.click()
    page.wait_for_url("**/compare/stations.html")
    assert page.locator("table tbody tr").count() > 3  # the comparison table, all regions
    # The side-by-side page reads its data files with <script> elements, which file:// allows.
    page.goto((unpacked / "compare" / "regions.html").as_uri() + "?ids=changshu,henan")
    page.wait_for_selector("table.swkb-side-table")
    assert "常政办发〔2021〕101号" in page.locator("table.swkb-side-table").inner_text()
    assert search(page, "常熟") > 0
    page.close()
    assert [u for u in log if not u.startswith("file://")] == []


# --------------------------------------------------------------------------------------------
# Print
# --------------------------------------------------------------------------------------------


def test_print_keeps_tables_in_page_and_repeats_headers(real_site: Path, browser, tmp_path: Path) -> None:
    with StaticServer(real_site) as server:
        page = browser.new_page(viewport={"width": 1200, "height": 900})
        page.goto(server.url + "compare/staffing/")
        page.emulate_media(media="print")
        overflow = page.evaluate("""() => [...document.querySelectorAll('article table')].filter(
            t => t.getBoundingClientRect().right > document.querySelector('article').getBoundingClientRect().right + 1).length""")
        assert overflow == 0
        pdf = tmp_path / "staffing.pdf"
        page.pdf(path=str(pdf), format="A4", print_background=True)
        page.close()
    texts = pdf_sheets(pdf)
    assert len(texts) >= 2
    # Every page that carries table rows starts them under a repeated header row.
    with_rows = [t for t in texts if "名" in t and ("常熟" in t or "涿鹿" in t or "河南" in t or "临汾" in t)]
    assert len(with_rows) >= 2
    assert all("年龄上限" in t for t in with_rows)
    assert not any("搜索" in t.splitlines()[0] for t in texts if t)  # no site chrome on paper
