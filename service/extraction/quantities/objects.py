"""What a number counts or measures, and the units a bare number borrows from its neighbour."""

from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Doc, Token

from service.extraction.doc_index import DocIndex
from service.extraction.lexicon import quantities as lex
from service.extraction.quantities.amount import Reading
from service.extraction.quantities.tokens import token_after, token_at, token_before

# Tokens before a money amount searched for what the money is ("net income ... rose 8% to").
MONEY_OBJECT_WINDOW = 12
# Tokens after a number (or its unit) searched for the counted noun.
OBJECT_WINDOW = 5


# Characters back to a neighbour whose unit a bare number borrows.
ELLIPSIS_CHARS = 120


ObjectRef = tuple[Token | None, str | None]


def counted_object(index: DocIndex, found: Reading) -> tuple[Token | None, str | None]:
    """The noun counted or measured, with its modifiers: (head token, text); for money, what the money is."""
    head, text = _counted_object(index, found)
    if text is None and found.amount.currency:
        return _money_object(index, found)
    return head, text


def _money_object(index: DocIndex, found: Reading) -> tuple[Token | None, str | None]:
    """ "net income rose 5% to 254.6 million francs", "a fine of $5 million": the nearest money noun before."""
    doc = index.doc
    first = token_at(index, found.start)
    stop = max(index.sent_start(first.i), first.i - MONEY_OBJECT_WINDOW)
    for k in range(first.i - 1, stop - 1, -1):
        token = doc[k]
        if token.pos_ in ("NOUN", "PROPN") and (
            token.lower_ in lex.MONEY_OBJECTS or token.lemma_.lower() in lex.MONEY_OBJECTS
        ):
            start = k
            while start > 0 and doc[start - 1].dep_ in ("compound", "amod") and doc[start - 1].head.i == k:
                start -= 1  # "net income", "operating profit"
            return token, index.text[doc[start].idx : token.idx + len(token)]
    return None, None


def _counted_object(index: DocIndex, found: Reading) -> tuple[Token | None, str | None]:
    doc = index.doc
    nxt = token_after(index, found.end)
    if nxt is None:
        return _object_before(index, found)
    k = nxt.i
    if nxt.lower_ == "of" and k + 1 < len(doc):
        k += 1  # "one of the people", "40 tonnes of grain", "a third of those tested"
        while k < len(doc) and (doc[k].pos_ in ("DET", "ADV") or doc[k].tag_ in ("PRP$", "POS")):
            k += 1
    tokens = noun_chain(doc, k)
    if not tokens or tokens[0].lower_ in lex.NON_OBJECT_WORDS:
        return _object_before(index, found)
    return tokens[-1], index.text[tokens[0].idx : tokens[-1].idx + len(tokens[-1])]


def _is_bare(found: Reading, obj: ObjectRef) -> bool:
    amount = found.amount
    return not (amount.unit or amount.currency or amount.fraction or amount.change or obj[1])


def fill_ellipses(
    index: DocIndex, found: list[Reading], objects: list[ObjectRef]
) -> tuple[list[Reading], list[ObjectRef]]:
    """A bare number takes the unit or noun of a neighbour in its sentence.

    "310 flats by auction and 95 by tender", "fell 84.20 points to 5,312.40",
    "about 8 or $9": news leaves the unit out when it is plain from the neighbour.
    """
    found, objects = list(found), list(objects)
    sentences = [index.sent_start(index.token_at(f.start)) for f in found]
    for i, (f, obj) in enumerate(zip(found, objects)):
        if not _is_bare(f, obj) or f.bound == "range":
            continue
        donor = _donor(index.text, found, objects, sentences, i, backwards=not f.amount.words)
        if donor is None:
            continue
        d = found[donor]
        amount = replace(
            f.amount,
            unit=d.amount.unit,
            currency=d.amount.currency,
            minor_factor=d.amount.minor_factor,
            per=d.amount.per,
        )
        found[i] = replace(f, amount=amount)
        if not (d.amount.unit or d.amount.currency):
            objects[i] = objects[donor]
    return found, objects


def _donor(
    text: str, found: list[Reading], objects: list[ObjectRef], sentences: list[int], i: int, *, backwards: bool
) -> int | None:
    after = i + 1
    if after < len(found) and sentences[after] == sentences[i] and not _is_bare(found[after], objects[after]):
        link = text[found[i].end : found[after].start].strip(" -–").lower()
        if link in lex.ELLIPSIS_NEXT_LINKS:
            return after
    if not backwards:
        return None  # "one", "six" on their own are counts or pronouns, not a dropped unit
    for j in range(i - 1, -1, -1):
        if sentences[j] != sentences[i] or found[i].start - found[j].end > ELLIPSIS_CHARS:
            return None
        if _is_bare(found[j], objects[j]) or found[j].amount.fraction or found[j].amount.change:
            continue
        unit = found[j].amount.unit
        if unit is not None and unit.name in lex.RATIO_UNITS:
            link = text[found[j].end : found[i].start].strip().lower()
            level = unit.name in lex.ELLIPSIS_LEVEL_UNITS and link in lex.LEVEL_LINKS
            if link not in lex.ELLIPSIS_RATIO_LINKS and not level:
                continue  # "rose 8% to 3.65": the level is no percentage
        return j
    return None


def noun_chain(doc: Doc, k: int) -> list[Token]:
    """Adjectives and nouns from ``k`` up to the last noun ("first-team players", "heart transplants")."""
    tokens: list[Token] = []
    stop = min(len(doc), k + OBJECT_WINDOW)
    while k < stop:
        token = doc[k]
        if not _in_chain(doc, token, tokens):
            break
        if token.tag_ == "POS":
            tokens = []  # "the junta's major arms suppliers": the possessor is not what is counted
        elif tokens or token.tag_ not in ("VBG", "VBN"):
            tokens.append(token)  # "250 charging stations": the stations are counted, not the charging
        if (
            tokens
            and token.whitespace_
            and token.pos_ in ("NOUN", "PROPN")
            and token.dep_ not in ("compound", "amod", "nmod", "conj")
        ):
            break
        k += 1
    while tokens and (tokens[-1].pos_ not in ("NOUN", "PROPN") or tokens[-1].tag_ in ("VBG", "VBN")):
        tokens.pop()
    return tokens


def _in_chain(doc: Doc, token: Token, tokens: list[Token]) -> bool:
    if token.ent_type_ in ("DATE", "TIME") or token.pos_ == "NUM":
        return False
    if token.pos_ in ("NOUN", "PROPN", "ADJ") or token.tag_ in ("VBG", "VBN", "POS"):
        return True
    if not tokens:
        return False
    if token.text in ("-", "‐"):
        return not tokens[-1].whitespace_ and not token.whitespace_  # "sanctions-hit"
    # "Ford and Toyota trucks", "online and store sales": modifiers joined by "and".
    following = doc[token.i + 1] if token.i + 1 < len(doc) else None
    return (
        token.lower_ == "and"
        and following is not None
        and tokens[-1].pos_ in ("PROPN", "ADJ")
        and following.pos_ == tokens[-1].pos_
    )


def _object_before(index: DocIndex, found: Reading) -> tuple[Token | None, str | None]:
    """ "a capacity of 100 megawatts": the noun that the measure belongs to."""
    doc = index.doc
    if found.amount.unit is None:
        return None, None
    prev = token_before(index, found.start)
    while prev is not None and prev.lower_ in lex.BOUND_PHRASES or (prev is not None and prev.pos_ == "ADV"):
        prev = doc[prev.i - 1] if prev.i > 0 else None
    if prev is None or prev.lower_ != "of" or prev.i == 0:
        return None, None
    noun = doc[prev.i - 1]
    if noun.pos_ != "NOUN":
        return None, None
    return noun, noun.text
