"""Issue 26: the catalog holds what the sources say, no more confidently than they say it.

Each fact the last review found left out is in the catalog, cited, and on the built site and in
the downloads; dates taken from a 文号, repost dates and inferred place names say so on the page
and in catalog.json; names are copied as written; our descriptions are in our own words (the
source's own sentences appear only as quotations).
"""

from __future__ import annotations

import html
import json
import re
import warnings
from pathlib import Path
from typing import Any

import pytest

from swkb.catalog.models import Fact, StrictModel, TextFact
from swkb.catalog.provenance import archive_from_env

from .conftest import ROOT
from .test_catalog_content import ProvenanceSkipped

# Fields whose text is an official format or name, copied exactly (not prose of ours).
AS_WRITTEN_FIELDS = ("signage",)


def page_text(site: Path, path: str) -> str:
    raw = (site / path / "index.html").read_text(encoding="utf-8")
    raw = re.sub(r"<(script|style)\b.*?</\1>", " ", raw, flags=re.S)
    return html.unescape(re.sub(r"<[^>]+>", "", raw))


@pytest.fixture(scope="module")
def exported(real_site: Path) -> dict[str, Any]:
    return json.loads((real_site / "downloads/catalog.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def catalog():
    from swkb.catalog.load import load_catalog

    return load_catalog(ROOT / "catalog")


def facts(model: Any, loc: tuple[str | int, ...] = ()) -> Any:
    if isinstance(model, Fact):
        yield loc, model
    if isinstance(model, StrictModel):
        for name in type(model).model_fields:
            yield from facts(getattr(model, name), loc + (name,))
    elif isinstance(model, list):
        for i, item in enumerate(model):
            yield from facts(item, loc + (i,))


def test_left_out_facts_are_in_the_catalog_and_on_the_pages(real_site: Path, exported) -> None:
    regions = exported["regions"]
    # 1. 常熟 室·人数: one professional worker per two villages, counted by township
    room = regions["changshu"]["room"]["staff"]
    assert (room["min"], room["per_count"], room["clause"]) == (1, 2, "四、(二)2")
    assert "以镇(街道)为单位，每2个村(社区) 不少于 1 名" in page_text(real_site, "regions/changshu")
    henan = page_text(real_site, "regions/henan")
    # 2, 3. 河南's awards and its funding mechanism, as facts with a clause (not only the summary)
    awards = regions["henan"]["funding"]["awards"]
    assert ["“适当补助”" in awards[0]["text"], "“奖励性补助”" in awards[1]["text"]] == [True, True]
    assert all(a["clause"].startswith("工作体系·") for a in awards)
    mechanism = regions["henan"]["funding"]["sources"][0]
    assert mechanism["text"] == "“以县级保障为主、省市分级补助”" and mechanism["clause"] == "保障措施·(二)强化资金保障"
    assert henan.count("以县级保障为主、省市分级补助") >= 2  # summary and the 资金 section
    # 4. 原州's purchasing basis: both documents catalogued, named on the region page
    yuanzhou = page_text(real_site, "regions/yuanzhou")
    for did, number in [("ningzhengban-2014-73", "宁政办发〔2014〕73号"), ("ningcai-zong-2014-73", "宁财(综)发〔2014〕73号")]:
        assert number in yuanzhou and exported["documents"][did]["number"] == number
        assert did in exported["documents"]["yuanzhou-sgz-2021"]["based_on"]
        assert number in page_text(real_site, f"documents/{did}")
    # 5. 室 fields read and not stated
    for rid in ["henan", "linfen", "yuanzhou", "shaanxi-county"]:
        for name in ["coverage", "floor_area", "staff", "location"]:
            assert regions[rid]["room"][name]["status"] == "not_stated", (rid, name)
    # 6, 7. the phased slogan; force majeure and 公告 in the contract terms
    assert "“一年起步、两年铺开、三年建成、五年提升”" in henan
    terms = {t["label"]: t["text"] for t in regions["henan"]["purchase"]["contract_terms"]}
    assert "“可变更或解除协议”" in terms["不可抗力"] and terms["公告"] == "“服务协议应当依法予以公告”"
    assert "可变更或解除协议" in henan and "服务协议应当依法予以公告" in henan
    assert "可变更或解除协议" in page_text(real_site, "regions/linfen")
    # 8. the meeting that adopted 常熟's plan
    assert exported["documents"]["changshu-2021-101"]["adopted_at"] == "市政府第68次常务会议"
    assert "市政府第68次常务会议" in page_text(real_site, "documents/changshu-2021-101")
    # 9. 原州's context: the ministry's meeting in 长沙
    meeting = next(m for m in regions["yuanzhou"]["timeline"] if m.get("date") == "2020-10-17")
    assert "长沙" in meeting["event"] and "2020年10月17日" in yuanzhou
    # 10. 河南's national basis documents
    basis = exported["documents"]["henan-sgz-plan"]["based_on"]
    assert {"zhongban-2017-11", "zhongban-2020-18", "zhongfa-2017-13"} <= set(basis)
    assert exported["documents"]["zhongfa-2017-13"]["number"] == "中发〔2017〕13号"
    assert 'href="../zhongfa-2017-13/"' in (real_site / "documents/henan-sgz-plan/index.html").read_text(encoding="utf-8")


def test_readings_are_marked_and_say_the_other_readings_once(real_site: Path, catalog) -> None:
    henan = catalog.regions["henan"]
    resident = henan.staffing[0]
    assert "其一" in resident.certificate.reading and "其二" in resident.certificate.reading  # three parses in all
    assert resident.certificate_deadline.reading and henan.staffing[1].certificate.reading
    page = page_text(real_site, "regions/henan")
    assert "原文也可读作：原文" not in page and page.count("本站理解；原文也可读作") >= 3
    quanzhou = catalog.regions["quanzhou"].station.staff
    assert quanzhou.reading and "每个" in quanzhou.reading
    assert "本站理解；原文也可读作：小标题只写" in page_text(real_site, "regions/quanzhou")


def test_dates_from_a_number_or_a_repost_say_so(real_site: Path, exported) -> None:
    for did in ["ningmin-guifa-2018-2", "yumin-2018-2", "yumin-2020-4", "minban-2019-3", "suzhou-2021-127"]:
        doc = exported["documents"][did]
        assert doc["date_basis"] == "number" and len(doc["date"]) == 4, did
        assert f"{doc['date']}年（年份据文号）" in page_text(real_site, f"documents/{did}"), did
    guangzhou = exported["documents"]["guangzhou-shegong-cishan-2019"]
    assert guangzhou["date_basis"] == "repost"
    assert "2019年5月20日（转载日期，非成文日期）" in page_text(real_site, "documents/guangzhou-shegong-cishan-2019")
    assert "2021年（年份据正文推断）" in page_text(real_site, "documents/yuanzhou-sgz-2021")
    # the documents list and the region page's list say it too
    assert "2018年（年份据文号）" in page_text(real_site, "documents")
    assert "2019年5月20日（转载日期，非成文日期）" in page_text(real_site, "regions/guangzhou")


def test_issuers_are_copied_as_written(exported) -> None:
    documents = exported["documents"]
    assert documents["suzhou-2021-127"]["issuer"] == "苏州市政府办公室"
    assert documents["yumin-2018-2"]["issuer"] == "省民政厅、省财政厅等4部门"
    assert documents["yumin-2020-4"]["issuer"] == "省民政厅等21部门"


def test_inferred_place_names_are_disclosed(real_site: Path, exported) -> None:
    for rid in ["quanzhou", "linfen", "shanghai"]:
        region = exported["regions"][rid]
        assert region["name_basis"] == "inferred" and region["name_note"], rid
        assert f"地名为本站推断：{region['name_note']}" in page_text(real_site, f"regions/{rid}"), rid
    assert "name_basis" not in exported["regions"]["changshu"]  # 常熟 is named by its source
    assert "地名为本站推断" not in page_text(real_site, "regions/changshu")


def test_words_are_the_sources_words(real_site: Path) -> None:
    changshu = page_text(real_site, "regions/changshu")
    assert "多动能活动室" in changshu and "“多动能”原文如此，当为“多功能”之误" in changshu
    assert "法制宣传" in page_text(real_site, "services/ertong-guanai") and "法治宣传" not in page_text(
        real_site, "services/ertong-guanai"
    )
    assert "副处长" in page_text(real_site, "regions/shenzhen")
    assert "申请条件" not in page_text(real_site, "services/zhengce-xuanchuan")
    assert "经办窗口" not in page_text(real_site, "services/zhengce-xuanchuan")
    assert "入户或走访" not in page_text(real_site, "services/xuqiu-pinggu")
    assert "小额资助竞赛" not in page_text(real_site, "glossary")


def test_our_descriptions_are_not_the_sources_sentences(catalog) -> None:
    """No stated text of ours repeats a source sentence of 18 characters or more outside
    quotation marks (official formats such as signage are copied on purpose)."""
    archive = archive_from_env()
    if archive is None:  # a clean clone has no archive: say what was not checked, as the provenance checks do
        warnings.warn(ProvenanceSkipped("未配置来源档案(SWKB_SOURCE_ARCHIVE)：没有核对文字是否照抄原文"), stacklevel=1)
        return

    def norm(text: str) -> str:
        return text.replace(",", "，").replace(";", "；").replace(":", "：")

    texts = {p.name: norm(p.read_text(encoding="utf-8")) for p in archive.glob("*.txt")}
    copied = []
    for entry in catalog.entries:
        for loc, fact in facts(entry.model):
            if not isinstance(fact, TextFact) or fact.status != "stated" or not fact.text or set(loc) & set(AS_WRITTEN_FIELDS):
                continue
            seed = catalog.documents[fact.source].seed_file
            if seed is None:
                continue
            ours = re.sub(r"“[^”]*”", "", fact.text)
            copied += [
                (entry.id, loc, part) for part in re.split(r"[；。]", ours) if len(part) >= 18 and norm(part) in texts[seed]
            ]
    assert copied == []


def test_glossary_clauses_use_the_region_files_paths(catalog) -> None:
    """A glossary clause names its place the way region files cite the same document
    (`实施步骤·…` where the source lost its headings)."""
    used: dict[str, set[str]] = {}
    for entry in catalog.entries:
        if entry.kind == "region":
            for _, fact in facts(entry.model):
                used.setdefault(fact.source, set()).add(fact.clause)
    wrong = [(t.id, t.clause) for t in catalog.terms.values() if t.source in used and t.clause and t.clause not in used[t.source]]
    assert wrong == []
