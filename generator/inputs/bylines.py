"""Who wrote a page and who published it, from its byline, site lines and title.

Helpers of generator/inputs/datelines.py. A byline's name is a person only when it
looks like one (two to four capitalised words, none of them an outlet word or
a place); an outlet is a name the page gives as its own (a site line
such as "24-kg.com news agency", a domain, a one-word byline like "By
Eurasianet", a title suffix that is a name). Section and genre labels ("OpEd",
"Analysis", "Мнение") are neither: a wrong author or publisher is worse than none.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

# Labels of a page's section or genre: never a publisher, even after " | " in a title.
GENRE_WORDS = frozenset(
    """
oped op-ed op ed opinion opinions analysis analytics commentary comment comments explainer explained interview
interviews news features feature blog blogs editorial editorials column columns review reviews perspective
perspectives insight insights report reports story stories podcast podcasts video videos photo photos gallery
latest breaking exclusive long read longread special q&a factbox fact-check timeline politics economy business
world region regions society culture security sport sports science technology energy media home section update
updated live & and / мнение мнения аналитика новости новость интервью комментарий комментарии колонка колонки
блог блоги статья статьи обзор репортаж политика экономика общество культура регион регионы главное эксклюзив и бизнес
спорт наука происшествия
""".split()
)
# Words that make a name an outlet (a desk, agency or masthead), never a person.
OUTLET_WORDS = frozenset(
    """
news times post herald journal review digest daily weekly gazette tribune observer monitor watch wire dispatch
ledger brief frontline today agency media press service radio tv television network institute centre center
council foundation forum desk staff team editors editorial newsroom bureau correspondent correspondents reporter
report reporters magazine newspaper portal channel group online insider diplomat telegraph chronicle bulletin
агентство редакция издание газета журнал портал служба радио телевидение новости пресс-служба корреспондент
""".split()
)
# Regions and the cities datelines name most: places, like the countries babel knows, are never a byline.
OTHER_PLACES = frozenset(
    """
central asia|eurasia|caucasus|south caucasus|europe|asia|middle east|world|region|astana|almaty|bishkek|osh|tashkent
|samarkand|dushanbe|khujand|ashgabat|baku|moscow|beijing|washington|brussels|kyiv|tbilisi|yerevan|minsk|london
|центральная азия|евразия|астана|алматы|бишкек|ош|ташкент|душанбе|ашхабад|баку|москва|пекин|киев|минск
""".replace("\n", "").split("|")
)
ROLE_WORDS = frozenset(
    """
fellow editor correspondent analyst researcher director professor lecturer journalist reporter writer contributor
columnist expert associate chair head chief founder editor-in-chief корреспондент обозреватель редактор эксперт аналитик
""".split()
)
CONNECTORS = frozenset("the of and for on in de du la le & + – -".split())
NAME_PARTICLES = frozenset("van von de der den da di du la le al el bin ibn ben uulu kyzy ugli ogly".split())
EXTRA_COUNTRY_NAMES = (
    "Turkey",
    "USA",
    "US",
    "U.S.",
    "UK",
    "Kyrgyz Republic",
    "Republic of Kazakhstan",
    "Киргизия",
    "Кыргызская Республика",
    "РФ",
    "США",
)
DOMAIN = re.compile(r"^[\w-]+(?:\.[\w-]+)*\.(?:[a-z]{2,6}|рф)$", re.I)
OUTLET_DESCRIPTOR = re.compile(
    r"\b(?:news agency|information agency|press agency|news service|information portal|news portal|news website"
    r"|news site|newspaper|magazine)\b|(?:^|\s)(?:информационное агентство|информационный портал|новостной портал"
    r"|информационно-аналитический портал|агентство|ИА|газета|журнал|издание)(?=\s|$)",
    re.I,
)
TITLE_SEPARATOR = re.compile(r"\s+[|–—-]\s+")
NAME_TOKEN = re.compile(r"^(?:[A-ZА-ЯЁ]\.|[A-ZА-ЯЁ][^\W\d_]*(?:['’-][^\W\d_]+)*)$")
CAPS_TOKEN = re.compile(r"^(?=.*[A-ZА-ЯЁ]{2})[A-ZА-ЯЁ]+(?:['’-][A-ZА-ЯЁ]+)*$")
WORD = re.compile(r"\S+")
NAME_JOINERS = re.compile(r"\s*(?:,|&|\band\b|\bи\b)\s*")
MONTH_WORD = re.compile(
    r"^(?:january|jan|february|feb|march|mar|april|apr|may|june|jun|july|jul|august|aug|september|sept|sep|october"
    r"|oct|november|nov|december|dec)\.?$|^(?:(?:январ|феврал|апрел|июн|июл|сентябр|октябр|ноябр|декабр)[ьяе]|март[ае]?"
    r"|ма[йяе]|август[ае]?|янв|фев|мар|апр|авг|сент?|окт|нояб?|дек)\.?$",
    re.I,
)


def normal_case(name: str) -> str:
    """'Darya NESTEROVA' -> 'Darya Nesterova'; mixed-case words ('McLeod') stay as written."""

    def word(token: str) -> str:
        if not CAPS_TOKEN.match(token):
            return token
        return re.sub(r"[^\W\d_]+", lambda part: part.group().capitalize(), token)

    return " ".join(word(token) for token in name.split())


# The names of countries and territories in English and Russian, as babel (pinned) has them: reading babel's
# locale data took a tenth of a second in every process that read a seed; tests/test_place_names.py keeps the
# file equal to babel's names.
TERRITORY_NAMES_FILE = Path(__file__).resolve().parent / "data" / "territory_names.txt"


def territory_names_from_babel() -> list[str]:
    """What TERRITORY_NAMES_FILE holds: babel's territory names in English and Russian, case-folded, sorted."""
    from babel import Locale

    return sorted({name.casefold() for code in ("en", "ru") for name in Locale(code).territories.values()})


@lru_cache(maxsize=1)
def _country_names() -> frozenset[str]:
    names = TERRITORY_NAMES_FILE.read_text(encoding="utf-8").splitlines()
    return frozenset((*names, *(name.casefold() for name in EXTRA_COUNTRY_NAMES)))


def is_place(text: str) -> bool:
    """A country (in English or Russian), a region or a city that datelines name."""
    key = " ".join(text.split()).casefold()
    return key in _country_names() or key in OTHER_PLACES


def is_genre(text: str) -> bool:
    """True for a section or genre label: 'OpEd', 'Opinion & Analysis', 'Новости'."""
    words = re.findall(r"[\w&/+-]+", text.casefold())
    return bool(words) and all(word in GENRE_WORDS for word in words)


def has_outlet_word(text: str) -> bool:
    return any(word.strip(".,:;()'’").casefold() in OUTLET_WORDS for word in text.split())


def person_name(text: str) -> str | None:
    """Names of people written as a byline ('Darya NESTEROVA', 'Aida Joldoshbekova and Marat Seitkali'), in
    normal case; None when any part is not a person's name."""
    names = [part for part in NAME_JOINERS.split(text.strip(" .,;:")) if part]
    if not names or any(not _one_person(name) for name in names):
        return None
    names = [normal_case(name) for name in names]
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def _one_person(name: str) -> bool:
    tokens = name.split()
    words = [token for token in tokens if token.casefold() not in NAME_PARTICLES]
    if not 2 <= len(words) <= 4 or not all(NAME_TOKEN.match(token) for token in words):
        return False
    if has_outlet_word(name) or is_genre(name):
        return False
    return not (is_place(name) or any(is_place(token) for token in words))


def name_tokens(text: str) -> str:
    """The leading run of name-like words of a text: 'Aigerim Toleukhanova on 3 March' -> 'Aigerim Toleukhanova'."""
    taken: list[str] = []
    tokens = WORD.findall(text)
    for token, following in zip(tokens, [*tokens[1:], ""], strict=False):
        bare = token.rstrip(".,;:)")
        joiner = bare.casefold() in ("and", "и", "&")
        if not (NAME_TOKEN.match(bare) or bare.casefold() in NAME_PARTICLES or joiner):
            break
        if MONTH_WORD.match(bare) and following[:1].isdigit():
            break  # 'By Eurasianet September 8, 2022'; but 'Theresa May' is a name
        taken.append(bare)
        if bare != token and not token.endswith("."):
            break  # a comma or semicolon ends the names: 'By Andrei Ciobanu, Chisinau'
    while taken and taken[-1].casefold() in ("and", "и", "&"):
        taken.pop()
    return " ".join(taken)


def standalone_name(segment: str) -> str | None:
    """A line that is only a name: 'Darya NESTEROVA', 'Дарья НЕСТЕРОВА' or a Russian name in any case."""
    tokens = segment.split()
    if not 2 <= len(tokens) <= 3 or not all(NAME_TOKEN.match(token) or CAPS_TOKEN.match(token) for token in tokens):
        return None
    shouting = [token for token in tokens if CAPS_TOKEN.match(token)]
    mixed = 0 < len(shouting) < len(tokens)  # 'Darya NESTEROVA': agencies set surnames in capitals
    if mixed or (re.search(r"[А-Яа-яЁё]", segment) and _russian_person(tokens)):
        return person_name(segment)
    return None


def name_with_role(segment: str) -> str | None:
    """'Nilufar Rakhimova, Senior Fellow': a name, then the writer's position."""
    name, _, role = segment.partition(",")
    words = role.split()
    if not words or not any(word.casefold() in ROLE_WORDS for word in words):
        return None
    if not all(word[0].isupper() or word.casefold() in CONNECTORS for word in words):
        return None
    return person_name(name)


def _russian_person(tokens: list[str]) -> bool:
    """A first name that the Russian dictionary knows as one, beside a surname or patronymic."""
    from generator.inputs.russian_names import _analyzer  # shared, loaded only for Cyrillic text

    tags = [
        {grammeme for parse in _analyzer().parse(token.lower()) for grammeme in parse.tag.grammemes} for token in tokens
    ]
    first_names = [index for index, grammemes in enumerate(tags) if "Name" in grammemes]
    others = [grammemes for index, grammemes in enumerate(tags) if index not in first_names[:1]]
    return bool(first_names) and all({"Surn", "Patr"} & grammemes or "UNKN" in grammemes for grammemes in others)


def site_line(segment: str) -> str | None:
    """A segment that names the outlet as such: '24-kg.com news agency', 'Информационное агентство 24.kg',
    or a bare domain ('Kun.uz')."""
    segment = segment.strip(" .,;:")
    words = segment.split()
    if not 1 <= len(words) <= 6 or is_genre(segment) or is_place(segment):
        return None
    if len(words) == 1:
        return segment if DOMAIN.match(segment) else None
    return segment if OUTLET_DESCRIPTOR.search(segment) and _name_like_words(segment) else None


def _name_like_words(segment: str) -> bool:
    """Besides the descriptor, only names: not 'the newspaper said on Monday'."""
    rest = [word.strip("«»\"“”„'") for word in OUTLET_DESCRIPTOR.sub(" ", segment).split()]  # «Ала-Тоо Пресс»
    return bool(rest) and all(w and (w[0].isupper() or w[0].isdigit() or DOMAIN.match(w)) for w in rest)


def masthead(segment: str) -> str | None:
    """A name with an outlet word or an ampersand: 'Caspian Ledger', 'Black Sea & Beyond'. Only trusted on the
    lines around the title (see datelines), where a site shows its name."""
    segment = segment.strip(" .,;:")
    words = segment.split()
    if len(words) < 2 or segment.isupper() or is_genre(segment) or is_place(segment):
        return None
    return segment if looks_like_a_name(segment) and ("&" in words or has_outlet_word(segment)) else None


def byline_outlet(name: str) -> str | None:
    """A one-word byline ('By Eurasianet', 'By Reuters') names the outlet, not a person."""
    if len(name.split()) != 1 or not name[:1].isupper() or is_genre(name) or is_place(name) or MONTH_WORD.match(name):
        return None
    return name


def looks_like_a_name(text: str) -> bool:
    """Capitalised words (or a domain), a few connectors between them; no sentence punctuation."""
    words = text.split()
    if not 1 <= len(words) <= 5 or re.search(r"[:?!,;\"“”]|\d{4}", text):
        return False
    if len(words) == 1 and DOMAIN.match(text):
        return True
    return words[0][0].isupper() and all(w[0].isupper() or w[0].isdigit() or w.casefold() in CONNECTORS for w in words)


def title_parts(title: str | None, page_lines: tuple[str, ...] = ()) -> tuple[str | None, str | None]:
    """(headline, publisher) from a page title: 'Wary of Ukraine … – Asia Times' gives the outlet, a trailing
    section or genre label ('| OpEd', '- Analysis') is dropped but is never the publisher, and a trailing
    part that is neither ('Russia – Kazakhstan relations') stays in the headline."""
    if not title:
        return title, None
    parts = TITLE_SEPARATOR.split(title)
    publisher = None
    while len(parts) > 1:
        last = parts[-1].strip()
        if is_genre(last):
            parts.pop()
        elif publisher is None and _suffix_is_outlet(last, parts[0], page_lines):
            publisher = last
            parts.pop()
        else:
            break
    return title[: _end_of(title, len(parts))].strip(), publisher


def _suffix_is_outlet(suffix: str, headline: str, page_lines: tuple[str, ...]) -> bool:
    """A name after the headline is the site's when the page says so again (a line of its own), when it is a
    domain or has an outlet word, or is one word; else only if the headline is not itself in Title Case,
    where 'Kazakhstan Votes – What Comes Next' would look like a name."""
    if not looks_like_a_name(suffix) or is_place(suffix) or MONTH_WORD.match(suffix):
        return False
    if suffix.casefold() in {line.strip().casefold() for line in page_lines}:
        return True
    if DOMAIN.match(suffix) or has_outlet_word(suffix) or len(suffix.split()) == 1:
        return True
    long_words = [word for word in headline.split() if len(word) > 3 and word[0].isalpha()]
    title_case = sum(word[0].isupper() for word in long_words) > len(long_words) / 2
    return not title_case and len(suffix.split()) <= 4


def _end_of(title: str, kept: int) -> int:
    """Where the kept leading parts of a title end."""
    separators = list(TITLE_SEPARATOR.finditer(title))
    return separators[kept - 1].start() if kept - 1 < len(separators) else len(title)
