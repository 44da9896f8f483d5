"""Fixtures of the browser tests: built sites, served over HTTP, read in Debian's Chromium.

The site is built once per session (`python -m generator build`) on a copy of
the fixture corpus (tests/fixtures/corpus/), served from 127.0.0.1 on a free
port, and read with Playwright's sync API in /usr/bin/chromium (Playwright's own
browser download does not work on these machines; `tools/ensure-chromium`
installs Debian's). A second site, `shipped_site`, is this checkout's own seeds/
and content/, for tests of properties that hold whatever articles are added.

Every page a test opens is watched: console errors, uncaught page errors,
failed requests, responses with status 400 or more, and any request to a host
other than 127.0.0.1 fail the test when its page is closed.

Screenshots go to build/screenshots/ in the real checkout; the path is printed
in the terminal summary.
"""

from __future__ import annotations

import shutil
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest

from tests.chromium import CHROMIUM as CHROMIUM_PATH

from tests.browser.pagetools import HOST, served
from tests.conftest import CORPUS, ROOT

CHROMIUM = Path(CHROMIUM_PATH)
LAUNCH_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
               "--disable-sync", "--no-first-run"]
SCREENSHOTS = ROOT / "build" / "screenshots"
DESKTOP = {"viewport": {"width": 1280, "height": 800}}
PHONE = {"viewport": {"width": 375, "height": 740}, "device_scale_factor": 2, "is_mobile": True, "has_touch": True}
NOT_PAGES = {"search", "assets", "pagefind"}  # folders of site/ that hold no reader-facing page
TIMEOUT_MS = 10_000

MISSING_CHROMIUM = (f"{CHROMIUM} is missing: the browser tests need Debian's Chromium. "
                    "Run tools/ensure-chromium (or: sudo apt-get install -y chromium), then run the tests again.")


# --- the site --------------------------------------------------------------------------------------

@dataclass
class Site:
    root: Path  # the project copy
    dir: Path  # its site/
    base: str = ""  # http://127.0.0.1:<port>/ once served

    def url(self, path: str) -> str:
        return urljoin(self.base, path.lstrip("/"))

    def pages(self) -> list[str]:
        """URL path of every built page (site/**/index.html), search, assets and pagefind left out."""
        found = []
        for index in sorted(self.dir.rglob("index.html")):
            relative = index.relative_to(self.dir)
            if relative.parts[0] in NOT_PAGES:
                continue
            folder = relative.parent.as_posix()
            found.append("/" if folder == "." else f"/{folder}/")
        return found


def build_site(target: Path, corpus: Path, engine: str = "mkdocs") -> Site:
    """A copy of the project with corpus's seeds/ and content/, built with `python -m generator build`."""
    from tests.helpers import build_copy

    root = build_copy(target, corpus, engine)
    site_dir = root / "site"
    assert (site_dir / "index.html").is_file(), "the build wrote no site/index.html"
    assert (site_dir / "404.html").is_file(), "the build wrote no site/404.html"
    return Site(root, site_dir)


@contextmanager
def served_with_seeds(target: Path, seeds: dict[str, Path]) -> Iterator[tuple[Site, str]]:
    """A one-seed project (tests/helpers.one_seed_project) that gains `seeds` (name in seeds/: fixture file)
    without metadata, built with `python -m generator build`, served; yields the site and the build's stderr."""
    from tests.helpers import one_seed_project, run_cli

    root = one_seed_project(target)
    for name, fixture in seeds.items():
        shutil.copy2(fixture, root / "seeds" / name)
    result = run_cli("build", "--root", str(root), cwd=root)
    assert result.returncode == 0, result.stderr
    site = Site(root, root / "site")
    with served(site.dir) as base:
        site.base = base
        yield site, result.stderr


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Site:
    """The fixture corpus, copied and built once."""
    return build_site(tmp_path_factory.mktemp("browser") / "project", CORPUS)


@pytest.fixture(scope="session")
def site(built_site: Site):
    """The built site, served for the whole session."""
    with served(built_site.dir) as base:
        built_site.base = base
        yield built_site


@pytest.fixture(scope="session")
def zensical_site(tmp_path_factory):
    """The fixture corpus built with the other engine, Zensical, and served for the session."""
    built = build_site(tmp_path_factory.mktemp("zensical") / "project", CORPUS, engine="zensical")
    with served(built.dir) as base:
        built.base = base
        yield built


@pytest.fixture(scope="session")
def shipped_site(tmp_path_factory):
    """This checkout's shipped seeds/ and content/, copied, built once and served for the session."""
    shipped = build_site(tmp_path_factory.mktemp("shipped") / "project", ROOT)
    with served(shipped.dir) as base:
        shipped.base = base
        yield shipped


# --- the browser -----------------------------------------------------------------------------------

@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM.exists():
        pytest.fail(MISSING_CHROMIUM, pytrace=False)
    from playwright.sync_api import sync_playwright

    playwright = sync_playwright().start()
    try:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=LAUNCH_ARGS)
    except Exception:
        playwright.stop()
        raise
    try:
        yield chromium
    finally:
        chromium.close()
        playwright.stop()


def frame_url(request) -> str:
    try:
        return request.frame.url
    except Exception:  # noqa: BLE001 - a worker's request has no frame
        return "a worker"


class Watch:
    """What went wrong while a page was open: console errors, page errors, failed and foreign requests."""

    def __init__(self, page):
        self.console_errors: list[str] = []
        self.page_errors: list[str] = []
        self.failed_requests: list[str] = []
        self.foreign_requests: list[str] = []
        self.expected_missing: set[str] = set()
        self.pending: set = set()  # requests not yet finished
        self.last_activity = time.monotonic()
        page.on("requestfinished", self._done)
        page.on("console", self._console)
        page.on("pageerror", lambda error: self.page_errors.append(f"{page.url}: {error}"))
        page.on("requestfailed", self._request_failed)
        page.on("response", self._response)
        page.on("request", self._request)

    def expect_missing(self, url: str) -> None:
        """A test that asks for a missing page on purpose: its 404 is not a failure."""
        self.expected_missing.add(url)

    def _console(self, message):
        if message.type == "error":
            location = message.location or {}
            if location.get("url") in self.expected_missing and message.text.startswith("Failed to load resource"):
                return  # Chromium's own note on the 404 a test asked for
            self.console_errors.append(f"{message.text} (at {location.get('url', '?')}:{location.get('lineNumber', '?')})")

    def _done(self, request):
        self.pending.discard(request)
        self.last_activity = time.monotonic()

    def settle(self, page, quiet: float = 0.2, limit: float = 5.0) -> None:
        """Wait until no request is under way and none has started for `quiet` seconds (late fetches of scripts)."""
        deadline = time.monotonic() + limit
        while time.monotonic() < deadline:
            if not self.pending and time.monotonic() - self.last_activity >= quiet:
                return
            page.wait_for_timeout(50)

    def _request_failed(self, request):
        self._done(request)
        # net::ERR_ABORTED is a request the browser dropped: the page navigated on before it ended, or it
        # was an HTTP error, which _response has reported with its status. Anything else is a failure.
        if request.failure != "net::ERR_ABORTED":
            self.failed_requests.append(f"{request.method} {request.url}: {request.failure} (on {frame_url(request)})")

    def _response(self, response):
        if response.status >= 400 and not (response.status == 404 and response.url in self.expected_missing):
            self.failed_requests.append(f"HTTP {response.status} {response.request.method} {response.url} "
                                        f"(requested by {frame_url(response.request)})")

    def _request(self, request):
        parts = urlsplit(request.url)
        if parts.scheme in ("data", "blob", "about"):
            return
        self.pending.add(request)
        self.last_activity = time.monotonic()
        if parts.hostname != HOST:
            self.foreign_requests.append(request.url)

    def problems(self) -> list[str]:
        return ([f"failed request: {e}" for e in self.failed_requests]
                + [f"console error: {e}" for e in self.console_errors]
                + [f"page error: {e}" for e in self.page_errors]
                + [f"request to another host: {e}" for e in self.foreign_requests])


class Pages:
    """Opens watched pages, each in a context of its own; checks and closes them at teardown."""

    def __init__(self, browser, site: Site):
        self.browser = browser
        self.site = site
        self._opened: list[tuple[object, object, Watch]] = []

    def open(self, **context_options):
        options = {**DESKTOP, "base_url": self.site.base, **context_options}
        context = self.browser.new_context(**options)
        context.set_default_timeout(TIMEOUT_MS)
        page = context.new_page()
        self._opened.append((context, page, Watch(page)))
        return page

    def watch(self, page) -> Watch:
        return next(w for _, p, w in self._opened if p is page)

    def close(self) -> list[str]:
        problems = []
        for context, page, watch in self._opened:
            if not page.is_closed() and page.url.startswith("http"):
                watch.settle(page)  # late fetches of the page's scripts are checked too
            problems.extend(watch.problems())
            context.close()
        self._opened.clear()
        return problems


def watched_pages(browser, site: Site):
    """Yields a Pages on site; fails at teardown on any problem the browser saw."""
    opened = Pages(browser, site)
    yield opened
    problems = opened.close()
    assert not problems, "the browser saw problems:\n  " + "\n  ".join(dict.fromkeys(problems))


@pytest.fixture
def pages(browser, site):
    """Factory of watched pages: pages.open(**context options); fails the test on any page problem."""
    yield from watched_pages(browser, site)


@pytest.fixture
def zensical_pages(browser, zensical_site):
    """Factory of watched pages on the site Zensical built, as `pages` is on MkDocs' build."""
    yield from watched_pages(browser, zensical_site)


@pytest.fixture
def shipped_pages(browser, shipped_site):
    """Factory of watched pages on the shipped site, as `pages` is on the fixture corpus's."""
    yield from watched_pages(browser, shipped_site)


@pytest.fixture
def page(pages):
    """A watched desktop page (1280x800)."""
    return pages.open()


@pytest.fixture
def phone(pages):
    """A watched phone page (375x740, device scale 2, touch)."""
    return pages.open(**PHONE)


# --- screenshots -----------------------------------------------------------------------------------

@pytest.fixture(scope="session", autouse=True)
def screenshots(request) -> Path:
    """build/screenshots/ in the real checkout, made when the browser session starts."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    request.config._briefing_screenshots = SCREENSHOTS
    request.config._briefing_report = []  # lines for the terminal summary (page weights)
    return SCREENSHOTS


def pytest_terminal_summary(terminalreporter, exitstatus, config):
    folder = getattr(config, "_briefing_screenshots", None)
    if folder is None:
        return
    terminalreporter.write_sep("-", "browser tests")
    for line in getattr(config, "_briefing_report", []):
        terminalreporter.write_line(line)
    terminalreporter.write_line(f"screenshots of the built site are in {folder}")
