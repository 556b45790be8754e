"""Chinese search in the built site, typed into Material's search box in Chromium."""

from __future__ import annotations

import json
import re
import shutil
from collections import Counter
from pathlib import Path

import pytest

from benchmarks.search import ANSWER_PREFIX, load_queries, metrics, run
from swkb.catalog.load import load_catalog
from swkb.search.index import domain_dictionary, entity_names, synonym_groups

from .conftest import MINI, ROOT, StaticServer, edit, project_without_guides, run_mkdocs_build

QUERIES = load_queries(Path(__file__).parent / "search_queries.yml")


def test_query_set_covers_every_kind() -> None:
    kinds = Counter(q.kind for q in QUERIES)
    assert len(QUERIES) >= 60
    assert set(kinds) == {
        "official",
        "synonym",
        "place",
        "traditional",
        "pinyin",
        "multiword",
        "piece",
        "figure",
        "concept",
        "question",
        "sound",
        "initials",
        "everyday",
        "intent-card",
        "intent-compare",
        "intent-side",
        "answer",
    }
    assert min(kinds.values()) >= 5


def test_every_expected_page_exists(real_site: Path) -> None:
    index = json.loads((real_site / "search/search_index.json").read_text(encoding="utf-8"))
    answers = {a["id"] for a in index["config"]["swkb"]["answers"]}
    regions = {r[0] for r in index["config"]["swkb"]["regions"]}
    for query in QUERIES:
        for want in query.expect:
            if want.startswith(ANSWER_PREFIX):  # a direct answer the index can give
                assert want[len(ANSWER_PREFIX) :] in answers, want
                continue
            page, _, anchor = want.partition("#")
            page, _, params = page.partition("?")
            html = (real_site / page / "index.html").read_text(encoding="utf-8")
            assert not anchor or f'id="{anchor}"' in html, want
            if params:  # the side-by-side view of regions that exist
                assert params.startswith("ids=") and set(params[4:].split(",")) <= regions, want


@pytest.fixture(scope="module")
def search_results(real_site: Path, browser):
    with StaticServer(real_site) as server:
        return run(browser, server.url, QUERIES)


def test_hit_rates_meet_the_bar(search_results) -> None:
    m = metrics(search_results)
    misses = [(r.query.q, r.rank, r.pages[:3]) for r in search_results if r.rank is None or r.rank > 3]
    assert m["all"]["hit@3"] >= 0.95, misses
    for kind in ("synonym", "traditional", "pinyin", "figure"):
        assert m[kind]["hit@3"] == 1.0, (kind, misses)
    for kind in (
        "concept",
        "question",
        "sound",
        "initials",
        "everyday",
        "intent-card",
        "intent-compare",
        "intent-side",
        "answer",
    ):
        assert m[kind]["hit@3"] >= 0.9, (kind, misses)
    assert m["all"]["mrr"] >= 0.9


def test_results_have_no_segmentation_marks_and_highlight_matches(search_results) -> None:
    assert not any(r.zwsp for r in search_results)
    # Pinyin, initials, same-sound, concept and everyday queries find entries that need not
    # contain what was typed; intents and answers lead with a view or a box, not a mention.
    literal = [
        r
        for r in search_results
        if r.query.kind in ("official", "synonym", "place", "traditional", "multiword", "piece", "figure", "question")
    ]
    assert sum(r.marked for r in literal) >= len(literal) * 0.95, [r.query.q for r in literal if not r.marked]


def test_result_lines_read_as_sentences(search_results) -> None:
    joined = [r.query.q for r in search_results if re.search(r"[。！？]；", re.sub(r"<[^>]+>", "", r.html))]
    assert not joined


def test_entry_pages_rank_above_mentions(search_results) -> None:
    by_query = {r.query.q: r for r in search_results}
    assert by_query["涿鹿"].pages[0] == "regions/zhuolu/"
    assert by_query["救助"].pages[0] == "services/shehui-jiuzhu/"
    assert by_query["低保"].anchors[0] == ["glossary/#dibao"]  # the term itself, not the whole glossary
    assert by_query["孤儿"].pages[0] == "services/ertong-guanai/"  # the service for that group


def test_figures_rank_the_facts_that_state_them_first(search_results) -> None:
    by_query = {r.query.q: r for r in search_results}
    for q in ("80平方米", "80㎡", "80 m2", "不少于80平米"):
        top = set(by_query[q].pages[:4]) | {a for group in by_query[q].anchors[:4] for a in group}
        assert {"regions/changshu/", "regions/quanzhou/", "compare/stations/#changshu", "compare/stations/#quanzhou"} <= top, q


def test_domain_dictionary_comes_from_the_catalog() -> None:
    catalog = load_catalog(ROOT / "catalog")
    words = domain_dictionary(catalog)
    for word in ["社会救助服务", "驻站社工", "涿鹿县", "涿鹿", "最低生活保障", "低保", "事实无人抚养儿童"]:
        assert word in words
    assert entity_names(catalog)[("region", "linfen")] == ["临汾市", "临汾"]
    assert any("家暴" in group for group in synonym_groups(catalog))


def test_hostile_text_in_results_stays_text(tmp_path: Path, browser) -> None:
    catalog = tmp_path / "catalog"
    shutil.copytree(MINI, catalog)
    edit(
        catalog / "regions/county.yml",
        "summary: 测试用的县。",
        "summary: '毒药词<img src=x onerror=\"window.__pwned=1\"><script>window.__pwned=2</script>'",
    )
    result = run_mkdocs_build(tmp_path / "site", catalog, project=project_without_guides(tmp_path))
    assert result.returncode == 0, result.stderr
    with StaticServer(tmp_path / "site") as server:
        page = browser.new_page()
        page.goto(server.url)
        page.keyboard.press("s")
        page.keyboard.type("毒药词")
        page.keyboard.press("End")
        page.wait_for_selector(".md-search-result__item")
        assert "<img" in page.locator(".md-search-result").inner_text()  # shown as text
        assert page.locator(".md-search-result img, .md-search-result script").count() == 0
        assert page.evaluate("window.__pwned") is None
        page.close()


def test_sharded_index_answers_first_then_completes(tmp_path: Path, browser) -> None:
    """A large index is split: titles and names answer at once, texts arrive in shards."""
    result = run_mkdocs_build(tmp_path / "site", env_extra={"SWKB_SEARCH_SHARD_ABOVE": "50000"})
    assert result.returncode == 0, result.stderr
    site = tmp_path / "site"
    head = json.loads((site / "search/search_index.json").read_text(encoding="utf-8"))
    shards = head["config"]["swkb"]["shards"]
    assert len(shards) >= 3 and all((site / s).exists() for s in shards)
    assert not any("#" in d["l"] or "x" in d for d in head["docs"])
    with StaticServer(site) as server:
        found = run(browser, server.url, [q for q in QUERIES if q.kind in ("place", "multiword", "piece")])
    assert sum(1 for r in found if r.rank is not None and r.rank <= 3) / len(found) >= 0.95


def _open_search(page, url: str, query: str):
    page.goto(url)
    page.keyboard.press("s")
    page.keyboard.type(query)
    page.keyboard.press("End")
    page.wait_for_selector(".md-search-result__item")
    page.wait_for_selector(".swkb-facets:not([hidden])")


def test_results_show_kind_and_context_and_keep_text_as_written(real_site: Path, browser) -> None:
    with StaticServer(real_site) as server:
        page = browser.new_page()
        _open_search(page, server.url, "常政办发")
        first = page.locator(".md-search-result__item").first
        assert first.locator(".swkb-result-kind").inner_text() == "文件"
        assert "常熟市 · 常政办发〔2021〕101号" in first.inner_text()
        page.fill("input.md-search__input", "80平方米")
        page.keyboard.press("End")
        page.wait_for_function(
            "() => document.querySelector('.md-search-result__item .swkb-result-kind')?.textContent !== '文件'"
        )
        text = page.locator(".md-search-result").inner_text()
        assert "80㎡" in text and "80m2" not in text  # shown as written
        assert page.locator(".md-search-result mark", has_text="80㎡").count() >= 2
        kinds = set(page.locator(".md-search-result__item .swkb-result-kind").all_inner_texts())
        assert {"地区", "比较"} <= kinds
        page.close()


def test_no_internal_file_names_in_results(real_site: Path, browser) -> None:
    with StaticServer(real_site) as server:
        found = run(browser, server.url, [q for q in QUERIES if q.kind in ("official", "multiword", "concept")])
    internal = re.compile(r"\.(txt|ya?ml|py)\b|catalog/|swkb/|来源材料")
    leaks = [(r.query.q, m.group(0)) for r in found for m in [internal.search(r.html)] if m]
    assert not leaks


def test_kind_buttons_narrow_results_by_keyboard(real_site: Path, browser) -> None:
    with StaticServer(real_site) as server:
        page = browser.new_page()
        _open_search(page, server.url, "孤儿")
        buttons = page.locator(".swkb-facets button:not([hidden])")
        labels = [t.split()[0] for t in buttons.all_inner_texts()]
        assert labels[0] == "全部" and "服务" in labels and "地区" in labels
        assert page.locator(".swkb-facets").get_attribute("role") == "group"
        meta = ".md-search-result__meta"
        total = page.locator(meta).inner_text()  # "17 个符合条件的结果" (Material draws items in batches)
        page.keyboard.press("Tab")  # from the search box to the pressed button ("全部")
        assert page.evaluate("document.activeElement.dataset.kind") == ""
        while page.evaluate("document.activeElement.textContent").split()[0] != "地区":
            page.keyboard.press("ArrowRight")
        page.keyboard.press("Space")
        page.wait_for_function(
            "() => document.querySelector('.swkb-facet[data-kind=region]').getAttribute('aria-pressed') === 'true'"
        )
        page.wait_for_function(f"() => document.querySelector('{meta}').textContent.trim() !== '{total}'")
        assert set(page.locator(".md-search-result__item .swkb-result-kind").all_inner_texts()) == {"地区"}
        assert page.locator(".md-search").is_visible()  # Material did not close the search on these keys
        assert page.evaluate("document.activeElement.dataset.kind") == "region"  # focus stays on the button
        page.keyboard.press("Space")  # pressed again: all kinds
        page.wait_for_function(f"() => document.querySelector('{meta}').textContent.trim() === '{total}'")
        assert page.locator(".swkb-facet[aria-pressed=true]").get_attribute("data-kind") == ""  # 全部 pressed
        page.keyboard.press("Shift+Tab")  # to the button before, not out of the search
        assert page.evaluate("document.activeElement.classList.contains('swkb-facet')")
        page.keyboard.press("Home")
        page.keyboard.press("Shift+Tab")  # from the first button back to the search box
        assert page.evaluate("document.activeElement.classList.contains('md-search__input')")
        page.close()
