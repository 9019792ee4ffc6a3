"""CSV cells that a spreadsheet will not run: a cell starting with = + - @ (or a tab or carriage
return) is a formula to Excel, LibreOffice and Google Sheets, so text that people typed is written
with a leading apostrophe instead (OWASP's advice on CSV injection). Numbers are left alone."""

from __future__ import annotations

import csv

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value):
    """``value`` ready for a CSV cell: text that a spreadsheet would read as a formula is neutralized."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        try:
            float(value.replace(",", "."))
            return value  # a plain negative number such as « -3,5 » is not a formula
        except ValueError:
            return "'" + value
    return value


def safe_row(values) -> list:
    return [safe_cell(v) for v in values]


class SafeWriter:
    """A ``csv.writer`` whose every text cell goes through :func:`safe_cell`."""

    def __init__(self, handle, **options):
        self._writer = csv.writer(handle, **options)

    def writerow(self, row):
        return self._writer.writerow(safe_row(row))

    def writerows(self, rows):
        for row in rows:
            self.writerow(row)
