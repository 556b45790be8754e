"""Onboarding cards: each card against the catalog (every rule of its region and post, cited; no
other region's rule unmarked), the checklist, the chooser in Chromium (keyboard only, without
script, from file://), print on two A4 sheets, hostile text, and the loader's checks."""

from __future__ import annotations

import posixpath
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml

from swkb.catalog.labels import EXCLUSION_KIND_ZH, NOT_COLLECTED, NOT_STATED
from swkb.catalog.load import load_catalog
from swkb.catalog.models import Fact, Milestone, Region, ServiceDomain
from swkb.catalog.store import Catalog, iter_facts
from swkb.site.pagetree import PageTree, compile_site
from swkb.views.cards import GENERAL_EXCLUSIONS, CardSet

from .conftest import MINI, ROOT, StaticServer, load_errors, project_without_guides, run_mkdocs_build
from .pdftext import pdf_sheets
from .test_hostile import SCRIPT, poison

VOID = {"input", "br", "img", "hr", "meta", "link", "wbr"}
MARKED = ("data-elsewhere", "data-general")


class CardReader(HTMLParser):
    """Splits a card into what it says as the region's own rules and what it marks as other
    regions' rules or general rules (elements with data-elsewhere / data-general).

    Collects, for the unmarked part, the text of every list item and table row, and every link;
    for the marked part, each marked block's text and links."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.marked_depth: int | None = None
        self.items: list[str] = []
        self.open_items: list[list[str]] = []
        self.own_links: list[tuple[str, str]] = []
        self.marked_blocks: list[list[str]] = []
        self.marked_links: list[tuple[str, str]] = []
        self.link: tuple[str, list[str], bool] | None = None
        self.own_text: list[str] = []
        self.own_unlinked: list[str] = []
        self.checkboxes: list[str] = []
        self.label_for: dict[str, list[str]] = {}
        self.label: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "input" and a.get("type") == "checkbox":
            self.checkboxes.append(a.get("id") or "")
        if tag in VOID:
            return
        self.stack.append(tag)
        if self.marked_depth is None and any(m in a for m in MARKED):
            self.marked_depth = len(self.stack)
            self.marked_blocks.append([])
        if tag in ("li", "tr") and self.marked_depth is None:
            self.open_items.append([])
        if tag == "a":
            self.link = (a.get("href") or "", [], self.marked_depth is not None)
        if tag == "label" and a.get("for"):
            self.label = a["for"]
            self.label_for[self.label] = []

    def handle_endtag(self, tag: str) -> None:
        if tag in VOID or not self.stack:
            return
        while self.stack:
            open_tag = self.stack.pop()
            if self.marked_depth is not None and len(self.stack) < self.marked_depth:
                self.marked_depth = None
            if open_tag in ("li", "tr") and self.marked_depth is None and self.open_items and open_tag == tag:
                self.items.append(" ".join("".join(self.open_items.pop()).split()))
            if open_tag == tag:
                break
        if tag == "a" and self.link is not None:
            href, text, marked = self.link
            (self.marked_links if marked else self.own_links).append((href, " ".join("".join(text).split())))
            self.link = None
        if tag == "label":
            self.label = None

    def handle_data(self, data: str) -> None:
        if self.link is not None:
            self.link[1].append(data)
        if self.label is not None:
            self.label_for[self.label].append(data)
        if self.marked_depth is not None:
            self.marked_blocks[-1].append(data)
            return
        self.own_text.append(data)
        if self.link is None:
            self.own_unlinked.append(data)
        for item in self.open_items:
            item.append(data)

    @property
    def own(self) -> str:
        return " ".join("".join(self.own_text).split())

    @property
    def own_prose(self) -> str:
        """The unmarked text without link texts (names of services, roles, places, documents)."""
        return " ".join("".join(self.own_unlinked).split())

    @property
    def marked(self) -> list[str]:
        return [" ".join("".join(b).split()) for b in self.marked_blocks]


def read_card(html: str) -> CardReader:
    reader = CardReader()
    reader.feed(html)
    return reader


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return load_catalog(ROOT / "catalog")


@pytest.fixture(scope="module")
def tree(catalog: Catalog) -> PageTree:
    return compile_site(catalog)


def card_pairs(catalog: Catalog) -> list[tuple[str, str]]:
    return [(rid, rule.role) for rid, region in sorted(catalog.regions.items()) for rule in region.staffing]


def short_label(catalog: Catalog, region: Region, doc_id: str) -> str:
    """How the card cites its region's own documents: by 文号, or “本地方案” for the one without."""
    unnumbered = [d for d in dict.fromkeys(f.source for f in iter_facts(region)) if not catalog.documents[d].number]
    assert len(unnumbered) <= 1  # the real catalog; several would be numbered 本地方案1, 2 …
    return catalog.documents[doc_id].number or "本地方案"


def stated_rules(region: Region, role_id: str) -> list[Fact]:
    """Every rule of the region a card for `role_id` must carry (stated or marked not stated)."""
    facts: list[Fact] = []
    for rule in region.staffing:
        if rule.role == role_id:
            facts += iter_facts(rule)
    facts += region.services + region.exclusions + region.timeline
    if region.workforce:
        for items in (region.workforce.training, region.workforce.supervision, region.workforce.assessment):
            facts += [f for f in items if not f.roles or role_id in f.roles]
    if region.purchase:
        p = region.purchase
        facts += [f for f in (p.buyer, p.operator, p.contract_cycle, p.contract_signing, p.renewal, p.evaluation) if f]
        facts += p.reporting
    if region.funding and region.funding.salary:
        facts.append(region.funding.salary)
    if region.governance:
        facts += [f for f in [region.governance.guidance_center, *region.governance.responsibilities] if f]
    return facts


def expected_text(fact: Fact) -> list[str]:
    """What must stand together in one list item or table row of the card for `fact`."""
    if isinstance(fact, ServiceDomain):
        return [fact.name]
    if isinstance(fact, Milestone):
        return [fact.zh(), fact.event]
    if fact.status == "not_stated":
        return [NOT_STATED + (f"（{fact.note}）" if fact.note else "")]
    return [fact.display()]


def test_every_pair_has_a_card_outside_the_nav_and_an_index_inside(catalog: Catalog, tree: PageTree) -> None:
    pairs = sorted(set(card_pairs(catalog)))
    cards = sorted(p.src_uri for p in tree.pages.values() if p.kind == "card" and p.src_uri != "cards/index.md")
    assert cards == sorted(f"cards/{rid}/{role}.md" for rid, role in pairs)
    assert len(cards) >= 16
    assert not any(tree.pages[uri].in_nav for uri in cards)
    assert tree.pages["cards/index.md"].in_nav
    assert tree.pages["cards/zhuolu/zhuzhan-shegong.md"].title == "涿鹿县 · 驻站社工"


def test_each_card_states_every_rule_of_its_region_and_post_with_its_citation(catalog: Catalog, tree: PageTree) -> None:
    checked = 0
    for rid, role in sorted(set(card_pairs(catalog))):
        region = catalog.regions[rid]
        card = read_card(tree.pages[f"cards/{rid}/{role}.md"].content)
        for fact in stated_rules(region, role):
            label = short_label(catalog, region, fact.source)
            cite = f"{label} {fact.clause}" if fact.clause else label
            wanted = [*expected_text(fact), cite]
            assert any(all(w in item for w in wanted) for item in card.items), (rid, role, wanted)
            # The citation links to the document's page.
            assert any(text == cite and f"documents/{fact.source}/" in href for href, text in card.own_links), (rid, role, cite)
            checked += 1
    assert checked > 300


def test_no_other_regions_rule_appears_unmarked_on_any_card(catalog: Catalog, tree: PageTree) -> None:
    marked_total = 0
    for rid, role in sorted(set(card_pairs(catalog))):
        region = catalog.regions[rid]
        # The checklist is our own generic wording, the same on every card: not a region's rule.
        card = read_card(tree.pages[f"cards/{rid}/{role}.md"].content.split('<div class="swkb-checklist">')[0])
        own_sources = {f.source for f in iter_facts(region)}
        own_displays = {f.display() for f in iter_facts(region)}
        for href, text in card.own_links:
            if "/documents/" in href:
                assert any(f"documents/{d}/" in href for d in own_sources), (rid, role, href, text)
            if "/regions/" in href:
                assert f"regions/{rid}/" in href, (rid, role, href)
        for other_id, other in catalog.regions.items():
            if other_id == rid:
                continue
            for fact in iter_facts(other):
                shown = fact.display()
                if fact.status == "stated" and len(shown) >= 8 and not any(shown in d for d in own_displays):
                    assert shown not in card.own_prose, (rid, role, other_id, shown)
        for block in card.marked:
            assert any(label in block for label in ("其他地区的规定", "上级地区的规定", "通用原则")), (rid, role, block)
        # Inside the marked blocks every citation is a document other regions cite.
        elsewhere_sources = _cited_elsewhere(catalog, rid)
        for href, _ in card.marked_links:
            if "/documents/" in href:
                assert any(f"documents/{d}/" in href for d in elsewhere_sources), (rid, role, href)
        marked_total += len(card.marked)
    assert marked_total > 50


def _cited_elsewhere(catalog: Catalog, region_id: str) -> set[str]:
    """Documents cited by the facts of regions other than `region_id`."""
    return {f.source for rid, r in catalog.regions.items() if rid != region_id for f in iter_facts(r)}


REQUIREMENTS = {
    "age_max": "年龄上限",
    "education": "学历",
    "certificate": "资格证书",
    "certificate_deadline": "取证期限",
    "certificate_consequence": "逾期未取得证书",
    "training_hours": "每年培训学时",
}


def test_where_the_region_is_silent_the_card_says_so_and_shows_comparable_regions(catalog: Catalog, tree: PageTree) -> None:
    shown = 0
    for rid, role in sorted(set(card_pairs(catalog))):
        rules = [r for r in catalog.regions[rid].staffing if r.role == role]
        html = tree.pages[f"cards/{rid}/{role}.md"].content
        # Row heads as text (a head may hold a glossary tooltip, whose title names other fields).
        rows = {re.sub(r"<[^>]+>", "", row.split("</th>", 1)[0]): row for row in html.split('<tr><th scope="row">')[1:]}
        roles = {role, *catalog.roles[role].comparable}
        for field, label in REQUIREMENTS.items():
            if any(getattr(r, field) is not None and getattr(r, field).status == "stated" for r in rules):
                continue
            stating = {
                other
                for rl in roles
                for other, r in catalog.staffing_of_role.get(rl, [])
                if other != rid and getattr(r, field) is not None and getattr(r, field).status == "stated"
            }
            row = next((text for head, text in rows.items() if label in head), None)
            assert row is not None, (rid, role, label)
            card = read_card("<table><tr><th>" + row.split("</tr>", 1)[0] + "</tr></table>")
            assert NOT_STATED in card.own or NOT_COLLECTED in card.own, (rid, role, label)
            if stating:
                assert card.marked and any(f"regions/{o}/" in href for o in stating for href, _ in card.marked_links), (
                    rid,
                    role,
                    label,
                )
                shown += 1
            else:
                assert not card.marked
    assert shown >= 20


def test_boundaries_list_each_kind_with_the_general_rule_marked_where_the_region_is_silent(
    catalog: Catalog, tree: PageTree
) -> None:
    zhuolu = read_card(tree.pages["cards/zhuolu/zhuzhan-shegong.md"].content)
    # 涿鹿's own 专职专岗 rule and its clause on 行政和事务性民政工作 are on the card, cited.
    assert any("专职专岗" in item and "本地方案 职责分工·(一)县级民政部门" in item for item in zhuolu.items)
    assert any(
        "行政和事务性民政工作由乡镇、村(社区)完成" in item and "本地方案 职责分工·(二)乡镇、村(社区)" in item
        for item in zhuolu.items
    )
    for rid, role in sorted(set(card_pairs(catalog))):
        kinds = {f.kind for f in catalog.regions[rid].exclusions}
        card = read_card(tree.pages[f"cards/{rid}/{role}.md"].content)
        for kind, label in EXCLUSION_KIND_ZH.items():
            item = next(i for i in card.items if i.startswith(label))
            if kind in kinds:
                assert GENERAL_EXCLUSIONS[kind] not in " ".join(card.marked)
            else:
                assert "的文件没有写这一条" in item, (rid, kind)
                assert any(GENERAL_EXCLUSIONS[kind] in block and "通用原则" in block for block in card.marked), (rid, kind)
                assert GENERAL_EXCLUSIONS[kind] not in card.own


def test_training_supervision_and_first_month_checklist_on_the_zhuolu_card(catalog: Catalog, tree: PageTree) -> None:
    card = read_card(tree.pages["cards/zhuolu/zhuzhan-shegong.md"].content)
    assert any("岗前培训" in i and "本地方案 实施步骤·(三)开展服务" in i for i in card.items)
    assert any("督导团队" in i and "本地方案 实施步骤·(四)督导指导" in i for i in card.items)
    # Training hours: 涿鹿 says nothing of hours (marked so), 河南's 60 学时 is shown as another region's.
    row = next(i for i in card.items if i.startswith("每年培训学时"))
    assert NOT_STATED in row and "60 学时" not in row
    assert any("60 学时" in block and "其他地区的规定" in block for block in card.marked)
    # Every checklist item is a real checkbox with its own label.
    items = catalog.checklist
    assert len(items) >= 25
    assert card.checkboxes == [f"ck-{i.id}" for i in items]
    for item in items:
        label = "".join(card.label_for[f"ck-{item.id}"])
        assert all(piece in label for piece in _plain_pieces(item.text)), item.id


def _plain_pieces(text: str) -> list[str]:
    from swkb.views.cards import checklist_pieces

    return [t for t, kind, _ in checklist_pieces(text) if kind is None and t.strip()]


def test_first_month_guide_prints_the_same_checklist(catalog: Catalog, tree: PageTree) -> None:
    html = tree.renderer.marker("first-month-checklist", "guides/first-month.md")
    guide = read_card(html)
    assert guide.checkboxes == [f"ck-{i.id}" for i in catalog.checklist]
    assert "见本卡" not in guide.own  # pointers to card sections only on cards
    text = (ROOT / "docs/guides/first-month.md").read_text(encoding="utf-8")
    assert "<!-- swkb:first-month-checklist -->" in text and "- [ ]" not in text
    assert "常务副站长" not in text


def test_chooser_lists_every_card_and_the_guides_index_embeds_it(catalog: Catalog, tree: PageTree) -> None:
    html = tree.renderer.marker("card-chooser", "guides/index.md")
    chooser = read_card(html)
    hrefs = {href for href, _ in chooser.own_links}
    assert hrefs == {"#"} | {f"../cards/{rid}/{role}/" for rid, role in card_pairs(catalog)}  # "#": the script sets it
    assert '<label for="swkb-chooser-region">' in html and '<label for="swkb-chooser-post">' in html
    assert "<!-- swkb:card-chooser -->" in (ROOT / "docs/guides/index.md").read_text(encoding="utf-8")


def test_large_catalog_lists_cards_by_province(large_catalog: Path) -> None:
    catalog = load_catalog(large_catalog)  # 150 regions (conftest.py)
    tree = compile_site(catalog)
    cards = CardSet(catalog)
    assert len(cards.refs) > 150

    def targets(uri: str) -> set[str]:
        page = tree.pages[uri]
        return {posixpath.normpath(posixpath.join(page.url, href)) for href, _ in read_card(page.content).own_links}

    assert {f"cards/in/{pid}" for pid in cards.by_province} <= targets("cards/index.md")
    for pid, refs in cards.by_province.items():
        assert {f"cards/{r.region_id}/{r.role_id}" for r in refs} <= targets(f"cards/in/{pid}.md")
    guide = tree.renderer.marker("card-chooser", "guides/index.md")
    assert "cards/in/" in guide and "data-swkb-chooser" not in guide


# --------------------------------------------------------------------------------------------
# In Chromium
# --------------------------------------------------------------------------------------------


def test_chooser_by_keyboard_only_leads_to_the_card(real_site: Path, browser) -> None:
    with StaticServer(real_site) as server:
        page = browser.new_page()
        page.goto(server.url + "guides/")
        region = page.get_by_label("我所在的地区")
        post = page.get_by_label("我的岗位")
        assert region.is_visible() and post.is_visible()
        for _ in range(100):  # Tab from the top of the page (past every nav link) to the region select
            page.keyboard.press("Tab")
            if page.evaluate("document.activeElement.id") == "swkb-chooser-region":
                break
        else:
            pytest.fail("the region select is not reachable with Tab")
        options = page.eval_on_selector("#swkb-chooser-region", "s => [...s.options].map(o => o.textContent)")
        target = next(i for i, text in enumerate(options) if text.startswith("原州区"))
        for _ in range(target):
            page.keyboard.press("ArrowDown")
        assert page.eval_on_selector("#swkb-chooser-region", "s => s.options[s.selectedIndex].textContent").startswith("原州区")
        page.keyboard.press("Tab")
        assert page.evaluate("document.activeElement.id") == "swkb-chooser-post"
        posts = page.eval_on_selector("#swkb-chooser-post", "s => [...s.options].map(o => o.textContent)")
        assert posts == ["请选择你的岗位", "驻站社工", "项目社工", "项目专职督导员"]  # asks, no default post
        page.keyboard.press("ArrowDown")
        page.keyboard.press("ArrowDown")
        page.keyboard.press("Tab")
        assert page.evaluate("document.activeElement.textContent") == "打开入职卡片：原州区 · 项目社工"
        outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
        assert outline != "none"  # focus is visible
        page.keyboard.press("Enter")
        page.wait_for_url("**/cards/yuanzhou/xiangmu-shegong/")
        assert page.locator("h1").inner_text().startswith("原州区 · 项目社工")
        page.close()


def test_chooser_without_script_is_a_list_of_links(real_site: Path, browser) -> None:
    with StaticServer(real_site) as server:
        context = browser.new_context(java_script_enabled=False)
        page = context.new_page()
        page.goto(server.url + "guides/")
        assert not page.get_by_label("我所在的地区").is_visible()  # the form needs script; the list does not
        page.locator(".swkb-chooser-list li", has_text="涿鹿县").get_by_role("link", name="驻站社工").click()
        page.wait_for_url("**/cards/zhuolu/zhuzhan-shegong/")
        assert page.locator("h1").inner_text().startswith("涿鹿县 · 驻站社工")
        context.close()


def test_checklist_boxes_tick_by_their_labels(real_site: Path, browser) -> None:
    with StaticServer(real_site) as server:
        page = browser.new_page()
        page.goto(server.url + "cards/zhuolu/zhuzhan-shegong/")
        box = page.get_by_label("每次服务当天写完记录，不攒到月底")
        assert not box.is_checked()
        page.locator("label[for=ck-same-day-notes]").click()
        assert box.is_checked()
        page.keyboard.press("Space")  # focus stays on the box: the keyboard unticks it
        assert not box.is_checked()
        page.close()


# Printed text no smaller than this, in pt (issue 24: 7.5 pt body and 6.4 pt citations were too small).
PRINT_BODY_PT, PRINT_CITE_PT = 9, 8


def test_every_real_card_prints_readable_on_two_a4_sheets_and_a_checklist_sheet(real_site: Path, browser) -> None:
    cards = sorted(
        p.parent.relative_to(real_site).as_posix()
        for p in (real_site / "cards").glob("*/*/index.html")
        if p.parent.parent.name != "in"
    )
    assert len(cards) >= 16
    with StaticServer(real_site) as server:
        page = browser.new_page()
        page.emulate_media(media="print")
        for uri in cards:
            page.goto(f"{server.url}{uri}/")
            # The smallest font of every visible text element of the card (px → pt: × 0.75).
            sizes = page.evaluate("""() => {
                const smallest = sel => Math.min(...[...document.querySelectorAll(sel)]
                    .filter(e => e.getClientRects().length && e.textContent.trim())
                    .map(e => parseFloat(getComputedStyle(e).fontSize) * 0.75));
                return {body: smallest('.swkb-card :is(p, td, th, li, label, legend, span:not(.swkb-cite))'),
                        cite: smallest('.swkb-card .swkb-cite, .swkb-card .swkb-cite a')};
            }""")
            assert sizes["body"] >= PRINT_BODY_PT and sizes["cite"] >= PRINT_CITE_PT, (uri, sizes)
            pages = pdf_sheets(page.pdf(format="A4", prefer_css_page_size=True))
            text = "".join(pages)
            # Two sheets of rules, then the checklist on a sheet of its own.
            assert len(pages) <= 3 and pages[-1].startswith("入职清单"), (uri, len(pages))
            assert "打印本卡" not in text and "搜索" not in text.splitlines()[0]
            assert "本卡目录" not in text and "清除勾选" not in text  # phone aids stay off paper
        page.close()


def test_chooser_works_from_file_urls(tmp_path: Path, browser) -> None:
    site = tmp_path / "offline"
    result = run_mkdocs_build(site, env_extra={"SWKB_OFFLINE": "true"})
    assert result.returncode == 0, result.stderr
    page = browser.new_page()
    page.goto((site / "guides" / "index.html").as_uri())
    page.get_by_label("我所在的地区").select_option(label="涿鹿县（河北省）")
    page.get_by_label("我的岗位").select_option(label="驻站社工")
    page.get_by_role("link", name="打开入职卡片：涿鹿县 · 驻站社工").click()
    page.wait_for_url("**/cards/zhuolu/zhuzhan-shegong.html")
    assert page.locator("h1").inner_text().startswith("涿鹿县 · 驻站社工")
    page.close()


# --------------------------------------------------------------------------------------------
# Hostile text and bad checklists
# --------------------------------------------------------------------------------------------

CHECKLIST = {
    "items": [
        {"id": "first", "stage": "week1", "group": "认人", "text": "认识[[role:worker]]和你的督导", "card_section": "contacts"},
        {"id": "second", "stage": "month1", "group": "记录", "text": "当天写完记录"},
    ]
}
WORKFORCE = {
    "training": [{"label": "岗前培训", "text": "县里组织", "source": "doc-one", "clause": "七、(一)"}],
    "supervision": [{"status": "not_stated", "source": "doc-one"}],
}
EXCLUSIONS = [{"kind": "scope", "text": "不得擅自扩大服务范围", "source": "doc-one", "clause": "八"}]


def card_catalog(target: Path) -> Path:
    """The small test catalog with a checklist, workforce and an exclusion, for a card with every section."""
    shutil.copytree(MINI, target)
    (target / "checklist.yml").write_text(yaml.safe_dump(CHECKLIST, allow_unicode=True), encoding="utf-8")
    county = target / "regions" / "county.yml"
    data = yaml.safe_load(county.read_text(encoding="utf-8"))
    data.update(workforce=WORKFORCE, exclusions=EXCLUSIONS)
    county.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return target


def test_hostile_catalog_text_stays_text_on_cards_and_in_the_chooser(tmp_path: Path, browser) -> None:
    catalog = card_catalog(tmp_path / "catalog")
    for path in catalog.rglob("*.yml"):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        path.write_text(yaml.safe_dump(poison(data), allow_unicode=True, sort_keys=False), encoding="utf-8")
    site = tmp_path / "site"
    result = run_mkdocs_build(site, catalog, project=project_without_guides(tmp_path))
    assert result.returncode == 0, result.stderr
    with StaticServer(site) as server:
        page = browser.new_page()
        for uri in ["cards/", "cards/county/worker/"]:
            page.goto(server.url + uri)
            page.wait_for_load_state("load")
            assert page.evaluate("window.__pwned") is None, uri
            injected = page.evaluate("""() => document.querySelectorAll(
                'article script, article img[src="x"], article svg[onload], article a[href^="javascript:"]').length""")
            assert injected == 0, uri
        page.goto(server.url + "cards/")
        options = page.eval_on_selector("#swkb-chooser-region", "s => [...s.options].map(o => o.textContent)")
        assert any(SCRIPT in text for text in options)
        posts = page.eval_on_selector("#swkb-chooser-post", "s => [...s.options].map(o => o.textContent)")
        assert any(SCRIPT in text for text in posts)
        assert SCRIPT in page.locator("[data-chooser-go]").inner_text()
        page.goto(server.url + "cards/county/worker/")
        article = page.locator("article").inner_text()
        assert SCRIPT in article and "当天写完记录" in article
        assert page.evaluate("window.__pwned") is None
        page.close()


def test_checklist_links_to_missing_entries_stop_loading_with_file_and_line(tmp_path: Path) -> None:
    catalog = card_catalog(tmp_path / "catalog")
    path = catalog / "checklist.yml"
    path.write_text(path.read_text(encoding="utf-8").replace("[[role:worker]]", "[[role:wroker]]"), encoding="utf-8")
    errors = load_errors(catalog)
    assert len(errors) == 1
    error = errors[0]
    assert error.file.endswith("checklist.yml") and error.line > 1 and error.field == "items[0].text"
    assert "wroker" in error.found and "worker" in str(error)
    path.write_text(path.read_text(encoding="utf-8").replace("[[role:wroker]]", "[[page:worker]]"), encoding="utf-8")
    (error,) = load_errors(catalog)
    assert "未知的链接类型" in error.message and error.field == "items[0].text"


def test_mini_card_has_every_section(tmp_path: Path) -> None:
    catalog = load_catalog(card_catalog(tmp_path / "catalog"))
    html = compile_site(catalog).pages["cards/county/worker.md"].content
    card = read_card(html)
    for heading in CardSet.sections.values():
        assert f">{heading}<" in html
    assert any("岗前培训" in i and "七、(一)" in i for i in card.items)
    assert any(i.startswith("督导") and NOT_STATED in i for i in card.items)
    assert card.checkboxes == ["ck-first", "ck-second"]
    assert 'href="#contacts"' in html
