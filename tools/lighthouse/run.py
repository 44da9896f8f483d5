"""Lighthouse (mobile) on three pages of the built site, served as GitHub Pages serves it.

GitHub Pages gzips text files, so a plain file server would make the pages look
slower than readers see them; this one compresses the same kinds of file.
Exits non-zero when accessibility is under 100 or performance under 90 on a page.
"""

import argparse
import email.utils
import functools
import gzip
import http.server
import json
import os
import subprocess
import sys
import threading
from pathlib import Path

LIGHTHOUSE = Path(__file__).resolve().parent / "node_modules" / ".bin" / "lighthouse"
# Debian's Chromium, or another build named by CHROMIUM as in tools/ensure-chromium.
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
# Background networking and component updates would try to reach the internet,
# which these machines cannot, and would add noise to the timings.
CHROME_FLAGS = "--headless=new --no-sandbox --disable-gpu --disable-background-networking --disable-component-update"
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
MIN_SCORES = {"performance": 90, "accessibility": 100}
TEXT_TYPES = {".html": "text/html", ".css": "text/css", ".js": "application/javascript", ".json": "application/json"}
TEXT_TYPES |= {".svg": "image/svg+xml", ".xml": "application/xml", ".txt": "text/plain", ".csv": "text/csv"}


class PagesHandler(http.server.SimpleHTTPRequestHandler):
    """Static files with GitHub Pages' compression, types, caching and 404 page."""

    protocol_version = "HTTP/1.1"  # keep-alive, as browsers use it

    def do_GET(self) -> None:
        url_path = self.path.split("?", 1)[0].split("#", 1)[0]
        path = Path(self.translate_path(url_path))
        if path.is_dir() and not url_path.endswith("/"):
            self.send_response(301)
            self.send_header("Location", url_path + "/")
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        if path.is_dir():
            path = path / "index.html"
        status = 200
        if not path.is_file():
            status, path = 404, Path(self.directory) / "404.html"
        self.send_file(path, status, with_body=self.command != "HEAD")

    do_HEAD = do_GET

    def send_file(self, path: Path, status: int, with_body: bool) -> None:
        stat = path.stat()
        body = path.read_bytes()
        text_type = TEXT_TYPES.get(path.suffix.lower())
        self.send_response(status)
        if text_type:
            self.send_header("Content-Type", f"{text_type}; charset=utf-8")
            self.send_header("Vary", "Accept-Encoding")
            if "gzip" in self.headers.get("Accept-Encoding", ""):
                body = gzip.compress(body, compresslevel=6, mtime=0)
                self.send_header("Content-Encoding", "gzip")
        else:
            self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Length", str(len(body)))
        self.send_header("ETag", f'"{stat.st_mtime_ns:x}-{stat.st_size:x}"')
        self.send_header("Last-Modified", email.utils.formatdate(stat.st_mtime, usegmt=True))
        self.send_header("Cache-Control", "max-age=600")  # GitHub Pages' ten minutes, for every file
        self.end_headers()
        if with_body:
            self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        """Quiet: every page load makes a dozen requests."""


def start_server(site: Path) -> http.server.ThreadingHTTPServer:
    """Serve site/ on a free port of 127.0.0.1 in a background thread."""
    handler = functools.partial(PagesHandler, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def pages_to_audit(site: Path) -> dict[str, str]:
    """Home, Kyrgyzstan (or the first country page) and the first source page."""
    countries = sorted(p.parent.name for p in site.glob("countries/*/index.html"))
    country = "kyrgyzstan" if "kyrgyzstan" in countries else countries[0]
    source = sorted(p.parent.name for p in site.glob("sources/*/index.html"))[0]
    return {"home": "/", "country": f"/countries/{country}/", "source": f"/sources/{source}/"}


def run_lighthouse(url: str, out: Path, name: str) -> dict:
    """One Lighthouse run; returns its JSON report and keeps an HTML one beside it."""
    base = out / name
    command = [str(LIGHTHOUSE), url, f"--chrome-path={CHROMIUM}", f"--chrome-flags={CHROME_FLAGS}"]
    command += [
        f"--only-categories={','.join(CATEGORIES)}",
        "--output=json",
        "--output=html",
        f"--output-path={base}.json",
    ]
    # Error reporting would send to Sentry over the internet (or ask on a terminal).
    command += ["--no-enable-error-reporting", "--quiet"]
    # A hung Chromium must not hang make: one run takes well under a minute.
    subprocess.run(command, check=True, timeout=300, stdin=subprocess.DEVNULL)
    # With two outputs Lighthouse writes NAME.report.json and NAME.report.html.
    for kind in ("json", "html"):
        Path(f"{base}.report.{kind}").replace(f"{base}.{kind}")
    return json.loads(Path(f"{base}.json").read_text(encoding="utf-8"))


def category_scores(report: dict) -> dict[str, int | None]:
    scores = {c: report["categories"][c]["score"] for c in CATEGORIES}
    return {c: None if score is None else round(score * 100) for c, score in scores.items()}


def failing_audits(report: dict, category: str) -> list[dict]:
    """The category's audits that were scored and did not pass, heaviest first."""
    refs = sorted(report["categories"][category]["auditRefs"], key=lambda ref: -ref["weight"])
    audits = [{**report["audits"][ref["id"]], "weight": ref["weight"]} for ref in refs]
    scored = [a for a in audits if a["scoreDisplayMode"] in ("binary", "numeric", "metricSavings")]
    return [a for a in scored if a["score"] is not None and a["score"] < 1]


def print_failures(name: str, report: dict) -> None:
    # A CPU far slower than Lighthouse expects (a busy machine) lowers performance: say so.
    print(f"{name}: CPU benchmark index {report['environment']['benchmarkIndex']:.0f} (Lighthouse expects about 1000+)")
    for category in ("performance", "accessibility"):
        audits = failing_audits(report, category)
        print(f"\n{name}: {category}, {len(audits)} audits under 1")
        for audit in audits:
            value = audit.get("displayValue", "")
            print(f"  [{audit['score']:.2f} w{audit['weight']}] {audit['id']}: {audit['title']}  {value}")
            if category == "accessibility":
                print_elements(audit)
        # Lighthouse 12.2 cannot read some trace events of newer Chromium builds.
        refs = report["categories"][category]["auditRefs"]
        errored = [ref["id"] for ref in refs if report["audits"][ref["id"]]["scoreDisplayMode"] == "error"]
        if errored:
            print(f"  audits that could not run: {', '.join(errored)}")


def print_elements(audit: dict) -> None:
    """The failing elements, so the page can be fixed without opening the report."""
    items = audit.get("details", {}).get("items", [])
    for item in items[:8]:
        node = item.get("node", {})
        print(f"      {node.get('selector', '?')}  {node.get('snippet', '')[:160]}")
    if len(items) > 8:
        print(f"      ... and {len(items) - 8} more")


def print_table(scores: dict[str, dict[str, int | None]]) -> None:
    print(f"\n{'page':10}" + "".join(f"{category:>16}" for category in CATEGORIES))
    for name, by_category in scores.items():
        print(f"{name:10}" + "".join(f"{by_category[c]!s:>16}" for c in CATEGORIES))


def shortfalls(scores: dict[str, dict[str, int | None]]) -> list[str]:
    return [
        f"{name}: {category} {by_category[category]}, needs {minimum}"
        for name, by_category in scores.items()
        for category, minimum in MIN_SCORES.items()
        if (by_category[category] or 0) < minimum  # None: Lighthouse could not score the category
    ]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, default=Path("site"), help="the built site (default site/)")
    parser.add_argument("--out", type=Path, default=Path("build/lighthouse"), help="where the reports go")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    server = start_server(args.site.resolve())
    origin = f"http://127.0.0.1:{server.server_address[1]}"
    scores = {}
    try:
        for name, path in pages_to_audit(args.site).items():
            print(f"lighthouse: {name} {origin}{path}", flush=True)
            report = run_lighthouse(origin + path, args.out, name)
            scores[name] = category_scores(report)
            print_failures(name, report)
    finally:
        server.shutdown()
    print_table(scores)
    problems = shortfalls(scores)
    for problem in problems:
        print(f"FAIL {problem}")
    print(f"reports: {args.out}/<page>.html and .json")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
