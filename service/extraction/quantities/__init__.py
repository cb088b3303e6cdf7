"""Quantities with values, units and meaning.

The numbers are found in :mod:`.digits` and :mod:`.words`, completed with the
multiplier, currency, unit and rate written after them (:mod:`.completion`);
:mod:`.exclusions` drops what is no quantity (years, dates, names), :mod:`.scores`
reads match scores, :mod:`.ranges` joins ranges and reads bounds, :mod:`.change`
rises and falls, :mod:`.objects` and :mod:`.kinds` what each number is about;
:mod:`.extract` runs them in order.
"""

from service.extraction.quantities.extract import extract_quantities, warm_up_quantities

__all__ = ["extract_quantities", "warm_up_quantities"]
