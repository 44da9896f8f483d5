"""Page furniture, part two: a site's legal and service lines, line by line.

Copyright and media-registration lines, reuse notices, error-report prompts,
currency tickers, search boxes, breadcrumb trails, menus of section names with
no separators between them, follow prompts that name social networks, and an
outlet's description of itself; in English and Russian.
generator/inputs/furniture.py adds these to its RULES; the same contract holds: each
body matches a whole line of bounded length, and an appeal must not report
anyone's words. Bodies that could open an article sentence ("Перепечатка …",
"Found …") need a sign no article sentence has: "Ctrl+Enter", a "?" right after
the prompt, "обязательна", a registration number.
"""

from __future__ import annotations

import re

_NETWORK = (
    r"(facebook|twitter|telegram|instagram|youtube|tiktok|linkedin|threads|bluesky|whatsapp|viber|vk|"
    r"vkontakte|вконтакте|одноклассник\w*|дзен\w*|dzen|google news|яндекс\.?новост\w*|"
    r"телеграм\w*|инстаграм\w*|ютуб\w*|rutube|mastodon)"
)

COPYRIGHT = [
    r"(copyright\s*)?(©|\(c\))\s*\d{4}([-–]\d{4})?\b.{0,260}",  # "© 2024 Outlet", "(c) 2020-2025 …"
    r"(copyright\s*)?©\s*[\w«»\"“”'’&.\- ]{1,60}(,?\s*\d{4}([-–]\d{4})?)?\b.{0,260}",  # "© РИА Новости, 2024"
    r"[\w«»\"“”'’&.\- ]{1,60}\s(©|\(c\))\s*\d{4}([-–]\d{4})?\b.{0,200}",  # "Outlet (c) 2020"
    r"(все права (защищены|сохранены)|all rights reserved)\b.{0,200}",
    r"((age rating|возрастн\w+ (ограничени\w+|маркировк\w+|категори\w+))\s*:?\s*)?(0|6|12|16|18)\s?\+",
]
REGISTRATION = [
    # A masthead's imprint: "Сетевое издание «…» зарегистрировано в Роскомнадзоре …, Эл № ФС77-…"
    r"(сетевое издание|средство массовой информации|информационное агентство|интернет-издание|издание|сми)\b.{0,160}"
    r"\b(зарегистрирован\w*|регистрац\w+)\b.{0,60}\b(роскомнадзор\w*|федеральн\w+ служб\w+|министерств\w+ "
    r"(информации|культуры|юстиции)|свидетельств\w+|эл\s?№|пи\s?№|фс\s?\d\d)\b.{0,300}",
    r"свидетельство о (регистрации|постановке на уч[её]т|перепостановке на уч[её]т)\b.{0,300}",
    r"(эл|пи)\s?№\s?(фс|тп)?\s?\d\d\s?[-–]\s?\d{3,}.{0,300}",
    r"((mass )?media )?(registration|registered) (certificate|number|no\.?)\b.{0,200}",
    r"(учредитель|главный редактор|и\.\s?о\. главного редактора|шеф-редактор|editor-in-chief)\s*[:—–-]\s*[^!?:]{1,100}",
]
REUSE = [
    r"(при|в случае) (полном или частичном |любом )?(использовании|цитировании|перепечатке|воспроизведении|"
    r"копировании)\b.{0,160}\b(ссылка|гиперссылка)\b.{0,160}\bобязательн\w*\b.{0,160}",
    r"(полное или частичное )?(перепечатка|копирование|воспроизведение|использование|распространение)"
    r"( и (перепечатка|копирование|воспроизведение|использование|распространение))? (материалов|информации|"
    r"статей|публикаций)( сайта| издания| редакции)?\b.{0,120}\b(без (письменного )?(разрешения|согласия|"
    r"ссылки)|только с (письменного )?(разрешения|согласия))\b.{0,200}",
    r"перепечатка\b.{0,120}\b(запрещен\w*|не допускается)\b.{0,160}",
    r"(when|if) (using|quoting|citing|republishing|reprinting|reproducing) (our |the |any |these )?(materials?|"
    r"content|articles?|information|news)\b.{0,160}\b(link|hyperlink|reference|attribution|credit)\b.{0,160}\b"
    r"(is |are )?(required|obligatory|mandatory|compulsory)\b.{0,160}",
    r"(reproduction|republication|republishing|reprinting|copying|redistribution|use)\b.{0,80}\bwithout (the )?"
    r"(prior |express )?(written )?(permission|consent|authori[sz]ation)\b.{0,200}",
    r"(permalink|short link|short url|link to (this|the) (article|story|page|material)|ссылка на (материал|статью|"
    r"новость|публикацию)|короткая ссылка|постоянная ссылка)\s*:?\s*(https?://\S{1,200})?",
    r"(republish|reprint) (this|our) (article|story|piece|content)\b.{0,160}",
    r"(this (work|article|story|content|material) is )?licensed under (a |the )?creative commons\b.{0,160}",
    r"(материал|контент|текст) (доступен|распространяется) (по|на условиях) лицензи\w+ (creative commons|cc)\b.{0,120}",
]
ERROR_REPORT = [
    r"(если вы )?(нашли|заметили|увидели) (ошибку|опечатку|неточность)( в тексте)?\s*[?!].{0,200}",
    r"(если|нашли|заметили|выделите|отметьте|пожалуйста|if|found|spotted|noticed?|see|select|highlight|please|mark)\b"
    r".{0,120}\b(ctrl|cmd|⌘)\s*\+\s*enter\b.{0,100}",
    r"(found|spotted|see|noticed?)( an?)? (typo|mistake|error|inaccuracy)( in (this|the) (text|article|story))?\s*[?!]"
    r".{0,200}",
    r"(сообщить об (ошибке|опечатке)|report (an? )?(error|typo|mistake|correction)|(suggest|submit) a correction)",
]
_CURRENCY = (
    r"(usd|eur|rub|kzt|kgs|uzs|tjs|tmt|azn|amd|gel|byn|cny|gbp|chf|jpy|try|uah|mdl|aed|inr|btc|eth|"
    r"brent|wti|gold|oil|\$|€|₽|₸|£|¥|доллар|евро|рубль|юань|нефть|золото)"
)
# "USD 87.45", "EUR ▲ 101.05 +0.3%", "KZT/USD 0.0026": a code, an optional arrow and a rate with its change.
# Each space has one place to go: "\s?[:=]?\s?" would let n rates split their spaces 3**n ways.
_NUMBER = r"(\d{1,3}( \d{3})+([.,]\d{1,4})?|\d[\d,.]{0,12})"  # "12 650", "470,25", "0.0026"
_RATE = (
    rf"{_CURRENCY}(\s?/\s?{_CURRENCY})?(\s?[:=]\s?|\s)?([▲▼↑↓+\-−]\s?)?{_NUMBER}"
    r"(\s?[▲▼↑↓]|\s?\(?[+\-−]\d[\d,.]{0,8}%?\)?)?"
)
_RATES_BETWEEN = r"(\s*[|•·,;/]\s*|\s+)?"
TICKER = [
    rf"{_RATE}({_RATES_BETWEEN}{_RATE}){{1,14}}",
    rf"(курс(ы)? валют|курсы|валюты|биржа|рынки|exchange rates?|currency rates?|currencies|markets|forex|"
    rf"нацбанк|цб рф)(\s\w+){{0,3}}\s*[:|—–-]\s*{_RATE}({_RATES_BETWEEN}{_RATE}){{0,14}}",
    r"(курсы? валют|exchange rates?|currency rates?)( нацбанка| цб( рф)?| nbk| on \d[\d./]{3,9})?",
]
SEARCH = [
    r"[🔍\s]*(search|search the site|search this site|site search|search news|search for|поиск|поиск по сайту|"
    r"искать|найти)\s*(\.{2,3}|…|:)\s*(\[\s*\]|\[\s*(search|go|найти|искать)\s*\])?",
    r"(type|enter|введите)( your| a| the)? (search|keywords?|query|search term|запрос|поисковый запрос|"
    r"текст для поиска|ключевое слово)\b.{0,30}",
    r"(search|поиск)\s*(\[\s*\]\s*)?\[?\s*(go|search|найти|искать|ok)\s*\]?",
]
# A trail of at least three short crumbs, or of two when the first is "Home": "News > Asia > Kazakhstan".
# A crumb is up to seven words; words and the spaces between them share no character, so nothing backtracks.
_WORD = r"[\w«\"“(][\w«»\"“”()’'&,:-]*"  # "»" may close a word, never open one: it is also a separator
_CRUMB = rf"{_WORD}(?: {_WORD}){{0,6}}"
_CAPITAL_CRUMB = rf"[A-ZА-ЯЁ0-9«\"“(]{_CRUMB}?"
_HOME = r"(home|homepage|main|главная|главная страница|на главную)"
BREADCRUMBS = [
    rf"{_CRUMB}(?>\s[>›»→]\s{_CRUMB}){{2,8}}",
    rf"{_HOME}(?>\s[>›»→/]\s{_CRUMB}){{1,8}}",
    rf"(?-i:{_CAPITAL_CRUMB}(?>\s/\s{_CAPITAL_CRUMB}){{2,8}})",
]
FOLLOW_NETWORKS = [
    rf"(follow|join|subscribe to|check out|stay (connected|updated|tuned|in touch)( with)?)"
    rf"\s.{{0,80}}\b{_NETWORK}\b.{{0,120}}",
    rf"(следите|читайте|смотрите|слушайте|подписывайтесь|присоединяйтесь|добавляйтесь|заходите|ищите|оставайтесь)"
    rf"\b.{{0,80}}\b{_NETWORK}\b.{{0,120}}",
]
_SELF_TRAIT = (
    r"(non-?profit|not-for-profit|volunteer[- ]run|reader[- ](funded|supported)|donor[- ]funded|"
    r"crowd-?funded|некоммерческ\w+|волонт[её]рск\w+)"
)
_OUTLET_NOUN = (
    r"(magazine|media|outlet|news|publication|newsroom|platform|website|site|portal|journal|agency|"
    r"project|organi[sz]ation|издание|медиа|сми|проект|журнал|портал|сайт|агентство|редакция|организация)"
)
_NAME = r"[A-Z«\"“][\w«»\"“”'’&.-]*( (of|for|and|on|the|in|[A-Z«\"“][\w«»\"“”'’&.-]*)){0,6}"
SELF_DESCRIPTION = [
    # "Steppe Post is a non-profit, volunteer-run magazine." — an outlet's words about itself.
    rf"(?-i:{_NAME}) is an? ([\w-]+,?\s){{0,3}}{_SELF_TRAIT}\b.{{0,60}}\b{_OUTLET_NOUN}\b.{{0,200}}",
    rf"(we are|мы\s*[—–-]|мы являемся|«[^»]{{1,40}}»\s[—–-]|(?-i:{_NAME})\s[—–-])\s(an?\s)?([\w-]+,?\s){{0,3}}"
    rf"({_SELF_TRAIT}|independent|независим\w+)\b.{{0,60}}\b{_OUTLET_NOUN}\b.{{0,200}}",
    r"(our mission is|наша миссия\s*[:—–-]?)\b.{0,240}",
    r"(about us|о нас|об издании)\s*[:.]?",
]
SELF_DESCRIPTION_NOT = (
    r"(?!.*\b(was|were|had|has been|have been|court|banned|blocked|liquidated|closed|raided|"
    r"designated|labell?ed|declared|был\w*|заблокир\w+|ликвидир\w+|закрыт\w*|признан\w*|суд\w*)\b)"
)
DONATION_MORE = [
    r"(become an? (member|patron|supporter)|donate)\b.{0,60}\b(or|and|или|и)\b.{0,60}\b(donate|donation|become an? "
    r"(member|patron|supporter)|subscribe)\b.{0,120}",
    r"join (our )?(community of )?(members|supporters)\b.{0,120}",
    r"станьте? (членом клуба|участником клуба|другом (издания|редакции)|патроном|подписчиком)\b.{0,120}",
]

# (reason, bodies, max_chars, appeal): generator/inputs/furniture.py turns these into its rules.
# A news site's sections. A menu copied as text often loses its separators: "Главное Политика В мире Экономика".
_SECTION = (
    r"(главное|главная|новости|политика|в мире|мир|экономика|общество|происшествия|спорт|культура|наука|"
    r"технологии|регионы|аналитика|мнения|интервью|видео|фото|авто|здоровье|туризм|недвижимость|"
    r"home|news|latest|politics|world|business|economy|society|sports?|culture|science|tech|health|"
    r"opinion|analysis|regions|video|photos?|lifestyle|incidents|features)"
)
SECTION_WORD = re.compile(rf"(?<!\w){_SECTION}(?!\w)", re.I)
LETTERS_AND_SPACES = re.compile(r"[A-Za-zА-Яа-яЁё]+(?: [A-Za-zА-Яа-яЁё]+)*")
HEADLINE_WORDS = frozenset(
    "a an the and or of in on at to for with by from how why what is are as "
    "и или а но в во на с о об по для из от к как что почему".split()
)
SECTION_MENU_MIN_SECTIONS = 4
SECTION_MENU_MAX_CHARS = 160


def section_menu(line: str) -> bool:
    """Four section names or more and little else, no punctuation: a menu. A site may have sections no list
    knows ('Армия'): one capitalised word in four may be another, but no small word a headline needs ('and',
    'how', 'и'), and a sentence has punctuation."""
    if len(line) > SECTION_MENU_MAX_CHARS or not LETTERS_AND_SPACES.fullmatch(line):
        return False
    sections = SECTION_WORD.findall(line)
    if len(sections) < SECTION_MENU_MIN_SECTIONS:
        return False
    others = SECTION_WORD.sub(" ", line).split()
    if any(not word[0].isupper() or word.casefold() in HEADLINE_WORDS for word in others):
        return False
    return 3 * len(others) <= len(sections)


NOTICE_RULES = [
    ("copyright notice", COPYRIGHT, 300, False),
    ("registration notice", REGISTRATION, 400, False),
    ("reuse notice", REUSE, 400, True),
    ("error-report prompt", ERROR_REPORT, 240, True),
    ("currency ticker", TICKER, 400, False),
    ("search box", SEARCH, 60, False),
    ("breadcrumbs", BREADCRUMBS, 200, False),
    ("follow prompt", FOLLOW_NETWORKS, 200, True),
    ("donation appeal", DONATION_MORE, 300, True),
    ("outlet self-description", SELF_DESCRIPTION, 300, True),
]
# Lines that a reason's patterns must not match, whatever their body: news about an outlet is not its self-description.
NOT_IF = {"outlet self-description": SELF_DESCRIPTION_NOT}
