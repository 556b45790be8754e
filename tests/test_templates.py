"""Templates are found by grep (issue 28): each one is named in full, as a string literal, by the
code that renders it or by the template that includes or imports it, and every such name is a
file. A computed name (`f"{kind}.html.j2"`) hides the link between code and template, so a
rename or a dead template would go unnoticed."""

from __future__ import annotations

import re

import pytest

from .conftest import ROOT

pytestmark = pytest.mark.unit

TEMPLATES = ROOT / "swkb/site/templates"
GROUPS = ("pages", "partials", "markers")
# A template name as code and templates write it: quoted, with its group folder.
NAME = re.compile(r"""["']((?:pages|partials|markers)/[\w.-]+\.j2)["']""")
# Any quoted string that ends in .j2, f-strings included: each must be one of the names above.
ANY_J2 = re.compile(r"""\bf?["']([^"'\n]*\.j2)["']""")


def _sources() -> dict[str, str]:
    """Every Python module and template of the package, by path relative to swkb/."""
    files = [*ROOT.joinpath("swkb").rglob("*.py"), *TEMPLATES.rglob("*.j2")]
    return {p.relative_to(ROOT / "swkb").as_posix(): p.read_text(encoding="utf-8") for p in files}


def _template_files() -> set[str]:
    return {p.relative_to(TEMPLATES).as_posix() for p in TEMPLATES.rglob("*.j2")}


def test_every_template_sits_in_a_group_folder() -> None:
    stray = sorted(name for name in _template_files() if name.split("/")[0] not in GROUPS or name.count("/") != 1)
    assert stray == [], f"模板应放在 {'、'.join(GROUPS)} 之一：{stray}"


def test_every_template_is_named_literally_and_every_name_is_a_template() -> None:
    files = _template_files()
    named: set[str] = set()
    for path, text in _sources().items():
        own = path.removeprefix("site/templates/")
        named |= {name for name in NAME.findall(text) if name != own}
    unused = sorted(files - named)
    missing = sorted(named - files)
    assert unused == [], f"没有代码或模板用全名引用这些模板：{unused}"
    assert missing == [], f"代码里写的模板不存在：{missing}"


def test_no_template_name_is_computed() -> None:
    computed = [
        (path, literal)
        for path, text in _sources().items()
        for literal in ANY_J2.findall(text)
        if not NAME.fullmatch(f'"{literal}"')
    ]
    assert computed == [], f"模板名要写全(pages/…、partials/…、markers/…)，不要拼出来：{computed}"


def test_the_markers_are_the_markers_folder() -> None:
    from swkb.site.markers import MARKERS

    assert sorted(template for template, _ in MARKERS.values()) == sorted(
        name for name in _template_files() if name.startswith("markers/")
    )
