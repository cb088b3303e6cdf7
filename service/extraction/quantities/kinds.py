"""The kind of a quantity (money, death toll, age, ...) from its unit, noun and clause."""

from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Token

from service.extraction.doc_index import DocIndex
from service.extraction.lexicon import quantities as lex
from service.extraction.model import Unit
from service.extraction.quantities.amount import Amount, Reading
from service.extraction.quantities.tokens import last_token, token_after, token_at, token_before

# Oldest age read from a bare number after a name ("Nick Hague 44").
MAX_AGE = 120


# Tokens around a count searched for death or injury words.
TOLL_WINDOW = 8


# Tokens between a bare number and a death or injury word that still make it a toll ("killed 5").
HARM_ADJACENT = 2


_YEARS_OF_AGE = Unit(name="year of age", symbol=None, dimension="time")


def with_apposed_age(index: DocIndex, amount: Amount) -> Amount:
    """ "Aung San Suu Kyi, 77, ...", "Ana Ruiz 52 has run": a bare number after a person's name is an age."""
    doc = index.doc
    if amount.unit or amount.currency or amount.words or amount.value != int(amount.value):
        return amount
    if not 1 <= amount.value <= MAX_AGE:
        return amount
    prev = token_before(index, amount.start)
    if prev is not None and prev.text == "," and prev.i > 0:
        prev = doc[prev.i - 1]
    nxt = token_after(index, amount.end)
    person = (
        prev is not None and prev.ent_type_ == "PERSON" and (prev.i + 1 == len(doc) or doc[prev.i + 1].ent_iob_ != "I")
    )
    # "Harbor Street Motors 12." is a name; an age is set off by a comma or followed by its verb.
    if not person or nxt is None or not (nxt.text == "," or nxt.pos_ in ("AUX", "VERB")):
        return amount
    return replace(amount, unit=_YEARS_OF_AGE)


def kind_of(index: DocIndex, found: Reading, head: Token | None, obj: str | None) -> str:
    amount = found.amount
    if amount.score:
        return "score"
    if amount.currency:
        return "money"
    if (amount.unit is None or amount.unit.dimension == "time") and _after_age_word(index, found):
        return "age"
    if amount.unit is not None:
        return lex.KIND_BY_UNIT.get(amount.unit.name) or lex.KIND_BY_DIMENSION.get(amount.unit.dimension or "", "other")
    if amount.fraction or amount.change:
        return "other"
    counts_head = head is not None and any(
        t.head.i == head.i for t in index.doc[token_at(index, found.start).i : last_token(index, found.end).i + 1]
    )
    if counts_head and (harmed := _harm_of_noun(head)) is not None:
        return harmed  # "12 other villagers were killed", "four teachers died", "two bodies were recovered"
    people = head is not None and head.lower_ in lex.PEOPLE_NOUNS
    if people or head is None:
        harm = _nearest_harm(index, found)
        # Without a counted noun, only "a death toll of 50", "50 dead" or "killed 5" say whom the number counts.
        if harm is not None and (people or harm[1] or harm[2] <= HARM_ADJACENT):
            return harm[0]
    return "count" if obj else "other"


def _harm_of_noun(noun: Token) -> str | None:
    """Death toll or injured when the counted noun is whom a death or injury verb is about.

    The noun's verb ("were killed", "died", "were found dead", "were wounded") decides,
    through the parse, whatever the noun is ("teachers", "Palestinians", "bodies").
    """
    if noun.lower_ in lex.BODY_NOUNS:
        return "death_toll"
    while noun.dep_ == "conj" and noun.head.i != noun.i:
        noun = noun.head  # "17 pupils and three guards died": the verb of the first conjunct
    verb = noun.head
    if noun.dep_ not in ("nsubj", "nsubjpass", "dobj") or verb.pos_ not in ("VERB", "AUX"):
        return None
    words = {verb.lemma_.lower(), verb.lower_} | {
        w
        for child in verb.children
        if child.dep_ in ("acomp", "oprd", "xcomp", "advcl")
        for w in (child.lemma_.lower(), child.lower_)
    }
    if words & lex.DEATH_WORDS:
        return "death_toll"
    if words & lex.INJURY_WORDS:
        return "injured"
    return None


def _after_age_word(index: DocIndex, found: Reading) -> bool:
    """ "aged 25", "under the age of 12 years"."""
    doc = index.doc
    prev = token_before(index, found.start)
    if prev is not None and prev.lower_ == "of" and prev.i > 0:
        prev = doc[prev.i - 1]
    return prev is not None and prev.lower_ in lex.AGE_WORDS


def _nearest_harm(index: DocIndex, found: Reading) -> tuple[str, bool, int] | None:
    """The death or injury word nearest the number in its sentence: (kind, whether it is "toll", distance).

    "12 people were injured and 3 died": each count takes the word closest to it.
    """
    doc = index.doc
    first = token_at(index, found.start)
    lo = max(index.sent_start(first.i), first.i - TOLL_WINDOW)
    hi = min(index.sent_end(first.i), first.i + TOLL_WINDOW)
    best: tuple[int, str, bool] | None = None
    for token in doc[lo:hi]:
        words = (token.lower_, token.lemma_.lower())
        kind = "death_toll" if any(w in lex.DEATH_WORDS for w in words) else None
        kind = kind or ("injured" if any(w in lex.INJURY_WORDS for w in words) else None)
        distance = abs(token.i - first.i)
        if kind and (best is None or distance < best[0]):
            best = (distance, kind, token.lower_ == "toll")
    return None if best is None else (best[1], best[2], best[0])
