"""Pagefind's filters in one order (generator/engines/pagefind_canonical.py): the same pages, the same index bytes.

Pagefind keeps filter values, filters, sorts and languages in hash maps seeded at random
in each run, so the filter files, the metadata naming them and pagefind-entry.json came
out different each time for the same pages.
"""

from __future__ import annotations

import gzip
import hashlib
import json
from pathlib import Path

import cbor2

from generator.engines import pagefind as site_search
from generator.engines import pagefind_canonical as canonical
from tests.helpers import tree_bytes

COUNTRIES = ["Uzbekistan", "Kazakhstan", "Kyrgyzstan", "Tajikistan", "Turkmenistan", "Russia", "China", "Ägypten"]
THEMES = ["energy", "migration", "security", "trade", "culture", "diplomacy"]


def small_site(site: Path) -> Path:
    """Pages with many filter values each, two sort keys and two languages: every hash map Pagefind has."""
    for number in range(12):
        language = "ru" if number % 4 == 3 else "en"
        filters = "".join(f'<span data-pagefind-filter="country:{country}"></span>'
                          for country in COUNTRIES[number % 5 : number % 5 + 4])
        filters += f'<span data-pagefind-filter="theme:{THEMES[number % 6]}"></span>'
        filters += f'<span data-pagefind-filter="year:{2020 + number % 3}"></span>'
        sorts = f'<span data-pagefind-sort="date:2025-01-{number + 1:02}"></span>'
        sorts += f'<span data-pagefind-sort="title:Page {chr(ord("A") + (number * 7) % 12)}"></span>'
        page = site / "sources" / f"{number:03}" / "index.html"
        page.parent.mkdir(parents=True)
        page.write_text(f'<html lang="{language}"><body><h1>Page {number}</h1>{filters}{sorts}'
                        f"<p>Words about the CSTO and item{number} in the region.</p></body></html>", encoding="utf-8")
    return site


def test_two_indexings_of_the_same_pages_give_the_same_bytes(tmp_path):
    trees = []
    for run in range(3):  # with 8 values a filter, an unsorted run is all but certain in three
        site = small_site(tmp_path / f"run{run}" / "site")
        assert site_search.index_site(site) == 1
        trees.append(tree_bytes(site / "pagefind"))
    assert len(list((tmp_path / "run0" / "site" / "pagefind" / "filter").iterdir())) == 6  # 3 filters, 2 languages
    for other in trees[1:]:
        assert sorted(p for p in set(trees[0]) | set(other) if trees[0].get(p) != other.get(p)) == []


def test_the_files_are_sorted_and_named_by_pagefinds_rule(tmp_path):
    bundle = (site := small_site(tmp_path / "site")) / "pagefind"
    site_search.index_site(site)
    entry_bytes = (bundle / "pagefind-entry.json").read_bytes()
    entry = json.loads(entry_bytes)
    assert list(entry["languages"]) == ["en", "ru"]
    assert entry_bytes == json.dumps(entry, ensure_ascii=False, separators=(",", ":")).encode()
    for language, details in entry["languages"].items():
        meta_path = bundle / f"pagefind.{details['hash']}.pf_meta"
        meta = canonical.read_pagefind_file(meta_path)
        body = gzip.decompress(meta_path.read_bytes())[len(canonical.SIGNATURE) :]
        assert details["hash"] == f"{language}_{canonical.full_hash(body)[:10]}"  # 2 letters + 8: Pagefind's slice
        assert [name for name, _ in meta[canonical.FILTERS]] == ["country", "theme", "year"]
        assert [sort for sort, _ in meta[canonical.SORTS]] == ["date", "title"]
        for name, file_name in meta[canonical.FILTERS]:
            path = bundle / "filter" / f"{file_name}.pf_filter"
            decoded = canonical.read_pagefind_file(path)
            values = [value for value, _ in decoded[1]]
            assert decoded[0] == name and values == sorted(values) and len(values) > 1
            assert all(pages == sorted(pages) for _, pages in decoded[1])
            body = gzip.decompress(path.read_bytes())[len(canonical.SIGNATURE) :]
            assert file_name == f"{language}_{canonical.full_hash(body)}"[:10]  # "en_" and 7 hex digits


def test_full_hash_writes_bytes_without_leading_zeros():
    """Rust's `{:x?}` of a byte: 0x0a is "a", so the hash may be shorter than 40 digits (as Pagefind's names are)."""
    data = next(bytes([n]) for n in range(256) if hashlib.sha1(bytes([n])).digest()[0] < 16)
    assert canonical.full_hash(data) == "".join(f"{byte:x}" for byte in hashlib.sha1(data).digest())
    assert not canonical.full_hash(data).startswith("0")


def test_a_clash_of_short_names_lengthens_the_later_name_by_two_as_pagefind_does():
    claimed = {"en_abcdef1": b""}
    assert canonical._unclaimed_name("en_abcdef123456", 10, claimed) == "en_abcdef123"
    assert canonical._unclaimed_name("en_abcdef1", 10, claimed) == "en_abcdef1"  # the whole name: Pagefind stops


def test_values_are_sorted_by_code_point():
    body = canonical.filter_body(["country", [["Ägypten", [3]], ["China", [1]], ["Zimbabwe", [2]], ["Abc", [0]]]])
    assert cbor2.loads(body) == ["country", [["Abc", [0]], ["China", [1]], ["Zimbabwe", [2]], ["Ägypten", [3]]]]
