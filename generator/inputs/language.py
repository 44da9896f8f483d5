"""The language an article is written in, as an ISO 639-1 code, or None when unsure.

Most articles here are plain English or plain Russian, and their letters and
commonest words say so at once: Russian is Cyrillic without the letters of
Kazakh, Kyrgyz, Tajik, Uzbek, Ukrainian or Bulgarian; English is Latin without
diacritics, a good share of its words being "the", "of", "and"... Anything else
goes to lingua, built once and only for the languages of the region that lingua
knows: English, Russian, Ukrainian (so that a Ukrainian text is not called
Russian), Kazakh, Azerbaijani and Turkish. Lingua has no model of Kyrgyz,
Uzbek, Tajik or Turkmen and calls them confidently by the nearest language it
knows (Kyrgyz "Kazakh", Tajik "Ukrainian", Uzbek Latin "Azerbaijani", Turkmen
"Turkish"); the letters only those languages use catch these, as they catch
German or French called "English", and the answer is then None. A wrong
language would mislead screen readers and search, so None is preferred to a guess.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache
from typing import TYPE_CHECKING, Protocol, cast

if TYPE_CHECKING:
    from lingua import LanguageDetector

SAMPLE = 1000  # characters whose letters and words are counted
LINGUA_SAMPLE = 400  # characters lingua reads: enough for a confident answer; its time grows with the text (1 ms here)
MIN_LETTERS = 40  # fewer letters than this (a headline, a caption) are not enough to tell
MIN_CONFIDENCE = 0.8
FOREIGN_SHARE = 0.01  # of a text's letters: more is not a stray name but another language
ENGLISH_SHARE = 0.15  # of its words: the commonest English words make up a third of English prose
LANGUAGE_TAG = re.compile(r"([a-z]{2})(?:[-_][a-z0-9]{1,8})*")  # "ru", "ru-RU", "en_GB"
LETTER = re.compile(r"[^\W\d_]")
WORD = re.compile(r"[a-z]+")
ENGLISH_WORDS = frozenset(
    "the of and to in a is that for on with as was by it are from at has have its be this an "
    "or not but said were which their he she they".split()
)
# Letters of languages lingua cannot tell apart from those it knows, and letters of other languages.
NOT_RUSSIAN = set("әғқңөұүһіїєґўҳӣӯҷјљњђћџѓќѕъ")  # ъ: rare in Russian, common in Bulgarian
NOT_UKRAINIAN = set("әғқңөұүһўҳӣӯҷыэёъ")
NOT_KAZAKH = set("ўҳӣӯҷ")  # Uzbek and Tajik Cyrillic
KAZAKH_ONLY = set("әғқұһі")  # Kyrgyz shares ң, ө, ү with Kazakh, but none of these
NOT_TURKIC_KNOWN = set("ňýžäʻ")  # Turkmen and Uzbek Latin, absent from Azerbaijani and Turkish
NOT_ENGLISH = set("äöüßéèêëàâáçñóòôíìîïúùûåøæœłśźżčřšěőəışğ")  # German, French, Spanish, Polish, Czech, Turkic...
# Each code lingua may answer, and the letters that must not be common in a text of that language.
EXCLUDED = {
    "ru": NOT_RUSSIAN,
    "uk": NOT_UKRAINIAN,
    "kk": NOT_KAZAKH,
    "az": NOT_TURKIC_KNOWN,
    "tr": NOT_TURKIC_KNOWN | set("ə"),
    "en": NOT_ENGLISH,
}
REQUIRED = {"kk": KAZAKH_ONLY, "az": set("ə")}  # letters a text in that language always has


class _HasText(Protocol):
    """A paragraph of a read seed, or anything else with its text in .text."""

    @property
    def text(self) -> str: ...


@lru_cache(maxsize=1)
def _detector() -> LanguageDetector:
    from lingua import Language, LanguageDetectorBuilder  # loaded only when an article's letters do not tell

    languages = (
        Language.ENGLISH,
        Language.RUSSIAN,
        Language.UKRAINIAN,
        Language.KAZAKH,
        Language.AZERBAIJANI,
        Language.TURKISH,
    )
    return LanguageDetectorBuilder.from_languages(*languages).with_low_accuracy_mode().build()


def iso_code(tag: str | None) -> str | None:
    """The ISO 639-1 code of a language tag as a page states it ("ru-RU" gives "ru"); None for anything else."""
    match = LANGUAGE_TAG.fullmatch((tag or "").strip().lower())
    return match.group(1) if match else None


def article_language(paragraphs: Iterable[str | _HasText]) -> str | None:
    """The ISO 639-1 code of the language of an article's paragraphs (texts, or objects with .text)."""
    sample = _sample(paragraphs).lower()
    letters = "".join(LETTER.findall(sample))
    if len(letters) < MIN_LETTERS:
        return None
    return _by_letters(sample, letters) or _by_lingua(sample, letters)


def _sample(paragraphs: Iterable[str | _HasText]) -> str:
    texts, size = [], 0
    for paragraph in paragraphs:
        text = cast(str, getattr(paragraph, "text", paragraph))  # a str has no .text: it is its own text
        texts.append(text)
        size += len(text)
        if size >= SAMPLE:
            break
    return "\n".join(texts)[:SAMPLE]


def _by_letters(sample: str, letters: str) -> str | None:
    """Plain Russian or plain English, told without lingua; None for anything less plain."""
    cyrillic = sum("а" <= letter <= "я" or letter == "ё" for letter in letters)
    if cyrillic > 0.9 * len(letters):
        return "ru" if _fits("ru", letters) else None
    if all(letter.isascii() for letter in letters):
        words = WORD.findall(sample)
        if sum(word in ENGLISH_WORDS for word in words) >= ENGLISH_SHARE * len(words):
            return "en"
    return None


@lru_cache(maxsize=4096)
def _by_lingua(sample: str, letters: str) -> str | None:
    values = _detector().compute_language_confidence_values(sample[:LINGUA_SAMPLE])
    if not values or values[0].value < MIN_CONFIDENCE:
        return None
    code = values[0].language.iso_code_639_1.name.lower()
    return code if _fits(code, letters) else None


def _fits(code: str, letters: str) -> bool:
    """Whether a text's letters allow the language: none of the letters it lacks, some of those it always has."""
    if sum(letter in EXCLUDED[code] for letter in letters) > FOREIGN_SHARE * len(letters):
        return False
    return code not in REQUIRED or any(letter in REQUIRED[code] for letter in letters)
