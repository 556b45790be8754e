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
names stay findable as typed. The tables are `{syllable: characters}`, toneless: one of first
readings, one of the other readings (长 is zhang first, chang too), which gzip packs to a few
kilobytes per thousand characters.
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


COMMON_CHARACTERS_FILE = Path(__file__).with_name("common_characters.txt")
"""`count_common_characters()` written out once: reading jieba's 5 MB dictionary for it took
about a second of every build. tests/test_search_index.py fails when the file is stale
(`python -m swkb.search.sounds` writes it again)."""


@lru_cache(maxsize=1)
def common_characters() -> tuple[str, ...]:
    """The COMMON_CHARACTERS most frequent characters (COMMON_CHARACTERS_FILE)."""
    return tuple(COMMON_CHARACTERS_FILE.read_text(encoding="utf-8").strip())


def count_common_characters(count: int = COMMON_CHARACTERS) -> tuple[str, ...]:
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


def sound_tables(names: Iterable[str]) -> tuple[dict[str, str], dict[str, str]]:
    """({syllable: characters} by each character's first reading, {syllable: characters} by its
    other readings), for the characters of `names` and the common ones.

    A typed character is read by its first reading only: 失能 is shi neng, not yi tai (能 is
    also tai in old texts), or every rare reading would turn right words into typos. A name's
    characters are read every way, since the build's reading of a name may miss the one people
    type (康巴什 is read kang ba shen, as in 什么)."""
    chars = dict.fromkeys(ch for name in names for ch in _HAN.findall(name))
    chars.update(dict.fromkeys(common_characters()))
    first: dict[str, list[str]] = {}
    other: dict[str, list[str]] = {}
    for ch in chars:
        for i, syllable in enumerate(readings(ch)):
            (first if i == 0 else other).setdefault(syllable, []).append(ch)

    def packed(table: dict[str, list[str]]) -> dict[str, str]:
        return {syllable: "".join(sorted(set(group))) for syllable, group in sorted(table.items())}

    return packed(first), packed(other)


if __name__ == "__main__":
    COMMON_CHARACTERS_FILE.write_text("".join(count_common_characters()) + "\n", encoding="utf-8")
    print(f"wrote {COMMON_CHARACTERS_FILE}")
