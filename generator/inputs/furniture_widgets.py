"""Page widgets judged by their neighbours, not line by line: poll widgets and reader comments.

A line such as "Results", "Vote" or "Reply" is furniture only inside a widget,
so these are found as runs of lines (see generator/inputs/furniture.py for the
line-by-line patterns). Used by generator/inputs/reader.py.
"""

from __future__ import annotations

import re

from generator.inputs.furniture import furniture_reason, whole_line
from generator.inputs.furniture_lists import link_list_heading

# Poll widgets. A control (a button only a poll has) is enough on its own; a poll heading needs a
# second sign; "Results", "Vote" and vote counts alone are also what an election table has. A labelled
# question ("Poll: …?") and a labelled line of shares ("Results: Yes 14% | No 51%") are controls too;
# a sentence reporting a poll has neither the label and colon nor a bare list of shares.
# An option's label ends on a letter, so that its spaces and dash have one place to go.
_SHARE = (
    r"[^|•·;,:%\d\s—–-]([^|•·;,:%\d]{0,38}[^|•·;,:%\d\s—–-])??(\s*[—–:-]\s*|\s*)"
    r"\d{1,3}([.,]\d{1,2})?\s?%(\s?\(\d[\d ,.]{0,10}( votes?| голос\w*)?\))?"
)
POLL_LABELLED = whole_line(
    r"(poll|quick poll|reader poll|our poll|опрос|голосование|опрос читателей)\s*:\s*[^?]{1,150}\?|"
    r"((view|viewing|poll|vote|current)? ?results( of the (poll|vote))?|результаты( опроса| голосования)?|"
    rf"итоги (опроса|голосования)|голосование|опрос)\s*:\s*{_SHARE}(\s*[|•·;,]\s*{_SHARE}){{1,9}}",
    300,
)
POLL_CONTROL = whole_line(
    r"(view|viewing|show|see|check) (the )?results|back to (the )?(poll|voting|vote)|vote now|"
    r"thanks? (you )?for voting\b.{0,40}|you (have|'ve) already voted\b.{0,40}|"
    r"(смотреть|посмотреть|показать) результаты|проголосовать|голосовать|спасибо за (ваш )?голос\w*\b.{0,40}|"
    r"вы уже (голосовали|проголосовали)\b.{0,40}",
    80,
)
POLL_HEADING = whole_line(
    r"(poll|quick poll|reader poll|our poll|опрос|голосование|опрос читателей)(\s*:.{0,150})?|"
    r"ваше мнение|your (opinion|view|say)|have your say",
    160,
)
POLL_AMBIGUOUS = whole_line(
    r"vote|results|результаты( (опроса|голосования))?|total votes\s*:?\s*[\d,. ]+|[\d,. ]+ votes?|"
    r"всего (голосов|проголосовал\w*)\s*:?\s*[\d ]+|[\d ]+ голос(а|ов)",
    80,
)
POLL_COUNT = re.compile(r"\d\s*%|\d+\s+(votes?|голос\w*)\b", re.I)  # "Yes — 45%", "No (120 votes)"
POLL_OPTION_MAX_CHARS = 60  # "Yes, it should stay official — 45%"
POLL_QUESTION_MAX_CHARS = 150
POLL_MAX_LINES = 15


def _poll_sign(line: str) -> str | None:
    """What a line can be in a poll widget: a "control", "heading", "ambiguous" sign,
    a "question", a "count" (an option with its result), an "option", or None."""
    signs = (
        ("control", POLL_LABELLED),
        ("control", POLL_CONTROL),
        ("heading", POLL_HEADING),
        ("ambiguous", POLL_AMBIGUOUS),
    )
    for kind, pattern in signs:
        if pattern.match(line):
            return kind
    if link_list_heading(line):
        return None
    if len(line) <= POLL_QUESTION_MAX_CHARS and line.endswith("?"):
        return "question"
    if len(line) <= POLL_OPTION_MAX_CHARS and not line.endswith((".", ";", ":", ",", '"', "”", "»")):
        return "count" if POLL_COUNT.search(line) else "option"
    return None


def _poll_in(run: list[int], signs: list[str]) -> list[int]:
    """The widget within a run: from its first sign or question to its last sign or counted option,
    so that a subheading just before or after the widget stays in the article."""
    signs_only = {"control", "heading", "ambiguous"}
    headings, ambiguous = signs.count("heading"), signs.count("ambiguous")
    if "control" not in signs and not (headings >= 1 and headings + ambiguous >= 2):
        return []
    first = next(i for i, sign in enumerate(signs) if sign in signs_only | {"question"})
    last = max(i for i, sign in enumerate(signs) if sign in signs_only | {"count"})
    return run[first : last + 1]


def _opens_poll(line: str) -> bool:
    return bool(POLL_CONTROL.match(line) or POLL_HEADING.match(line) or POLL_LABELLED.match(line))


def poll_widget_lines(lines: list[str]) -> dict[int, str]:
    """Indexes of the lines of poll widgets: runs of options, questions and poll signs
    (blank lines between them allowed) with a control, or a poll heading and a second sign."""
    found: dict[int, str] = {}
    if not any(_opens_poll(line.strip()) for line in lines):
        return found  # every poll has a control or a heading: most pages have neither
    run: list[int] = []
    signs: list[str] = []
    for index, line in enumerate([*lines, "."]):  # a final sentence closes the last run
        stripped = line.strip()
        if not stripped:
            continue
        sign = _poll_sign(stripped)
        if sign is not None and len(run) < POLL_MAX_LINES:
            run.append(index)
            signs.append(sign)
            continue
        found.update(dict.fromkeys(_poll_in(run, signs), "poll widget"))
        run, signs = ([index], [sign]) if sign is not None else ([], [])
    return found


# Reader comments: a heading with a count, then comments with "Reply" buttons, up to the comment form.
COMMENTS_HEADING = re.compile(
    r"^(\d+ comments?|comments?( \(\d+\))?|\d+ комментари\w*|комментари(и|ев)( \(\d+\))?)$", re.I
)
COMMENT_REPLY = re.compile(r"^(reply|ответить)$", re.I)
COMMENT_FORM = re.compile(
    r"^(leave a (comment|reply)|your email address will not be published|"
    r"(add|post|write|leave)( a| your)? comment|"
    r"(оставить|добавить|написать) комментарий|ваш (адрес )?(e-?mail|электронной почты) не будет)",
    re.I,
)
COMMENT_MAX_CHARS = 600
THREAD_MAX_LINES = 60
THREAD_MAX_SPAN = 200  # lines, blank ones included: a thread is short


def comment_thread_lines(lines: list[str]) -> dict[int, str]:
    """Indexes of the lines of reader comments: from a comments heading to the comment form
    (or the end of the page), when the lines between have a "Reply" button and are short."""
    found: dict[int, str] = {}
    for start, line in enumerate(lines):
        if not COMMENTS_HEADING.match(line.strip()):
            continue
        thread = _thread_after(lines, start)
        if thread:
            found.update(dict.fromkeys(thread, "reader comments"))
    return found


def _thread_after(lines: list[str], start: int) -> list[int]:
    """The non-blank lines after a comments heading up to the comment form or the end of the page;
    none when they run long, have a line too long for a comment, or no "Reply" button."""
    thread: list[int] = []
    for index in range(start + 1, len(lines)):
        stripped = lines[index].strip()
        if COMMENT_FORM.match(stripped):
            break
        too_far = index - start > THREAD_MAX_SPAN or len(thread) >= THREAD_MAX_LINES
        if too_far or len(stripped) > COMMENT_MAX_CHARS:
            return []
        if stripped:
            thread.append(index)
    has_reply = any(COMMENT_REPLY.match(lines[index].strip()) for index in thread)
    return thread if has_reply else []


# A lone masthead: a proper name that ends in an outlet word ("Central Asian Bureau for Analytical Reporting",
# "Kazinform International News Agency"), or "Информационное агентство «…»". Capitalised words and a few
# small ones only, none ending in "s" or "ed" but the outlet words, so that a title-case headline with a
# verb ("Kyrgyzstan Shuts Independent Media", "Uzbekistan to Launch News Agency") is not one.
_OUTLET_TAIL = (
    r"Agency|Bureau|News|Media|Times|Post|Wire|Dispatch|Monitor|Review|Herald|Tribune|Journal|Gazette|"
    r"Observer|Reporting|Radio|Liberty|Service|Network|Magazine|Digest|Ledger|Brief|Press|Online|TV"
)
_NAME_WORD = rf"(?:{_OUTLET_TAIL})\b|(?!\w*(s|ed)\b)[A-Z][\w.’'/&-]*|[A-Z]{(2,)}[\w.’'/&-]*|of|for|and|on|the|in|at|&"
MASTHEAD = re.compile(
    rf"^(?=.{{3,80}}$)(?:(?:The )?(?:(?:{_NAME_WORD}) ){{1,7}}(?:{_OUTLET_TAIL})|(The )?Times of( [A-Z][\w-]*){{1,3}}|"
    r"(?i:((международное|информационное|сетевое|независимое|информационно-аналитическое) ){0,2}"
    r"(агентство|издание|газета|журнал|портал)( новостей)? («[^»]{1,40}»|\"[^\"]{1,40}\")))$"
)
ARTICLE_LINE = re.compile(r"^.{80,}[.!?…»\"”)]$")
MASTHEAD_TOP_LINES = 5


def masthead_lines(lines: list[str]) -> dict[int, str]:
    """Indexes of lone masthead lines: at the page's top (above a title of its own, so the only
    title never goes) or below the article's last paragraph."""
    non_blank = [index for index, line in enumerate(lines) if line.strip()]
    article = [index for index in non_blank if ARTICLE_LINE.match(lines[index].strip())]
    if not article:
        return {}
    header = [index for index in non_blank[:MASTHEAD_TOP_LINES] if index < article[0]]
    found = {index: "site name" for index in non_blank if index > article[-1] and _is_masthead(lines[index])}
    for index in header:
        titled = any(_could_be_title(lines[later]) for later in header if later > index)
        if titled and _is_masthead(lines[index]):
            found[index] = "site name"
    return found


def _could_be_title(line: str) -> bool:
    return len(line.split()) >= 4 and not _is_masthead(line) and furniture_reason(line.strip()) is None


def _is_masthead(line: str) -> bool:
    return len(line) <= 100 and bool(MASTHEAD.match(line.strip()))


def widget_lines(lines: list[str]) -> dict[int, str]:
    """Furniture judged by its neighbours, not line by line: poll widgets, comment threads, mastheads."""
    return {**masthead_lines(lines), **poll_widget_lines(lines), **comment_thread_lines(lines)}
