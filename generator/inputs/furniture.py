"""Page furniture: the lines of a scraped page that belong to the site, not to the article.

Donation and subscription appeals, AI-audio notices, share bars, cookie banners,
advertisement labels, comment widgets, tags, "related" and "most read" lists,
poll widgets; in English and Russian. Legal and service lines (copyright, registration,
reuse and error-report notices, tickers, search boxes, breadcrumbs) are in
generator/inputs/furniture_notices.py. Used by generator/inputs/reader.py, which
removes what matches and shows each removed line to editors with its reason.

A furniture line is short and stands alone: every pattern matches a whole line
of bounded length, never a word inside a sentence. Appeals ("Subscribe to…",
"Поддержите…") must open the line and must not report anyone's words, so that
"He urged citizens to subscribe to state TV" or "Donors pledged $2 billion"
stay in the article. Words that also head article sections ("Vote",
"Results", "Poll") count only next to another sign of a poll widget.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache

from generator.inputs.first_chars import Parsed, char_key, parse
from generator.inputs.furniture_notices import NOT_IF, NOTICE_RULES, section_menu

# Someone's words reported: an article sentence, whatever it starts with.
_NOT_REPORTED = (
    r"(?!.*\b(said|says|told|tells|according to|urged|asked|claimed|reported|announced|wrote|writes|"
    r"заявил\w*|сказал\w*|сообщил\w*|призвал\w*|призыва\w*|по словам|отметил\w*|говори\w*|пишет|пишут|написал\w*)\b)"
)
# Arrows, bullets and chevrons that sites put around a call to action. Possessive before the body: given
# back one character at a time to each of a hundred bodies, "> > > … deep" took a millisecond a line.
_DECOR = r"[>»›→▶►•*\-–—\s]*"
_LEADING_DECOR = _DECOR + "+"
_DECOR_RUN = re.compile(_LEADING_DECOR)
_SOCIAL = (
    r"facebook|fb|f|x|twitter|tweet|post|telegram|tg|whatsapp|viber|vk|vkontakte|вконтакте|вк|ok|ок|"
    r"odnoklassniki|одноклассники|linkedin|instagram|in|share|e-?mail|mail|почта|reddit|pinterest|threads|bluesky|messenger|"
    r"flipboard|pocket|sms|dzen|дзен|print|печать|copy link|copy|link|скопировать ссылку|копировать ссылку|"
    r"скопировать|save|сохранить|print version|printable version|версия для печати|send to (a )?friend|"
    r"отправить другу|download pdf|cite this|a- a\+|a\+ a-"
)


def whole_line(body: str, max_chars: int, appeal: bool = False, unless: str = "") -> re.Pattern[str]:
    """A whole line of at most max_chars matching body; an appeal must not report anyone's words; unless, a
    negative lookahead, is tried where the body starts."""
    guard = _NOT_REPORTED if appeal else ""
    return re.compile(rf"^(?=.{{1,{max_chars}}}$){guard}{_LEADING_DECOR}{unless}(?:{body})[.!]?{_DECOR}$", re.I)


DONATION = [
    r"(please\s+)?(support|fund)\s+(independent|quality|public[- ]interest|free|honest|local|reader[- ]funded|"
    r"our|this|(the\s+)?(?-i:[A-Z])[\w’'.-]*(’s|'s))\s+(journalism|reporting|media|newsroom|work|press|news|"
    r"journalists)\b.*",
    r"support us( today| now| on patreon| with a donation| here)?",
    r"donate( now| today| here| monthly| once| to (us|[\w’'. -]{1,40}))?( via [\w ]{1,20})?",
    r"make an? (one-off |one-time |monthly |recurring |small )?(donation|contribution)\b.{0,80}",
    r"become an? (member|patron|supporter|sustaining member|paying member)( of [\w’'. -]{1,40}| today| now| on"
    r" patreon)?"
    r"([.!:–—-]\s*.{0,80})?",
    r"(if you (value|like|enjoy|appreciate|found value in) (our|this|what we do)|we (rely|depend) on (our )?readers|"
    r"(your|every) (donation|contribution|gift)( of any size)? (helps|keeps|makes|matters|counts)|"
    r"help us (keep|continue|stay|remain|report|fund)|help keep [\w’'. -]{1,40} (free|independent|going|alive)|"
    r"(we are|we're|[\w’'.-]+ is) (funded|supported) by (our )?readers)\b.{0,240}",
    r"поддержите (нас|редакцию|проект|журналистов|независим\w+ \w+|наш\w* \w+|«[^»]{1,40}»|\"[^\"]{1,40}\")\b.{0,120}",
    r"поддержать (нас|редакцию|проект|журналистов|«[^»]{1,40}»)",
    r"(сделать|сделайте|оформить|оформите) (разовое |ежемесячное |регулярное )?(пожертвование|донат)\b.{0,80}",
    r"(пожертвовать|задонатить|помочь редакции|помогите (нам|редакции)\b.{0,80}|"
    r"станьте (нашим )?(патроном|спонсором|другом [\w«»\" -]{1,30})\b.{0,60})",
    r"(если вам (нравится|важно|интересно) (то,? что|наш\w*)|мы существуем (только )?(благодаря|на (средства|деньги))|"
    r"ваш\w* (пожертвовани\w+|поддержк\w+|помощь) (помогает|поможет|важн\w+))\b.{0,240}",
]
SUBSCRIPTION = [
    r"(subscribe|sign up|register|join)( now| today| here| for free| free)?",
    r"(subscribe|sign up)( to| for)? .{0,60}\b(telegram|youtube|whatsapp|viber|channel|podcast|feed|rss|alerts|"
    r"updates|weekly|daily)\b.{0,60}",
    r"(join|follow)( to| for)? .{0,60}\b(telegram|youtube|whatsapp|viber|channel)\b.{0,60}",
    r"(subscribe|subscribers?) (now|today)?\s*(→|->|>|»).{0,40}",
    r"become an? (paying |digital )?subscriber\b.{0,60}",
    r"подпи(шитесь|сывайтесь)\b.{0,120}",
    r"подписаться( на (рассылку|новости|канал|наш \w+|\w+-канал))?",
    r"(читайте|смотрите|слушайте) нас в .{1,60}",
    r"(наш|мы в) (telegram|телеграме?|telegram-канале?|телеграм-канале?)\b.{0,80}",
    r"больше (новостей|материалов|важного|интересного) в нашем .{1,60}",
    r"следите за (нами|новостями|нашими новостями) в .{1,80}",
]
NEWSLETTER = [
    r"(newsletter\s*[:|–—-]\s*)?(sign up|subscribe)\b.{0,80}\b(newsletters?|briefings?|digest|bulletin|inbox|"
    r"mailing list)\b.{0,80}",
    r"(newsletter\s*[:|–—-]\s*)?(get|receive|join)\b.{0,80}\b(newsletters?|in your inbox|by e-?mail|mailing"
    r" list)\b.{0,80}",
    r"newsletter\s*[:|–—-]\s*.{1,120}",
    r"enter your e-?mail( address)?\b.{0,60}|\[\s*your e-?mail( address)?\s*\].{0,60}",
    r"подпи(шитесь|саться) на (нашу )?рассылку\b.{0,80}",
]
FOLLOW = [
    r"(follow|find|join|like|connect with|stay connected with) us\b.{0,100}",
    r"follow [\w’'. -]{1,40} on (facebook|x|twitter|telegram|instagram|youtube|linkedin|tiktok|vk|threads|bluesky|"
    r"whatsapp|google news)\b.{0,80}",
    r"(мы в (соцсетях|социальных сетях|telegram|телеграме?)|следите за нами|присоединяйтесь к нам|"
    r"подписывайтесь на нас)\b.{0,100}",
]
AUDIO = [
    r"(this |the )?(audio|article|story|text|narration|voice-?over|audio version)( version)? (is|was|has been) "
    r"(created|generated|produced|narrated|read|voiced)( \w+){0,3} (with|by|using) (the help of )?(an? )?"
    r"(ai|artificial intelligence|synthetic voice|text-to-speech|ai voice)\b.{0,120}",
    r"(listen|listen now|listen to (this|the) (article|story|report|piece|text)|play (audio|article)|"
    r"audio version( of (this|the) (article|story))?|hear this (article|story)|ai[- ]generated audio|voiced by ai|"
    r"narrated by ai|read by an? ai( voice)?)\s*[·|•:-]?\s*(\(?\d{1,2}(:\d{2})? ?(min|mins|minutes)?\)?)?",
    r"\d{1,2}:\d{2} ?/ ?\d{1,2}:\d{2}",
    r"(слушать|прослушать|послушать)( (статью|материал|текст|новость|аудиоверсию))?\s*(\(?\d+ ?мин\.?\)?)?",
    r"аудиоверсия( (статьи|материала|текста))?",
    r"(это |этот |эта )?(аудио|текст|материал|статья|аудиоверсия) (озвуч\w+|зачитан\w*|сгенерирован\w*|создан\w*) "
    r"(с помощью|при помощи|нейросетью|искусственным интеллектом)\b.{0,100}",
    r"озвучено (с помощью |при помощи )?(нейросет\w+|ии|искусственн\w+ интеллект\w*)\b.{0,60}",
]
_BUTTON = rf"(\[\s*({_SOCIAL})\s*\]|(share on |поделиться в )?({_SOCIAL}))"
_BUTTONS = rf"{_BUTTON}((\s*[|•·,/]\s*|\s+){_BUTTON})"  # followed by {min,max} of the group
SHARE = [
    # "Share: Facebook | X | Telegram", "Comments (34) | Share: VK OK", "Share Tweet Email Print"
    rf"((comments?|комментари\w*)\s*\(\d+\)\s*[|•·]\s*)?(share( this( article| story| page)?| on| via)?|поделиться)"
    rf"(\s*[:|]?\s*{_BUTTONS}{{0,12}})?",
    rf"{_BUTTONS}{{1,12}}",  # "[f] [x] [in] [tg]", "Print version  Send to friend": two buttons at least
    r"(like this|tweet|print|email|print version|send to (a )?friend|copy link|link copied|отправить|версия для печати|"
    r"отправить другу|скопировать ссылку|ссылка скопирована)[:.]?",
]
COOKIES = [
    r"(we|this (web)?site|our (web)?site|the site|this page) (uses?|use) cookies\b.{0,300}",
    r"by (continuing|using|browsing|clicking)\b.{0,150}\bcookies?\b.{0,200}",
    r"((accept|allow|reject|decline|manage) (all )?(cookies|preferences)|cookie (settings|preferences|policy|consent))"
    r"(\s*[\[\]|]*\s*(accept( all)?|reject( all)?|manage preferences|settings|ok|got it))*",
    r"(мы|сайт|этот сайт|наш сайт) (использует|используем|применяет|применяем) (файлы )?(cookie|куки)\b.{0,300}",
    r"продолжая (использовать|пользоваться|просмотр|работу)\b.{0,200}\b(cookie|куки)\b.{0,150}",
]
ADVERTISEMENT = [
    r"[\[(]?\s*(advertisement|advertising|ad|ads|sponsored|sponsored content|paid content|paid post|partner content|"
    r"реклама|на правах рекламы|партн[её]рский материал|спонсорский материал)\s*[\])]?",
    r"(story|article|content|text) continues (below|after)( (the )?(advertisement|ad))?",
    r"(scroll (down )?to continue( reading| with content)?|continue reading below|advertise with us)",
    r"(продолжение|материал продолжается) (ниже|после рекламы)",
]
COMMENTS = [
    r"(comments are closed|leave a (comment|reply)|\d+ comments?|comments?( \(\d+\))?|"
    r"(show|view|load|read|see)( (more|all))? comments( \(\d+\))?|(add|post|write|leave)( a| your)? comment( below|"
    r" here)?|"
    r"(log|sign) in to (comment|reply|join the (conversation|discussion))|join the (conversation|discussion)|"
    r"reply|cancel reply|комментари(и|ев|й)( \(\d+\))?|\d+ комментари\w*|(оставить|добавить|написать) комментарий|"
    r"(комментарии|комментирование) (закрыт\w*|отключен\w*)|ответить|войдите,? чтобы (оставить комментарий"
    r"|комментировать))"
    r"(\s*[|•·]\s*(\d+ comments?|comments?( \(\d+\))?|(log|sign) in to comment|add (a )?comment|"
    r"оставить комментарий|комментари\w*( \(\d+\))?))*",
    r"(your email address will not be published|required fields are marked \*|"
    r"ваш (адрес )?(e-?mail|электронной почты) не будет опубликован|обязательные поля помечены \*)\b.{0,120}",
]
TAGS = [r"(tags?|topics|filed under|keywords|теги|метки)\s*:\s*[^.]{1,200}(?<![.])"]
READING_TIME = [
    r"((reading|read) time|время чтения)\s*:?\s*\d+\s*(min\w*|мин\w*\.?)|\d+\s*(min|minute)s? read|"
    r"читать \d+ мин(ут[аы]?)?\.?"
]
READ_MORE = [
    r"(read more|continue reading|read the (full|whole) (story|article)|читать (далее|дальше|полностью)|"
    r"подробнее)\s*[>»›→…]+|подробнее"
]
PAGER = [
    r"page \d+ of \d+|страница \d+ из \d+",
    r"[<‹«]?\s*(previous|prev|newer|назад|предыдущая)\s*\|.{0,80}\|\s*(next|older|вперед|вперёд|далее|следующая)"
    r"\s*[>›»]?",
    r"(load more|show more|показать ещё|показать еще|загрузить ещё|загрузить еще)( stories| news| articles| новости)?",
]
ACCOUNT = [
    r"(menu|search|sign in|log in|login|register|subscribe|my account|войти|вход|регистрация|подписаться|поиск|меню)"
    r"(\s*[|•·]?\s*(menu|search|sign in|log in|login|register|subscribe|my account|войти|вход|регистрация|"
    r"подписаться|поиск|меню))+"
]


@dataclass(frozen=True)
class _Rule:
    reason: str
    body: str
    max_chars: int
    appeal: bool = False
    unless: str = ""  # a negative lookahead, tried where the body starts once the body matched: scanning is slow


RULES = [
    *(_Rule("donation appeal", body, 300, appeal=True) for body in DONATION),
    *(_Rule("newsletter prompt", body, 200, appeal=True) for body in NEWSLETTER),
    *(_Rule("follow prompt", body, 160, appeal=True) for body in FOLLOW),
    *(_Rule("subscription prompt", body, 160, appeal=True) for body in SUBSCRIPTION),
    *(_Rule("audio notice", body, 200) for body in AUDIO),
    *(_Rule("share buttons", body, 200) for body in SHARE),
    *(_Rule("cookie notice", body, 400) for body in COOKIES),
    *(_Rule("advertisement", body, 80) for body in ADVERTISEMENT),
    *(_Rule("comments notice", body, 200) for body in COMMENTS),
    *(_Rule("tags", body, 240) for body in TAGS),
    *(_Rule("reading time", body, 40) for body in READING_TIME),
    *(_Rule("read-more link", body, 40) for body in READ_MORE),
    *(_Rule("pager", body, 120) for body in PAGER),
    *(_Rule("navigation", body, 80) for body in ACCOUNT),
    *(
        _Rule(reason, body, max_chars, appeal, NOT_IF.get(reason, ""))
        for reason, bodies, max_chars, appeal in NOTICE_RULES
        for body in bodies
    ),
]
_LONGEST = max(rule.max_chars for rule in RULES)


def furniture_patterns() -> list[tuple[str, re.Pattern[str]]]:
    """(reason, pattern) for a whole stripped line, in order: the first that matches names the reason. What
    furniture_reason finds, written as one pattern per rule (its tests check the two agree)."""
    return [(rule.reason, whole_line(rule.body, rule.max_chars, rule.appeal, rule.unless)) for rule in RULES]


def furniture_reason(line: str) -> str | None:
    """The reason of the first furniture rule whose pattern matches the stripped line, if any. Only the rules
    whose body can open with the line's first character after its decoration are tried, each compiled when
    first needed: a hundred on every line of a seed of 200,000 short lines took seconds."""
    if len(line) <= _LONGEST:
        decor = _DECOR_RUN.match(line)
        assert decor is not None  # the run may be empty, so it always matches
        body_start = decor.end()  # possessive: the body starts here or nowhere
        key = char_key(line[body_start]) if body_start < len(line) else None
        rest, bodies = len(line) - body_start, _parsed_bodies()
        for number in _rules_opening_with(key):
            rule = RULES[number]
            if (
                bodies[number].opening.shortest <= rest
                and len(line) <= rule.max_chars
                and _body(number).match(line, body_start)
                and not (rule.appeal and _lookahead(_NOT_REPORTED).match(line))
                and not (rule.unless and _lookahead(rule.unless).match(line, body_start))
            ):
                return rule.reason
    return "navigation menu" if section_menu(line) else None


@cache
def _rules_opening_with(key: str | None) -> tuple[int, ...]:
    """The numbers of the RULES whose body can start with a character of this key (None: any character)."""
    return tuple(
        number
        for number, body in enumerate(_parsed_bodies())
        if key is None or body.opening.keys is None or key in body.opening.keys
    )


@lru_cache(maxsize=1)
def _parsed_bodies() -> list[Parsed]:
    """Each rule's body up to the end of the line, matched where the decoration ends."""
    return [parse(rf"(?:{rule.body})[.!]?{_DECOR}$") for rule in RULES]


@cache
def _body(number: int) -> re.Pattern[str]:
    return _parsed_bodies()[number].compile()


@cache
def _lookahead(negative: str) -> re.Pattern[str]:
    """What a negative lookahead '(?!X)' refuses, as a pattern: X."""
    return re.compile(negative.replace("(?!", "(?=", 1), re.I)
