"""Prepared values to Markdown pages, feeds and data files; untrusted text escaped."""
