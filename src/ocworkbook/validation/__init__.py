"""Checks of a whole workbook: exercise bank, notebooks' references to it, datasets, scenarios."""
