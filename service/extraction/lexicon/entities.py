"""Entity labels and the word lists the entity extractor uses, kept as data."""

# spaCy labels reported as entities; numeric labels belong to quantities.
ENTITY_LABELS = frozenset(
    {"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "EVENT", "PRODUCT", "LAW", "WORK_OF_ART", "LANGUAGE", "DATE", "TIME"}
)

# Labels whose text is a time expression, not a name: cleaned, but never split at numbers,
# propagated or merged by name.
TIME_LABELS = frozenset({"DATE", "TIME"})

# When one name carries several labels in a document, the most frequent wins; ties go to
# the earlier label here.  GPE comes first because spaCy's usual slip is a place read as a
# person or an organisation, rarely the reverse.
LABEL_PRIORITY = ("GPE", "PERSON", "ORG", "LOC", "NORP", "FAC", "EVENT", "PRODUCT", "WORK_OF_ART", "LAW", "LANGUAGE")

# Names whose type does not follow from the tagger: seats of government used for the
# government itself, and place names spaCy rarely recognises.
LABEL_OVERRIDES = {
    "kremlin": "ORG",
    "white house": "ORG",
    "pentagon": "ORG",
    "downing street": "ORG",
    "elysee": "ORG",
    "élysée": "ORG",
    "naypyidaw": "GPE",
    "naypyitaw": "GPE",
    "nay pyi taw": "GPE",
}

# Names in which a leading capitalised "The" belongs to the name (lower-cased here).
THE_NAMES = frozenset({"the hague", "the gambia", "the bahamas", "the netherlands"})

# Words that start a spaCy span but never a name (lower-cased).
LEADING_JUNK = frozenset(
    {"the", "a", "an", "and", "or", "but", "of", "by", "for", "to", "in", "on", "at", "with", "from", "as", "via"}
)

# Page furniture that spaCy appends to a name ("AP Photo"); lower-case words are cut off
# the end of a name anyway.
TRAILING_JUNK = frozenset({"photo", "photos", "image", "images", "video", "file", "pictures"})

# Page furniture and table headings that spaCy reads as names when they stand alone.
JUNK_NAMES = frozenset(
    {
        "file", "photo", "source", "image", "video", "attendance", "extras", "total", "note", "update", "advertisement",
        "celsius", "fahrenheit", "kelvin",
    }
)

# Words that stand between two names but never inside one ("Leeds at York",
# "Leeds v York").
NAME_SEPARATORS = frozenset({"at", "v", "vs", "vs.", "versus", "via"})

# Punctuation allowed inside a name ("AT&T", "Procter & Gamble", "U.S.").
NAME_PUNCTUATION = frozenset({"&", "."})

# Last words of a company's legal name (lower case, no full stop): "Apple Inc." is "Apple".
COMPANY_SUFFIXES = frozenset(
    {"inc", "corp", "co", "ltd", "plc", "llc", "ag", "sa", "nv", "spa", "gmbh", "corporation", "limited"}
)

# Words skipped when an acronym is formed from a name's initials ("Bank of England" -> BOE).
ACRONYM_SKIP = frozenset({"of", "and", "the", "for", "de", "la", "du", "des", "&"})
# Punctuation between a name and the alias introduced after it: "Acme Relief, known as" / "Acme Relief (known as".
ALIAS_OPENERS = frozenset({",", "(", "\u2014", "-"})

# Nationality and regional adjectives: a person span that starts with one ("American
# Dennis Mitchell") starts with a separate NORP mention instead.
DEMONYMS = frozenset(
    {
        "afghan", "albanian", "algerian", "american", "angolan", "argentine", "argentinian", "armenian",
        "australian", "austrian", "azerbaijani", "bahraini", "bangladeshi", "belarusian", "belgian",
        "bolivian", "bosnian", "brazilian", "british", "bulgarian", "burmese", "burundian", "cambodian",
        "cameroonian", "canadian", "chechen", "chilean", "chinese", "colombian", "congolese", "croatian",
        "cuban", "cypriot", "czech", "danish", "dutch", "ecuadorian", "egyptian", "english", "eritrean",
        "estonian", "ethiopian", "european", "filipino", "finnish", "french", "georgian", "german",
        "ghanaian", "greek", "guatemalan", "haitian", "honduran", "hungarian", "icelandic", "indian",
        "indonesian", "iranian", "iraqi", "irish", "israeli", "italian", "ivorian", "jamaican",
        "japanese", "jordanian", "kazakh", "kenyan", "korean", "kosovar", "kurdish", "kuwaiti", "kyrgyz",
        "lao", "latvian", "lebanese", "liberian", "libyan", "lithuanian", "macedonian", "malaysian",
        "malian", "maltese", "mexican", "moldovan", "mongolian", "montenegrin", "moroccan",
        "mozambican", "namibian", "nepalese", "nigerian", "norwegian", "pakistani", "palestinian",
        "panamanian", "paraguayan", "peruvian", "polish", "portuguese", "qatari", "romanian", "russian",
        "rwandan", "saudi", "scottish", "senegalese", "serbian", "singaporean", "slovak", "slovenian",
        "somali", "spanish", "sri lankan", "sudanese", "swedish", "swiss", "syrian", "taiwanese",
        "tajik", "tanzanian", "thai", "tunisian", "turkish", "turkmen", "ugandan", "ukrainian",
        "uruguayan", "uzbek", "venezuelan", "vietnamese", "welsh", "yemeni", "yugoslav", "zambian",
        "zimbabwean", "asian", "african", "arab", "western", "eastern", "northern", "southern",
    }
)


# Words (lower case, base forms: endings are added when matched) that mark a sports
# report; with scores ("2-1") they make a
# document one, where a place's name is mostly its team's.
SPORTS_WORDS = frozenset(
    {
        "match", "goal", "season", "league", "cup", "coach", "striker", "midfielder", "goalkeeper", "innings",
        "inning", "wicket", "tournament", "championship", "playoff", "semi-final", "semifinal", "quarter-final",
        "final", "penalty", "referee", "victory", "defeat", "draw", "squad", "fixture", "kick-off", "halftime",
        "half-time", "scorer", "stadium", "batsman", "bowler", "pitcher", "homer", "touchdown", "quarterback",
        "relegation", "promotion", "title", "champion", "standings", "division", "club", "team", "side", "bench",
        "substitute", "score", "beat", "defeat", "win", "lose", "overs", "run", "set", "serve", "race", "marathon",
    }
)
# Last words of a club's or team's name ("Harbury City", "Bolton Wanderers", "Deccan Tigers").
CLUB_WORDS = frozenset(
    {
        "fc", "afc", "cf", "sc", "city", "united", "town", "rovers", "athletic", "athletico", "wanderers", "albion",
        "county", "hotspur", "forest", "villa", "rangers", "celtic", "orient", "argyle", "palace", "wednesday",
        "tigers", "lions", "kings", "giants", "bulls", "eagles", "hawks", "sharks", "warriors", "knights",
        "titans", "stars", "royals", "rockets", "raiders", "chiefs", "saints", "blues", "reds", "dons",
    }
)
# Prepositions that make the name after them a place ("in Boston", "at Chesterfield").
LOCATIVE_PREPOSITIONS = frozenset({"in", "at", "from", "near", "outside", "across", "into", "around", "throughout"})
# Nouns of the game that a team's name modifies ("a Karlsruhe goal", "the Villa fans"),
# unlike the nouns a place's name modifies ("the Boston marathon").
TEAM_NOUNS = frozenset(
    {
        "goal", "side", "team", "fan", "squad", "player", "supporter", "defence", "defense", "attack", "win",
        "victory", "defeat", "lead", "innings", "total", "bowler", "batsman", "line-up", "lineup", "debut",
    }
)
# Last words of a business's name that say what it does ("Kelvane Telecoms", "Ostrava
# Cement"): a name ending in one is an organisation, not a person.
BUSINESS_WORDS = frozenset(
    {
        "telecoms", "telecom", "telecommunications", "hydro", "cement", "plantations", "holdings", "industries",
        "resources", "mining", "minerals", "energy", "petroleum", "airlines", "airways", "motors", "bank",
        "insurance", "assurance", "properties", "foods", "pharmaceuticals", "pharma", "systems", "technologies",
        "electronics", "steel", "chemicals", "logistics", "communications", "networks", "securities",
        "investments", "ventures", "breweries", "brewery", "group", "enterprises", "capital", "partners",
        "shipping", "refinery", "textiles", "berhad", "bhd", "tbk",
    }
)
# Last words of an event's name ("Lisbon Olympics", "Dunmore Marathon", "Rowing
# World Championships").
EVENT_WORDS = frozenset(
    {
        "olympics", "paralympics", "marathon", "championships", "championship", "games", "grand prix", "festival",
        "expo", "summit", "revolution", "war", "world cup", "open", "tournament", "derby", "regatta", "rally",
    }
)
# Labels that open a line of page furniture ("Source: Al Jazeera", "Photo: AFP"); the
# names on such a line credit someone and are not entities of the story (lower case).
FURNITURE_LABELS = frozenset(
    {
        "source", "sources", "photo", "photos", "photo credit", "image", "image credit", "picture", "credit",
        "credits", "video", "watch", "read more", "also read", "related", "file photo", "caption", "graphic",
        "edited by", "reporting by", "writing by", "additional reporting by", "copyright",
    }
)
# Last words of a law's name ("Kelso Agreement", "Water Boards Ordinance").
LAW_WORDS = frozenset(
    {"act", "ordinance", "agreement", "treaty", "accord", "accords", "constitution", "bill", "charter", "protocol",
     "amendment", "statute", "directive", "code"}
)  # fmt: skip
# Last words of a place's name ("Dunmore Shire", "Harlow County", "Vostrava People's Republic").
PLACE_WORDS = frozenset(
    {"shire", "county", "district", "province", "prefecture", "republic", "republics", "oblast", "governorate",
     "municipality", "borough", "township", "territory", "emirate"}
)  # fmt: skip
# Nouns that follow a facility's name ("the Outer Tessel wind farm", "the Hoover dam").
FACILITY_NOUNS = frozenset(
    {"farm", "plant", "stadium", "airport", "dam", "bridge", "mine", "oilfield", "refinery", "reactor", "facility",
     "pipeline", "terminal", "station", "arena"}
)  # fmt: skip
# Verbs of a price or an index moving; their subject is a share or an index, not a person.
PRICE_MOVE_VERBS = frozenset(
    {"rise", "fall", "gain", "climb", "slump", "drop", "add", "lose", "shed", "slip", "advance", "decline", "jump",
     "surge", "tumble", "plunge", "edge", "ease", "firm", "rally", "retreat", "dip", "sink", "soar", "slide"}
)  # fmt: skip
# Words after a figure that make it a price or an index move ("11 sen", "37 points").
PRICE_UNITS = frozenset({"percent", "per", "pct", "sen", "cents", "cent", "pence", "points", "point", "bps"})
