"""The browser tests need Debian's Chromium: say how to get it rather than skip."""

from __future__ import annotations

from tests.browser.conftest import CHROMIUM, MISSING_CHROMIUM


def test_debians_chromium_is_installed():
    assert CHROMIUM.is_file(), MISSING_CHROMIUM
