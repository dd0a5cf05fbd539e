"""Error hierarchy: each error also inherits the matching built-in.

The CLI turns any :class:`MatcherError` into one line and exit status 2;
the web app maps them to 400/404 answers. Anything else is a bug.
"""

from __future__ import annotations


class MatcherError(Exception):
    """Base of every error that is the user's to fix, not ours."""


class InputError(MatcherError, ValueError):
    """A data file or request is malformed.

    ``str(err)`` names the file, row and column where they are known, so a
    person can open the file in Excel and go straight to the cell.
    """

    def __init__(
        self,
        message: str,
        *,
        path: str | None = None,
        row: int | None = None,
        column: str | None = None,
    ) -> None:
        self.message = message
        self.path = path
        self.row = row
        self.column = column
        super().__init__(self.__str__())

    def __str__(self) -> str:
        where = []
        if self.path is not None:
            where.append(str(self.path))
        if self.row is not None:
            where.append(f"第{self.row}行")
        if self.column is not None:
            where.append(f"列“{self.column}”")
        prefix = "，".join(where)
        return f"{prefix}：{self.message}" if prefix else self.message


class ModelError(MatcherError, RuntimeError):
    """A saved model is missing, corrupt, or was built from other data."""


class NotFittedError(MatcherError, ValueError, AttributeError):
    """A model was used before ``fit`` (same contract as scikit-learn's)."""


class NotFoundError(MatcherError, LookupError):
    """An organization or programme id that does not exist."""
