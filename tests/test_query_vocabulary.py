"""The search query vocabulary kept between builds (swkb.search.vocabulary): the same words as a fresh
making, jieba not used when the texts were seen before, a new key for any change of what the
words are made from, and nothing stored that a fresh process would not make."""

from __future__ import annotations

from pathlib import Path

import pytest

import swkb.search.index as index
from swkb.catalog.load import load_catalog
from swkb.search.vocabulary import VocabularyCache

from .conftest import ROOT

TEXTS = ["常熟市社会工作服务站", "原州资金拨付", "驻站社工的岗位职责与每月台账"]


@pytest.fixture(scope="module")
def catalog():  # type: ignore[no-untyped-def]
    return load_catalog(ROOT / "catalog")


def _no_jieba(text: str) -> tuple[str, ...]:
    raise AssertionError(f"jieba split {text!r}: the stored vocabulary was not used")


def test_a_stored_vocabulary_equals_a_fresh_one_and_skips_jieba(catalog, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    fresh = index.query_vocabulary(catalog, TEXTS)
    assert "原州" in fresh and "拨付" in fresh  # jieba's words and the domain dictionary
    cache = VocabularyCache(tmp_path / "vocabulary")
    assert index.query_vocabulary(catalog, TEXTS, cache) == fresh
    assert (cache.hits, cache.misses) == (0, 1)
    assert len(list((tmp_path / "vocabulary").glob("*.json"))) == 1
    monkeypatch.setattr(index, "words_of", _no_jieba)
    again = VocabularyCache(tmp_path / "vocabulary")  # the next build: a new process, the same folder
    assert index.query_vocabulary(catalog, list(reversed(TEXTS)), again) == fresh  # order does not matter
    assert (again.hits, again.misses) == (1, 0)
    # Another text is another key: jieba is asked again.
    with pytest.raises(AssertionError, match="jieba split"):
        index.query_vocabulary(catalog, [*TEXTS, "岗位补贴每月发放"], again)


def test_the_key_follows_words_texts_and_code(tmp_path: Path) -> None:
    code = tmp_path / "code.py"
    code.write_text("x = 1\n", encoding="utf-8")
    key = VocabularyCache.key(["常熟市"], TEXTS, [code])
    assert VocabularyCache.key(["常熟市"], list(reversed(TEXTS)), [code]) == key
    assert VocabularyCache.key(["常熟市", "原州区"], TEXTS, [code]) != key
    assert VocabularyCache.key(["常熟市"], TEXTS[:2], [code]) != key
    code.write_text("x = 2\n", encoding="utf-8")
    assert VocabularyCache.key(["常熟市"], TEXTS, [code]) != key


def test_nothing_is_stored_when_jieba_holds_other_words(catalog, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    # A serve session whose earlier build added a name the catalog no longer has.
    monkeypatch.setattr(index, "_ADDED_TO_JIEBA", {*index.domain_dictionary(catalog), "已删除的地区名"})
    cache = VocabularyCache(tmp_path / "vocabulary")
    index.query_vocabulary(catalog, TEXTS, cache)
    assert not (tmp_path / "vocabulary").exists() or not any((tmp_path / "vocabulary").iterdir())


def test_an_unreadable_entry_is_made_again(catalog, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    cache = VocabularyCache(tmp_path / "vocabulary")
    words = index.query_vocabulary(catalog, TEXTS, cache)
    (entry,) = (tmp_path / "vocabulary").glob("*.json")
    entry.write_text('{"half', encoding="utf-8")
    again = VocabularyCache(tmp_path / "vocabulary")
    assert index.query_vocabulary(catalog, TEXTS, again) == words
    assert again.misses == 1
