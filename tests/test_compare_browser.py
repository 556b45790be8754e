"""The comparison workbench in headless Chromium, on the real site: regions side by side from the
URL, each figure with its 文号; picking by pinyin and by province; ranking the funding table
across every region; copying a citation; the side-by-side Word file; and no page wider than the
screen at 390 px or 1280 px."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest

from .conftest import StaticServer

THREE = "compare/regions/?ids=changshu,zhuolu,yuanzhou"


@pytest.fixture(scope="module")
def server(real_site: Path):
    with StaticServer(real_site) as running:
        yield running


def side_cells(page) -> dict[str, dict[str, str]]:
    """Side-by-side table: row key → region id → cell text."""
    page.wait_for_selector("table.swkb-side-table")
    return page.evaluate("""() => {
      const out = {};
      for (const tr of document.querySelectorAll('table.swkb-side-table tbody tr[data-key]')) {
        out[tr.dataset.key] = {};
        for (const td of tr.querySelectorAll('td[data-region]')) out[tr.dataset.key][td.dataset.region] = td.textContent;
      }
      return out;
    }""")


def test_three_regions_in_three_provinces_side_by_side(server, browser) -> None:
    page = browser.new_page()
    page.goto(server.url + THREE)
    cells = side_cells(page)
    heads = page.locator("table.swkb-side-table thead th").all_inner_texts()
    assert [h.split("\n")[0] for h in heads] == ["项目", "常熟市", "涿鹿县", "原州区"]
    assert "江苏省" in heads[1] and "河北省" in heads[2] and "宁夏回族自治区" in heads[3]
    # Each region's figures, each with its 文号 (or its title saying no 文号 was kept).
    assert (
        "不少于 80㎡" in cells["station.floor_area"]["changshu"]
        and "常政办发〔2021〕101号 四、(一)2" in cells["station.floor_area"]["changshu"]
    )
    zhuolu = "涿鹿县乡镇(社区)社会工作服务站(室)建设实施方案（本站拟题，来源未载文号）"
    assert "2–5 名" in cells["station.staff"]["zhuolu"] and zhuolu in cells["station.staff"]["zhuolu"]
    yuanzhou = "《原州区乡镇(街道)社会工作服务站建设实施方案(试行)》（来源未载文号）"
    share = cells["funding.social_assistance_share"]
    assert "不少于 3%" in share["yuanzhou"] and yuanzhou in share["yuanzhou"]
    assert "不超过 3%" in share["zhuolu"] and "来源未规定" in share["changshu"]
    assert "未收集" in cells["station.floor_area"]["yuanzhou"] or "来源未规定" in cells["station.floor_area"]["yuanzhou"]
    # Staffing per post: 常熟's 驻站社工 (不少于4名) stands beside 原州's (人数 来源未规定).
    resident = cells["staffing.zhuzhan-shegong.station.count"]
    assert "不少于 4 名" in resident["changshu"] and "来源未规定" in resident["yuanzhou"]
    # 来源未规定 and 未收集 look different: different elements and classes, not only words.
    assert page.locator("table.swkb-side-table .swkb-not-stated").count() > 0
    assert page.locator("table.swkb-side-table .swkb-not-collected").count() > 0
    # Differences are marked with a word; "只看不同" keeps only those rows.
    verdict = page.locator('tr[data-key="funding.social_assistance_share"] .swkb-verdict').inner_text()
    assert verdict == "不同"
    total = page.locator("table.swkb-side-table tbody tr[data-key]").count()
    page.get_by_label("只看不同之处").check()
    different = page.locator("table.swkb-side-table tbody tr[data-key]")
    assert 0 < different.count() < total
    assert set(different.evaluate_all("rows => rows.map(r => r.dataset.verdict)")) <= {"different", "partial"}
    # Every topic that has rows is there, in order.
    topics = page.locator("table.swkb-side-table .swkb-topic").all_inner_texts()
    assert topics[0] == "站点与场地" and "时间节点" in topics
    page.close()


def test_picking_by_pinyin_and_by_province_keeps_the_choice_in_the_url(server, browser) -> None:
    page = browser.new_page()
    page.goto(server.url + "compare/regions/")
    page.get_by_label("按名称或拼音查找").fill("zhuolu")
    page.get_by_role("button", name="添加涿鹿县").click()
    page.get_by_label("按名称或拼音查找").fill("css")  # initials of 常熟市
    page.get_by_role("button", name="添加常熟市").click()
    page.wait_for_selector("table.swkb-side-table")
    assert page.url.endswith("compare/regions/?ids=zhuolu,changshu")
    page.get_by_label("省份").select_option(label="河南省")
    page.get_by_role("button", name="添加这些地区").click()
    page.wait_for_function("document.querySelectorAll('table.swkb-side-table thead th').length === 4")
    assert page.url.endswith("?ids=zhuolu,changshu,henan")
    page.get_by_role("button", name="移除常熟市").click()
    page.wait_for_function("document.querySelectorAll('table.swkb-side-table thead th').length === 3")
    assert page.url.endswith("?ids=zhuolu,henan")
    page.reload()  # a bookmark brings the same view back
    assert page.locator("#swkb-chosen-list li").all_inner_texts() == ["涿鹿县 移除", "河南省 移除"]
    page.close()


def bounds(page, header: str) -> list[tuple[str, float | None, float | None]]:
    return page.evaluate(
        """(header) => {
      const table = document.querySelector('table.swkb-compare');
      const index = [...table.tHead.rows[0].cells].findIndex(th => th.textContent.includes(header));
      const num = v => v === null ? null : parseFloat(v);
      return [...table.tBodies[0].rows].filter(r => !r.hidden).map(r =>
        [r.dataset.region, num(r.cells[index].getAttribute('data-lo')), num(r.cells[index].getAttribute('data-hi'))]);
    }""",
        header,
    )


def test_funding_table_ranks_every_region(server, browser, real_site: Path) -> None:
    page = browser.new_page()
    page.goto(server.url + "compare/funding/")
    rows = page.locator("table.swkb-compare tbody tr")
    provinces = set(rows.evaluate_all("rows => rows.map(r => r.dataset.province)"))
    assert len(provinces) >= 5  # one table over the whole country
    head = page.locator("th", has_text="社会救助资金比例")
    head.get_by_role("button", name="按上限排序：社会救助资金比例(%)").click()
    ranked = bounds(page, "社会救助资金比例")
    ceilings = [r for r in ranked if r[2] is not None]
    assert [r[0] for r in ceilings[:2]] == ["henan", "zhuolu"]  # ≤2% before ≤3%
    assert [r[2] for r in ceilings] == sorted(r[2] for r in ceilings)
    assert ranked[: len(ceilings)] == ceilings  # rows without a ceiling come after all ceilings
    head.get_by_role("button", name="按下限排序：社会救助资金比例(%)").click()
    ranked = bounds(page, "社会救助资金比例")
    assert ranked[0][0] == "yuanzhou" and ranked[0][1] == 3
    assert all(r[1] is None for r in ranked[1:])  # a ceiling never ranks as a floor
    assert head.get_attribute("aria-sort") == "ascending"
    assert len(ranked) == rows.count()
    page.close()


def test_copy_a_citation(real_site: Path, browser) -> None:
    with StaticServer(real_site) as server:
        context = browser.new_context(permissions=["clipboard-read", "clipboard-write"])
        page = context.new_page()
        page.goto(server.url + "compare/stations/")
        button = page.locator("#changshu").locator("xpath=ancestor::tr").get_by_role("button", name="复制引用：常熟市 站·面积")
        button.focus()
        page.keyboard.press("Enter")  # keyboard-operable
        page.wait_for_function(
            "document.getElementById('swkb-copy-status') && document.getElementById('swkb-copy-status').textContent"
        )
        copied = page.evaluate("navigator.clipboard.readText()")
        assert copied == "常熟市·社工站面积：不少于80㎡（常政办发〔2021〕101号 四、(一)2）"
        assert copied in page.locator("#swkb-copy-status").inner_text()
        page.goto(server.url + THREE)
        page.wait_for_selector("table.swkb-side-table")
        page.locator('tr[data-key="station.staff"] td[data-region="zhuolu"] .swkb-copy').click()
        page.wait_for_function("navigator.clipboard.readText().then(t => t.startsWith('涿鹿县'))")
        # The label and the value stay apart (“人数：每个乡镇社工站 2–5名”) and the note comes along.
        assert page.evaluate("navigator.clipboard.readText()") == (
            "涿鹿县·社工站人数：每个乡镇社工站 2–5名（按乡镇人口规模和任务量确定）"
            "（涿鹿县乡镇(社区)社会工作服务站(室)建设实施方案（本站拟题，来源未载文号） 建设标准·(四)人员配备）"
        )
        context.close()


def test_side_by_side_word_file(server, browser, tmp_path: Path) -> None:
    page = browser.new_page()
    page.goto(server.url + THREE)
    page.wait_for_selector("table.swkb-side-table")
    with page.expect_download() as info:
        page.get_by_role("button", name="下载 Word(.docx)").click()
    target = tmp_path / "side.docx"
    info.value.save_as(target)
    assert info.value.suggested_filename == "地区对照-常熟市-涿鹿县-原州区.docx"
    document = docx.Document(target)
    assert document.paragraphs[0].text == "地区对照：常熟市、涿鹿县、原州区"
    (table,) = document.tables
    assert [c.text.split("\n")[0] for c in table.rows[0].cells] == ["项目", "对照", "常熟市", "涿鹿县", "原州区"]
    lines = {row.cells[0].text: [c.text for c in row.cells] for row in table.rows[1:]}
    area = lines["社工站·面积(㎡)"]
    assert area[2] == "不少于80㎡\n出处：常政办发〔2021〕101号 四、(一)2"
    assert "出处：涿鹿县乡镇(社区)社会工作服务站(室)建设实施方案（本站拟题，来源未载文号）" in lines["社工站·人数(名)"][3]
    assert lines["社会救助资金比例(%)"][1] == "不同"
    page.close()


SHAANXI_TERM = (
    "不超过1年（一般情况；预算有保障、购买内容相对固定的项目可签到最长三年）",
    "陕西省某县镇(街道)社会工作服务站建设方案（本站拟题，来源未载文号） 实施步骤·(三)签订合同(2022年7月1日-7月31日)",
)


def test_copied_citation_keeps_the_qualifier_like_the_word_cell(real_site: Path, browser, tmp_path: Path) -> None:
    """Issue 24 item 4 / issue 26: 陕西某县's contract term copies with its one-year rule, the
    three-year exception and the clause, as “地区·项目：值（限定语）（文号 条款）”, and the Word
    file's cell says the same value with the same citation."""
    value, cite = SHAANXI_TERM
    with StaticServer(real_site) as server:
        context = browser.new_context(permissions=["clipboard-read", "clipboard-write"], accept_downloads=True)
        page = context.new_page()
        page.goto(server.url + "compare/regions/?ids=shaanxi-county,henan")
        page.wait_for_selector("table.swkb-side-table")
        cell = page.locator('tr[data-key="purchase.contract_term_max"] td[data-region="shaanxi-county"]')
        assert "最长三年" in cell.inner_text()  # the page shows the exception next to the value
        cell.locator(".swkb-copy").click()
        page.wait_for_function("navigator.clipboard.readText().then(t => t.startsWith('陕西'))")
        copied = page.evaluate("navigator.clipboard.readText()")
        assert copied == f"陕西省某县(来源未具名)·购买服务合同期限：{value}（{cite}）"
        with page.expect_download() as info:
            page.get_by_role("button", name="下载 Word(.docx)").click()
        target = tmp_path / "shaanxi.docx"
        info.value.save_as(target)
        (table,) = docx.Document(target).tables
        regions = [c.text.split("\n")[0] for c in table.rows[0].cells]
        row = next(r for r in table.rows if r.cells[0].text == "合同期限上限(年)")
        word_value, word_cite = row.cells[regions.index("陕西省某县(来源未具名)")].text.split("\n出处：")
        assert (word_value, word_cite) == (value, cite)
        context.close()


PAGES = [
    "compare/",
    "compare/stations/",
    "compare/staffing/",
    "compare/funding/",
    "compare/governance/",
    "compare/services/",
    "compare/timelines/",
    THREE,
    "guides/my-role/",
    "regions/zhuolu/",
    "roles/zhuzhan-shegong/",
]


@pytest.mark.parametrize("width", [390, 1280])
def test_no_page_is_wider_than_the_screen(server, browser, width: int) -> None:
    """Wide tables scroll inside their own box; nothing else runs past the screen's edge."""
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    for path in PAGES:
        page.goto(server.url + path)
        page.wait_for_load_state("load")
        if "ids=" in path:
            page.wait_for_selector("table.swkb-side-table")
        report = page.evaluate("""() => {
          const width = window.innerWidth, out = [];
          if (document.documentElement.scrollWidth > width) out.push('page ' + document.documentElement.scrollWidth);
          const boxes = '.swkb-scroll, .swkb-tl-scroll, .md-typeset__scrollwrap, pre, .highlight';
          for (const el of document.querySelectorAll('article *')) {
            const inBox = el.parentElement && el.parentElement.closest(boxes);
            if (inBox || el.getClientRects().length === 0) continue;
            const right = el.getBoundingClientRect().right;
            if (right > width + 1) out.push(el.tagName + '.' + el.className + ' ' + Math.round(right));
          }
          for (const table of document.querySelectorAll('article table')) {
            const box = table.closest(boxes);
            if (!box && table.getBoundingClientRect().right > width + 1) out.push('table outside a scroll box');
            if (box && table.scrollWidth > box.clientWidth && getComputedStyle(box).overflowX === 'visible') out.push('box does not scroll');
          }
          return out;
        }""")
        assert report == [], (width, path, report[:5])
    context.close()


def test_wide_table_keeps_its_first_column_in_view(server, browser) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 800})
    page = context.new_page()
    page.goto(server.url + "compare/staffing/")
    box = page.locator(".swkb-scroll").filter(has=page.locator("table.swkb-compare"))
    first = page.locator("table.swkb-compare tbody th").first
    before = first.bounding_box()["x"]
    box.evaluate("b => b.scrollLeft = 600")
    assert box.evaluate("b => b.scrollLeft") > 0  # the table does scroll sideways …
    assert abs(first.bounding_box()["x"] - before) < 1  # … while the region names stay put
    context.close()
