"""Chinese search in the built site, typed into Material's search box in Chromium."""

from __future__ import annotations

import json
import shutil
from collections import Counter
from pathlib import Path

import pytest

from benchmarks.search import load_queries, metrics, run
from swkb.catalog.load import load_catalog
from swkb.search.index import domain_dictionary, entity_names, synonym_groups

from .conftest import MINI, ROOT, StaticServer, edit, project_without_guides, run_mkdocs_build

QUERIES = load_queries(Path(__file__).parent / "search_queries.yml")


def test_query_set_covers_every_kind() -> None:
    kinds = Counter(q.kind for q in QUERIES)
    assert len(QUERIES) >= 60
    assert set(kinds) == {"official", "synonym", "place", "traditional", "pinyin", "multiword", "piece"}
    assert min(kinds.values()) >= 5


def test_every_expected_page_exists(real_site: Path) -> None:
    for query in QUERIES:
        for want in query.expect:
            page, _, anchor = want.partition("#")
            html = (real_site / page / "index.html").read_text(encoding="utf-8")
            assert not anchor or f'id="{anchor}"' in html, want


@pytest.fixture(scope="module")
def search_results(real_site: Path, browser):
    with StaticServer(real_site) as server:
        return run(browser, server.url, QUERIES)


def test_hit_rates_meet_the_bar(search_results) -> None:
    m = metrics(search_results)
    misses = [(r.query.q, r.rank, r.pages[:3]) for r in search_results if r.rank is None or r.rank > 3]
    assert m["all"]["hit@3"] >= 0.95, misses
    for kind in ("synonym", "traditional", "pinyin"):
        assert m[kind]["hit@3"] == 1.0, (kind, misses)
    assert m["all"]["mrr"] >= 0.9


def test_results_have_no_segmentation_marks_and_highlight_matches(search_results) -> None:
    assert not any(r.zwsp for r in search_results)
    assert sum(r.marked for r in search_results) >= len(search_results) * 0.9


def test_entry_pages_rank_above_mentions(search_results) -> None:
    by_query = {r.query.q: r for r in search_results}
    assert by_query["涿鹿"].pages[0] == "regions/zhuolu/"
    assert by_query["救助"].pages[0] == "services/shehui-jiuzhu/"
    assert by_query["低保"].anchors[0][:2] == ["glossary/", "glossary/#dibao"]


def test_index_carries_names_pinyin_synonyms_and_traditional_table(real_site: Path) -> None:
    index = json.loads((real_site / "search/search_index.json").read_text(encoding="utf-8"))
    extra = index["config"]["swkb"]
    assert ["最低生活保障", "低保", "最低生活保障对象", "低保对象", "低保户"] in extra["synonyms"]
    assert extra["t2s"]["廣"] == "广" and extra["t2s"]["會"] == "会"
    assert "常熟市" in extra["words"] and "驻站社工" in extra["words"]
    docs = {d["location"]: d for d in index["docs"]}
    assert docs["regions/changshu/"]["names"] == ["常熟市", "常熟"]
    assert "changshu" in docs["regions/changshu/"]["py"]
    assert not any("\u200b" in d["title"] + d["text"] for d in index["docs"])


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
    edit(catalog / "regions/county.yml", "summary: 测试用的县。",
         "summary: '毒药词<img src=x onerror=\"window.__pwned=1\"><script>window.__pwned=2</script>'")
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
    assert not any("#" in d["location"] or "text" in d for d in head["docs"])
    with StaticServer(site) as server:
        found = run(browser, server.url, [q for q in QUERIES if q.kind in ("place", "multiword", "piece")])
    assert sum(1 for r in found if r.rank is not None and r.rank <= 3) / len(found) >= 0.95
