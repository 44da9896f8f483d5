"""Which Chromium the browser tests and the search benchmark drive."""

from __future__ import annotations

import os

# Debian's chromium; CHROMIUM names another build of it (CI on GitHub uses the runner's Google Chrome).
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
