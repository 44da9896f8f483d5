"""Site engines that build the generated tree into a site, and the search indexer."""
