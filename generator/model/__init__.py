"""The model: sources, claims, terms and dates, assembled from what was read and checked; no I/O."""
