"""The new worker's first week on a phone (issue 24, items 9 and 12–17): the card of a 驻站社工 in
涿鹿 against the catalog (own post first, other posts folded, the two contracts apart, services 1–3
and "怎么做" links), and the whole journey in Chromium at 390 px with touch: chooser, section menu,
breadcrumb, saved checklist ticks, a service's 怎么做 section, the reader's region first on a
service page, tap targets and tables that fit."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from swkb.catalog.load import load_catalog
from swkb.catalog.store import Catalog
from swkb.site.pagetree import PageTree, compile_site
from swkb.views.cards import CardSet

from .conftest import ROOT, StaticServer
from .test_cards import read_card

CARD = "cards/zhuolu/zhuzhan-shegong.md"
PHONE = {"viewport": {"width": 390, "height": 844}, "has_touch": True, "is_mobile": True, "device_scale_factor": 2}
MIN_TARGET = 24  # px, WCAG 2.5.8


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return load_catalog(ROOT / "catalog")


@pytest.fixture(scope="module")
def tree(catalog: Catalog) -> PageTree:
    return compile_site(catalog)


def section(html: str, anchor: str) -> str:
    """The card's HTML from heading `anchor` to the next h2."""
    start = html.index(f'<h2 id="{anchor}"')
    end = html.find("<h2 ", start + 1)
    return html[start : end if end > 0 else None]


def test_the_card_leads_with_the_readers_post_and_folds_the_others(tree: PageTree) -> None:
    html = tree.pages[CARD].content
    employment = section(html, "employment")
    own = employment.split('id="employment-agreement"')[0].split("<details")[0]
    # 涿鹿's 驻站社工 rules: 社工站, 社工室, 县级总站 (区民政分局). The station comes first, alone.
    assert "每个乡镇社工站 2–5 名" in own and "区民政分局" not in own and "社区工作室" not in own
    folded = re.findall(r'<details class="swkb-card-other-posts">(.*?)</details>', html, re.S)
    assert len(folded) == 2 and all("open" not in d.split(">")[0] for d in folded)
    assert "区民政分局" in folded[0] and "每个社区工作室 2 名" in folded[0]
    assert "县级总站/中心、社工室" in folded[0].split("</summary>")[0]
    requirements = section(html, "requirements")
    assert "<details" in requirements and "优先条件" in requirements.split("<details")[0]


def test_no_post_has_a_certificate_rule_without_its_consequence(catalog: Catalog, tree: PageTree) -> None:
    """资格证书 said "逾期未取得的予以解聘" for 县级总站/社工室 while 逾期未取得证书 said 未收集."""
    for rid, region in catalog.regions.items():
        for rule in region.staffing:
            if rule.certificate is not None and rule.certificate.status == "stated":
                assert "逾期" not in rule.certificate.display(), (rid, rule.role, rule.post)
    folded = tree.pages[CARD].content.split('<h2 id="requirements"')[1].split("<details")[1].split("</details>")[0]
    row = next(r for r in folded.split("<tr>") if "逾期未取得证书" in r)
    assert "予以解聘" in row and "未收集" not in row


def test_the_two_contracts_are_apart_and_the_note_comes_first(tree: PageTree) -> None:
    employment = section(tree.pages[CARD].content, "employment")
    note = employment.index("swkb-card-note-first")
    own_at, agreement_at = employment.index('id="employment-own"'), employment.index('id="employment-agreement"')
    assert note < own_at < agreement_at
    assert "你的劳动合同（问你的机构）" in employment and "机构与政府的服务协议" in employment
    own, agreement = employment[own_at:agreement_at], employment[agreement_at:]
    for label in ("服务周期", "签约方式", "续签条件", "购买方"):
        assert f">{label}<" in agreement and f">{label}<" not in own, label
    assert ">劳动合同与待遇<" in own and ">薪酬<" in own


def test_every_card_gives_services_one_to_three_and_links_each_service_to_how_to(catalog: Catalog, tree: PageTree) -> None:
    basic = [sid for sid, s in catalog.services.items() if s.category == CardSet.basic_category]
    assert [catalog.services[s].number for s in basic] == [1, 2, 3]
    for ref in CardSet(catalog).refs:
        html = section(tree.pages[ref.uri].content, "services")
        card = read_card(html)
        for sid in basic:
            assert any(f"services/{sid}/" in href for href, _ in card.own_links + card.marked_links), (ref.uri, sid)
        # Every service link has its 怎么做 next to it, to that service's section of the guide.
        services = {m for m in re.findall(r'href="[^"]*services/([a-z-]+)/\?region=', html)}
        howto = set(re.findall(r'href="[^"]*guides/services-howto/#([a-z-]+)"', html))
        assert services and services == howto, ref.uri
    zhuolu = read_card(section(tree.pages[CARD].content, "services"))
    justice = next(i for i in zhuolu.items if i.startswith("参与基层司法工作"))
    assert "15. 其他领域社会服务" in justice and "本地特有" not in justice


def test_the_guide_has_a_stable_anchor_for_every_service(catalog: Catalog) -> None:
    text = (ROOT / "docs/guides/services-howto.md").read_text(encoding="utf-8")
    for sid in catalog.services:
        assert f"### [[service:{sid}]] {{#{sid}}}" in text, sid


def test_no_page_asks_phone_users_to_hover_or_promises_five_minutes(real_site: Path) -> None:
    for page in real_site.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        assert "鼠标停在" not in text and "五分钟能读完" not in text, page


# --------------------------------------------------------------------------------------------
# In Chromium, at 390 px with touch
# --------------------------------------------------------------------------------------------


def in_view(page, selector: str) -> bool:
    box = page.locator(selector).bounding_box()
    return box is not None and 0 <= box["y"] < page.viewport_size["height"]


def small_targets(page) -> list[str]:
    """Controls (and the card's own link chips) smaller than MIN_TARGET px either way."""
    return page.evaluate(
        """min => [...document.querySelectorAll(
            'article :is(input, button, select, summary, .swkb-card-toc a, .swkb-breadcrumb a, a.swkb-howto, .swkb-card-see, [data-chooser-go])')]
        .filter(e => e.getClientRects().length)
        .map(e => [e, e.getBoundingClientRect()])
        .filter(([e, r]) => r.width < min || r.height < min)
        .map(([e, r]) => `${e.tagName}.${e.className} ${e.id || e.textContent.trim().slice(0, 12)} ${r.width}x${r.height}`)""",
        MIN_TARGET,
    )


def overflowing_tables(page) -> list[str]:
    """Tables wider than their box whose first column does not stay in view (sticky)."""
    return page.evaluate("""() => [...document.querySelectorAll('article table')]
        .filter(t => t.getClientRects().length)
        .filter(t => {
            const box = t.parentElement, wide = t.getBoundingClientRect().width > box.clientWidth + 1
                || t.getBoundingClientRect().right > document.documentElement.clientWidth + 1;
            const first = t.querySelector('tbody tr > :first-child');
            return wide && !(first && getComputedStyle(first).position === 'sticky');
        })
        .map(t => t.className + ' ' + t.getBoundingClientRect().width)""")


def progress(page) -> str:
    return page.locator("[data-checklist-progress]").inner_text()


def test_new_worker_journey_on_a_phone(real_site: Path, browser) -> None:
    with StaticServer(real_site) as server:
        context = browser.new_context(**PHONE)
        page = context.new_page()
        errors: list[str] = []
        page.on("pageerror", lambda e: errors.append(str(e)))

        # 1. The chooser asks for the post: 涿鹿 has two, and nothing opens until one is chosen.
        page.goto(server.url + "cards/")
        page.get_by_label("我所在的地区").select_option(label="涿鹿县（河北省）")
        post = page.get_by_label("我的岗位")
        assert post.input_value() == ""
        options = page.eval_on_selector("#swkb-chooser-post", "s => [...s.options].map(o => o.textContent)")
        assert options == ["请选择你的岗位", "县级社工总站社工", "驻站社工"]
        go = page.locator("[data-chooser-go]")
        assert go.get_attribute("href") is None and go.get_attribute("aria-disabled") == "true"
        post.select_option(label="驻站社工")
        assert go.inner_text() == "打开入职卡片：涿鹿县 · 驻站社工"
        assert small_targets(page) == []
        go.tap()
        page.wait_for_url("**/cards/zhuolu/zhuzhan-shegong/")

        # 2. Own post first, others folded; the section menu and the breadcrumb are on screen.
        first_row = page.locator("#employment-own + table tr").first.inner_text()
        assert "社工站" in first_row and "区民政分局" not in first_row
        folded = page.locator("details.swkb-card-other-posts").first
        assert folded.is_visible() and not folded.evaluate("d => d.open")
        assert not page.get_by_text("区民政分局配备社工2名", exact=False).first.is_visible()
        folded.locator("summary").tap()
        assert folded.evaluate("d => d.open") and page.get_by_text("区民政分局", exact=False).first.is_visible()
        crumb = page.get_by_role("navigation", name="当前位置")
        assert crumb.is_visible() and crumb.get_by_role("link", name="入职卡片").is_visible()
        menu = page.get_by_role("navigation", name="本卡目录")
        assert menu.is_visible()
        menu.get_by_role("link", name="任职要求").tap()
        page.wait_for_function("location.hash === '#requirements'")
        assert in_view(page, "#requirements")

        # 3. Tap targets and tables on the card.
        assert small_targets(page) == []
        assert overflowing_tables(page) == []
        assert page.evaluate("document.documentElement.scrollWidth") <= 390

        # 4. Tick three items, reload: the ticks and the count are kept; clear, undo, clear.
        total = page.locator(".swkb-checklist input[type=checkbox]").count()
        assert total == 29 and progress(page) == f"已完成 0/{total}"
        for item in ("same-day-notes", "get-lists", "certificate-date"):
            page.locator(f"label[for=ck-{item}]").tap()
        assert progress(page) == f"已完成 3/{total}"
        page.reload()
        assert page.locator("#ck-same-day-notes").is_checked() and page.locator("#ck-certificate-date").is_checked()
        assert not page.locator("#ck-meet-line-manager").is_checked()
        assert progress(page) == f"已完成 3/{total}"
        page.get_by_role("button", name="清除勾选").tap()
        assert page.locator(".swkb-checklist input:checked").count() == 0
        assert progress(page).startswith(f"已完成 0/{total}")
        page.get_by_role("button", name="撤销清除").tap()
        assert progress(page) == f"已完成 3/{total}"
        page.get_by_role("button", name="清除勾选").tap()
        page.reload()
        assert page.locator(".swkb-checklist input:checked").count() == 0 and progress(page) == f"已完成 0/{total}"
        # The first-month guide keeps its own ticks.
        page.locator("label[for=ck-get-lists]").tap()
        page.goto(server.url + "guides/first-month/")
        assert progress(page) == f"已完成 0/{total}" and not page.locator("#ck-get-lists").is_checked()
        page.go_back()

        # 5. 需求评估 (item 2, everyone's job) → its 怎么做 section of the guide.
        page.get_by_role("link", name="怎么做：需求评估").first.tap()
        page.wait_for_url("**/guides/services-howto/#xuqiu-pinggu")
        page.wait_for_timeout(300)
        assert in_view(page, "#xuqiu-pinggu")

        # 6. A service page puts 涿鹿 first, from the link (?region=) and, without it, from memory.
        page.go_back()
        page.get_by_role("link", name="4. 社会救助服务").tap()
        page.wait_for_url("**/services/shehui-jiuzhu/?region=zhuolu")
        first = page.locator("[data-swkb-my-region] tbody tr").first
        assert first.get_attribute("data-region") == "zhuolu" and first.inner_text().startswith("你的地区")
        assert "涿鹿县排在第一行" in page.locator("[data-my-region-status]").inner_text()
        page.goto(server.url + "services/yanglao-weilao/")
        assert page.locator("[data-swkb-my-region] tbody tr").first.get_attribute("data-region") == "zhuolu"
        page.get_by_role("link", name="15 项服务怎么做 · 养老为老服务").tap()
        page.wait_for_url("**/guides/services-howto/#yanglao-weilao")

        # 7. The FAQ's certificate answer leads to pages readable at 390 px.
        page.goto(server.url + "faq/")
        answer = page.locator("h3:has-text('我必须考社工证吗') + p")
        assert answer.get_by_role("link", name="入职卡片").is_visible()
        answer.get_by_role("link", name="我的岗位").tap()
        page.wait_for_url("**/guides/my-role/")
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
        assert overflowing_tables(page) == []
        cells = page.locator(".swkb-role-req td[data-label='资格证书']")
        assert cells.first.is_visible() and cells.first.bounding_box()["width"] <= 360

        # 8. The chooser remembers the region of the card opened; a glossary word's tooltip is readable.
        page.goto(server.url + "cards/")
        assert page.eval_on_selector("#swkb-chooser-region", "s => s.options[s.selectedIndex].textContent") == "涿鹿县（河北省）"
        assert page.get_by_label("我的岗位").input_value() == ""
        page.goto(server.url + "guides/first-month/")
        word = page.locator("article abbr[title]").first
        word.tap()
        tip = page.locator("[role=tooltip] .md-tooltip2__inner").first
        tip.wait_for(state="visible")
        size, line = tip.evaluate("t => [parseFloat(getComputedStyle(t).fontSize), parseFloat(getComputedStyle(t).lineHeight)]")
        assert size >= 14 and line >= 1.4 * size

        # 9. A question pasted into search (no key events, as a paste, voice input or an input
        #    method commits it) is answered: the first-month page is in the top 3.
        page.goto(server.url)
        page.locator("label.md-header__button[for=__search]").tap()
        box = page.locator("input.md-search__input")
        box.wait_for(state="visible")
        page.keyboard.insert_text("第一周干什么")
        page.wait_for_selector(".md-search-result__item")
        top = page.eval_on_selector_all(".md-search-result__item > a", "as => as.slice(0, 3).map(a => a.href)")
        assert any("/guides/first-month/" in href for href in top), top
        assert errors == []
        context.close()


def test_card_and_first_month_page_at_1280(real_site: Path, browser) -> None:
    """On a wide screen Material's sidebar is the section menu: the card's own menu steps aside."""
    with StaticServer(real_site) as server:
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        page.goto(server.url + "cards/zhuolu/zhuzhan-shegong/")
        assert not page.get_by_role("navigation", name="本卡目录").is_visible()
        assert page.locator(".md-sidebar--secondary").get_by_role("link", name="入职清单").is_visible()
        assert page.get_by_role("navigation", name="当前位置").is_visible()
        assert overflowing_tables(page) == []
        page.close()
