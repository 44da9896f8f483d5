"""Central Asia Briefing generator: seeds and curated YAML in, Markdown briefing pages out.

The library is the product; ``python -m generator`` is a thin command line over it.
Data flows one way: read -> load -> build the model -> render -> write
(see generator.pipeline).
"""
