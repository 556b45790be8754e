"""Text stays text. Glossary tooltips only ever wrap words of text nodes (never inside an entity,
attribute, link, heading, code or script), and docstrings on the API pages are shown as text."""

from __future__ import annotations

import html
import re
import shutil
from pathlib import Path

import griffe
import markdown
import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st
from markupsafe import Markup, escape
from selectolax.lexbor import LexborHTMLParser

import swkb.search.index as search
from swkb.catalog.load import load_catalog
from swkb.site.docstrings import escape_docstring
from swkb.site.render import Renderer
from swkb.site.tooltips import SKIP, Tooltips, text_runs

from .conftest import MINI, ROOT, project_without_guides, run_mkdocs_build

ABBR = re.compile(r'<abbr title="[^"]*">|</abbr>')
TABLE = [
    ("低保", "最低生活保障：释义"),
    ("社工", "社会工作者：释义"),
    ("社工站", "社会工作服务站：释义"),
    ("gt", "大于：释义"),
    ("amp", "安培：释义"),
    ("nbsp", "空格：释义"),
    ("62", "六十二：释义"),
    ("x3e", "十六进制：释义"),
]


@pytest.fixture
def tips() -> Tooltips:
    return Tooltips(TABLE, protected=["驻站社工"])


def strip_abbr(page: str) -> str:
    return ABBR.sub("", page)


# -- entities, the reported case ---------------------------------------------------------------


@pytest.mark.parametrize(
    "page",
    [
        "<p>面积&gt;80㎡</p>",
        "<p>a &amp; b</p>",
        "<p>a&nbsp;b</p>",
        "<p>&#62; and &#x3e; and &#X3E;</p>",
        "<p>&ampx &gt</p>",  # references without their semicolon, as browsers read them
    ],
)
def test_words_inside_entities_are_left_alone(tips: Tooltips, page: str) -> None:
    assert tips.add(page) == page


def test_matching_runs_over_the_decoded_text(tips: Tooltips) -> None:
    # 低 written as a reference is still the word 低保; the raw reference is kept inside the abbr.
    assert tips.add("<p>&#x4f4e;保</p>") == '<p><abbr title="最低生活保障：释义">&#x4f4e;保</abbr></p>'
    both = Tooltips([("a&b", "与"), (">8", "大于八")])
    assert both.add("<p>a&amp;b, &gt;80</p>") == '<p><abbr title="与">a&amp;b</abbr>, <abbr title="大于八">&gt;8</abbr>0</p>'
    # `&ampxy` is one reference decoding to `&xy`: a word may be all of it, not a cut of it.
    assert Tooltips([("&xy", "t")]).add("<p>&ampxy</p>") == '<p><abbr title="t">&ampxy</abbr></p>'
    assert Tooltips([("&x", "t"), ("xy", "u")]).add("<p>&ampxy</p>") == "<p>&ampxy</p>"


def test_the_gt_page_shows_its_text_unchanged(tips: Tooltips) -> None:
    page = "<p>面积&gt;80㎡，gt 与 低保，a &amp; b&nbsp;c &#62;</p>"
    out = tips.add(page)
    assert LexborHTMLParser(out).body.text() == LexborHTMLParser(page).body.text() == "面积>80㎡，gt 与 低保，a & b\xa0c >"
    assert out.count("<abbr") == 2 and ">gt</abbr>" in out and ">低保</abbr>" in out


# -- where tooltips never go ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "page",
    [
        "<p title=\"低保 &gt; gt\" data-x='社工 > x'>x</p>",
        '<img alt="低保" src="a.png"><input value=低保>',
        '<a href="#">低保</a><A HREF="#">社工</A>',
        "<h2>低保</h2><h6 class=x>社工</h6>",
        "<code>低保</code><pre>社工</pre><pre><code>x<span>低保</span></code></pre>",
        "<script>if (a < b) { s = '低保</p>社工'; }</script>",
        "<style>p::after { content: '低保' }</style>",
        "<!-- 低保 -> 社工 --><!---->",
        "<textarea>低保</textarea><title>社工</title><noscript>低保</noscript>",
        "<svg><text>低保</text><a><path/>社工</a></svg>",
        "<button>低保</button><label>社工</label><select><option>低保<option>社工</select>",
        '<abbr title="x">低保</abbr>',
        "<p>驻站社工</p>",
    ],
)
def test_no_tooltip_outside_text(tips: Tooltips, page: str) -> None:
    assert tips.add(page) == page


def test_text_after_skipped_elements_gets_its_tooltip(tips: Tooltips) -> None:
    page = (
        "<script>var x = '<a>';</script><!-- <a> --><svg><use/></svg><svg/>"
        '<select><option>a<option>b</select><p class="a>b">低保</p>'
    )
    assert tips.add(page) == page.replace("低保", '<abbr title="最低生活保障：释义">低保</abbr>')


def test_first_use_only_longest_first_and_protected(tips: Tooltips) -> None:
    out = tips.add("<p>驻站社工和社工站。</p><p>低保，低保，社工。</p><li>社工站</li>")
    assert out == (
        '<p>驻站社工和<abbr title="社会工作服务站：释义">社工站</abbr>。</p>'
        '<p><abbr title="最低生活保障：释义">低保</abbr>，低保，<abbr title="社会工作者：释义">社工</abbr>。</p>'
        "<li>社工站</li>"
    )


def test_text_runs_are_the_text_between_markup() -> None:
    page = '<p a="<b>">x &amp; y</p> z <br/>w<script>q</script>'
    # Whitespace right after markup is left out of a run: no glossary word is whitespace.
    assert [page[s:e] for s, e in text_runs(page)] == ["x &amp; y", "z ", "w"]


# -- plain text -------------------------------------------------------------------------------------


def test_annotate_escapes_and_shares_seen_across_calls(tips: Tooltips) -> None:
    seen: set[str] = set()
    first = tips.annotate("<script>alert('低保')</script> & gt", seen)
    assert isinstance(first, Markup)
    assert first == (
        '&lt;script&gt;alert(&#39;<abbr title="最低生活保障：释义">低保</abbr>&#39;)&lt;/script&gt; '
        '&amp; <abbr title="大于：释义">gt</abbr>'
    )
    assert seen == {"低保", "gt"}
    assert tips.annotate("低保和驻站社工、社工", seen) == '低保和驻站社工、<abbr title="社会工作者：释义">社工</abbr>'
    assert tips.annotate("面积>80㎡", set()) == "面积&gt;80㎡"
    assert Tooltips([]).annotate("<b>", set()) == "&lt;b&gt;"


WORDS = st.sampled_from([w for w, _ in TABLE] + ["驻站社工", "<", ">", "&", '"', "'", "&gt;", "&amp;", " ", "a", "面积"])
TEXT = st.lists(st.one_of(WORDS, st.text(max_size=3)), max_size=30).map("".join)


@settings(max_examples=300, deadline=None)
@given(TEXT)
def test_annotate_only_adds_abbr_tags(text: str) -> None:
    tips = Tooltips(TABLE, protected=["驻站社工"])
    seen: set[str] = set()
    out = tips.annotate(text, seen)
    assert strip_abbr(out) == escape(text)  # escaped as the templates escape every other value
    assert out.count("<abbr") == len(seen)
    assert tips.annotate(text, set()) == tips.annotate(text, set())  # the cached positions give the same


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(["p", "a", "code", "h2", "li", "script"]), TEXT), max_size=6))
def test_add_only_adds_abbr_tags_to_text(blocks: list[tuple[str, str]]) -> None:
    tips = Tooltips(TABLE, protected=["驻站社工"])
    page = "".join(
        f'<{tag} title="{html.escape(text)}">{text if tag == "script" else html.escape(text, quote=False)}</{tag}>'
        for tag, text in blocks
        if tag != "script" or "</" not in text
    )
    out = tips.add(page)
    assert strip_abbr(out) == page
    assert LexborHTMLParser(out).text() == LexborHTMLParser(page).text()
    for abbr in LexborHTMLParser(out).css("abbr"):
        assert abbr.parent is not None and abbr.parent.tag in {"p", "li"}


# -- the real site ------------------------------------------------------------------------------

HANDWRITTEN = [
    "index.html",
    "guides/index.html",
    "guides/my-role/index.html",
    "guides/services-howto/index.html",
    "faq/index.html",
    "developer/index.html",
    "developer/api-build/index.html",
]


def real_tooltips() -> Tooltips:
    catalog = load_catalog(ROOT / "catalog")
    names = [n for group in search.entity_names(catalog).values() for n in group]
    return Tooltips(Renderer(catalog).tooltip_table(), protected=names)


def test_real_pages_change_only_by_the_inserted_abbr(real_site: Path) -> None:
    """Whole built pages (nav, scripts, SVG icons, comments, entities), without their tooltips:
    adding them again changes nothing but the inserted tags, and each sits in text."""
    tips = real_tooltips()
    for uri in HANDWRITTEN:
        page = strip_abbr((real_site / uri).read_text(encoding="utf-8"))
        out = tips.add(page)
        assert "<abbr" in out or uri.startswith("developer/"), uri
        assert strip_abbr(out) == page, uri
        before, after = LexborHTMLParser(page), LexborHTMLParser(out)
        assert after.body.text() == before.body.text(), uri
        assert len(after.css("script")) == len(before.css("script")), uri
        for abbr in after.css("abbr"):
            node = abbr.parent
            while node is not None:
                assert node.tag not in SKIP, (uri, abbr.html)
                node = node.parent


def _abbr_words(page: str) -> list[str]:
    return re.findall(r"<abbr title=\"[^\"]*\">([^<]*)</abbr>", page)


def test_generated_pages_get_while_rendering_the_tooltips_the_html_pass_would_add() -> None:
    """Generated pages get their tooltips from the templates' `tip` filter, not from a pass over
    their HTML; on every generated page of the real catalog they are the same words, in the same
    order, as the HTML pass adds to the page rendered without them, and nothing else changes."""
    catalog = load_catalog(ROOT / "catalog")
    tips = real_tooltips()
    tipped = {p.src_uri: p.content for p in Renderer(catalog).pages()}
    without = Renderer(catalog)
    without.__dict__["tooltips"] = Tooltips([])  # the cached property: a glossary with no words
    plain = {p.src_uri: p.content for p in without.pages()}
    assert tipped.keys() == plain.keys()
    wrapped = 0
    for uri, page in tipped.items():
        assert "<abbr" not in plain[uri], uri
        assert strip_abbr(page) == plain[uri], uri
        assert _abbr_words(page) == _abbr_words(tips.add(plain[uri])), uri
        for abbr in LexborHTMLParser(page).css("abbr"):
            node = abbr.parent
            while node is not None:
                assert node.tag not in SKIP, (uri, abbr.html)
                node = node.parent
        wrapped += len(_abbr_words(page))
    assert wrapped > 600


def test_end_to_end_entities_in_catalog_text(tmp_path: Path) -> None:
    catalog = tmp_path / "catalog"
    shutil.copytree(MINI, catalog)
    glossary = yaml.safe_load((catalog / "glossary.yml").read_text(encoding="utf-8"))
    glossary["terms"][0]["abbreviations"] = ["低保", "gt", "amp"]
    (catalog / "glossary.yml").write_text(yaml.safe_dump(glossary, allow_unicode=True, sort_keys=False), encoding="utf-8")
    region = catalog / "regions" / "county.yml"
    region.write_text(
        region.read_text(encoding="utf-8").replace("summary: 测试用的县。", "summary: 低保家庭面积>80㎡，a & b。"),
        encoding="utf-8",
    )
    result = run_mkdocs_build(tmp_path / "site", catalog, project=project_without_guides(tmp_path))
    assert result.returncode == 0, result.stderr
    page = LexborHTMLParser((tmp_path / "site" / "regions/county/index.html").read_text(encoding="utf-8"))
    text = page.css_first("article").text()
    assert "面积>80㎡，a & b。" in text and "&gt;" not in text and "&amp;" not in text
    assert [a.text() for a in page.css("article abbr")][:1] == ["低保"]


# -- docstrings on the API pages ------------------------------------------------------------------


def test_docstring_html_is_escaped_outside_code() -> None:
    doc = (
        "Loaded with a <script> element & more.\n\n"
        "    releases/<version>/   an indented block\n\n"
        "- `data/<id>.js` and `` a<b `` stay code; <b>bold?</b> does not\n\n"
        "    <i>in the item</i>, not code\n\n"
        "```html\n<div>&amp;</div>\n```\n\n"
        "Args:\n    x: a <i>thing</i>.\n\n"
        "Examples:\n    >>> f('<x>')\n    '<x>'\n\n"
        ">>> <not a doctest> here\n"
    )
    assert escape_docstring(doc) == (
        "Loaded with a &lt;script> element &amp; more.\n\n"
        "    releases/<version>/   an indented block\n\n"
        "- `data/<id>.js` and `` a<b `` stay code; &lt;b>bold?&lt;/b> does not\n\n"
        "    &lt;i>in the item&lt;/i>, not code\n\n"
        "```html\n<div>&amp;</div>\n```\n\n"
        "Args:\n    x: a &lt;i>thing&lt;/i>.\n\n"
        "Examples:\n    >>> f('<x>')\n    '<x>'\n\n"
        ">>> &lt;not a doctest> here\n"
    )
    assert escape_docstring("plain") == "plain"
    # As Markdown renders it: the prose's tags are text, the code shows as written. (Without the
    # Examples section, which griffe turns into code; to Markdown itself `>>>` is a block quote.)
    rendered = LexborHTMLParser(markdown.markdown(escape_docstring(doc.split("Examples:")[0]), extensions=["fenced_code"]))
    assert rendered.css("script, b, i, div") == []
    assert [c.text() for c in rendered.css("pre code")] == ["releases/<version>/   an indented block\n", "<div>&amp;</div>\n"]
    assert "<b>bold?</b>" in rendered.text() and "<script> element & more" in rendered.text()


def test_api_page_shows_script_text_and_keeps_its_headings(real_site: Path) -> None:
    module = griffe.load("swkb.publish.browserdata", search_paths=[str(ROOT)])
    assert module.docstring is not None and "<script> element" in module.docstring.value  # the real case
    ids: set[str | None] = set()
    for name in ("api-views", "api-cards", "api-build", "api-preview", "api-search", "api-publish"):
        page = LexborHTMLParser((real_site / f"developer/{name}/index.html").read_text(encoding="utf-8"))
        article = page.css_first("article")
        assert article.css("script") == []
        if name == "api-publish":
            assert "loaded with a <script> element" in " ".join(article.text().split())
        ids |= {node.attributes.get("id") for node in article.css("h1, h2, h3, h4, h5, h6")}
    api_pages = [
        ROOT / f"docs/developer/{name}.md"
        for name in ("api-views", "api-cards", "api-build", "api-preview", "api-search", "api-publish")
    ]
    lines = [line for page_md in api_pages for line in page_md.read_text(encoding="utf-8").splitlines()]
    for line in lines:
        if line.startswith("::: "):
            path = line[4:].strip()
            documented = griffe.load(path, search_paths=[str(ROOT)])
            assert path in ids
            for member_name, member in documented.members.items():
                if (
                    not member.is_alias
                    and not member_name.startswith("_")
                    and member.docstring
                    and (member.is_function or member.is_class)
                ):
                    assert f"{path}.{member_name}" in ids, f"{path}.{member_name}"
    assert "swkb.publish.browserdata.browser_data" in ids  # one of the four headings the script swallowed
