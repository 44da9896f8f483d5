"""Helpers of the browser tests: loading pages, reading links, measuring contrast and overflow in the page."""

from __future__ import annotations

import functools
import re
import struct
import threading
from contextlib import contextmanager
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Iterator

import pytest
import yaml

HOST = "127.0.0.1"  # the only host a page of the site may load from
S002 = "002_279588a8956d5652"
S003 = "003_511358f27ee65db5"
COUNTRY = "kazakhstan"
THEME = "public-opinion"


def load(page, path: str, status: int = 200):
    """Open path (relative to the site) and check the HTTP status of the document."""
    response = page.goto(path)
    assert response is not None, f"no response for {path}"
    assert response.status == status, f"{path}: HTTP {response.status}, expected {status}"
    return response


def click_and_wait(page, locator, status: int = 200):
    """Click a link as a reader does and wait for the page it leads to; check its HTTP status."""
    with page.expect_navigation() as navigation:
        locator.click()
    response = navigation.value
    assert response is not None, f"clicking {locator} loaded nothing"
    assert response.status == status, f"{response.url}: HTTP {response.status}, expected {status}"
    return response


def wait_until(page, script: str, failure: str, timeout_ms: int = 3_000) -> None:
    """Wait for a JavaScript condition; fail with a reader's description of what did not happen."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    try:
        page.wait_for_function(script, timeout=timeout_ms)
    except PlaywrightTimeout:
        pytest.fail(f"{failure} (waited {timeout_ms} ms for: {script})", pytrace=False)


def h1(page) -> str:
    """The visible text of the page's first-level heading (which must be visible)."""
    heading = page.locator("article h1").first
    assert heading.is_visible(), f"{page.url} shows no h1"
    return heading.inner_text().replace("¶", "").strip()


def type_in_search_dialog(page, query: str) -> None:
    """Open the site's search dialog with the keyboard, as a reader would, and type the query."""
    page.keyboard.press("/")
    field = page.locator("dialog.briefing-search .pagefind-ui__search-input")
    field.wait_for(state="visible")
    field.fill(query)


# The URL of every Pagefind result for a query, as the site's search finds them.
SEARCH_URLS_JS = """async (query) => {
    const pagefind = await import("/pagefind/pagefind.js");
    const search = await pagefind.search(query);
    return Promise.all(search.results.map(async result => (await result.data()).url));
}"""
# An SVG link's href is an object (SVGAnimatedString): its address is read from the attribute, made absolute.
LINKS_JS = """(root) => [...root.querySelectorAll('a[href]')].map(a => ({
    href: new URL(a.getAttribute('href'), document.baseURI).href, text: a.textContent.replace(/\\s+/g, ' ').trim(),
    visible: a.checkVisibility()}))"""


def links(page, scope: str = "article") -> list[dict]:
    """Every link in scope, its absolute href, its text and whether it is visible."""
    return page.locator(scope).first.evaluate(LINKS_JS)


def taxonomy(root: Path) -> dict:
    return yaml.safe_load((root / "content/taxonomy.yml").read_text(encoding="utf-8"))


def png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()[:24]
    assert data[:8] == b"\x89PNG\r\n\x1a\n", f"{path} is not a PNG"
    return struct.unpack(">II", data[16:24])


def paragraph_number(url: str) -> int:
    match = re.search(r"#p(\d+)$", url)
    return int(match.group(1)) if match else -1


# Contrast of text (or of a shape, with shapes=true) against what is painted behind it, in the page.
# Colours are composited: a translucent text colour (Material's rgba greys) over the background, and a
# translucent background over the ones behind it, up to the first opaque one (or the canvas).
CONTRAST_JS = r"""([selector, shapes]) => {
  const parse = (value) => {
    if (!value || value === 'none' || value === 'transparent' || value.startsWith('url(')) return null;
    let m = value.match(/^rgba?\(([^)]+)\)$/);
    if (m) {
      const p = m[1].split(/[\s,\/]+/).filter(Boolean).map(parseFloat);
      return [p[0], p[1], p[2], p.length > 3 ? p[3] : 1];
    }
    m = value.match(/^color\(srgb\s+([^)]+)\)$/);
    if (m) {
      const p = m[1].split(/[\s\/]+/).filter(Boolean).map(parseFloat);
      return [p[0] * 255, p[1] * 255, p[2] * 255, p.length > 3 ? p[3] : 1];
    }
    throw new Error('cannot read the colour ' + value);
  };
  const over = (top, bottom) => {
    const a = top[3];
    return [0, 1, 2].map(i => top[i] * a + bottom[i] * (1 - a)).concat([1]);
  };
  const canvas = () => parse(getComputedStyle(document.documentElement).backgroundColor) || [255, 255, 255, 1];
  const background = (element) => {
    const layers = [];
    for (let node = element; node && node.nodeType === 1; node = node.parentElement) {
      const colour = parse(getComputedStyle(node).backgroundColor);
      if (colour && colour[3] > 0) {
        layers.push(colour);
        if (colour[3] >= 1) break;
      }
    }
    let result = (layers.length && layers[layers.length - 1][3] >= 1) ? layers.pop() : over(canvas(), [255, 255, 255, 1]);
    while (layers.length) result = over(layers.pop(), result);
    return result;
  };
  const opacity = (element) => {
    let value = 1;
    for (let node = element; node && node.nodeType === 1; node = node.parentElement) {
      value *= parseFloat(getComputedStyle(node).opacity);
    }
    return value;
  };
  const luminance = (c) => {
    const [r, g, b] = c.slice(0, 3).map(v => {
      v /= 255;
      return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4);
    });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  const ratio = (a, b) => {
    const [x, y] = [luminance(a), luminance(b)].sort((p, q) => q - p);
    return (x + 0.05) / (y + 0.05);
  };
  const hex = (c) => '#' + c.slice(0, 3).map(v => Math.round(v).toString(16).padStart(2, '0')).join('');
  const describe = (el) => {
    const classes = [...el.classList].map(c => '.' + c).join('');
    return el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') + classes;
  };
  return [...document.querySelectorAll(selector)].filter(el => el.checkVisibility()).map(el => {
    const style = getComputedStyle(el);
    const svg = el instanceof SVGElement;
    if (shapes) {  // a shape stands out by its fill or by its outline, whichever contrasts more
      const back = background(el.ownerSVGElement || el);
      const paint = (value, extra) => { const c = parse(value); if (!c) return null;
        return over([c[0], c[1], c[2], c[3] * extra * opacity(el)], back); };
      const fill = paint(style.fill, parseFloat(style.fillOpacity));
      const stroke = parseFloat(style.strokeWidth) >= 1 ? paint(style.stroke, parseFloat(style.strokeOpacity)) : null;
      const ratios = [fill, stroke].map(c => c ? ratio(c, back) : 0);
      const best = ratios[0] >= ratios[1] ? fill : stroke;
      return {what: describe(el), text: '', fg: best ? hex(best) : 'none', bg: hex(back),
              ratio: Math.round(Math.max(...ratios) * 100) / 100, size: 0, weight: 0, large: false, shape: true,
              detail: `fill ${fill ? hex(fill) : 'none'} ${Math.round(ratios[0] * 100) / 100}:1, ` +
                      `outline ${stroke ? hex(stroke) : 'none'} ${Math.round(ratios[1] * 100) / 100}:1`};
    }
    const own = parse(svg ? style.fill : style.color);
    if (!own) return {what: describe(el), text: el.textContent.trim().slice(0, 60), missing: true};
    const alpha = own[3] * opacity(el) * (svg ? parseFloat(style.fillOpacity) : 1);
    const back = background(svg && el.ownerSVGElement ? el.ownerSVGElement : el);
    const front = over([own[0], own[1], own[2], alpha], back);
    const scale = svg && el.ownerSVGElement ? el.ownerSVGElement.getScreenCTM().a : 1;
    const size = parseFloat(style.fontSize) * scale;
    const weight = parseInt(style.fontWeight, 10);
    return {
      what: describe(el), text: el.textContent.trim().slice(0, 60), fg: hex(front), bg: hex(back),
      ratio: Math.round(ratio(front, back) * 100) / 100, size: Math.round(size * 10) / 10, weight,
      large: size >= 24 || (size >= 18.66 && weight >= 700), shape: false,
    };
  });
}"""


# Which elements stick out to the right of the viewport, outside any scrolling box: the ones whose
# parent does not stick out themselves are the causes.
OVERFLOW_JS = r"""() => {
  const width = window.innerWidth;
  const clips = (el) => {
    const s = getComputedStyle(el);
    return ['auto', 'scroll', 'hidden', 'clip'].includes(s.overflowX);
  };
  const describe = (el) => {
    const classes = [...el.classList].slice(0, 3).map(c => '.' + c).join('');
    return el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') + classes;
  };
  const path = (el) => {
    const parts = [];
    for (let node = el; node && node !== document.body && parts.length < 4; node = node.parentElement) parts.unshift(describe(node));
    return parts.join(' > ');
  };
  const inClippingBox = (el) => {
    for (let node = el.parentElement; node && node !== document.body && node !== document.documentElement; node = node.parentElement) {
      if (clips(node)) return true;
    }
    return false;
  };
  const culprits = [];
  for (const el of document.body.querySelectorAll('*')) {
    const box = el.getBoundingClientRect();
    if (box.width === 0 || box.right <= width + 0.5 || inClippingBox(el)) continue;
    const parent = el.parentElement;
    if (parent && parent !== document.body && parent.getBoundingClientRect().right > width + 0.5 && !clips(parent)) continue;
    culprits.push({element: path(el), right: Math.round(box.right), width: Math.round(box.width),
                   text: (el.textContent || '').replace(/\s+/g, ' ').trim().slice(0, 50)});
  }
  culprits.sort((a, b) => b.right - a.right);
  return {scrollWidth: document.documentElement.scrollWidth, innerWidth: width, culprits: culprits.slice(0, 5)};
}"""


# --- serving a built site ---------------------------------------------------------------------------

class SiteHandler(SimpleHTTPRequestHandler):
    """Serves site/ as a static host does: a missing path gets 404.html with status 404.

    Like GitHub Pages it keeps connections open and lets browsers cache for ten minutes,
    which also keeps the tests fast (the page-weight test disables the cache).
    """

    protocol_version = "HTTP/1.1"

    def log_message(self, format, *args):  # the base class names it format
        pass

    def end_headers(self):
        self.send_header("Cache-Control", "max-age=600")
        super().end_headers()

    def send_error(self, code, message=None, explain=None):
        not_found = Path(self.directory) / "404.html"
        if code != 404 or not not_found.is_file():
            super().send_error(code, message, explain)
            return
        body = not_found.read_bytes()
        self.send_response(404, message)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Connection", "close")
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)


@contextmanager
def served(directory: Path) -> Iterator[str]:
    """A built site served on 127.0.0.1 at a free port, as a static host serves it; yields its base URL."""
    server = ThreadingHTTPServer((HOST, 0), functools.partial(SiteHandler, directory=str(directory)))
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, name="site-server", daemon=True).start()
    try:
        yield f"http://{HOST}:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
