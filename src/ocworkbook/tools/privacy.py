"""The shared privacy rule: a subgroup smaller than the minimum size is never shown.

Every tool that reports something per subgroup (partner type, opinion group, sector…) goes
through :func:`visible` so that the rule is applied the same way everywhere.
"""

from __future__ import annotations

from ..errors import DataError
from ..i18n import t

DEFAULT_MIN_GROUP = 3


def check_min_group(min_group: int) -> int:
    """Return ``min_group`` as an int, refusing values below 1."""
    try:
        value = int(min_group)
    except (TypeError, ValueError):
        value = 0
    if value < 1:
        raise DataError(t("tools.privacy.bad_min_group", value=min_group))
    return value


def visible(size: int, min_group: int = DEFAULT_MIN_GROUP) -> bool:
    """True if a subgroup of ``size`` people may be shown."""
    return int(size) >= int(min_group)


def revealed_by_difference(remainders, min_group: int = DEFAULT_MIN_GROUP) -> bool:
    """True if subtracting what is shown from the totals would expose fewer than ``min_group`` people.

    ``remainders``: for each figure shown both as a total and per subgroup (a statement's votes, an
    item's answers…), how many people are counted in the total but in no shown subgroup. A
    remainder of 0 hides nobody; one of ``min_group`` or more is itself a group that may be shown.
    """
    return any(0 < int(r) < int(min_group) for r in remainders)
