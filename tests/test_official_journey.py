"""The official's journey (issue 24), walked at 1280 px in headless Chromium on the real site:
rank the funding amounts by their totals, put three regions side by side, keep only what
differs without losing facts only some regions state, narrow the view to one section, take it
into Word and read the file back, follow a citation to its clause, and copy the document's
full citation form."""

from __future__ import annotations

import zipfile
from pathlib import Path

import docx
import pytest

from .conftest import StaticServer

THREE = "compare/regions/?ids=changshu,zhuolu,yuanzhou"


@pytest.fixture(scope="module")
def server(real_site: Path):
    with StaticServer(real_site) as running:
        yield running


@pytest.fixture
def page(browser):
    context = browser.new_context(
        viewport={"width": 1280, "height": 900}, accept_downloads=True, permissions=["clipboard-read", "clipboard-write"]
    )
    page = context.new_page()
    yield page
    context.close()


def verdicts(page) -> dict[str, str]:
    """Side-by-side rows shown: row key → the verdict's words under the item name."""
    page.wait_for_selector("table.swkb-side-table")
    return page.evaluate("""() => Object.fromEntries([...document.querySelectorAll(
        'table.swkb-side-table tbody tr[data-key]')].map(tr => [tr.dataset.key,
        (tr.querySelector('.swkb-verdict') || {textContent: ''}).textContent]))""")


def test_funding_amounts_rank_by_their_totals_as_numbers(server, page) -> None:
    page.goto(server.url + "compare/funding/")
    head = page.locator("th", has_text="金额")
    assert "按合计排序" in head.inner_text()
    head.get_by_role("button", name="按下限排序：金额(万元，按合计排序)").click()
    ranked = page.evaluate("""() => {
      const heads = [...document.querySelectorAll('table.swkb-compare thead th')];
      const index = heads.findIndex(th => th.dataset.col === 'amounts');
      return [...document.querySelectorAll('table.swkb-compare tbody tr')].map(r =>
        [r.dataset.region, r.cells[index].getAttribute('data-lo')]);
    }""")
    totals = [float(lo) for _, lo in ranked if lo is not None]
    # Every region that states an amount has a total to rank by, and they come in numeric
    # order (as text, "100" would sort before "20"), ahead of the rows without one.
    assert len(totals) >= 6
    assert totals == sorted(totals)
    assert all(lo is not None for _, lo in ranked[: len(totals)])
    assert len({round(t) for t in totals}) > 1 and any(len(str(int(t))) != len(str(int(totals[0]))) for t in totals)


def test_only_differences_keeps_what_some_regions_state(server, page) -> None:
    page.goto(server.url + THREE)
    shown = verdicts(page)
    # 涿鹿's cost shares and 原州's payment schedule are stated by one region only: that is a
    # difference an official must see, not a row that "only differences" hides.
    assert shown["funding.cost_shares"] == "仅部分地区有"
    assert shown["funding.payment_schedule"] == "仅部分地区有"
    # A row no region states says so and is never called 相同.
    assert shown["funding.per_station"] == "均未规定"
    assert "相同" not in {v for k, v in shown.items() if k == "funding.per_station"}
    page.get_by_label("只看不同之处").check()
    different = verdicts(page)
    assert {"funding.cost_shares", "funding.payment_schedule", "funding.social_assistance_share"} <= set(different)
    assert "funding.per_station" not in different
    assert set(different.values()) <= {"不同", "仅部分地区有"}
    assert "diff=1" in page.url


def test_one_section_into_word_read_back(server, page, tmp_path: Path) -> None:
    page.goto(server.url + THREE + "&diff=1")
    page.wait_for_selector("table.swkb-side-table")
    topics = page.locator("#swkb-pick-topics input[type=checkbox]")
    labels = [t.strip() for t in page.locator("#swkb-pick-topics label").all_inner_texts()]
    assert len(labels) >= 5
    for i in range(topics.count()):
        if "资金" not in labels[i]:
            topics.nth(i).uncheck()
    assert "sections=funding" in page.url and "diff=1" in page.url
    shown = verdicts(page)
    assert shown and all(key.startswith("funding.") for key in shown)
    # The link carries the view: reopening it shows the same rows.
    page.reload()
    assert verdicts(page) == shown
    with page.expect_download() as info:
        page.get_by_role("button", name="下载 Word(.docx)").click()
    target = tmp_path / "side.docx"
    info.value.save_as(target)
    document = docx.Document(target)
    paragraphs = [p.text for p in document.paragraphs]
    assert paragraphs[0] == "地区对照：常熟市、涿鹿县、原州区"
    scope = next(p for p in paragraphs if p.startswith("共 "))
    assert scope.startswith(f"共 {len(shown)} 项(只看不同之处，全部 ")
    assert "部分：资金" in scope and "(未含：" in scope and "站点与场地" in scope
    assert any(p.startswith("来源：社工站政策知识库，数据版本 ") and "导出日期 " in p for p in paragraphs)
    (table,) = document.tables
    items = [row.cells[0].text for row in table.rows[1:] if row.cells[0].text not in labels]  # less the section headings
    assert len(items) == len(shown)
    assert "拨付安排" in items and not any("面积" in item for item in items)
    schedule = next(row for row in table.rows if row.cells[0].text == "拨付安排")
    assert schedule.cells[1].text == "仅部分地区有"
    assert "出处：" in schedule.cells[4].text  # 原州区's column keeps its citation
    assert document.core_properties.title == "地区对照：常熟市、涿鹿县、原州区"
    assert document.core_properties.subject == scope
    with zipfile.ZipFile(target) as package:
        footer = next(package.read(n).decode() for n in package.namelist() if n.startswith("word/footer"))
    assert " PAGE " in footer and " NUMPAGES " in footer


def test_citation_lands_on_its_clause_and_the_document_gives_its_citation_form(server, page) -> None:
    page.goto(server.url + THREE)
    page.wait_for_selector("table.swkb-side-table")
    cell = page.locator('tr[data-key="funding.payment_schedule"] td[data-region="yuanzhou"]')
    value = cell.inner_text().split("\n")[0]
    link = cell.locator(".swkb-cite a").first
    cited = link.inner_text()
    link.click()
    page.wait_for_url("**/documents/**")
    assert "#" in page.url
    target = page.locator(":target")
    assert target.count() == 1
    # The row the link lands on is the clause it names, and it lists the value just cited.
    clause = target.locator("td").first.inner_text()
    assert cited.endswith(" " + clause)
    rows = page.locator(f'tr:has(td:text-is("{clause}"))').all_inner_texts()
    assert any(part in " ".join(rows) for part in value.replace("：", " ").split() if len(part) > 1)
    box = page.locator(".swkb-cite-form")
    form = box.locator(".swkb-cite-form-text").inner_text()
    assert form.startswith("《") and "》（" in form and ("号" in form or "来源未载文号" in form)
    box.get_by_role("button", name="复制引用").click()
    page.wait_for_function("navigator.clipboard.readText().then(t => t.startsWith('《'))")
    assert page.evaluate("navigator.clipboard.readText()") == form
