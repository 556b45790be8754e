"""Chinese text helpers every layer may use: pinyin and Traditional → Simplified.

This module sits below the catalog and imports nothing of swkb but its logger (swkb.log), so the catalog (provenance
checks), search (the index) and publish (the comparison picker's data) share one copy of these
conversions without importing each other.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from swkb.log import log

# Han characters: the CJK unified ideographs, extension A and the compatibility block.
HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")


@lru_cache(maxsize=200_000)  # kept across `mkdocs serve` rebuilds: titles rarely change
def pinyin_of(text: str) -> str:
    """Toneless pinyin of the Han characters in `text`, joined: 常熟市 → changshushi."""
    from pypinyin import lazy_pinyin

    han = "".join(HAN.findall(text))
    return "".join(lazy_pinyin(han)) if han else ""


@lru_cache(maxsize=200_000)
def syllables_of(text: str) -> str:
    """Toneless pinyin of the Han characters in `text`, one syllable per character, spaced:
    原州区 → "yuan zhou qu". The worker joins them for full pinyin and takes their first letters
    for initials; readings follow the word (长安 is chang'an), which a table of single characters
    cannot tell."""
    from pypinyin import lazy_pinyin

    han = "".join(HAN.findall(text))
    return " ".join(lazy_pinyin(han)) if han else ""


def initials(name: str) -> str:
    """First letters of the pinyin of the Han characters: 常熟市 → csss."""
    from pypinyin import Style, lazy_pinyin

    return "".join(lazy_pinyin("".join(ch for ch in name if "\u4e00" <= ch <= "\u9fff"), style=Style.FIRST_LETTER))


def to_simplified(text: str) -> str:
    """`text` in simplified characters (OpenCC's t2s, which also converts whole phrases)."""
    from opencc import OpenCC

    return str(OpenCC("t2s").convert(text))


@lru_cache(maxsize=1)
def _ts_table() -> dict[str, str]:
    import opencc

    folder = Path(opencc.__file__).parent / "dictionary"
    table: dict[str, str] = {}
    for name in ("TSCharacters.txt", "HKVariantsRev.txt", "TWVariantsRev.txt"):
        path = folder / name
        if not path.exists():
            # Search would still work, but a query typed in these variants would find nothing.
            log.warning(
                "繁简转换：OpenCC 的字典 %s 不存在，搜索不会把其中的繁体字转成简体(检查 opencc-python-reimplemented 的安装)", path
            )
            continue
        for line in path.read_text(encoding="utf-8").splitlines():
            if "\t" not in line:
                continue
            trad, simp = line.split("\t", 1)
            if len(trad) == 1:
                table.setdefault(trad, simp.split()[0])
    return table


def traditional_table(chars: set[str]) -> dict[str, str]:
    """Traditional → Simplified, one character each, for the Simplified characters in `chars`:
    the search worker folds what people type with it."""
    return {t: s for t, s in _ts_table().items() if s in chars and t != s}
