"""Index a built site for search with Pagefind: site/pagefind/ and, for big sites, more bundles.

Works on the built HTML, whatever built it. Pagefind holds a whole index in memory
(about 0.3 MB a page: 3.2 GB for ten thousand sources), so a big site is indexed in
bundles, one after the other (engines/search_bundles.py says which pages go where);
the search dialog merges them (bundles.json lists the extra ones). A small site is
one bundle, exactly as Pagefind would index it on its own. Given the record of the
last run, a bundle whose pages are all unchanged is kept, not indexed again.

Pages are handed to Pagefind's indexing service (`pagefind --service`) one by one
in sorted order, not left for `pagefind --site` to find: Pagefind numbers pages in
the order it reads them, and a folder walk reads them in the file system's order
(hash order on ext4, creation order on tmpfs), so the same HTML gave different
index bytes on different disks. The service also needs no folder of its own, so a
killed run leaves nothing behind but a partial bundle in site/.
"""

from __future__ import annotations

import base64
import contextlib
import io
import json
import shutil
import subprocess
import tempfile
from pathlib import Path, PurePosixPath
from typing import IO

from generator.engines import search_bundles
from generator.engines.pagefind_canonical import canonicalise_bundle
from generator.engines.processes import die_with_parent
from generator.engines.search_bundles import MAIN_BUNDLE
from generator.engines.search_record import BUNDLE_LIST, Record

# Heading and claim anchors (¶, #), the counts of the country and theme indexes' tables, buttons and chart
# drawings (their numbers are in the figure's table) would only add noise to results.
NOT_INDEXED = "a.headerlink, a.briefing-permalink, span.briefing-count, button, svg"
REINSTALL = "Reinstall the pinned packages (make setup) and build again."


class SearchIndexError(Exception):
    pass


def index_site(site_dir: Path, record_path: Path | None = None, indexed: list[str] | None = None) -> int:
    """Write the search bundles into site_dir; return how many there are.

    record_path: what the bundles already in site_dir were made from (engines/search_record.py); those
    made from the same pages are kept, and pages of the recorded size and time are not read again. None: index
    every bundle and keep no record. indexed: the names of the bundles indexed (not kept) are added to it.
    """
    site_dir = Path(site_dir)
    record = Record(record_path)
    scanned = search_bundles.scan(site_dir, search_bundles.html_pages(site_dir), record)
    bundles = search_bundles.plan_bundles(scanned)
    for stale in site_dir.glob(f"{MAIN_BUNDLE}-*"):
        if stale.name not in bundles:
            shutil.rmtree(stale)
    for name, pages in bundles.items():
        made_from = {page.as_posix(): scanned[page].digest for page in pages}
        if not record.keeps(site_dir / name, made_from):
            _index_pages(site_dir, pages, site_dir / name)
            record.made(site_dir / name, made_from)
            if indexed is not None:
                indexed.append(name)
    extra = [name for name in bundles if name != MAIN_BUNDLE]
    listed = site_dir / MAIN_BUNDLE / BUNDLE_LIST
    listed.unlink(missing_ok=True)  # a new file: in a staging tree the old one is site/'s (engines/site_copy.py)
    listed.write_text(json.dumps([f"{f}/" for f in extra]) + "\n", encoding="utf-8")
    record.save(list(bundles), search_bundles.recorded(scanned))
    return len(bundles)


def _index_pages(site_dir: Path, pages: list[Path], output: Path) -> None:
    """One bundle: the pages, in the order given, under their paths in the site."""
    with PagefindService() as service:
        index_id = service.request(
            {
                "type": "NewIndex",
                "config": {"exclude_selectors": [selector.strip() for selector in NOT_INDEXED.split(",")]},
            }
        )["index_id"]
        for page in pages:
            # A relative source path: Pagefind makes the URL from it as its own folder walk does
            # (sources/x/index.html -> /sources/x/).
            try:
                service.request(
                    {
                        "type": "AddFile",
                        "index_id": index_id,
                        "file_path": page.as_posix(),
                        "url": None,
                        "file_contents": _read_page(site_dir / page),
                    }
                )
            except SearchIndexError as error:
                raise SearchIndexError(f"{site_dir / page}: {error}") from None
        # The files come back to be written here: Pagefind's own WriteFiles may still be writing
        # when it answers, and the service's exit at the end of its input cuts those writes short.
        files = service.request({"type": "GetFiles", "index_id": index_id})["files"]
    _write_bundle(output, files)
    canonicalise_bundle(output)  # Pagefind writes filters in a random order each run: sort them


def _write_bundle(output: Path, files: list[dict]) -> None:
    if output.exists():
        shutil.rmtree(output)
    for file in sorted(files, key=lambda file: file["path"]):
        relative = PurePosixPath(file["path"])
        if relative.is_absolute() or ".." in relative.parts:
            raise SearchIndexError(f"Pagefind named a file outside its bundle: {file['path']!r}\n{REINSTALL}")
        target = output / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(base64.b64decode(file["content"]))


def _read_page(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except UnicodeDecodeError as error:
        raise SearchIndexError(
            f"not UTF-8 text ({error.reason} at byte {error.start}), so Pagefind cannot index it"
        ) from None


class PagefindService:
    """Pagefind's indexing service, run as a child that dies with the thread that starts it.

    The binary is started directly, not through `python -m pagefind`, so that the
    process doing the work is the one PR_SET_PDEATHSIG covers. It stays in our
    process group, which the generator ends as a whole. One request at a time:
    the answer comes before the next page goes, so the order is never in doubt.
    """

    def __enter__(self) -> PagefindService:
        binary = _pagefind_binary()
        self._errors = tempfile.TemporaryFile()  # no name on disk, so nothing to leave behind
        try:
            self._process = subprocess.Popen(
                [str(binary), "--service"],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=self._errors,
                preexec_fn=die_with_parent(),
            )
        except OSError as error:
            self._errors.close()
            raise SearchIndexError(f"Pagefind could not start: {error}\n{REINSTALL}") from None
        # Both are buffered pipes (the defaults above): read1 takes what is there without waiting for more.
        assert self._process.stdin is not None and isinstance(self._process.stdout, io.BufferedReader)
        self._stdin, self._stdout = self._process.stdin, self._process.stdout
        self._unread = bytearray()
        self._last_id = 0
        return self

    def __exit__(self, failure: type[BaseException] | None, *details: object) -> None:
        try:
            if failure is None:  # the service exits at the end of its input, once it has answered everything
                self._stdin.close()
                self._process.wait(timeout=10)
        except (OSError, subprocess.TimeoutExpired):
            pass
        finally:
            if self._process.poll() is None:  # a failure, or Ctrl-C: whatever it was doing is not wanted
                self._process.kill()
                self._process.wait()
            for stream in (self._stdin, self._stdout, self._errors):
                _close_quietly(stream)

    def request(self, payload: dict) -> dict:
        """Send one request and return its answer's payload."""
        self._last_id += 1
        message = {"message_id": self._last_id, "payload": payload}
        try:
            self._stdin.write(base64.b64encode(json.dumps(message).encode("utf-8")) + b",")
            self._stdin.flush()
        except BrokenPipeError:
            self._fail("stopped")
        answer = json.loads(base64.b64decode(self._read_answer()))
        result = answer["payload"]
        if result["type"] == "Error":
            self._fail(f"refused a {payload['type']} request: {result['message']}")
        if answer.get("message_id") != self._last_id:
            self._fail(f"answered message {answer.get('message_id')} instead of {self._last_id}")
        return result

    def _read_answer(self) -> bytes:
        answer, searched = self._unread, 0
        while (end := answer.find(b",", searched)) < 0:  # answers are base64: a comma only ever ends one
            searched = len(answer)
            chunk = self._stdout.read1(1 << 20)
            if not chunk:
                self._fail("stopped")
            answer += chunk
        self._unread = answer[end + 1 :]
        return bytes(answer[:end])

    def _fail(self, what: str) -> None:
        self._errors.seek(0)
        said = self._errors.read().decode("utf-8", "replace").strip()
        raise SearchIndexError(f"Pagefind {what}" + (f": {said}" if said else "") + f"\n{REINSTALL}")


def _close_quietly(stream: IO[bytes]) -> None:
    with contextlib.suppress(OSError):  # a pipe to a child that is gone
        stream.close()


def _pagefind_binary() -> Path:
    """The binary the pinned pagefind package would run (PAGEFIND_BINARY_PATH, else pagefind_bin's)."""
    try:
        from pagefind.service import get_executable
    except ImportError:
        raise SearchIndexError(f"The pagefind package is not installed.\n{REINSTALL}") from None
    binary = get_executable()
    if binary is None:
        raise SearchIndexError(f"The pagefind package has no Pagefind binary.\n{REINSTALL}")
    return binary
