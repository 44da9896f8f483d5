"""Python's collector of reference cycles kept out of a generation's way.

A generation allocates millions of objects that live through the run (the model, the derived results, the pages'
records) and almost no cycles: frozen dataclasses, tuples and strings. The collector, though, goes through every
live object each time enough new ones have piled up: at 10,000 sources, 14 full passes cost 3.7 s of a 19 s
CI-style run, more as the model grows, and in a forked worker each pass writes to every inherited object, which
copies the parent's memory page by page. Measured without it, the main process's peak memory hardly moved (506 MB
against 518 MB in a CI-style run, 397 MB against 395 MB from scratch): what little cyclic garbage it makes is
collected once the run is over, when the collector is on again.

A forked worker (common/workers.py), though, renders pages and reads seeds, whose libraries make cycles (without
the collector, its peak rose from 388 MB to 578 MB from scratch at 10,000 sources). So it sets aside for good what
it inherited, which the collector then never goes through (nor copies), and collects its own garbage as usual.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def cycles_left_for_later() -> Iterator[None]:
    """The cycle collector off while the block runs (reference counting still frees everything else), then as
    it was."""
    was_on = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_on:
            gc.enable()


def collect_own_garbage_only() -> None:
    """In a forked child, first thing: every inherited object set aside for good, the collector on for the rest."""
    gc.freeze()  # moves whole lists: costs nothing however many objects there are
    gc.enable()
