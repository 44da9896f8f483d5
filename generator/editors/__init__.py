"""Commands for editors: a draft for a new seed, migrations of metadata, the CI summary."""
