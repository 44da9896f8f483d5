"""Page furniture (issue 14, point 5): appeals, audio notices, share bars, polls, lists of links,
cookie banners, advertisement labels and comment widgets leave the text; article sentences
that use the same words stay."""

from __future__ import annotations

import time

import pytest

from generator.inputs.furniture import furniture_patterns, furniture_reason
from generator.inputs.furniture_notices import section_menu
from generator.inputs.reader import read_seed
from tests.conftest import CORPUS, ROOT

FIXTURES = ROOT / "tests" / "fixtures" / "furniture"
BEFORE = "Kazakhstan held a referendum on building its first nuclear power plant on 6 October 2024."
AFTER = "Rosatom was named leader of the consortium that is to build it in June 2025."
# Reasons that are new with issue 14 (navigation, pager, share buttons, comment and newsletter notices were older).
NEW_REASONS = {name for name, _ in furniture_patterns()} - {"navigation", "pager", "share buttons", "comments notice",
                                                 "newsletter prompt"} | {"poll widget", "reader comments", "most read list"}
NEW_REASONS |= {"site name"}  # round 2: a lone masthead line


def read(*middle: str):
    """A seed with the given lines between two article paragraphs (so none of them is the title)."""
    return read_seed("\n\n".join([BEFORE, *middle, AFTER]).encode())


def texts(seed) -> list[str]:
    return [p.text for p in seed.paragraphs]


FURNITURE_LINES = {
    "donation appeal": [
        "Support independent journalism", "Support independent journalism from Moldova. Donate today.",
        "Donate", "Donate now →", "Become a member", "Become a patron on Patreon",
        "If you value our reporting, please consider supporting us with a one-off donation.",
        "Your donation helps us keep our reporting free for everyone.",
        "Поддержите редакцию", "Поддержать нас", "Поддержите независимую журналистику", "Сделать пожертвование",
        "Мы существуем только благодаря читателям. Поддержите нас!",
    ],
    "newsletter prompt": [
        "Subscribe to our newsletter", "Sign up for our weekly Central Asia newsletter",
        "Sign up for the Asia Frontline morning briefing", "Get the best of our reporting in your inbox every Friday. Sign up",
        "Newsletter: the week in Central Asia, every Monday", "Enter your email address",
        "Подпишитесь на нашу рассылку",
    ],
    "subscription prompt": [
        "Subscribe to our Telegram channel for breaking news", "Subscribe now", "Become a subscriber",
        "Подпишитесь на наш Telegram-канал", "Подписывайтесь на наш канал в Дзене", "Читайте нас в Telegram",
        "Больше новостей в нашем Telegram-канале",
    ],
    "follow prompt": [
        "Follow us on Facebook, X and Telegram", "Follow Steppe Post on Telegram", "Join us on WhatsApp",
        "Мы в соцсетях", "Следите за нами в Telegram и VK", "Присоединяйтесь к нам в Telegram",
    ],
    "audio notice": [
        "This audio is created with AI assistance", "Listen to this article", "Listen to this article (5 min)",
        "Audio version", "Listen · 6:32", "This article was narrated by an AI voice",
        "Слушать", "Прослушать статью (4 мин)", "Аудиоверсия статьи", "Текст озвучен с помощью нейросети",
        "Озвучено искусственным интеллектом",
    ],
    "share buttons": [
        "Share: Facebook | X | Telegram | WhatsApp | Copy link",
        "Share on Facebook | Share on X | Share on Telegram | Copy link",
        "Share this article:  [f]  [x]  [in]  [tg]", "[f] [x] [in] [telegram] [mail]", "Share   Tweet   Email   Print",
        "Print version    Send to friend", "Comments (34)   |   Share: VK  OK  Facebook  Telegram",
        "Поделиться", "Поделиться: ВКонтакте | Одноклассники | Telegram", "Версия для печати", "Скопировать ссылку",
    ],
    "cookie notice": [
        "We use cookies to improve your experience on our site. [Accept all] [Manage preferences]",
        "This website uses cookies. By continuing to browse it you agree to our cookie policy.",
        "Accept all cookies", "Cookie settings",
        "Мы используем файлы cookie, чтобы сайт работал лучше.",
        "Продолжая пользоваться сайтом, вы соглашаетесь на использование файлов cookie.",
    ],
    "advertisement": [
        "Advertisement", "[Advertisement]", "ADVERTISEMENT", "Story continues below advertisement", "Sponsored content",
        "Реклама", "[Реклама]", "На правах рекламы",
    ],
    "comments notice": [
        "Comments (12)", "Comments (12) | Log in to comment", "Show comments (4)", "Join the conversation",
        "Your email address will not be published. Required fields are marked *",
        "Комментарии (3)", "Оставить комментарий", "Комментарии закрыты", "Войдите, чтобы оставить комментарий",
    ],
    "tags": ["Tags: Kazakhstan, CSTO, Tokayev", "Filed under: Central Asia, Sanctions", "Теги: Казахстан, АЭС"],
    "reading time": ["Reading time: 5 min", "6 min read", "Время чтения: 4 мин."],
    "read-more link": ["Read more >", "Подробнее →"],
    "pager": ["Page 3 of 41", "< Previous | 1 2 3 ... 41 | Next >", "Показать ещё"],
    "navigation": ["Log in   Subscribe", "Menu   Search   Sign in", "Войти | Регистрация"],
    # Issue 14, round 2: a site's legal and service lines (generator/inputs/furniture_notices.py).
    "copyright notice": ["© 2024 Steppe Post", "Steppe Post (c) 2020", "Steppe Post © 2021. All rights reserved.",
                         "© РИА Новости, 2024", "Все права защищены.", "18+"],
    "registration notice": [
        "Сетевое издание «Степной вестник» зарегистрировано в Роскомнадзоре, свидетельство Эл № ФС77-00000.",
        "Свидетельство о регистрации СМИ Эл № ФС 77-00000 выдано Федеральной службой по надзору в сфере связи.",
        "Свидетельство о постановке на учет СМИ № 00000-ИА выдано Министерством информации.",
        "Главный редактор: Иванов И. И.",
    ],
    "reuse notice": [
        "При полном или частичном использовании материалов ссылка на «Степной вестник» обязательна.",
        "Перепечатка материалов без разрешения редакции запрещена.", "Ссылка на материал: https://example.kz/news/1",
        "Permalink: https://example.com/2024/10/story", "Republish this article",
        "When quoting our materials, a hyperlink to Steppe Post is required.",
        "Reproduction without written permission is prohibited.",
    ],
    "error-report prompt": [
        "Нашли ошибку? Выделите фрагмент текста и нажмите Ctrl+Enter",
        "Если вы нашли ошибку, выделите её и нажмите Ctrl+Enter.",
        "Found a typo? Select it and press Ctrl+Enter", "Сообщить об ошибке",
    ],
    "currency ticker": [
        "USD 87.45 EUR 101.05 RUB 1.11", "USD 470.25 ▲ EUR 510.10 ▼ RUB 5.12", "Курсы валют: USD 12 650 EUR 13 700",
        "Курсы валют: USD 470,25 | EUR 510,10 | RUB 5,12", "Markets: KZT/USD 0.0026 | Brent 82.10 | Gold 2,350",
    ],
    "search box": ["Search...", "Поиск…", "Search:", "Поиск по сайту:", "Enter search term"],
    "breadcrumbs": ["Explainers > Russia > Soft power", "Главная › Политика", "Home / News / Central Asia",
                    "Новости » Экономика » Казахстан"],
    "outlet self-description": [
        "Steppe Post is a non-profit, volunteer-run magazine.",
        "«Степной вестник» — независимое некоммерческое издание о Центральной Азии.",
        "We are an independent, reader-funded newsroom covering Central Asia.",
    ],
}
FURNITURE_LINES["follow prompt"] += [
    "Follow Steppe Post's official Instagram and Twitter pages to keep current on world news",
    "Подписывайтесь на нас в Telegram", "Следите за новостями «Степного вестника» в Telegram и Дзене",
]
FURNITURE_LINES["donation appeal"] += ["Support independent journalism on Central Asia: become a member or donate via "
                                       "our website.", "Become a member or donate today"]


@pytest.mark.parametrize("reason, line", [(reason, line) for reason, lines in FURNITURE_LINES.items() for line in lines])
def test_a_furniture_line_is_removed_with_its_reason(reason, line):
    seed = read(line)
    assert texts(seed) == [BEFORE, AFTER]
    assert [(r.text, r.reason) for r in seed.removed] == [(line, reason)]


# Written for these tests from public reporting (Astana Times, TASS, RFE/RL, Reuters), in our own words.
ARTICLE_SENTENCES = [
    "Donors who had paid for much of Kyrgyzstan's independent journalism cut back sharply after Washington froze "
    "foreign aid in January 2025.",
    "Poll results published before the vote by the Kazakhstan Institute for Strategic Studies suggested that 59.2 "
    "percent of respondents meant to take part.",
    "Public-sector workers in Turkmenistan are still told each year to subscribe to state newspapers, RFE/RL's "
    "Turkmen service has reported.",
    "Vote counting after the referendum of 6 October 2024 showed 71 percent of voters in favour of a nuclear plant.",
    "Results published by the central election commission put turnout at 63.66 percent.",
    "Support from the observers of the Commonwealth of Independent States came quickly: their mission said the "
    "referendum had been held lawfully.",
    "The CPC pipeline's share of Kazakhstan's crude exports is above 80 percent.",
    "Listening to the protesters' demands, the government capped the price of liquefied gas in Mangystau in January 2022.",
    "Advertising brings Kyrgyz newsrooms too little money to live on, which is why foreign grants mattered so much.",
    "Follow-up talks between Baku and Moscow stalled after police raided the office of Sputnik Azerbaijan in June 2025.",
    "Comments by Russian television hosts about Kazakhstan's northern regions have drawn protests from Astana more "
    "than once.",
    "Related charges were brought against three other people detained in Osh in April 2025.",
    "Popular anger over the doubling of gas prices in Zhanaozen set off the protests of January 2022.",
    "Most of the more than 2,000 CSTO troops sent to Kazakhstan were Russian paratroopers.",
    "Telegram channels of the Amanat party published an exit poll that gave the plant 72.3 percent support.",
    "Audio and flight data from the recorders of the Azerbaijan Airlines plane that crashed near Aktau on 25 December "
    "2024 were read out in Brazil.",
    "Reply from Moscow was swift: the Russian foreign ministry summoned Azerbaijan's ambassador.",
    "Sign-up bonuses offered by the Russian army have drawn migrants from Central Asia, and Uzbekistan warned its "
    "citizens in 2022 that fighting in foreign wars is a crime.",
    "He urged citizens to subscribe to state television and to donate to the army fund.",
    # Appeals in someone's words are reporting, not the site's own appeal.
    "Subscribe to official Telegram channels only, the ministry told citizens, as rumours about a call-up spread.",
    "Support independent media, the ambassador said, because without it nobody holds officials to account.",
    "Follow us on this path, the president told his neighbours at the summit.",
    "Голосование на референдуме о строительстве АЭС прошло 6 октября 2024 года.",
    "Результаты референдума огласила Центральная избирательная комиссия: за строительство станции проголосовали "
    "71,12 процента участников.",
    "Поддержать строительство АЭС призывал и президент Касым-Жомарт Токаев.",
    "Комментарии российских телеведущих о северных областях Казахстана не раз вызывали протесты Астаны.",
    "Опрос Казахстанского института стратегических исследований показал, что 59,2 процента опрошенных собирались "
    "голосовать.",
    "Реклама приносит киргизским независимым изданиям слишком мало денег, поэтому многие из них жили на гранты.",
    "Ответить на вопрос, кто построит станцию, власти смогли только летом 2025 года, когда лидером консорциума "
    "назвали «Росатом».",
    "Данные экзитпола Института общественной политики опубликовал Telegram-канал партии «Аманат».",
    "Поддержите наших соотечественников, — призывал посол на встрече в Русском доме.",
    "Подпишитесь на официальные каналы, заявили в министерстве, и не верьте слухам.",
    # Issue 14, round 2: sentences with the words of legal and service lines.
    "The ministry said the copyright law was amended in 2023.",
    "Copyright holders in Kazakhstan won a case against a streaming site in 2023.",
    "Users were asked to press Ctrl+Enter to report mistakes in the draft law.",
    "Poll results published on Monday showed support for the plant at 59 percent.",
    "A poll by Demoscope found 51% of respondents backed the plant.",
    "По данным опроса, 51% респондентов поддержали строительство станции.",
    "Перепечатка статей иностранных агентов без маркировки карается штрафом, напомнили в министерстве.",
    "The tenge traded at 470 per dollar on Monday, down from 445 a month earlier.",
    "USD-denominated loans rose by 12 percent in 2024.",
    "Search and rescue teams reached the village on Tuesday.",
    "Поиск пропавших туристов продолжался три дня.",
    "Exports of oil > imports of gas in value terms, the ministry said.",
    "Like many Kazakhs, she gets her news from Telegram and Instagram.",
    "Kloop is an independent media outlet that was liquidated by a Bishkek court in 2024.",
    "The fund is a non-profit organisation set up in 2019 to support schools.",
    "Found in a Soviet-era archive, the letters describe the protests of December 1986.",
    "Нашли ошибку в расчётах аудиторы Счётной палаты.",
    "18 people were detained.",
    "Главный редактор «Клоопа» покинул страну в 2024 году.",
    "Свидетельство о рождении выдаётся в ЗАГСе.",
    "Central Asian Bureau for Analytical Reporting published a report on water.",
]


@pytest.mark.parametrize("sentence", ARTICLE_SENTENCES)
def test_an_article_sentence_with_the_same_words_stays(sentence):
    seed = read(sentence)
    assert texts(seed) == [BEFORE, sentence, AFTER]
    assert seed.removed == ()


@pytest.mark.parametrize("widget", [
    ["Poll: Should Kazakhstan build a second nuclear plant?"],
    ["Viewing results: Yes 14% | No 51% | Hard to say 35%"],
    ["Poll: Should Kazakhstan build a second nuclear plant?", "Yes", "No", "Vote",
     "Results: Yes 14% | No 51% | Hard to say 35%"],
    ["Голосование: Нужна ли Казахстану вторая АЭС?", "Да", "Нет", "Результаты опроса: Да 62% | Нет 30% | Не знаю 8%"],
])
def test_a_labelled_poll_question_or_results_line_is_a_widget(widget):
    seed = read("\n".join(widget))
    assert texts(seed) == [BEFORE, AFTER]
    assert {r.reason for r in seed.removed} == {"poll widget"}


@pytest.mark.parametrize("line", ["Опрос: 51% казахстанцев за АЭС", "Results: a turnout of 63.66 percent"])
def test_a_poll_headline_without_a_question_or_shares_stays(line):
    assert texts(read(line)) == [BEFORE, line, AFTER]


PARAGRAPH = ("Kazakhstan held a referendum on its first nuclear power plant in October 2024, and 71.12 percent of "
             "voters were in favour.")
LAST = "Rosatom was named leader of the consortium that is to build the plant in June 2025."


@pytest.mark.parametrize("name", ["Central Asian Bureau for Analytical Reporting", "Kazinform International News Agency",
                                  "The Times of Central Asia", "Информационное агентство «Степной вестник»"])
def test_an_outlet_name_alone_below_the_article_is_a_masthead(name):
    seed = read_seed("\n\n".join([PARAGRAPH, LAST, name, "© 2025"]).encode())
    assert texts(seed) == [PARAGRAPH, LAST]
    assert (name, "site name") in [(r.text, r.reason) for r in seed.removed]


def test_an_outlet_name_above_the_title_is_a_masthead_and_the_title_stays():
    seed = read_seed("\n\n".join(["Steppe Chronicle News Agency", "Two weeks in January: the CSTO in Kazakhstan",
                                   PARAGRAPH, LAST]).encode())
    assert seed.title == "Two weeks in January: the CSTO in Kazakhstan" and texts(seed) == [PARAGRAPH, LAST]


@pytest.mark.parametrize("line", ["Trouble for Kyrgyz Media", "Kyrgyzstan Shuts Independent Media",
                                  "Uzbekistan to Launch State News Agency", "Kazakh Media Law"])
def test_a_headline_with_an_outlet_word_is_not_a_masthead(line):
    seed = read_seed("\n\n".join([line, PARAGRAPH, line, LAST]).encode())
    assert line in [seed.title, *texts(seed)] and "site name" not in {r.reason for r in seed.removed}


@pytest.mark.parametrize("unit", ["> ", " › ", " / ", "Home / ", "USD 1.1 ", "USD 1 ", "Yes 1% | ", "a ", "Word ",
                                  "Главная › ", "© ", "Results: ", "Follow Telegram ", "«a» — ", "Kazinform News ",
                                  "при использовании ссылка ", "Нашли ошибку? "])
def test_a_long_line_of_separators_or_words_is_read_quickly(unit):
    for length in (50_000, 399, 150):
        line = (unit * (length // len(unit) + 1))[:length]
        started = time.perf_counter()
        read(line + "x")
        assert time.perf_counter() - started < 1, (unit, length)


def test_section_headings_named_like_poll_buttons_stay():
    results = "Turnout was highest in the Turkistan region and lowest in Almaty, the commission said."
    seed = read("Results", results, "Vote", "Observers from 30 countries followed the vote, the commission said.")
    assert texts(seed)[1:3] == ["Results", results] and "Vote" in texts(seed)


@pytest.mark.parametrize("heading", ["Support for media", "Popular anger", "Comment and analysis", "Trending upward",
                                     "Голосование", "Результаты", "Most read newspapers"])
def test_a_short_heading_with_furniture_words_stays(heading):
    body = "The new rules take effect in January, the ministry said, and apply to all broadcasters in the country."
    seed = read(heading, body)
    assert texts(seed) == [BEFORE, heading, body, AFTER]


def test_an_election_results_table_is_not_a_poll():
    table = ["Results", "Choice", "Votes %", "Yes 6,163,516 77.18%", "No 1,490,470 18.66%", "Total votes: 7,985,769",
             "Turnout 68.05%"]
    seed = read("\n".join(table))
    assert seed.removed == ()


@pytest.mark.parametrize("widget", [
    ["Poll: Should the CSTO have sent troops to Kazakhstan?", "Yes", "No", "Hard to say", "Vote", "View results"],
    ["Should Russian remain an official language?", "Yes — 62%", "No — 38%", "Total votes: 1,204", "Back to poll"],
    ["Viewing results", "Should Russian remain an official language?", "Yes 62%", "No 38%"],
    ["Опрос: Нужна ли Казахстану атомная станция?", "Да", "Нет", "Затрудняюсь ответить", "Проголосовать"],
    ["Голосование", "Нужна ли Казахстану АЭС?", "Да — 70%", "Нет — 30%", "Результаты"],
])
def test_a_poll_widget_is_removed_and_the_headings_around_it_stay(widget):
    seed = read("Before the poll", "\n".join(widget), "After the poll")
    assert texts(seed) == [BEFORE, "Before the poll", "After the poll", AFTER]
    assert [(r.text, r.reason) for r in seed.removed] == [(line, "poll widget") for line in widget]


def test_a_comment_thread_is_removed_up_to_the_comment_form():
    thread = ["2 comments", "Azamat - 18.10.2025 at 14:22", "The schools will be full on day one.", "Reply",
              "Gulnara - 18.10.2025 at 16:05", "Why not Kyrgyz-language schools of the same quality?", "Reply",
              "Leave a reply"]
    seed = read("\n".join(thread))
    assert texts(seed) == [BEFORE, AFTER]
    assert {r.reason for r in seed.removed} == {"comments notice", "reader comments"}


def test_paragraphs_after_a_comments_heading_stay_when_nobody_replies():
    body = "Readers wrote in to say that the new rules were hard to follow, and the ministry promised to explain them."
    seed = read("Comments", body)
    assert texts(seed) == [BEFORE, body, AFTER]


@pytest.mark.parametrize("heading, reason", [
    ("Most read", "most read list"), ("MOST POPULAR", "most read list"), ("Trending now", "most read list"),
    ("Популярное", "most read list"), ("Читайте также", "related links"), ("Read next", "related links"),
    ("Другие новости:", "related links"),
])
def test_a_list_heading_takes_the_links_after_it(heading, reason):
    seed = read_seed("\n\n".join([BEFORE, AFTER, heading, "1. Tenge slides as Russian demand for cash spikes\n"
                                  "2. Who will succeed Rahmon?\n3. Uzbek cotton clusters under fire"]).encode())
    assert texts(seed) == [BEFORE, AFTER]
    assert {r.reason for r in seed.removed} == {reason}


def test_a_bulleted_list_of_links_ends_at_the_first_line_without_a_bullet():
    seed = read_seed("Most read\n1. Tenge slides again\n2. Almaty gets a new mayor\n\nTwo weeks in January\n\n"
                     f"{BEFORE}\n\n{AFTER}\n".encode())
    assert seed.title == "Two weeks in January" and texts(seed) == [BEFORE, AFTER]


def test_an_inline_list_of_links_ends_with_its_paragraph():
    seed = read("Related: Kazakhstan eyes gas imports from Russia | Uzbekistan's winter\ngas shortages | Turkmen gas",
                "A short heading")
    assert texts(seed) == [BEFORE, "A short heading", AFTER]


def test_furniture_inside_a_list_of_links_keeps_its_own_reason():
    seed = read("Related articles\n- Kazakhstan weighs a new pipeline\n- Tajik power cuts return",
                "Subscribe to our Energy newsletter")
    assert [r.reason for r in seed.removed] == ["related links"] * 3 + ["newsletter prompt"]


def test_a_long_menu_line_ending_in_a_bar_is_read_quickly():
    started = time.perf_counter()
    read("Home | " * 300)
    assert time.perf_counter() - started < 1


def test_the_shipped_articles_lose_nothing_to_the_furniture_patterns():
    for path in sorted((CORPUS / "seeds").glob("*.txt")):  # frozen copies of the shipped seeds
        seed = read_seed(path.read_bytes())
        assert not [r for r in seed.removed if r.reason in NEW_REASONS], path.name
        assert len(seed.paragraphs) == {"000": 4, "001": 6, "002": 20, "003": 23, "004": 10}[path.name[:3]]


@pytest.mark.parametrize("name", ["csto-kazakhstan-2022", "referendum-aes-ru", "csto-withdrawal-footer-en",
                                  "referendum-footer-ru"])
def test_a_scraped_article_keeps_its_paragraphs_in_order_and_loses_its_furniture(name):
    seed = read_seed((FIXTURES / f"{name}.txt").read_bytes())
    article = (FIXTURES / f"{name}.article.txt").read_text(encoding="utf-8").strip().split("\n\n")
    furniture = [tuple(line.split("\t")) for line in (FIXTURES / f"{name}.furniture.tsv").read_text(encoding="utf-8").splitlines()]
    assert [text for text in texts(seed) if text in article] == article
    removed = [(r.reason, r.text) for r in seed.removed]
    assert [item for item in furniture if item not in removed] == []
    published = "\n".join(texts(seed))
    assert [text for _, text in furniture if text in published] == []


@pytest.mark.parametrize("menu", ["Главное Политика В мире Экономика Общество Происшествия",
                                  "Home News Politics World Business Opinion", "Новости Политика Экономика Спорт",
                                  "Главное Политика Экономика Общество Армия"])  # one section no list knows
def test_a_menu_of_section_names_without_separators_is_removed(menu):
    seed = read(menu)
    assert texts(seed) == [BEFORE, AFTER] and (menu, "navigation menu") in [(r.text, r.reason) for r in seed.removed]


@pytest.mark.parametrize("line", ["Politics and economy in the world news today",  # words between the sections
                                  "Политика Экономика",  # too few to be a menu
                                  "World News Politics.", "Business", "Culture, science and sport",
                                  "How Politics Shapes World News And Business Culture",  # a title-case headline
                                  "Kazakhstan Politics Economy Society Sports Russia China"])
def test_section_words_in_a_heading_or_sentence_stay(line):
    assert line in texts(read(line))


def _every_fixture_line() -> list[str]:
    """Every line of every text seed under tests/fixtures, stripped: furniture and article text of many sites."""
    paths = sorted((ROOT / "tests" / "fixtures").rglob("*.txt"))
    return sorted({line.strip() for path in paths for line in path.read_text(encoding="utf-8", errors="replace")
                   .splitlines() if line.strip()})


def test_the_fast_furniture_test_agrees_with_the_patterns_written_out_whole():
    """furniture_reason tries only the rules that can open with a line's first character, body first and
    guards after; the reference tries every whole-line pattern in order."""
    patterns = furniture_patterns()
    lines = _every_fixture_line() + [
        "» Subscribe now", "Steppe Post is a non-profit independent magazine.", "ſubscribe", "\u212aeep reading",
        "Steppe Post was a non-profit independent magazine, the court said.", "> > > Donate", "— Поддержите нас"]
    assert len(lines) > 1000
    for line in lines:
        reference = next((reason for reason, pattern in patterns if pattern.match(line)), None)
        assert furniture_reason(line) == (reference or ("navigation menu" if section_menu(line) else None)), line
