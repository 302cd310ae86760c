"""Domain exceptions of the extraction side.

The library raises these; the command line turns each into one clean message and an exit code.
Every error about a user's input names the file and, where there is one, the line.
"""

from __future__ import annotations


class AlliancesError(Exception):
    """Base class of every error the project raises on purpose."""

    exit_code = 1


class InputError(AlliancesError):
    """An input file is missing, unreadable, empty, not UTF-8 or malformed.

    Parameters
    ----------
    path : str
        The file the problem is in.
    message : str
        What is wrong, in words a user can act on.
    line : int, optional
        1-based line (JSONL) or row (CSV, header is line 1) of the problem.
    """

    exit_code = 2

    def __init__(self, path: str, message: str, line: int | None = None) -> None:
        self.path = str(path)
        self.line = line
        self.reason = message
        where = f"{self.path}:{line}" if line is not None else self.path
        super().__init__(f"{where}: {message}")


class ModelError(AlliancesError):
    """No usable spaCy model could be loaded."""

    exit_code = 4


class GoldError(InputError):
    """A gold file for evaluation is malformed."""
