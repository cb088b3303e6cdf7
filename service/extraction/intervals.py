"""Character intervals asked "does any of these overlap that?" in logarithmic time.

Quotes and quantities both keep what they have already claimed of a text (thousands of
spans in a hostile one) and test every new candidate against it; a scan would be quadratic.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable


class Intervals:
    """A fixed set of ``[start, end)`` intervals."""

    def __init__(self, spans: Iterable[tuple[int, int]]) -> None:
        ordered = sorted(spans)
        self._starts = [start for start, _ in ordered]
        self._reach: list[int] = []  # the furthest end among the intervals up to each position
        for _, end in ordered:
            self._reach.append(max(end, self._reach[-1]) if self._reach else end)

    def overlaps(self, start: int, end: int) -> bool:
        before = bisect_left(self._starts, end)  # intervals starting before ``end``
        return before > 0 and self._reach[before - 1] > start
