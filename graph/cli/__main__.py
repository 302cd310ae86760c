"""``python -m graph.cli``: the same as the ``alliances`` command."""

from . import main

main()
