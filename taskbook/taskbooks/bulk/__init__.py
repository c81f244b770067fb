"""Bulk import and export of a unit's measures and milestones, as XLSX or CSV, in one format.

The format (docs/bulk-format.md, columns.py): one header row of column keys, then one row per measure
or milestone; a milestone row belongs to the measure row above it, or to the measure its `measure_id`
names. An export (export.py) can be edited and imported again: rows with an id update, rows without
one create, unchanged rows change nothing, and nothing is deleted.

An import (importing.py) reads the whole file (reading.py), parses its rows (parsing.py), checks every
row with the validators the actions use and collects every fault (row as Excel numbers it, column,
reason; checking.py, rows.py). Only a file without faults is applied, in one transaction, through the
actions of taskbook.taskbooks.actions (applying.py); a fault an action finds is collected the same way
and rolls back all.
"""

from taskbook.taskbooks.bulk.changes import Summary
from taskbook.taskbooks.bulk.columns import COLUMNS, KEYS, Column
from taskbook.taskbooks.bulk.export import export_measures, export_rows, write_csv, write_xlsx
from taskbook.taskbooks.bulk.faults import ImportFailed, RowError
from taskbook.taskbooks.bulk.importing import import_file
from taskbook.taskbooks.bulk.reading import MAX_ROWS, check_file

__all__ = [
    "COLUMNS",
    "KEYS",
    "MAX_ROWS",
    "Column",
    "ImportFailed",
    "RowError",
    "Summary",
    "check_file",
    "export_measures",
    "export_rows",
    "import_file",
    "write_csv",
    "write_xlsx",
]
