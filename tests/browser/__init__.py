"""Browser tests: the built site served over HTTP and read in Chromium through Playwright."""
