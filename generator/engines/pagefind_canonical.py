"""Put a Pagefind bundle's filter files and metadata in one order, so that the same pages give the same bytes.

Pagefind (1.5.2, as its source at pagefind/src/index/mod.rs has it) gathers filters in
Rust hash maps seeded at random in each process, and writes them as it iterates: the
values inside each filter/*.pf_filter, the filters listed in the pagefind.*.pf_meta file
and the alternative sort orders there all come out in a new order each run. The files
are named by a hash of their content, so their names change too, and so does
pagefind-entry.json, which names the metadata file. (Pages, fragments and word index
chunks are numbered and sorted by Pagefind itself, and repeat byte for byte.)

This rewrites those files as Pagefind would if its maps were sorted: values by value,
filters and sorts by name, each in Unicode code-point order (Rust's order for strings),
then names them by Pagefind's own rule (`full_hash` in pagefind/src/utils.rs and its use
in build_indexes). The search in the browser does not check the names; it fetches the
files the metadata names, and indexes the filter values by name, not position.
"""

from __future__ import annotations

import hashlib
import json
import struct
import zlib
from pathlib import Path
from typing import Any, NoReturn

import cbor2

ENTRY = "pagefind-entry.json"
FILTER_FOLDER = "filter"
# What Pagefind puts before the CBOR in each compressed file, to recognise a good decompression.
SIGNATURE = b"pagefind_dcd"
# flate2's GzEncoder header as Pagefind writes it: no file name, mtime 0, XFL 2 (best compression), OS 255
# (unknown). Written by hand because gzip.compress in Python 3.11 writes OS 3 when mtime is 0.
GZIP_HEADER = bytes([0x1F, 0x8B, 8, 0, 0, 0, 0, 0, 2, 255])
BEST_COMPRESSION = 9  # Pagefind's Compression::best()
# Pagefind cuts a name to `[0..=language.len() + 7]`: "en_" and 7 hex digits for a filter file, and 10 digits for
# the metadata, whose hash is cut before the language is put in front.
SHORT_NAME_LENGTH_BEYOND_LANGUAGE = 8

# The metadata's fields, by position (MetaIndex in pagefind/src/index/index_metadata.rs); later ones are kept as read.
VERSION, PAGES, INDEX_CHUNKS, FILTERS, SORTS = range(5)


def canonicalise_bundle(bundle: Path) -> None:
    """Rewrite the filter files, metadata files and entry file of one bundle in sorted order, in place."""
    entry_path = bundle / ENTRY
    entry = json.loads(entry_path.read_bytes())
    for language, details in entry["languages"].items():
        details["hash"] = _canonicalise_language(bundle, language, details["hash"], entry["version"])
    entry["languages"] = dict(sorted(entry["languages"].items()))  # a hash map in Pagefind too
    # As serde_json::to_string writes it: no spaces, UTF-8 left as it is.
    entry_path.write_bytes(json.dumps(entry, ensure_ascii=False, separators=(",", ":")).encode("utf-8"))


def _canonicalise_language(bundle: Path, language: str, meta_name: str, version: str) -> str:
    """Sort one language's filters and metadata, write them under their new names and return the metadata's name."""
    meta_path = bundle / f"pagefind.{meta_name}.pf_meta"
    meta = read_pagefind_file(meta_path)
    if not isinstance(meta, list) or len(meta) <= SORTS or meta[VERSION] != version:
        _refuse(meta_path, "is not the metadata file this knows")

    old_filter_paths = [bundle / FILTER_FOLDER / f"{hash_name}.pf_filter" for _, hash_name in meta[FILTERS]]
    new_filters: dict[str, bytes] = {}  # file name (no extension) -> CBOR
    listed = []
    # Sorted by filter name, so that a clash of short names always lengthens the same one.
    for filter_name, hash_name in sorted(meta[FILTERS]):
        filter_path = bundle / FILTER_FOLDER / f"{hash_name}.pf_filter"
        decoded = read_pagefind_file(filter_path)
        if not (isinstance(decoded, list) and len(decoded) == 2 and decoded[0] == filter_name):
            _refuse(filter_path, f"is not the index of filter {filter_name!r} the metadata says it is")
        body = filter_body(decoded)
        name = _unclaimed_name(
            f"{language}_{full_hash(body)}", len(language) + SHORT_NAME_LENGTH_BEYOND_LANGUAGE, new_filters
        )
        new_filters[name] = body
        listed.append([filter_name, name])
    meta[FILTERS] = listed
    meta[SORTS] = sorted(meta[SORTS], key=lambda sort: sort[0])  # each sort's pages are in Pagefind's order already
    meta_body = cbor2.dumps(meta)
    # The metadata's name is sliced from the hash alone, not from "language_hash" as the others are.
    new_meta_name = f"{language}_{full_hash(meta_body)[: len(language) + SHORT_NAME_LENGTH_BEYOND_LANGUAGE]}"

    # Every old file goes before any new one is written: a new name may be an old one (a filter already in order).
    for path in [*old_filter_paths, meta_path]:
        path.unlink()
    for name, body in new_filters.items():
        write_pagefind_file(bundle / FILTER_FOLDER / f"{name}.pf_filter", body)
    write_pagefind_file(bundle / f"pagefind.{new_meta_name}.pf_meta", meta_body)
    return new_meta_name


def filter_body(decoded: list) -> bytes:
    """The CBOR of a filter file, [name, [[value, [page, …]], …]] (FilterIndex in index_filter.rs), values sorted."""
    name, values = decoded
    # Values are unique (they were a map's keys), so the value alone orders them; the page lists are already sorted.
    return cbor2.dumps([name, sorted(values, key=lambda value: value[0])])


def full_hash(data: bytes) -> str:
    """Pagefind's full_hash: SHA-1, each byte as `{:x?}` in Rust, lowercase hex WITHOUT a leading zero (0x0a is "a")."""
    return "".join(format(byte, "x") for byte in hashlib.sha1(data).digest())


def _unclaimed_name(full_name: str, length: int, claimed: dict[str, bytes]) -> str:
    """The first `length` characters of the name, lengthened as Pagefind does while another file has them.

    Pagefind's loop takes `new_length = short_hash.len() + 1` and slices `0..=new_length`, two more characters a turn,
    and stops at the whole name whether or not it still clashes.
    """
    name = full_name[:length]
    while name in claimed and len(name) < len(full_name):
        name = full_name[: min(len(name) + 2, len(full_name))]
    return name


def read_pagefind_file(path: Path) -> Any:
    """Decode a compressed Pagefind file: gzip of the signature and then CBOR."""
    try:
        data = zlib.decompress(path.read_bytes(), wbits=16 + zlib.MAX_WBITS)
    except (OSError, zlib.error) as error:
        _refuse(path, f"cannot be read ({error})")
    if not data.startswith(SIGNATURE):
        _refuse(path, "does not start with Pagefind's signature")
    try:
        return cbor2.loads(data[len(SIGNATURE) :])
    except cbor2.CBORDecodeError as error:
        _refuse(path, f"is not CBOR ({error})")


def write_pagefind_file(path: Path, body: bytes) -> None:
    """Write CBOR as Pagefind does (signature, best compression), with a header that never changes."""
    data = SIGNATURE + body
    compressor = zlib.compressobj(BEST_COMPRESSION, zlib.DEFLATED, -zlib.MAX_WBITS)  # raw deflate, our own header
    deflated = compressor.compress(data) + compressor.flush()
    path.write_bytes(GZIP_HEADER + deflated + struct.pack("<II", zlib.crc32(data), len(data) & 0xFFFFFFFF))


def _refuse(path: Path, what: str) -> NoReturn:
    # Imported here, not at the top: pagefind.py imports this module, and its errors are the ones callers catch.
    from generator.engines.pagefind import REINSTALL, SearchIndexError

    raise SearchIndexError(f"Pagefind's {path} {what}, so its order cannot be fixed.\n{REINSTALL}")
