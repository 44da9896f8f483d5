"""Search bundles (generator/engines/search_bundles.py): which pages go where, and bundles kept between builds.

A build indexes again only the bundles whose pages changed; what it keeps must be
byte for byte what a full index of the same pages writes.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.engines import pagefind as site_search
from generator.engines import search_bundles
from tests.helpers import build_copy, tree_bytes


@pytest.fixture(scope="module")
def built_pages(tmp_path_factory) -> dict[str, bytes]:
    site = build_copy(tmp_path_factory.mktemp("search-bundles") / "project") / "site"
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in site.rglob("*.html")
            if not p.relative_to(site).parts[0].startswith(search_bundles.MAIN_BUNDLE)}


@pytest.fixture
def small_bundles(monkeypatch):
    """Bundles as a big site has them, at the fixture's size: sources split by year, 2 source pages a bundle."""
    monkeypatch.setattr(search_bundles, "ONE_BUNDLE_UP_TO", 2)
    monkeypatch.setattr(search_bundles, "SOURCES_PER_BUNDLE", 2)


@pytest.fixture
def indexed(monkeypatch) -> list[str]:
    """The bundles Pagefind is asked to make, in order."""
    made: list[str] = []
    original = site_search._index_pages

    def counting(site_dir, pages, output):
        made.append(output.name)
        return original(site_dir, pages, output)

    monkeypatch.setattr(site_search, "_index_pages", counting)
    return made


def write_site(site: Path, pages: dict[str, bytes]) -> Path:
    for path, content in pages.items():
        (site / path).parent.mkdir(parents=True, exist_ok=True)
        (site / path).write_bytes(content)
    return site


def search_index(site: Path) -> dict[str, bytes]:
    return {f"{bundle.name}/{path}": data for bundle in sorted(site.glob("pagefind*"))
            for path, data in tree_bytes(bundle).items()}


def changed_source_page(pages: dict[str, bytes]) -> dict[str, bytes]:
    """The pages with one dated source page's text changed."""
    path = next(p for p, content in sorted(pages.items())
                if p.startswith("sources/") and b'data-pagefind-filter="year:' in content)
    changed = dict(pages)
    changed[path] = pages[path].replace(b'<p class="briefing-para" id="p1">', b'<p class="briefing-para" id="p1">'
                                        b"Zanzibarian ", 1)
    assert changed[path] != pages[path]
    return changed


def test_every_page_is_in_one_bundle_sources_by_year(built_pages, tmp_path, small_bundles):
    site = write_site(tmp_path / "site", built_pages)
    pages = sorted(Path(p) for p in built_pages)
    bundles = search_bundles.plan_bundles(search_bundles.scan(site, pages))
    placed = [page for group in bundles.values() for page in group]
    searched = [page for page in pages if b"data-pagefind-body" in built_pages[page.as_posix()]]
    assert sorted(placed) == searched and len(placed) == len(set(placed))
    assert Path("browse/index.html") in pages and Path("browse/index.html") not in placed, \
        "pages Pagefind leaves out (no data-pagefind-body) are not handed to it"
    assert next(iter(bundles)) == search_bundles.MAIN_BUNDLE
    assert not any(page.parts[0] == "sources" and len(page.parts) == 3 for page in bundles["pagefind"])
    for name, group in bundles.items():
        if name != search_bundles.MAIN_BUNDLE:
            year = name.split("-")[1]
            for page in group:
                assert bundle_year(built_pages[page.as_posix()]) == year
    assert any(name.count("-") >= 2 for name in bundles), "a year with more than 2 sources is split"
    assert len(bundles) > 4, "sources that arrived in one month are split again, by hash"


def bundle_year(page: bytes) -> str:
    """Read apart from the module's patterns: the year the source was added, else the year it is filed under."""
    facets = page[page.index(b'class="briefing-facets"'):]
    facets = facets[:facets.index(b"</div>")].decode()
    for marker in ('data-briefing-added="', 'data-pagefind-filter="year:'):
        if marker in facets:
            return facets.split(marker, 1)[1][:4]
    return search_bundles.UNDATED


def test_source_pages_go_by_the_year_their_source_entered_the_briefing(built_pages, tmp_path):
    path, built = next((path, page) for path, page in sorted(built_pages.items())
                       if b"data-briefing-added=" in page and b'data-pagefind-filter="year:' in page)
    added = bundle_year(built)
    other = "2031" if added != "2031" else "2032"
    without_added = built.replace(b"data-briefing-added=", b"data-x=")
    variants = {
        added: built,
        other: built.replace(f'data-briefing-added="{added}-'.encode(), f'data-briefing-added="{other}-'.encode()),
        # metadata without added: the year the page is filed under
        bundle_year(without_added): without_added,
    }
    assert len(variants) == 3, "the fixture's page was added in another year than it is filed under"
    for expected, page in variants.items():
        site = write_site(tmp_path / expected, {path: page})
        assert search_bundles.scan(site, [Path(path)])[Path(path)].year == expected


def test_a_small_site_is_one_bundle(built_pages, tmp_path):
    site = write_site(tmp_path / "site", built_pages)
    assert list(search_bundles.plan_bundles(search_bundles.scan(site, sorted(map(Path, built_pages))))) == \
        [search_bundles.MAIN_BUNDLE]


def test_only_the_changed_pages_bundle_is_indexed_again_and_equals_a_full_index(
        built_pages, tmp_path, small_bundles, indexed):
    record = tmp_path / "search.json"
    site = write_site(tmp_path / "site", built_pages)
    count = site_search.index_site(site, record)
    assert count > 3 and len(indexed) == count
    indexed.clear()
    assert site_search.index_site(site, record) == count
    assert indexed == [], "nothing changed, so every bundle is kept"
    (site / "browse/index.html").write_bytes(built_pages["browse/index.html"].replace(b"</h1>", b" again</h1>", 1))
    assert site_search.index_site(site, record) == count
    assert indexed == [], "a page Pagefind leaves out changed: nothing to index again"
    changed = changed_source_page(built_pages)
    write_site(site, changed)
    site_search.index_site(site, record)
    assert len(indexed) == 1 and indexed[0] != search_bundles.MAIN_BUNDLE
    fresh = write_site(tmp_path / "fresh", changed)
    site_search.index_site(fresh)
    assert search_index(site) == search_index(fresh)


def test_a_bundle_changed_on_disk_is_indexed_again(built_pages, tmp_path, small_bundles, indexed):
    record = tmp_path / "search.json"
    site = write_site(tmp_path / "site", built_pages)
    site_search.index_site(site, record)
    before = search_index(site)
    bundle = sorted(site.glob("pagefind-*"))[0]
    next(p for p in sorted(bundle.rglob("*.pf_fragment"))).write_bytes(b"not what Pagefind wrote")
    indexed.clear()
    site_search.index_site(site, record)
    assert indexed == [bundle.name]
    assert search_index(site) == before


def test_bundles_no_longer_planned_are_removed(built_pages, tmp_path, small_bundles, monkeypatch):
    record = tmp_path / "search.json"
    site = write_site(tmp_path / "site", built_pages)
    site_search.index_site(site, record)
    monkeypatch.setattr(search_bundles, "ONE_BUNDLE_UP_TO", 1000)
    assert site_search.index_site(site, record) == 1
    assert [p.name for p in site.glob("pagefind*")] == ["pagefind"]
    assert (site / "pagefind/bundles.json").read_text(encoding="utf-8") == "[]\n"


def scanned_sources(years: dict[str, int]) -> dict[Path, search_bundles.Scanned]:
    """Source pages, so many a year, and one page that is not a source's."""
    found = {Path("index.html"): search_bundles.Scanned("home", search_bundles.UNDATED, True)}
    for year, count in years.items():
        for n in range(count):
            found[Path(f"sources/{year}-{n}/index.html")] = search_bundles.Scanned(f"{year}-{n}", year, True)
    return found


def test_quiet_years_share_a_bundle_by_a_span_of_years_and_a_new_source_changes_its_span_only(monkeypatch):
    monkeypatch.setattr(search_bundles, "ONE_BUNDLE_UP_TO", 5)
    monkeypatch.setattr(search_bundles, "SOURCES_PER_BUNDLE", 14)
    scanned = scanned_sources({str(year): 3 for year in range(2010, 2020)})  # 3 a year: 4 years a bundle
    before = search_bundles.plan_bundles(scanned)
    newest = ["pagefind-2016", "pagefind-2017", "pagefind-2018", "pagefind-2019"]  # the newest year's span: by year
    assert list(before) == ["pagefind", "pagefind-2008-2011", "pagefind-2012-2015", *newest]
    assert before["pagefind"] == [Path("index.html")]
    scanned[Path("sources/2013-new/index.html")] = search_bundles.Scanned("new", "2013", True)
    after = search_bundles.plan_bundles(scanned)
    assert [name for name in before if before[name] != after[name]] == ["pagefind-2012-2015"]


def test_a_new_source_of_the_newest_year_changes_that_years_bundle_only_and_a_new_year_joins_its_span_again(
        monkeypatch):
    monkeypatch.setattr(search_bundles, "ONE_BUNDLE_UP_TO", 5)
    monkeypatch.setattr(search_bundles, "SOURCES_PER_BUNDLE", 14)
    scanned = scanned_sources({str(year): 3 for year in range(2010, 2020)})
    before = search_bundles.plan_bundles(scanned)
    scanned[Path("sources/2019-new/index.html")] = search_bundles.Scanned("new", "2019", True)
    after = search_bundles.plan_bundles(scanned)
    assert [name for name in after if before.get(name) != after[name]] == ["pagefind-2019"]
    assert len(after["pagefind-2019"]) == 4  # not the span's 13
    scanned[Path("sources/2020-new/index.html")] = search_bundles.Scanned("2020", "2020", True)
    next_year = search_bundles.plan_bundles(scanned)
    assert list(next_year)[-2:] == ["pagefind-2016-2019", "pagefind-2020"]


def test_a_middling_site_is_split_so_that_new_sources_index_less_again():
    """Bundles are half the source pages at most (within 500 and 2,000): a build after new sources of the last
    year indexes again their bundle, not the whole site."""
    assert list(search_bundles.plan_bundles(scanned_sources({str(y): 40 for y in range(2016, 2026)}))) == ["pagefind"]
    bundles = search_bundles.plan_bundles(scanned_sources({str(year): 100 for year in range(2016, 2026)}))
    assert list(bundles) == [
        "pagefind", "pagefind-2016-2019", "pagefind-2020-2023", "pagefind-2024", "pagefind-2025"]
    assert max(len(pages) for pages in bundles.values()) <= 500
    big = search_bundles.plan_bundles(scanned_sources({str(year): 900 for year in range(2016, 2026)}))
    assert max(len(pages) for pages in big.values()) <= 2000 and len(big) == 7  # two years a bundle, the last two one
    assert len(big["pagefind-2025"]) == 900


def test_a_change_only_to_a_pages_links_to_other_sources_keeps_its_bundle_which_equals_a_full_index(
        built_pages, tmp_path, small_bundles, indexed):
    """New sources change the related lists of older pages, which search leaves out (data-pagefind-ignore="all"):
    Pagefind's index of the changed pages is byte for byte the same, so their bundles are kept."""
    record = tmp_path / "search.json"
    site = write_site(tmp_path / "site", built_pages)
    site_search.index_site(site, record)
    indexed.clear()
    path, page = next((p, c) for p, c in sorted(built_pages.items()) if b"<!-- briefing-unsearched -->" in c
                      and b'data-pagefind-filter="year:' in c)
    start = page.index(b"<!-- briefing-unsearched -->")
    end = page.index(b"<!-- /briefing-unsearched -->")
    relinked = page[:start] + page[start:end].replace(b"<li>", b"<li><a href='../x/'>Zanzibarian news</a></li><li>",
                                                      1) + page[end:]
    assert relinked != page and b"Zanzibarian" in relinked
    changed = {**built_pages, path: relinked}
    write_site(site, changed)
    site_search.index_site(site, record)
    assert indexed == [], "only the part search leaves out changed"
    fresh = write_site(tmp_path / "fresh", changed)
    site_search.index_site(fresh)
    assert search_index(site) == search_index(fresh)
    indexed.clear()
    outside = {**built_pages, path: relinked.replace(b"<!-- /briefing-unsearched -->", b"", 1)}
    write_site(site, outside)  # the same change, no longer marked: the page is indexed again
    site_search.index_site(site, record)
    assert len(indexed) == 1


def test_a_source_pages_lists_of_other_sources_figures_are_left_out_of_search_and_of_its_digest(built_pages):
    """New figures change a comparison's lists ("… and more") on older source pages of every year: those lists are
    left out of search there, so the pages' digests, and their bundles, stay as they were. A theme or country
    page, whose own figures the lists compare, keeps them searchable."""
    sections = (b'id="measurements-differ"', b'id="sources-disagree"')
    with_lists = {path: page for path, page in built_pages.items() if any(s in page for s in sections)}
    sources = {path: page for path, page in with_lists.items() if path.startswith("sources/")}
    assert sources and len(with_lists) > len(sources), "the fixture has such lists on source and other pages"
    for path, page in with_lists.items():
        left_out = b"".join(search_bundles.UNSEARCHED.findall(page))
        for section in sections:
            if section in page:
                assert (section in left_out) == path.startswith("sources/"), (path, section)
    for path, page in sources.items():
        ignored = page.index(b'data-pagefind-ignore="all"', page.index(b"<!-- briefing-unsearched -->"))
        assert ignored < page.index(next(s for s in sections if s in page)), path


def test_a_big_span_is_split_by_month_of_arrival_so_new_sources_change_its_last_part_only(monkeypatch):
    monkeypatch.setattr(search_bundles, "ONE_BUNDLE_UP_TO", 5)
    monkeypatch.setattr(search_bundles, "SOURCES_PER_BUNDLE", 14)
    scanned = {Path("index.html"): search_bundles.Scanned("home", search_bundles.UNDATED, True)}
    for month in range(1, 13):  # 60 sources, 5 a month, all arrived in 2025: 8 parts of a month or two
        for n in range(5):
            page = Path(f"sources/{month}-{n}/index.html")
            scanned[page] = search_bundles.Scanned(f"{month}-{n}", "2025", True, month)
    before = search_bundles.plan_bundles(scanned)
    assert list(before) == ["pagefind", *(f"pagefind-2025-{part}" for part in range(1, 9))]
    assert before["pagefind-2025-8"] == sorted(p for p in scanned if p.as_posix().startswith("sources/12-"))
    for n in range(3):  # of any date: arrival is what counts
        scanned[Path(f"sources/new-{n}/index.html")] = search_bundles.Scanned(f"new-{n}", "2025", True, 12)
    after = search_bundles.plan_bundles(scanned)
    assert [name for name in after if before.get(name) != after[name]] == ["pagefind-2025-8"]
    for n in range(20):  # a month's part grown past the bundle size is split again, by hash
        scanned[Path(f"sources/many-{n}/index.html")] = search_bundles.Scanned(f"many-{n}", "2025", True, 12)
    grown = search_bundles.plan_bundles(scanned)
    assert "pagefind-2025-8" not in grown and {"pagefind-2025-8-1", "pagefind-2025-8-2"} <= set(grown)
    assert all(len(group) <= 14 for group in grown.values())
    assert all(grown[name] == after[name] for name in after if name != "pagefind-2025-8")
    scanned[Path("sources/old/index.html")] = search_bundles.Scanned("old", "2025", True)  # no added: by hash
    assert Path("sources/old/index.html") in [page for group in search_bundles.plan_bundles(scanned).values()
                                              for page in group]
