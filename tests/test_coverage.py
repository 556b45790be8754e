"""The data completeness page (developer/coverage/) and `swkb coverage` show the same counts on
the real catalog, largest gaps first, each gap linking to its entry in the field reference."""

from __future__ import annotations

import html
import re
import subprocess
import sys
from pathlib import Path

from swkb.catalog.load import load_catalog
from swkb.views.coverage import coverage, state_of

from .conftest import ROOT, edit

ROW = re.compile(r'<tr data-region="([^"]+)" data-topic="([^"]+)">(.*?)</tr>', re.S)


def page_rows(site: Path) -> list[tuple[str, str, int, int, int, list[str], list[str]]]:
    """(region id, topic, stated, not stated, not collected, gap paths, gap anchors) per row."""
    text = (site / "developer/coverage/index.html").read_text(encoding="utf-8")
    out = []
    for region, topic, body in ROW.findall(text):
        cells = re.findall(r"<td>(.*?)</td>", body, re.S)
        missing, stated, not_stated = (int(c) for c in cells[2:5])  # 未收集 first on the page
        numbers = [stated, not_stated, missing]
        paths = [html.unescape(p) for p in re.findall(r"<code>([^<]+)</code>", cells[5])]
        anchors = [html.unescape(a) for a in re.findall(r'href="[^"#]*#([^"]+)"', cells[5])]
        out.append((region, topic, *numbers, paths, anchors))  # type: ignore[arg-type]
    return out


def cli_rows() -> list[tuple[str, str, int, int, int, list[str]]]:
    result = subprocess.run(
        [sys.executable, "-m", "swkb.cli", "coverage", "--catalog", str(ROOT / "catalog")],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].startswith("数据完整度：") and lines[2].startswith("地区\t主题")
    out = []
    for line in lines[3:]:
        region, topic, stated, not_stated, missing, gaps = line.split("\t")
        out.append((region, topic, int(stated), int(not_stated), int(missing), [] if gaps == "—" else gaps.split("、")))
    return out


def test_page_and_command_agree_on_the_real_catalog(real_site: Path) -> None:
    catalog = load_catalog(ROOT / "catalog")
    expected = coverage(catalog)
    page = page_rows(real_site)
    cli = cli_rows()
    assert len(page) == len(cli) == len(expected) == len(catalog.regions) * 8
    names = {rid: r.name for rid, r in catalog.regions.items()}
    topic_names = {r.topic: r.topic_name for r in expected}
    # A row of a topic with nothing collected gives the count and the topic's field reference,
    # not every field (the command lists them): its listed paths are empty.
    listed = [paths if stated or not_stated else [] for (_, _, stated, not_stated, _, paths) in cli]
    assert [(names[p[0]], topic_names[p[1]], *p[2:5]) for p in page] == [c[:5] for c in cli]
    assert [p[5] for p in page] == listed
    assert [(r.region_id, r.topic, r.stated, r.not_stated, r.not_collected) for r in expected] == [p[:5] for p in page]
    assert any(not p[5] and p[4] for p in page) and any(p[5] for p in page)  # both kinds of row are there
    text = (real_site / "developer/coverage/index.html").read_text(encoding="utf-8")
    assert len(text.encode()) < 150_000
    missing = [p[4] for p in page]
    assert missing == sorted(missing, reverse=True) and missing[0] > 0  # largest gaps first
    # The page's totals line is the sum of the rows, as the command's first line is.
    total = f"未收集 {sum(missing)}"
    assert (
        total in text
        and total
        in subprocess.run(
            [sys.executable, "-m", "swkb.cli", "coverage", "--catalog", str(ROOT / "catalog")], capture_output=True, text=True
        ).stdout
    )


def test_gaps_link_to_the_field_reference(real_site: Path) -> None:
    reference = (real_site / "developer/fields/index.html").read_text(encoding="utf-8")
    ids = set(re.findall(r'id="([^"]+)"', reference))
    anchors = {a for row in page_rows(real_site) for a in row[6]}
    assert anchors and anchors <= ids, sorted(anchors - ids)
    assert "swkb.catalog.models.SiteRules.staff" in anchors
    nav = (real_site / "developer/index.html").read_text(encoding="utf-8")
    assert "数据完整度" in nav  # listed with the maintainers' pages


def test_counts_follow_the_three_states(mini: Path) -> None:
    """Removing a stated field makes a gap; `status: not_stated` counts as read, not as a gap."""

    def room(catalog_dir: Path):
        rows = coverage(load_catalog(catalog_dir))
        return next(r for r in rows if r.region_id == "county" and r.topic == "room")

    before = room(mini)
    assert "room.floor_area" not in [g.path for g in before.gaps]
    assert state_of(load_catalog(mini).regions["county"].room.floor_area) == "not_stated"
    text = (mini / "regions/county.yml").read_text(encoding="utf-8")
    line = next(x for x in text.splitlines() if x.strip().startswith("floor_area:") and "not_stated" in x)
    edit(mini / "regions/county.yml", line + "\n", "")
    after = room(mini)
    assert after.not_stated == before.not_stated - 1 and after.not_collected == before.not_collected + 1
    assert "room.floor_area" in [g.path for g in after.gaps]


def test_a_national_catalog_lists_its_largest_gaps_and_keeps_every_total(large_site: tuple[Path, Path]) -> None:
    """At 3,000 regions the full listing was 27,000 rows (28 MB): a large catalog's page lists
    the first STATIC_ROWS rows, says how many it left out, and its totals still count them all."""
    from swkb.views.pagination import STATIC_ROWS

    site, catalog_dir = large_site
    rows = coverage(load_catalog(catalog_dir))
    text = (site / "developer/coverage/index.html").read_text(encoding="utf-8")
    shown = page_rows(site)
    assert len(shown) == STATIC_ROWS < len(rows)
    assert [(r[0], r[1], r[4]) for r in shown] == [(r.region_id, r.topic, r.not_collected) for r in rows[:STATIC_ROWS]]
    assert f"只列出缺口最多的 {STATIC_ROWS} 行(共 {len(rows)} 行)" in text
    assert f"未收集 {sum(r.not_collected for r in rows)}。" in text
    assert len(text.encode()) < 150_000


def test_every_gap_is_named_in_chinese() -> None:
    """A field without a label showed as 站长·contract: every gap's name is the label of its field."""
    rows = coverage(load_catalog(ROOT / "catalog"))
    unnamed = sorted({g.path for r in rows for g in r.gaps if re.search(r"[A-Za-z_]", g.label.rsplit("·", 1)[-1])})
    assert unnamed == [], unnamed
