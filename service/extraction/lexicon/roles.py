"""Titles, roles and descriptors, kept as data in one place.

Three kinds of words name what someone or something is rather than who or which:

- ``ROLES``: offices and jobs of people, grouped by what the office is, so that
  "the Premier" finds the person the article called "Prime Minister".  A phrase may
  sit in more than one group ("chancellor": a head of government, or the UK's finance
  minister).
- ``HONORIFICS`` and ``RANKS``: words before a name that are titles but not roles;
  ``TITLE_EXPANSIONS`` spells out their abbreviations in ``Entity.titles``.
- ``ROLE_WORDS``: words of a role that spaCy appends to an organisation's name
  ("Foreign Ministry spokesman").
- ``ORG_DESCRIPTORS`` and ``PLACE_DESCRIPTORS``: common nouns that stand for an
  organisation or a place the article named ("the carmaker", "the club", "the country").

Every phrase is lower case, with no full stops.  The entity extractor reads the words
of these phrases as title words (``TITLE_WORDS``); the role resolver reads the groups.
"""

from __future__ import annotations

ROLES: dict[str, tuple[str, ...]] = {
    "head of government": (
        "prime minister", "premier", "pm", "chancellor", "chief minister", "first minister", "taoiseach",
    ),
    "head of state": ("president", "head of state", "king", "queen", "monarch", "emir", "sultan", "emperor"),
    "finance minister": (
        "finance minister", "minister of finance", "chancellor of the exchequer", "treasurer",
        "finance secretary", "treasury secretary", "secretary of the treasury",
    ),
    "foreign minister": (
        "foreign minister", "minister of foreign affairs", "foreign secretary", "secretary of state",
        "external affairs minister",
    ),
    "defence minister": (
        "defence minister", "defense minister", "minister of defence", "minister of defense", "defence secretary",
        "defense secretary", "secretary of defense",
    ),
    "interior minister": (
        "interior minister", "home minister", "home secretary", "minister of the interior", "minister of home affairs",
        "minister of state for home affairs",
    ),
    "minister": ("minister", "cabinet secretary", "secretary", "cabinet minister", "minister of state"),
    "governor": ("governor", "state governor"),
    "mayor": ("mayor", "lord mayor"),
    "chief executive": ("chief executive", "chief executive officer", "ceo", "managing director", "boss", "founder"),
    "chair": ("chairman", "chairwoman", "chairperson", "chair"),
    "spokesperson": ("spokesperson", "spokesman", "spokeswoman", "press secretary", "official spokesperson"),
    "coach": ("coach", "head coach", "manager", "boss", "trainer"),
    "player": ("striker", "midfielder", "defender", "goalkeeper", "forward", "winger", "captain", "batsman", "bowler"),
    "military chief": (
        "army chief", "commander-in-chief", "commander", "senior general", "general", "chief of staff",
        "army chief of staff", "junta chief", "junta leader",
    ),
    "judge": ("judge", "justice", "chief justice", "magistrate"),
    "party leader": ("leader", "party leader", "opposition leader", "party chief", "chief"),
    "lawmaker": (
        "lawmaker", "legislator", "senator", "mp", "member of parliament", "congressman", "congresswoman",
        "representative", "speaker",
    ),
    "diplomat": ("ambassador", "envoy", "special envoy", "high commissioner", "special rapporteur", "rapporteur"),
    "police chief": ("police chief", "commissioner", "police commissioner", "inspector general", "superintendent"),
    "director": ("director", "director general", "director-general", "head", "executive director", "secretary-general"),
    "adviser": ("adviser", "advisor", "aide", "presidential aide", "national security adviser"),
    "law officer": ("attorney general", "attorney-general", "solicitor general", "solicitor-general", "prosecutor"),
    "religious leader": ("pope", "cardinal", "bishop", "archbishop", "imam", "rabbi", "ayatollah", "grand mufti"),
    "royal": ("prince", "princess", "crown prince", "duke", "duchess"),
}

# Words for a person's role that spaCy appends to an organisation's name ("United Nations
# Special Rapporteur", "Foreign Ministry spokesman"); they are cut off the organisation.
ROLE_WORDS = frozenset(
    {
        "special", "rapporteur", "spokesman", "spokeswoman", "spokesperson", "chairman", "chairwoman",
        "president", "secretary-general", "envoy", "ambassador", "official", "officials", "chief",
        "director", "minister", "adviser", "advisor", "leader", "head", "coach", "manager",
    }
)

# Abbreviated title words spelt out in ``Entity.titles``.
TITLE_EXPANSIONS = {
    "gen": "General", "lt": "Lieutenant", "col": "Colonel", "maj": "Major", "capt": "Captain",
    "adm": "Admiral", "rev": "Reverend", "sen": "Senator", "rep": "Representative", "gov": "Governor",
    "dr": "Dr", "prof": "Professor",
}

# Words that narrow a role to another office: "Vice President" is not "the president".
ROLE_NARROWERS = frozenset({"vice", "deputy", "assistant", "acting", "former", "ex", "junior", "associate", "co"})

# Words that may stand before a role inside a title ("Senior Minister", "Union Minister",
# "Foreign Ministry spokesman" has its own rule); read as title words, never as roles.
ROLE_MODIFIERS = frozenset(
    {
        "vice", "deputy", "acting", "senior", "chief", "foreign", "finance", "defence", "defense", "interior",
        "home", "state", "federal", "regional", "provincial", "presidential", "special", "executive", "assistant",
        "principal", "lieutenant", "top", "interim", "caretaker",
    }
)

# Forms of address that are titles without being roles (lower case, no full stop).
HONORIFICS = frozenset(
    {
        "mr", "mrs", "ms", "miss", "dr", "prof", "professor", "sir", "dame", "lord", "lady", "sheikh",
        "rev", "reverend", "father", "sister", "brother", "madam",
    }
)

# Ranks and their abbreviations (lower case, no full stop).
RANKS = frozenset(
    {
        "gen", "lt", "colonel", "col", "major", "maj", "captain", "capt", "admiral", "adm", "marshal", "sergeant",
        "sgt", "corporal", "cpl", "private", "brigadier", "sen", "rep", "gov", "officer", "official", "champion",
        "seed",
    }
)

# Words that join the words of a title ("Minister of State for Home Affairs").
TITLE_JOINERS = frozenset({"of", "for", "the"})

# Common nouns that stand for an organisation the article named, with the words of a
# name that confirm the kind ("the ministry" is the "Ministry of Finance" rather than
# "Toyota").  An empty tuple: any organisation will do, the nearest first.
ORG_DESCRIPTORS: dict[str, tuple[str, ...]] = {
    "company": (), "firm": (), "group": (), "conglomerate": (), "business": (), "maker": (),
    "carmaker": ("motor", "motors", "auto", "automotive"), "automaker": ("motor", "motors", "auto", "automotive"),
    "drugmaker": ("pharma", "pharmaceutical", "pharmaceuticals", "therapeutics"),
    "chipmaker": ("semiconductor", "semiconductors"), "steelmaker": ("steel",), "planemaker": ("aerospace", "aircraft"),
    "manufacturer": (), "retailer": (), "supermarket": (), "chain": (), "brand": (), "startup": (),
    "bank": ("bank",), "lender": ("bank",), "insurer": ("insurance", "assurance"), "airline": ("airlines", "airways"),
    "carrier": ("airlines", "airways"), "miner": ("mining", "minerals", "resources"),
    "oil company": ("oil", "petroleum", "energy"), "oil major": ("oil", "petroleum", "energy"),
    "utility": ("energy", "power", "electric"), "operator": (), "developer": (), "producer": (), "exporter": (),
    "broadcaster": ("tv", "television", "broadcasting", "radio"), "newspaper": (), "paper": (), "agency": ("agency",),
    "news agency": ("news", "press"), "ministry": ("ministry", "department"), "department": ("department", "ministry"),
    "regulator": ("authority", "commission", "regulator"), "watchdog": ("authority", "commission"),
    "court": ("court", "tribunal"), "bench": ("court",), "party": ("party", "congress", "league", "front", "alliance"),
    "club": (), "team": (), "side": (), "franchise": (), "union": ("union",), "council": ("council",),
    "university": ("university", "college"), "hospital": ("hospital", "clinic"), "exchange": ("exchange", "bourse"),
    "army": ("army", "forces", "military"), "military": ("army", "forces", "military"), "police": ("police",),
    "government": ("government",), "administration": ("administration", "government"),
    "organisation": (), "organization": (), "body": (), "charity": (), "foundation": ("foundation",),
    "index": ("index",), "benchmark": ("index",),
}

# Common nouns that stand for a place the article named.
PLACE_DESCRIPTORS = frozenset(
    {"country", "nation", "city", "capital", "state", "province", "region", "town", "village", "district", "island"}
)

# Words that open a role or descriptor mention and say nothing about the office.
ROLE_DETERMINERS = frozenset(
    {"the", "a", "an", "this", "that", "his", "her", "its", "their", "our", "your", "my", "new", "then"}
)

# Each role phrase as its words, for matching against words already split ("prime minister").
ROLE_PHRASE_WORDS = frozenset(tuple(phrase.split()) for phrases in ROLES.values() for phrase in phrases)


def _words_of_titles() -> frozenset[str]:
    words = {word for phrases in ROLES.values() for phrase in phrases for word in phrase.split()}
    return frozenset((words | HONORIFICS | RANKS | ROLE_MODIFIERS) - TITLE_JOINERS)


# Every word that may be part of a title before a name ("Minister of State for Rural Roads").
TITLE_WORDS = _words_of_titles()
# Words that end a title, so that the capitalised word after them starts a person's name:
# a role's last word, an honorific or a rank ("Justice P Venkatesh", "Dr Jane Doe").
TITLE_HEADS = frozenset({phrase.split()[-1] for phrases in ROLES.values() for phrase in phrases} | HONORIFICS | RANKS)
# Title words that are also ordinary words or parts of names: "General Mills", "Major
# League", "First Solar", "High Court"; a name after them is not a person's by that alone.
AMBIGUOUS_TITLES = frozenset(
    {
        "general", "major", "private", "first", "grand", "high", "chair", "head", "chief", "leader", "speaker",
        "forward", "captain", "officer", "official", "champion", "seed", "director", "manager", "boss", "founder",
        "king", "queen", "prince", "princess", "duke", "crown", "member", "representative", "brother", "sister",
        "father", "lord", "lady",
    }
)


def _organisation_name_words() -> frozenset[str]:
    words = {word for descriptor in ORG_DESCRIPTORS for word in descriptor.split()}
    words.update(word for confirming in ORG_DESCRIPTORS.values() for word in confirming)
    return frozenset(words | {"department", "office", "house", "agency", "inc", "corp", "ltd", "plc", "co", "ag"})


# Words that make a capitalised phrase an organisation's name ("Justice Department").
ORG_NAME_WORDS = _organisation_name_words()
