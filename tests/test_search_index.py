"""The search index without a browser: documents made from the catalog models and the views,
hand-written pages read from HTML, figures, the concept graph, and the per-page cache."""

from __future__ import annotations

import html
import json
import re

import pytest

from swkb.catalog.load import load_catalog
from swkb.search import build as search_build
from swkb.search import documents
from swkb.search import index as search_index
from swkb.search.build import SearchBuild
from swkb.search.documents import SearchDoc
from swkb.search.figures import figure_of, figures_in
from swkb.search.handwritten import page_docs
from swkb.site.pagetree import compile_site

from .conftest import ROOT


@pytest.fixture(scope="module")
def tree_and_catalog():
    catalog = load_catalog(ROOT / "catalog")
    return compile_site(catalog), catalog


@pytest.fixture(scope="module")
def docs(tree_and_catalog) -> dict[str, SearchDoc]:
    tree, catalog = tree_and_catalog
    return {d.location: d for d in SearchBuild(catalog).generated(tree)}


def test_region_sections_come_from_the_models_with_their_anchors(tree_and_catalog, docs) -> None:
    tree, _ = tree_and_catalog
    page = tree.pages["regions/henan/index.md"]
    station = next(d for loc, d in docs.items() if loc.startswith("regions/henan/#") and "社工站" in d.title)
    assert station.location.partition("#")[2] in page.anchors  # a real heading of the rendered page
    assert "不少于 12㎡" in station.text  # as the page shows it, not "12m2"
    assert ("area", 12.0, None) in station.figures
    assert docs["regions/henan/"].context == "省级"
    assert docs["regions/changshu/"].context == "江苏省 › 苏州市 › 县级"


def test_documents_say_region_and_number_and_never_file_names(docs) -> None:
    doc = docs["documents/changshu-2021-101/"]
    assert doc.title == "关于推进基层社会工作站(室)建设的实施方案"
    assert doc.context.startswith("常熟市 · 常政办发〔2021〕101号")
    internal = re.compile(r"\.(txt|ya?ml)\b|catalog/|来源材料")
    assert not [d.location for d in docs.values() if internal.search(d.title + d.text + d.context)]


def test_each_glossary_term_is_a_result_of_its_own(docs) -> None:
    term = docs["glossary/#dibao"]
    assert term.alone and term.kind == "term" and term.title == "最低生活保障"
    assert term.text.startswith("政府对家庭收入")
    assert "低保" in term.names


def test_comparison_rows_are_results_with_the_facts_they_hold(docs) -> None:
    row = docs["compare/stations/#changshu"]
    assert row.alone and row.kind == "compare"
    assert row.title == "常熟市 · 站点与场地"
    assert ("area", 80.0, None) in row.figures
    assert "社工站面积" in docs["compare/stations/"].names  # what readers call the column 站·面积
    money = docs["compare/funding/#henan"]
    assert ("money", 50000.0, None) in money.figures  # 不少于 5 万元, in 元


def test_figures_are_in_base_units() -> None:
    from swkb.catalog.models import Age, Money

    assert figure_of(Money(min=5, unit="万元", source="x", clause="1")) == ("money", 50000, None)
    assert figure_of(Age(max=45, unit="岁", source="x", clause="1")) == ("age", None, 45)
    assert figure_of(Age(status="not_stated", source="x")) is None
    assert figures_in([None, Money(value=1.5, unit="万元", source="x", clause="1")]) == [("money", 15000, 15000)]


def test_hand_written_pages_keep_their_text_and_drop_permalinks_and_paths() -> None:
    body = (
        '<h1 id="t">标题<a class="headerlink" href="#t">¶</a></h1><p>开头 80㎡，全角标点！</p>'
        '<h2 id="a">第一节<a class="headerlink" href="#a">¶</a></h2><p>见 catalog/regions/x.yml 与 004_ab.txt'
        '<script>bad()</script><abbr title="x">社工</abbr>站</p>'
    )
    page, section = page_docs(body, "guides/x/", "标题", "guide")
    assert (page.location, page.title, page.text) == ("guides/x/", "标题", "开头 80㎡，全角标点！")
    assert (section.location, section.title) == ("guides/x/#a", "第一节")
    assert section.text == "见 与 社工站"


def test_concept_graph_links_groups_terms_services_posts_and_regions(tree_and_catalog) -> None:
    tree, catalog = tree_and_catalog
    index = SearchBuild(catalog).index(tree, {})
    concepts = index["config"]["swkb"]["concepts"]
    dibao = next(c for c in concepts if c["n"][0] == "最低生活保障")
    tiers = dict(map(tuple, dibao["r"]))
    assert tiers["glossary/#dibao"] == 0
    assert tiers["services/shehui-jiuzhu/"] == 1
    assert any(loc.startswith("roles/") and t == 2 for loc, t in tiers.items())
    assert tiers.get("regions/henan/") == 3  # its rules name 最低生活保障对象
    children = next(c for c in concepts if c.get("f") and "孤儿" in c["n"])
    assert ["services/ertong-guanai/", 1] in children["r"]


def test_index_file_format(tree_and_catalog) -> None:
    tree, catalog = tree_and_catalog
    index = SearchBuild(catalog).index(tree, {"lang": ["en"]})
    assert index["config"]["lang"] == ["en"]
    extra = index["config"]["swkb"]
    assert ["最低生活保障", "低保", "最低生活保障对象", "低保对象", "低保户"] in extra["synonyms"]
    assert extra["everyday"]["低保金"] == ["低保金", "最低生活保障", "低保"]  # an alias looks for the term, not back
    assert extra["t2s"]["廣"] == "广" and "多少" in extra["question"] and extra["kinds"]["document"] == "文件"
    docs = {d["l"]: d for d in index["docs"]}
    assert docs["regions/changshu/"]["n"] == ["常熟市", "常熟"] and docs["regions/changshu/"]["p"] == [
        "chang shu shi",
        "chang shu",
    ]
    text = json.dumps(index, ensure_ascii=False)
    assert "\u200b" not in text and "80m2" not in text


def test_unchanged_pages_reuse_their_documents(tree_and_catalog) -> None:
    tree, catalog = tree_and_catalog
    cache: search_build.DocsCache = {}  # the plugin keeps one such cache for a serve session
    first = SearchBuild(catalog, cache)
    first.generated(tree)
    first.add_handwritten("guides/a.md", "guides/a/", "A", "<h1 id='a'>A</h1><p>x</p>")
    again = SearchBuild(catalog, cache)
    again.generated(tree)
    again.add_handwritten("guides/a.md", "guides/a/", "A", "<h1 id='a'>A</h1><p>x</p>")
    again.add_handwritten("guides/b.md", "guides/b/", "B", "<h1 id='b'>B</h1><p>y</p>")
    assert first.hits == 0 and again.misses == 1 and again.hits == len(tree.pages) + 1
    assert again.handwritten["guides/a.md"][0] is first.handwritten["guides/a.md"][0]


def test_developer_pages_are_not_indexed() -> None:
    build = SearchBuild(load_catalog(ROOT / "tests" / "fixtures" / "mini" / "catalog"))
    build.add_handwritten("developer/api.md", "developer/api/", "API", "<p>swkb/catalog/load.py</p>")
    assert build.handwritten == {}
    assert html.unescape("&amp;") == "&"


def test_index_carries_sounds_answers_and_intents(tree_and_catalog) -> None:
    tree, catalog = tree_and_catalog
    extra = SearchBuild(catalog).index(tree, {"lang": ["en"]})["config"]["swkb"]
    # Characters of the names and the common ones, by first reading: 洲 (a typo of 州) is there.
    assert "州" in extra["sounds"]["zhou"] and "洲" in extra["sounds"]["zhou"] and "分" in extra["sounds"]["fen"]
    assert "长" in extra["sounds"]["zhang"] and "长" in extra["sounds2"]["chang"]
    area = next(a for a in extra["answers"] if a["id"] == "stations/station-area")
    assert area["l"] == "compare/stations/" and "面积" in area["w"]
    regions = [r[0] for r in extra["regions"]]
    changshu = next(v for v in area["v"] if regions[v[0]] == "changshu")
    assert changshu[2] == "不少于 80㎡" and changshu[4] == "常政办发〔2021〕101号 四、(一)2"
    assert changshu[5] == "compare/stations/#changshu"
    timeline = next(a for a in extra["answers"] if a["id"] == "timelines")
    assert timeline["v"] and "full_coverage" in timeline["phases"]
    funding = next(t for t in extra["topics"] if t["id"] == "funding")
    assert "合同期限上限" in funding["w"] and funding["l"] == "compare/funding/"
    assert extra["sideBySide"] == "compare/regions/"
    assert extra["aliases"]["救济金"] == ["社会救助服务"] and "特困人员" in extra["aliases"]["孤寡老人"]


def test_search_texts_read_as_sentences(tree_and_catalog) -> None:
    tree, catalog = tree_and_catalog
    index = SearchBuild(catalog).index(tree, {"lang": ["en"]})
    joined = [d["l"] for d in index["docs"] if re.search(r"[。！？]；", d.get("x", "") + d.get("c", ""))]
    assert not joined
    assert documents._join(["第一句。", "第二句", "", "第三句"]) == "第一句。第二句；第三句"


def test_split_index_sends_answers_with_the_first_shard(tree_and_catalog) -> None:
    tree, catalog = tree_and_catalog
    index = SearchBuild(catalog).index(tree, {"lang": ["en"]})
    head, shards = search_index.split_index(index, limit=20_000)
    assert shards and "answers" not in head["config"]["swkb"] and "sounds" in head["config"]["swkb"]
    first = shards[head["config"]["swkb"]["shards"][0]]
    assert first["answers"] == index["config"]["swkb"]["answers"] and first["regions"]


def test_common_characters_file_is_current() -> None:
    """The committed list of common characters is what jieba's dictionary gives today (a jieba
    upgrade or a change of COMMON_CHARACTERS makes it stale: `python -m swkb.search.sounds`)."""
    from swkb.search.sounds import COMMON_CHARACTERS, common_characters, count_common_characters

    assert common_characters() == count_common_characters(), (
        "swkb/search/common_characters.txt 已过期：运行 python -m swkb.search.sounds"
    )
    assert len(common_characters()) == COMMON_CHARACTERS


def test_a_renamed_region_heading_keeps_its_id_and_its_search_section(monkeypatch) -> None:
    """Sections are declared once (swkb.views.region_page): page heading and search result take
    the title and the id from there, so rewording a heading moves neither the id that links
    point at nor the section out of search (it used to be found by its heading text)."""
    import dataclasses

    from swkb.views.region_page import REGION_SECTION, REGION_SECTIONS

    assert len({s.key for s in REGION_SECTIONS}) == len({s.anchor for s in REGION_SECTIONS}) == len(REGION_SECTIONS)
    monkeypatch.setitem(REGION_SECTION, "funding", dataclasses.replace(REGION_SECTION["funding"], title="经费保障"))
    catalog = load_catalog(ROOT / "tests" / "fixtures" / "mini" / "catalog")
    tree = compile_site(catalog)
    page = tree.pages["regions/county/index.md"]
    assert ("资金", "经费保障") in [(h.id, h.name) for h in page.headings]
    found = [d for d in SearchBuild(catalog).generated(tree) if d.location.startswith("regions/county/#")]
    funding = next(d for d in found if d.location.endswith("#资金"))
    assert funding.title.endswith(" · 经费保障") and funding.text


def test_region_sections_are_indexed_with_the_rows_and_labels_the_page_shows(tree_and_catalog, docs) -> None:
    """Rows and lists of a section come from one spec (REGION_SECTIONS): what the page labels
    合同条款 search finds under 合同条款 (it used to be left out of search altogether)."""
    tree, _ = tree_and_catalog
    purchase = docs["regions/henan/#政府购买服务"]
    assert "合同条款：" in purchase.text
    assert "<strong>合同条款</strong>" in tree.pages["regions/henan/index.md"].content
