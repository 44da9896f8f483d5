"""Lighthouse (mobile) on three pages of the built site, served as GitHub Pages serves it.

GitHub Pages gzips text files, so a plain file server would make the pages look
slower than readers see them; this one compresses the same kinds of file.
Exits non-zero when accessibility is under 100 or performance under 90 on a page.

Lighthouse's mobile preset slows the CPU 4x, which turns a high-end desktop (CPU
benchmark index 1500-2000) into a mid-tier phone; each report prints the index
of the run. On a slower or busier host the same 4x emulates a slower phone:
`--cpu-slowdown auto` calibrates the slowdown from each run's own index, as
Lighthouse's docs/throttling.md advises. Scores vary from run to run: each page
is run several times and its median run is reported (docs/variability.md).
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


def cpu_slowdown_for(benchmark_index: float) -> float:
    """The CPU slowdown that makes this host a mid-tier phone, from its Lighthouse benchmark index.

    The piecewise-linear table of Lighthouse's CPU throttling calculator, which docs/throttling.md
    links to: 150 -> 1x, 800 -> 2x, 1300 -> 3x, 1533 -> 4x (the default), then 1x per 233 more.
    """
    for low, high, low_slowdown, high_slowdown in ((150, 800, 1, 2), (800, 1300, 2, 3), (1300, 1533, 3, 4)):
        if benchmark_index < high:
            return round(
                low_slowdown + max(benchmark_index - low, 0) / (high - low) * (high_slowdown - low_slowdown), 2
            )
    return round(4 + (benchmark_index - 1533) / 233, 2)


def run_lighthouse(url: str, out: Path, name: str, cpu_slowdown: float | None = 4) -> dict:
    """One Lighthouse run; returns its JSON report and keeps an HTML one beside it.

    cpu_slowdown None calibrates the slowdown from the run's own benchmark index: Lighthouse loads the
    page unthrottled and simulates the slowdown afterwards from the trace, so the run is gathered first,
    its index read, and then audited with the slowdown the index calls for. The index swings from one run
    to the next on a shared machine, so a slowdown chosen from an earlier run would not fit.
    """
    base = out / name
    if cpu_slowdown is not None:
        invoke_lighthouse(url, base, cpu_slowdown)
    else:
        artifacts = out / f"{name}.artifacts"
        invoke_lighthouse(url, base, 4, f"--gather-mode={artifacts}")
        saved = json.loads((artifacts / "artifacts.json").read_text(encoding="utf-8"))
        slowdown = cpu_slowdown_for(saved["BenchmarkIndex"])
        # Audit mode refuses settings that differ from the gathered ones; the slowdown is not used in gathering.
        saved["settings"]["throttling"]["cpuSlowdownMultiplier"] = slowdown
        (artifacts / "artifacts.json").write_text(json.dumps(saved), encoding="utf-8")
        invoke_lighthouse(url, base, slowdown, f"--audit-mode={artifacts}")
    # With two outputs Lighthouse writes NAME.report.json and NAME.report.html.
    for kind in ("json", "html"):
        Path(f"{base}.report.{kind}").replace(f"{base}.{kind}")
    return json.loads(Path(f"{base}.json").read_text(encoding="utf-8"))


def invoke_lighthouse(url: str, base: Path, cpu_slowdown: float, *mode: str) -> None:
    command = [str(LIGHTHOUSE), url, f"--chrome-path={CHROMIUM}", f"--chrome-flags={CHROME_FLAGS}", *mode]
    command += [
        f"--throttling.cpuSlowdownMultiplier={cpu_slowdown}",
        f"--only-categories={','.join(CATEGORIES)}",
        "--output=json",
        "--output=html",
        f"--output-path={base}.json",
    ]
    # Error reporting would send to Sentry over the internet (or ask on a terminal).
    command += ["--no-enable-error-reporting", "--quiet"]
    # A hung Chromium must not hang make: one run takes well under a minute.
    subprocess.run(command, check=True, timeout=300, stdin=subprocess.DEVNULL)


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


def median_run(url: str, out: Path, name: str, runs: int, cpu_slowdown: float | None) -> dict:
    """Several runs of a page; the report whose performance score is the median."""
    reports = [run_lighthouse(url, out, f"{name}-{number}", cpu_slowdown) for number in range(runs)]
    reports.sort(key=lambda report: report["categories"]["performance"]["score"] or 0)
    performance = ", ".join(str(category_scores(report)["performance"]) for report in reports)
    machine = ", ".join(
        f"{r['environment']['benchmarkIndex']:.0f} at {r['configSettings']['throttling']['cpuSlowdownMultiplier']}x"
        for r in reports
    )
    print(f"{name}: performance {performance} (benchmark index and CPU slowdown {machine})", flush=True)
    median = reports[len(reports) // 2]
    (out / f"{name}.json").write_text(json.dumps(median), encoding="utf-8")
    return median


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, default=Path("site"), help="the built site (default site/)")
    parser.add_argument("--out", type=Path, default=Path("build/lighthouse"), help="where the reports go")
    parser.add_argument("--runs", type=int, default=5, help="runs per page; the median is reported (default 5)")
    parser.add_argument(
        "--cpu-slowdown",
        default="4",
        help="CPU slowdown: a number (default 4, Lighthouse's own) or 'auto' (from each run's benchmark index)",
    )
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    server = start_server(args.site.resolve())
    origin = f"http://127.0.0.1:{server.server_address[1]}"
    scores = {}
    try:
        pages = pages_to_audit(args.site)
        cpu_slowdown = None if args.cpu_slowdown == "auto" else float(args.cpu_slowdown)
        for name, path in pages.items():
            print(f"lighthouse: {name} {origin}{path}", flush=True)
            report = median_run(origin + path, args.out, name, args.runs, cpu_slowdown)
            scores[name] = category_scores(report)
            print_failures(name, report)
    finally:
        server.shutdown()
    slowdown = "calibrated per run" if cpu_slowdown is None else f"{cpu_slowdown}x"
    print(f"\nCPU slowdown {slowdown}; the median of {args.runs} runs per page")
    print_table(scores)
    problems = shortfalls(scores)
    for problem in problems:
        print(f"FAIL {problem}")
    print(f"reports: {args.out}/<page>-<run>.html and .json (the median run: <page>.json)")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
