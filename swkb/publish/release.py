"""Publish the site so that readers never see a half-written one, and make a portable bundle.

Layout under the publish folder (the web server serves `current/`):

    releases/<version>/       one complete build per release
    current -> releases/<version>   a symlink, replaced in one atomic step
    archives/swkb-<version>.zip  and .zip.sha256
    changelog/<version>.json     what the release changed, and the catalog snapshot it was built
                                 from (swkb.publish.changelog): the next release is compared with it

A release is built into a temporary folder next to `releases/`, checked, renamed into place,
and only then is `current` switched over with `os.replace` (atomic on POSIX). A build that
fails or is killed at any point leaves `current` on the previous release.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import time
import zipfile
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from swkb.catalog.errors import CatalogErrors
from swkb.catalog.load import load_catalog
from swkb.publish import changelog
from swkb.publish.buildinfo import CHINA_TIME, catalog_version

PROJECT_ROOT = Path(__file__).resolve().parents[2]
TMP_PREFIX = ".building-"
# Pages as `name/` (directory URLs, served sites) or `name.html` (the file:// bundle).
REQUIRED_PAGES = ["build-info", "compare/index", "regions/index", "services/index", "glossary", "changes/index"]
REQUIRED_FILES = ["index.html", "404.html", "search/search_index.json", "downloads/catalog.json",
                  "downloads/stations.csv", "downloads/stations.xlsx"]
# Tags through which a page loads something; <link> only for the rel values that fetch.
_TAG = re.compile(r"<(script|link|img|iframe|source|audio|video|embed|object)\b([^>]*)>", re.I)
_ATTR = re.compile(r"""\b(src|href|rel|data)\s*=\s*["']([^"']*)["']""", re.I)
_FETCHING_RELS = {"stylesheet", "preload", "modulepreload", "prefetch", "preconnect", "dns-prefetch", "icon",
                  "shortcut", "apple-touch-icon", "manifest"}
_CSS_URL = re.compile(r"""(?:url\(|@import\s+)["']?((?:https?:)?//[^"')]+)""", re.I)


def outside_loads(html: str, site_url: str | None = None) -> list[str]:
    """URLs outside the site that this HTML would fetch while the page is viewed."""
    found = []
    for tag, attrs in _TAG.findall(html):
        values = {k.lower(): v for k, v in _ATTR.findall(attrs)}
        if tag.lower() == "link" and not (set(values.get("rel", "").lower().split()) & _FETCHING_RELS):
            continue
        for key in ("src", "href", "data"):
            url = values.get(key, "")
            if re.match(r"^(?:https?:)?//", url, re.I) and not (site_url and url.startswith(site_url)):
                found.append(url)
    return found


class PublishError(Exception):
    """The new build failed its checks; the published site was not touched."""


@dataclass(frozen=True)
class Release:
    version: str
    path: Path
    archive: Path
    sha256: str
    notes: changelog.ReleaseNotes | None = None


def build_site(target: Path, *, site_url: str | None = None, offline: bool = False,
               extra_env: dict[str, str] | None = None) -> None:
    """Run the project's strict MkDocs build into `target`."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", **(extra_env or {})}
    if site_url is not None:
        env["SWKB_SITE_URL"] = site_url
    if offline:
        env["SWKB_OFFLINE"] = "true"
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "-f",
                             str(PROJECT_ROOT / "mkdocs.yml"), "-d", str(target)], env=env, cwd=PROJECT_ROOT,
                            capture_output=True, text=True)
    if result.returncode != 0:
        raise PublishError("构建失败，已发布的站点没有改动：\n" + (result.stderr or result.stdout).strip())


def check_site(site: Path, site_url: str | None = None) -> list[str]:
    """Problems that make a build unfit to publish (empty when it is fine)."""
    problems = [f"缺少 {name}" for name in REQUIRED_FILES if not (site / name).is_file()]
    for page in REQUIRED_PAGES:
        folder_form = page[: -len("/index")] if page.endswith("/index") else page
        if not ((site / folder_form / "index.html").is_file() or (site / f"{page}.html").is_file()):
            problems.append(f"缺少页面 {page}")
    pages = list(site.rglob("*.html"))
    if len(pages) < 20:
        problems.append(f"页面太少({len(pages)} 个)，构建可能不完整")
    for path in pages + list(site.rglob("*.css")):
        text = path.read_text(encoding="utf-8", errors="replace")
        urls = _CSS_URL.findall(text) if path.suffix == ".css" else outside_loads(text, site_url)
        for url in urls:
            problems.append(f"{path.relative_to(site)} 会从站外加载 {url}")
    return problems


def publish(dest: Path, *, site_url: str | None = None, keep: int = 5,
            pause_before_switch: float = 0.0) -> Release:
    """Build, check, archive, then switch `dest/current` to the new release in one step."""
    dest = dest.resolve()
    releases, archives = dest / "releases", dest / "archives"
    releases.mkdir(parents=True, exist_ok=True)
    archives.mkdir(parents=True, exist_ok=True)
    for leftover in [*releases.glob(TMP_PREFIX + "*"), *dest.glob(".notes-*")]:  # from an interrupted run
        if leftover.is_dir():
            shutil.rmtree(leftover, ignore_errors=True)
        else:
            leftover.unlink()

    # The catalog is checked first: a bad one stops here, before anything is built.
    catalog_dir = Path(os.environ.get("SWKB_CATALOG") or PROJECT_ROOT / "catalog")
    try:
        catalog = load_catalog(catalog_dir, display_base=PROJECT_ROOT)
    except CatalogErrors as exc:
        raise PublishError(f"构建失败，已发布的站点没有改动：\n{exc}") from None
    now = datetime.now(CHINA_TIME)
    data_version = catalog_version(catalog_dir)
    version = f"{now.strftime('%Y%m%d-%H%M%S')}-{data_version[:8]}"
    # What this release changes, compared with the one readers have now (swkb.publish.changelog).
    notes, snap = changelog.prepare_notes(dest, catalog, data_version, version, now.isoformat(timespec="seconds"))
    notes_file = dest / f".notes-{os.getpid()}.json"
    notes_file.write_text(json.dumps(notes.to_dict(), ensure_ascii=False), encoding="utf-8")
    building = releases / f"{TMP_PREFIX}{version}-{os.getpid()}"
    try:
        build_site(building, site_url=site_url, extra_env={changelog.NOTES_ENV: str(notes_file)})
        feed = building / changelog.FEED_URI
        feed.parent.mkdir(parents=True, exist_ok=True)
        feed.write_text(changelog.atom_feed(notes, site_name(), site_url), encoding="utf-8")
        problems = check_site(building, site_url)
        if problems:
            raise PublishError("新构建没有通过检查，已发布的站点没有改动：\n" + "\n".join(problems))
        final = releases / version
        os.rename(building, final)
    except BaseException:
        shutil.rmtree(building, ignore_errors=True)
        raise
    finally:
        notes_file.unlink(missing_ok=True)

    archive = archives / f"swkb-{version}.zip"
    digest = zip_folder(final, archive)
    (archive.parent / (archive.name + ".sha256")).write_text(f"{digest}  {archive.name}\n", encoding="utf-8")

    # Recorded before the switch; history follows `current`, so an unswitched record is never in it.
    changelog.write_record(dest, notes, snap)
    if pause_before_switch:  # lets a test interrupt the run at the last moment before the switch
        time.sleep(pause_before_switch)
    switch_current(dest, final)
    prune(releases, keep=keep, current=final)
    changelog.prune_snapshots(dest, {p.name for p in releases.iterdir() if p.is_dir()})
    return Release(version, final, archive, digest, notes)


def site_name() -> str:
    """The site's name as mkdocs.yml gives it (the feed's title)."""
    match = re.search(r"^site_name:\s*(.+)$", (PROJECT_ROOT / "mkdocs.yml").read_text(encoding="utf-8"), re.M)
    return match.group(1).strip() if match else "社工站政策知识库"


def switch_current(dest: Path, release: Path) -> None:
    """Point `dest/current` at `release` atomically: readers see the old or the new site, never a mix."""
    link = dest / "current"
    new_link = dest / f".current-{os.getpid()}"
    if new_link.is_symlink() or new_link.exists():
        new_link.unlink()
    new_link.symlink_to(release.relative_to(dest))
    os.replace(new_link, link)


def prune(releases: Path, *, keep: int, current: Path) -> None:
    done = sorted((p for p in releases.iterdir() if p.is_dir() and not p.name.startswith(TMP_PREFIX)), reverse=True)
    for old in done[keep:]:
        if old != current:
            shutil.rmtree(old, ignore_errors=True)


def zip_folder(folder: Path, archive: Path) -> str:
    """Zip `folder` (written to a temporary name, then renamed) and return its SHA-256."""
    partial = archive.with_name(archive.name + ".partial")
    with zipfile.ZipFile(partial, "w", zipfile.ZIP_DEFLATED, compresslevel=6) as zf:
        for path in sorted(folder.rglob("*")):
            if path.is_file():
                zf.write(path, path.relative_to(folder).as_posix())
    os.replace(partial, archive)
    return hashlib.sha256(archive.read_bytes()).hexdigest()
