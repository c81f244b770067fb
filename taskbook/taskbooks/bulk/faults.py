"""A fault of a file (row as the spreadsheet numbers it, column, reason), and the exception that
carries every fault found in a file."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from taskbook.errors import ActionError
from taskbook.taskbooks.bulk.columns import KEYS, column_of


@dataclass
class RowError:
    row: int  # as the spreadsheet numbers it: the header is row 1
    column: str  # the column's key, or "" for the whole row or file
    message: str
    letter: str = ""  # the spreadsheet letter of the column, when the file has it


SHOWN = 200  # a file full of faults: the first ones are enough to see what is wrong


class ImportFailed(Exception):
    """The file has faults; nothing was saved. `errors` lists every one found."""

    def __init__(self, errors: list[RowError]) -> None:
        super().__init__(f"{len(errors)} errors")
        self.errors = errors

    def shown(self, most: int = SHOWN) -> dict[str, object]:
        """The faults as a results page lists them: the first `most`, how many in all, how many not
        listed."""
        return {
            "errors": self.errors[:most],
            "error_count": len(self.errors),
            "hidden_errors": max(0, len(self.errors) - most),
        }


def fault(row: int, exc: ActionError, columns: Mapping[str, str], letters: Mapping[str, str]) -> RowError:
    """An action's or a validator's refusal, in the column of the file that its field stands for."""
    column = column_of(exc, columns)
    return RowError(row, column, exc.message, letters.get(column, ""))


def in_order(errors: list[RowError]) -> list[RowError]:
    """Row by row, and within a row in the order of the columns."""
    return sorted(errors, key=lambda e: (e.row, KEYS.index(e.column) if e.column in KEYS else -1))
