"""Hand-written pages reach into the catalog through checked links and markers; glossary words
get tooltips on every page."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from swkb.site.tooltips import Tooltips

from .conftest import ROOT, copy_project


def build_with_page(tmp_path: Path, text: str, catalog_edit: tuple[str, str, str] | None = None):
    """Copy the project, add docs/probe.md (in the nav), optionally edit the catalog, build strictly."""
    project = tmp_path / "project"
    copy_project(project)
    (project / "docs" / "probe.md").write_text(text, encoding="utf-8")
    config = (
        (project / "mkdocs.yml")
        .read_text(encoding="utf-8")
        .replace("  - 首页: index.md\n", "  - 首页: index.md\n  - 探针: probe.md\n")
    )
    (project / "mkdocs.yml").write_text(config, encoding="utf-8")
    if catalog_edit:
        path, old, new = catalog_edit
        target = project / "catalog" / path
        if new is None:
            target.unlink()
        else:
            target.write_text(target.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(tmp_path / "site")],
        capture_output=True,
        text=True,
        cwd=project,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    return result, tmp_path / "site"


def test_catalog_links_markers_and_tooltips_render(tmp_path: Path) -> None:
    result, site = build_with_page(
        tmp_path,
        "# 探针\n\n驻站社工先看[[service:shehui-jiuzhu]]、[[region:changshu|常熟]]和"
        "[[term:dibao]]；低保对象要重点关注。\n\n<!-- swkb:role-requirements zhuzhan-shegong -->\n",
    )
    assert result.returncode == 0, result.stderr
    html = (site / "probe/index.html").read_text(encoding="utf-8")
    assert '<a href="../services/shehui-jiuzhu/">社会救助服务</a>' in html
    assert '<a href="../regions/changshu/">常熟</a>' in html
    assert '<a href="../glossary/#dibao">最低生活保障</a>' in html
    assert '<abbr title="最低生活保障：' in html and ">低保对象</abbr>" in html
    assert "驻站<abbr" not in html  # a role name is not cut to give 社工 a tooltip
    assert "不超过 45 岁" in html and "../regions/henan/" in html  # 河南's rule, pulled from the catalog


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "# 探针\n\n见[[service:shehui-jiuzu]]。\n",
            "docs/probe.md:3：引用了不存在的服务 `shehui-jiuzu`，是不是 `shehui-jiuzhu`？",
        ),
        ("# 探针\n\n见[[servce:shehui-jiuzhu]]。\n", "docs/probe.md:3：未知的链接类型 `servce`"),
        ("# 探针\n\n<!-- swkb:role-requirements zhuzhan -->\n", "docs/probe.md:3：引用了不存在的岗位 `zhuzhan`"),
        ("# 探针\n\n<!-- swkb:role-requirements -->\n", "需要一个岗位 ID"),
        ("# 探针\n\n<!-- swkb:services-tabel -->\n", "未知的目录标记 `swkb:services-tabel`"),
    ],
)
def test_broken_reference_in_a_guide_fails_the_build(tmp_path: Path, text: str, message: str) -> None:
    result, _ = build_with_page(tmp_path, text)
    assert result.returncode != 0
    assert message in result.stderr and "Traceback" not in result.stderr


def test_guide_link_to_a_removed_entry_fails_the_build(tmp_path: Path) -> None:
    """A renamed or removed service cannot leave a dead link in a guide."""
    text = "# 探针\n\n见[[service:qita-fuwu]]。\n"
    ok, _ = build_with_page(tmp_path / "a", text)
    assert ok.returncode == 0, ok.stderr
    gone, _ = build_with_page(tmp_path / "b", text, ("services/qita-fuwu.yml", "", None))
    assert gone.returncode != 0 and "`qita-fuwu`" in gone.stderr


def test_tooltips_skip_links_headings_and_code_and_wrap_once() -> None:
    tips = Tooltips([("低保", "最低生活保障：释义"), ("社工", "社会工作者：释义")], protected=["驻站社工"])
    html = '<h2>低保</h2><p>低保和低保，<a href="#">低保</a>，<code>社工</code>，驻站社工，社工。</p><p title="低保">x</p>'
    out = tips.add(html)
    assert out.count("<abbr") == 2
    assert "<h2>低保</h2>" in out and '<a href="#">低保</a>' in out and "<code>社工</code>" in out
    assert '<p><abbr title="最低生活保障：释义">低保</abbr>和低保' in out
    assert "驻站社工，<abbr" in out
    assert '<p title="低保">' in out  # attributes are never touched


def test_syntax_shown_in_code_is_left_alone(tmp_path: Path) -> None:
    result, site = build_with_page(
        tmp_path, "# 探针\n\n写法：`[[service:no-such]]`。\n\n```text\n<!-- swkb:no-such -->\n[[role:nope]]\n```\n"
    )
    assert result.returncode == 0, result.stderr
    html = (site / "probe/index.html").read_text(encoding="utf-8")
    assert "[[service:no-such]]" in html and "[[role:nope]]" in html


GUIDES = [
    "guides/",
    "guides/what-is-a-station/",
    "guides/my-role/",
    "guides/first-month/",
    "guides/annual-cycle/",
    "guides/services-howto/",
    "guides/not-our-work/",
    "guides/project-plan-example/",
    "faq/",
]


def test_real_guides_reach_into_the_catalog(real_site: Path) -> None:
    for guide in GUIDES:
        html = (real_site / guide / "index.html").read_text(encoding="utf-8")
        assert "<abbr title=" in html, guide  # glossary tooltips on the guide
    my_role = (real_site / "guides/my-role/index.html").read_text(encoding="utf-8")
    assert my_role.count('<table class="swkb-table">') >= 11  # one requirements table per role, from the catalog
    assert "不超过 45 岁" in my_role
    howto = (real_site / "guides/services-howto/index.html").read_text(encoding="utf-8")
    assert all(
        f'href="../../services/{sid}/"' in howto for sid in ["zhengce-xuanchuan", "shehui-jiuzhu", "shequ-zhili", "qita-fuwu"]
    )
    home = (real_site / "index.html").read_text(encoding="utf-8")
    for target in ['href="guides/"', 'href="compare/"', 'href="developer/"']:
        assert target in home


def _reference_tooltips(table: dict[str, str], protected: list[str], page_html: str) -> str:
    """The straightforward way, tag by tag, with protected names in the pattern: what
    Tooltips.add must print (it skips the walk for speed)."""
    import html as html_lib
    import re

    skip = {
        "a",
        "abbr",
        "code",
        "pre",
        "script",
        "style",
        "svg",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "title",
        "textarea",
        "select",
        "option",
        "button",
        "label",
    }
    words = sorted(set(table) | {w for w in protected if len(w) >= 2 and any(t in w for t in table)}, key=len, reverse=True)
    pattern = re.compile("|".join(re.escape(w) for w in words))
    seen: set[str] = set()

    def wrap(match: re.Match[str]) -> str:
        word = match.group(0)
        if word in seen or word not in table:
            return word
        seen.add(word)
        return f'<abbr title="{html_lib.escape(table[word], quote=True)}">{word}</abbr>'

    depth, out = 0, []
    # A script's text is no markup: `i <= n` in it is not a tag, so scripts are kept whole.
    for piece in re.split(r"(<script\b.*?</script>|<[^>]+>)", page_html, flags=re.S | re.I):
        if piece[:7].lower() == "<script":
            out.append(piece)
        elif piece.startswith("<"):
            name = (re.match(r"^</?\s*([a-zA-Z0-9]+)", piece) or [None, ""])[1].lower()
            if name in skip and not piece.endswith("/>"):
                depth = max(depth + (-1 if piece.startswith("</") else 1), 0)
            out.append(piece)
        else:
            out.append(pattern.sub(wrap, piece) if depth == 0 and piece.strip() else piece)
    return "".join(out)


def test_tooltips_match_the_tag_by_tag_reference_on_every_built_page(real_site: Path) -> None:
    import swkb.search.index as search
    from swkb.catalog.load import load_catalog
    from swkb.site.render import Renderer

    catalog = load_catalog(ROOT / "catalog")
    table = Renderer(catalog).tooltip_table()
    names = [n for group in search.entity_names(catalog).values() for n in group]
    tips = Tooltips(table, protected=names)
    checked = 0
    for path in real_site.rglob("*.html"):
        page = path.read_text(encoding="utf-8").replace("<abbr", "<span").replace("</abbr>", "</span>")
        assert tips.add(page) == _reference_tooltips(dict(table), names, page), path
        checked += "<abbr" in tips.add(page)
    assert checked > 50
