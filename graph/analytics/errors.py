"""The errors of the analytics: `AnalyticsError` for an analysis that cannot run as asked, and
`MissingPackageError` for an optional package (igraph, leidenalg) that the chosen method needs.
Both are `extract.errors.AlliancesError`, with the exit code the CLI returns for them.
"""

from __future__ import annotations

from extract.errors import AlliancesError


class AnalyticsError(AlliancesError):
    """An analysis cannot run as asked: an unknown method, bloc or organisation, a malformed
    date, edges without a needed column.

    Examples
    --------
    >>> str(AnalyticsError("unknown method 'lovain'; choose louvain, label-propagation or leiden"))
    "unknown method 'lovain'; choose louvain, label-propagation or leiden"
    """

    exit_code = 2


class MissingPackageError(AnalyticsError):
    """An optional package that the chosen method needs is not installed.

    Examples
    --------
    >>> str(MissingPackageError("leiden", "leidenalg"))
    "method 'leiden' needs the leidenalg package: pip install 'ai-alliances[fast]'"
    """

    exit_code = 1

    def __init__(self, what: str, package: str) -> None:
        self.package = package
        super().__init__(
            f"method '{what}' needs the {package} package: pip install 'ai-alliances[fast]'"
        )
