"""After a build, every internal link and anchor resolves and every referenced asset exists."""

from __future__ import annotations

import posixpath
import re
from collections import defaultdict
from pathlib import Path
from urllib.parse import unquote, urlsplit

ATTR = re.compile(r"""<(a|link|script|img|source|iframe)\b[^>]*?\s(href|src)=["']([^"']*)["']""", re.I)
IDS = re.compile(r"""\s(?:id|name)=["']([^"']+)["']""")


def test_every_internal_link_anchor_and_asset_resolves(real_site: Path) -> None:
    ids: dict[Path, set[str]] = {}

    def anchors(page: Path) -> set[str]:
        if page not in ids:
            ids[page] = set(IDS.findall(page.read_text(encoding="utf-8")))
        return ids[page]

    broken: dict[str, list[str]] = defaultdict(list)
    checked = 0
    pages = sorted(real_site.rglob("*.html"))
    for page in pages:
        html = page.read_text(encoding="utf-8")
        base = "/" + page.relative_to(real_site).parent.as_posix().strip(".") + "/"
        for _tag, _attr, url in ATTR.findall(html):
            parts = urlsplit(url)
            if parts.scheme or url.startswith("//") or url.startswith(("mailto:", "tel:")):
                continue  # outside links (the edit button to the Git server) are not ours to check
            checked += 1
            if parts.path:
                target_path = posixpath.normpath(posixpath.join(base, unquote(parts.path)))
                target = real_site / target_path.lstrip("/")
                if url.split("#")[0].endswith("/") or target.is_dir():
                    target = target / "index.html"
            else:
                target = page
            if not target.exists():
                broken[page.relative_to(real_site).as_posix()].append(url)
                continue
            if parts.fragment and target.suffix == ".html" and unquote(parts.fragment) not in anchors(target):
                broken[page.relative_to(real_site).as_posix()].append(url)
    assert checked > 5000
    assert not broken, dict(list(broken.items())[:10])
