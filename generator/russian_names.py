"""Names written in Russian, found in any grammatical case.

Russian inflects names: Kyrgyzstan is «Кыргызстан», «Кыргызстана», «в Кыргызстане».
Matching the written form, as is done for English names, would miss most
mentions, so both the taxonomy's Cyrillic aliases and the text are reduced to
dictionary forms (lemmas) with pymorphy3 and compared word by word.
"""

from __future__ import annotations

import re
from functools import lru_cache

CYRILLIC = re.compile(r"[А-Яа-яЁё]")
CYRILLIC_WORD = re.compile(r"[А-Яа-яЁё]+(?:-[А-Яа-яЁё]+)*")


@lru_cache(maxsize=1)
def _analyzer():
    import pymorphy3  # loaded only when a text or a taxonomy has Cyrillic in it

    return pymorphy3.MorphAnalyzer()


@lru_cache(maxsize=65536)
def lemma(word: str) -> str:
    """The dictionary form of one Russian word, lower-case, ё read as е."""
    word = word.lower().replace("ё", "е")
    return _analyzer().parse(word)[0].normal_form.replace("ё", "е")


def lemmas(text: str) -> tuple[str, ...]:
    return tuple(lemma(word) for word in CYRILLIC_WORD.findall(text))


class RussianNames:
    """The Cyrillic names of a taxonomy's terms, matched by lemma sequences."""

    def __init__(self, names: dict[str, str]):  # name -> slug
        self.by_lemmas = {key: slug for name, slug in sorted(names.items()) if (key := lemmas(name))}
        self.longest = max((len(key) for key in self.by_lemmas), default=0)

    def slugs_in(self, text: str) -> list[tuple[str, str]]:
        """(slug, the words as written) for each name found, longest names first at each word."""
        if not self.by_lemmas or not CYRILLIC.search(text):
            return []
        words = CYRILLIC_WORD.findall(text)
        keys = [lemma(word) for word in words]
        found, index = [], 0
        while index < len(words):
            for size in range(min(self.longest, len(words) - index), 0, -1):
                slug = self.by_lemmas.get(tuple(keys[index:index + size]))
                if slug:
                    found.append((slug, " ".join(words[index:index + size])))
                    index += size
                    break
            else:
                index += 1
        return found
