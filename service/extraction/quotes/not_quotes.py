"""Quoted spans that are not quotes: titles of works, scare quotes nobody is said to have said, markup.

Quote marks also set off the name of a programme ("Meet the Press"), a book or a report, a word the
writer holds at arm's length (an “isolationist” policy) and the attribute values of embedded markup
(``<tweet id="…">``).  None of them is something a person said.
"""

from __future__ import annotations

import re

from service.extraction.lexicon import quotes as lex
from service.extraction.quotes.draft import DraftQuote

_WORD = re.compile(r"[^\W\d_][\w'’.&-]*")


def is_title(text: str) -> bool:
    """Whether quoted words are written as a title: every word capitalised but the small ones ("Face the Nation")."""
    words = _WORD.findall(text)
    if not words or not words[0][0].isupper():
        return False
    if text.rstrip()[-1:] in lex.UTTERANCE_END and len(words) > 1:
        return False  # a capitalised sentence ("Stop it.") is an utterance, not a name
    return all(word[0].isupper() or word.lower() in lex.TITLE_SMALL_WORDS for word in words)


def _names_a_work(text: str, open_mark: int) -> bool:
    """A title introduced as one: "CNN's “State of the Union”", "the TV show “Scandal”", "on “Morning Joe”"."""
    before = text[max(0, open_mark - 40) : open_mark].rstrip()
    last = before.rsplit(None, 1)[-1].lower() if before else ""
    return last.endswith(lex.POSSESSIVE_ENDINGS) or last.strip(",") in lex.WORK_NOUNS or last in lex.TITLE_PREPOSITIONS


def is_not_quote(draft: DraftQuote, text: str, *, open_mark: int | None) -> bool:
    """Whether a quote built from quote marks (opening at ``open_mark``) is a title, a scare quote or markup."""
    if draft.kind == "indirect" or open_mark is None:
        return False
    if text[open_mark - 1 : open_mark] == "=":
        return True  # <tweet id="…">: an attribute value
    quoted = text[draft.start : draft.end]
    if is_title(quoted) and (draft.speaker is None or _names_a_work(text, open_mark)):
        return True
    if draft.kind != "partial" or draft.speaker is not None or len(quoted.split()) > lex.MAX_SCARE_QUOTE_WORDS:
        return False
    # A headline that opens with someone's words ("‘Friendly ties’: general to visit Russia") quotes them.
    line_start = text.rfind("\n", 0, open_mark) + 1
    return bool(text[line_start:open_mark].strip())
