"""The sound table search ships for same-sound typos and pinyin initials.

People type Chinese by pinyin, so the commonest typo is the right sound with the wrong character
(原洲 for 原州). The worker compares sounds, and for that it needs each typed character's
readings. A dictionary of the whole language would outweigh the index, so the table holds the
characters that can matter:

- every character of the names search compares by sound (regions, services, posts, terms): the
  side that must be exact;
- the most frequent characters of the language (by jieba's word frequencies): the characters a
  pinyin input method offers first, hence the likely wrong ones.

A typed character outside the table has no sound, so the word it is in is not corrected; the
names stay findable as typed. The table is `{syllable: characters}`, toneless, every reading of
a character (长 is chang and zhang), which gzip packs to a few kilobytes per thousand characters.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path

COMMON_CHARACTERS = 3500
"""About the 一级字 of 通用规范汉字表: what input methods offer for everyday typing."""
MAX_READINGS = 3
_HAN = re.compile(r"[\u4e00-\u9fff]")


@lru_cache(maxsize=1)
def common_characters(count: int = COMMON_CHARACTERS) -> tuple[str, ...]:
    """The `count` most frequent characters, weighting each word of jieba's dictionary by its frequency."""
    import jieba

    weights: Counter[str] = Counter()
    path = Path(jieba.__file__).parent / "dict.txt"
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            parts = line.split(" ")
            if len(parts) < 2 or not parts[1].isdigit():
                continue
            freq = int(parts[1])
            for ch in parts[0]:
                if "\u4e00" <= ch <= "\u9fff":
                    weights[ch] += freq
    return tuple(ch for ch, _ in weights.most_common(count))


@lru_cache(maxsize=200_000)
def readings(ch: str) -> tuple[str, ...]:
    """Toneless readings of one character, commonest first."""
    from pypinyin import Style, pinyin

    out = pinyin(ch, style=Style.NORMAL, heteronym=True, errors="ignore")
    found = [r for r in (out[0] if out else []) if r.isascii() and r.isalpha()]
    return tuple(dict.fromkeys(r.lower() for r in found))[:MAX_READINGS]


def sound_table(names: Iterable[str]) -> dict[str, str]:
    """{syllable: characters with that reading} for the characters of `names` and the common ones."""
    chars = dict.fromkeys(ch for name in names for ch in _HAN.findall(name))
    chars.update(dict.fromkeys(common_characters()))
    table: dict[str, list[str]] = {}
    for ch in chars:
        for syllable in readings(ch):
            table.setdefault(syllable, []).append(ch)
    return {syllable: "".join(sorted(set(group))) for syllable, group in sorted(table.items())}
