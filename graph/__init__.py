"""graph: alliance triples -> a Cypher graph store -> networkx analytics -> diagrams; the CLI.

The command line (``alliances``) lives in ``graph.cli`` and only parses arguments and calls the
Python API of ``extract`` and ``graph``.
"""
