"""Where every generated page lives, and the URLs MkDocs gives files, computed without MkDocs.

Links in generated HTML are final relative URLs, so they are computed here exactly as MkDocs
computes `File.url` and relative links (tests compare both for either URL scheme). The module
sits in the views layer, below search and site, because both need the same addresses: search
links its results to the pages site renders.
"""

from __future__ import annotations

import posixpath
from typing import Literal

PageKind = Literal["service", "role", "region", "document", "term", "compare", "card", "changes", "about", "preview"]
"""What a generated page is: an entry's page or its kind's index (service, role, region, document),
the glossary (term), a comparison or the overview (compare), an onboarding card or its index
(card), the release's changes (changes), or a page about the site (about: build information and
data completeness, which search leaves out), or the preview's catalog-status page (preview, made
only by `mkdocs serve`). Declared once, here, below search and site, which
both branch on it; swkb.site.render names each kind's templates in full (ENTRY_TEMPLATE)."""

# Where each kind of entry lives in the site. Regions are section pages (index.md) so that
# child regions can nest under them in the navigation.
PAGE_URI: dict[str, str] = {
    "service": "services/{id}.md",
    "role": "roles/{id}.md",
    "region": "regions/{id}/index.md",
    "document": "documents/{id}.md",
}
INDEX_URI: dict[str, str] = {
    "service": "services/index.md",
    "role": "roles/index.md",
    "region": "regions/index.md",
    "document": "documents/index.md",
    "term": "glossary.md",
}
KIND_TITLE: dict[str, str] = {"service": "服务清单", "role": "岗位", "region": "地区", "document": "政策文件", "term": "术语表"}
COMPARE_INDEX = "compare/index.md"
BUILD_INFO_URI = "build-info.md"
COMPLETENESS_URI = "developer/coverage.md"
"""数据完整度, generated from the catalog (swkb.views.coverage), listed with the maintainers' pages."""
COVERAGE_URI = "compare/services.md"
TIMELINES_URI = "compare/timelines.md"
CHANGES_URI = "changes/index.md"
CHANGES_HISTORY_URI = "changes/history.md"


def change_anchor(group: str) -> str:
    """The anchor of a region's block on the 本次更新 page ("" is the block of entries of no region)."""
    return f"c-{group or 'national'}"


OVERVIEW_URI = "compare/overview.md"
"""全国概览: the tile map of the provinces (swkb.views.overview)."""
REGIONS_URI = "compare/regions.md"
"""The side-by-side page: any regions, chosen in the browser (`?ids=changshu,zhuolu`)."""


def page_url(src_uri: str, directory_urls: bool = True) -> str:
    """The URL MkDocs gives the file at `src_uri` (as `File.url`), relative to the site root."""
    if not src_uri.endswith(".md"):
        return src_uri
    head, _, name = src_uri[:-3].rpartition("/")
    if name != "index":
        return f"{src_uri[:-3]}/" if directory_urls else f"{src_uri[:-3]}.html"
    if directory_urls:
        return f"{head}/" if head else "./"
    return f"{head}/index.html" if head else "index.html"


def _norm_parts(path: str) -> list[str]:
    path = posixpath.normpath("/" + path.lstrip("/"))[1:]
    return path.split("/") if path else []


def relative_url(url: str, other: str) -> str:
    """`url` relative to the page at `other` (both site-root URLs), as MkDocs' get_relative_url."""
    dirname, _, basename = other.rpartition("/")
    if "." in basename:  # a file name such as index.html: its folder is the base
        other = dirname
    other_parts, dest_parts = _norm_parts(other), _norm_parts(url)
    common = 0
    for a, b in zip(other_parts, dest_parts):
        if a != b:
            break
        common += 1
    rel = "/".join([".."] * (len(other_parts) - common) + dest_parts[common:]) or "."
    return rel + "/" if url.endswith("/") else rel
