"""Read: seed bytes to clean text with paragraphs, YAML to checked documents with positions, and the parse
cache that skips both for unchanged bytes."""
