"""Errors that carry a French message for a person, naming the file, line and item involved."""

from __future__ import annotations


class WorkbookError(Exception):
    """A problem with input a person gave us (a file, an answer, a setting).

    ``str(error)`` is a complete French sentence that names where the problem is, so the CLI
    and the widgets can show it as is, without a traceback.
    """

    def __init__(self, message: str, *, path=None, line: int | None = None, item: str | None = None,
                 column: str | None = None):
        self.message = message
        self.path = str(path) if path is not None else None
        self.line = line
        self.item = item
        self.column = column
        super().__init__(self.describe())

    def describe(self) -> str:
        """Return ``file:line: [item] (column) message``, leaving out the parts we do not know."""
        where = ""
        if self.path:
            where = self.path + (f":{self.line}" if self.line else "")
        elif self.line:
            where = f"ligne {self.line}"
        parts = [p for p in (where, f"[{self.item}]" if self.item else "",
                             f"(colonne « {self.column} »)" if self.column else "") if p]
        return (" ".join(parts) + " : " if parts else "") + self.message


class BankError(WorkbookError):
    """The exercise bank (or a scenario file) is malformed."""


class DataError(WorkbookError):
    """A dataset or a user-supplied CSV cannot be read or does not fit its schema."""
