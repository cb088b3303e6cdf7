"""What makes a text unprocessable: shared by the HTTP API and the command line."""

from __future__ import annotations

import re

_SURROGATE = re.compile("[\ud800-\udfff]")


def text_problem(text: str, *, max_chars: int) -> str | None:
    """Why ``text`` cannot be processed, or ``None`` when it can."""
    if not text.strip():
        return "text must not be blank"
    if len(text) > max_chars:
        return f"text is {len(text)} code points long; the limit is {max_chars}"
    surrogate = _SURROGATE.search(text)
    if surrogate:
        return f"text contains an unpaired surrogate U+{ord(surrogate.group()):04X} at code point {surrogate.start()}"
    return None
