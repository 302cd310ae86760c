"""The ``alliances`` command line: a thin layer of argument parsing over the Python API.

Each command parses its options, calls one API function and prints the result; library errors
(`extract.errors.AlliancesError`) become one line on stderr and an exit code:

    0  done
    1  failed (store, query or an unexpected error)
    2  stopped on bad input (a missing file, a malformed line under --strict)
    3  done, but some inputs were skipped (each named on stderr)
    4  no spaCy model could be loaded

The commands live by group: `common` (the group, options, error handling), `extraction`
(extract, evaluate), `storage` (load, ingest, query, stats), `analysis` (clusters, analyze,
diagram) and `build`.
"""

from __future__ import annotations

from . import analysis, build, extraction, storage  # noqa: F401  (each registers its commands)
from .common import bundled_examples, cli, handle_errors, main

__all__ = ["bundled_examples", "cli", "handle_errors", "main"]
