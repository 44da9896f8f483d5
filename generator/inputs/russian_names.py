"""Names written in Russian, found in any grammatical case.

Russian inflects names: Kyrgyzstan is «Кыргызстан», «Кыргызстана», «в Кыргызстане»,
and a phrase inflects word by word: «мягкая сила», «мягкой силы». Matching the
written form, as is done for English names, would miss most mentions, so both
the taxonomy's Cyrillic names and the text are reduced to dictionary forms with
pymorphy3 and compared word by word.

A word of the text may have several readings («Токаева» is Tokayev's genitive or
a woman's name), so it matches a name's word when any of its dictionary forms
does. A name's word is read once, as written and in its most likely dictionary
form: reading it every possible way would let «выборы» (an election) match
«выбор» (a choice). Foreign surnames that the dictionary does not know («Шольц»,
«Шольца») are also matched by their case endings. Hyphenated words are read part
by part, so «кыргызско-таджикской» names both countries, and a phrase may not
run across a sentence, a number or a word in another script.
"""

from __future__ import annotations

import re
from collections import defaultdict
from functools import lru_cache
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    import pymorphy3

CYRILLIC = re.compile(r"[А-Яа-яЁё]")
CYRILLIC_WORD = re.compile(r"[А-Яа-яЁё]+")
PHRASE_GAP = re.compile(r"[\s\-‐‑–—«»\"„“”'’]*")  # what may stand between two words of one name
SURNAME_ENDINGS = ("а", "у", "ом", "ем", "е", "ым")  # of a masculine name ending in a consonant
VOWELS = set("аеёиоуыэюя")
LINKING_SUFFIXES = {"ско": "ский", "цко": "цкий"}  # «российско-» is the first half of «российский»


@lru_cache(maxsize=1)
def _analyzer() -> pymorphy3.MorphAnalyzer:
    import pymorphy3  # loaded only when a text or a taxonomy has Cyrillic in it

    return pymorphy3.MorphAnalyzer()


def _fold(word: str) -> str:
    return word.lower().replace("ё", "е")


@lru_cache(maxsize=65536)
def lemma(word: str) -> str:
    """The most likely dictionary form of one Russian word, lower-case, ё read as е."""
    return _fold(_analyzer().parse(_fold(word))[0].normal_form)


@lru_cache(maxsize=65536)
def readings(word: str) -> frozenset[str]:
    """Every dictionary form a word as written may have, and the word itself, lower-case, ё read as е."""
    folded = _fold(word)
    return frozenset({folded, *(_fold(parse.normal_form) for parse in _analyzer().parse(folded))})


def lemmas(text: str) -> tuple[str, ...]:
    return tuple(lemma(word) for word in CYRILLIC_WORD.findall(text))


class _Word(NamedTuple):
    text: str
    start: int
    end: int
    forms: frozenset[str]  # the readings, and for the first half of a compound its adjective
    stems: frozenset[str]  # the word without a case ending, for names the dictionary does not know


def _words(text: str) -> list[_Word]:
    words = []
    for match in CYRILLIC_WORD.finditer(text):
        word = match.group()
        folded = _fold(word)
        forms = readings(word)
        compound_half = text.startswith("-", match.end())
        for suffix, adjective in LINKING_SUFFIXES.items():
            if compound_half and folded.endswith(suffix):
                forms |= {folded[: -len(suffix)] + adjective}
        stems = frozenset(
            folded[: -len(ending)]
            for ending in SURNAME_ENDINGS
            if folded.endswith(ending) and len(folded) - len(ending) >= 4
        )
        words.append(_Word(word, match.start(), match.end(), forms, stems))
    return words


class _Name(NamedTuple):
    written: str
    slug: str
    keys: tuple[frozenset[str], ...]  # per word: its most likely dictionary form and the word as written
    surname: tuple[str | None, ...]  # per word: the word as written if it may be matched by its case endings


def _name(written: str, slug: str) -> _Name | None:
    words = CYRILLIC_WORD.findall(written)
    if not words:
        return None
    keys = tuple(frozenset({_fold(word), lemma(word)}) for word in words)
    surname = tuple(
        _fold(word)
        if word[0].isupper() and len(word) >= 4 and _fold(word)[-1] not in VOWELS and not word.isupper()
        else None
        for word in words
    )
    return _Name(written, slug, keys, surname)


class RussianNames:
    """The Cyrillic names of a taxonomy's terms, found in a text in any grammatical case."""

    def __init__(self, names: dict[str, str]) -> None:  # name -> slug
        self.by_form: dict[str, list[_Name]] = defaultdict(list)  # a first word's key -> names starting with it
        self.by_stem: dict[str, list[_Name]] = defaultdict(list)
        for written, slug in sorted(names.items()):
            name = _name(written, slug)
            if name is None:
                continue
            for key in name.keys[0]:
                self.by_form[key].append(name)
            if name.surname[0]:
                self.by_stem[name.surname[0]].append(name)

    def slugs_in(self, text: str) -> list[tuple[str, str]]:
        """(slug, the words as written) for each name found, the longest name first at each word."""
        return [(slug, written) for slug, written, _ in self.names_in(text)]

    def names_in(self, text: str) -> list[tuple[str, str, str]]:
        """(slug, the words as written, the taxonomy's name they match) for each name found."""
        if not self.by_form or not CYRILLIC.search(text):
            return []
        words = _words(text)
        found, index = [], 0
        while index < len(words):
            name = self._longest_at(text, words, index)
            if name is None:
                index += 1
                continue
            size = len(name.keys)
            found.append((name.slug, text[words[index].start : words[index + size - 1].end], name.written))
            index += size
        return found

    def _longest_at(self, text: str, words: list[_Word], index: int) -> _Name | None:
        first = words[index]
        candidates = {name for form in first.forms for name in self.by_form.get(form, ())}
        candidates |= {name for stem in first.stems for name in self.by_stem.get(stem, ())}
        for name in sorted(candidates, key=lambda name: (-len(name.keys), name.written)):
            if _matches(text, words, index, name):
                return name
        return None


def _matches(text: str, words: list[_Word], index: int, name: _Name) -> bool:
    if index + len(name.keys) > len(words):
        return False
    for offset, (keys, surname) in enumerate(zip(name.keys, name.surname, strict=False)):
        word = words[index + offset]
        if not (word.forms & keys or surname in word.stems):
            return False
        if offset and not PHRASE_GAP.fullmatch(text, words[index + offset - 1].end, word.start):
            return False
    return True


FORM_MARK = "·"  # before each form in the page, so that the search dialog can leave them out of excerpts


def marked_search_forms(text: str) -> str:
    """search_forms, each marked with FORM_MARK: Pagefind still finds "·россия" by «Россия», and the search
    dialog (overrides/assets/javascripts/briefing-search.js) drops marked words from the excerpts it shows."""
    return " ".join(FORM_MARK + form for form in search_forms(text).split())


def search_forms(text: str) -> str:
    """The dictionary forms of a text's Russian words that the text does not write itself, for its search index.

    Search engines stem English, not Russian: a page that says only «России» is
    not found by «Россия». With these forms beside the text, it is.
    """
    words = CYRILLIC_WORD.findall(text)
    written = {_fold(word) for word in words}
    forms = dict.fromkeys(form for word in words for form in sorted(readings(word)) if form not in written)
    return " ".join(forms)
