"""Word lists and tables for quantity extraction, kept as data.

Keys are lower-case unless a comment says otherwise.  The code in
``service/extraction/quantities/`` holds no word lists of its own.
"""

from __future__ import annotations

# --- numbers written as words -------------------------------------------------

NUMBER_WORDS: dict[str, float] = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30,
    "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
}  # fmt: skip

# Words that multiply what precedes them ("two hundred", "4 hundred million").
SCALE_WORDS: dict[str, float] = {
    "hundred": 1e2, "thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12,
    "dozen": 12, "lakh": 1e5, "lakhs": 1e5, "crore": 1e7, "crores": 1e7,
}  # fmt: skip

# Abbreviated multipliers glued to or right after digits ("$260m", "£1.2bn", "25k").
# Case matters: "M" and "B" are millions and billions, lower-case "m" may be metres.
MULTIPLIER_ABBREVIATIONS: dict[str, float] = {
    "k": 1e3, "K": 1e3, "m": 1e6, "M": 1e6, "mn": 1e6, "mln": 1e6, "mil": 1e6, "MM": 1e6,
    "b": 1e9, "B": 1e9, "bn": 1e9, "bln": 1e9, "bil": 1e9, "tn": 1e12, "trn": 1e12, "tril": 1e12, "T": 1e12,
}  # fmt: skip

# "m" and "b" read as million/billion only after money or before a counted noun;
# these words after "5m" say it is a length ("5m long").
METRE_CONTEXT_WORDS = frozenset({"long", "wide", "high", "tall", "deep", "away", "above", "below", "thick", "across"})

# "hundreds of", "tens of thousands of": approximate amounts open upwards.
PLURAL_SCALES: dict[str, float] = {
    "dozens": 12, "scores": 20, "tens": 10, "hundreds": 1e2, "thousands": 1e3, "millions": 1e6,
    "billions": 1e9, "trillions": 1e12,
}  # fmt: skip

# "several hundred", "a few thousand": approximate amounts open upwards, as "hundreds of".
VAGUE_QUANTIFIERS = frozenset({"several", "few", "many", "some"})

# Denominators of fractions in words ("a third of", "two-thirds", "three-quarters").
FRACTION_WORDS: dict[str, float] = {
    "half": 2, "halves": 2, "third": 3, "thirds": 3, "quarter": 4, "quarters": 4, "fourth": 4, "fourths": 4,
    "fifth": 5, "fifths": 5, "sixth": 6, "sixths": 6, "eighth": 8, "eighths": 8, "tenth": 10, "tenths": 10,
}  # fmt: skip

# Fraction words that are also counted nouns: "four quarters" (of a year) are four, "three quarters of" a fraction.
COUNTED_FRACTION_WORDS = frozenset({"quarters"})

# Unicode fraction characters ("⅓ cup", "2½ miles").
VULGAR_FRACTIONS: dict[str, float] = {
    "½": 1 / 2, "⅓": 1 / 3, "⅔": 2 / 3, "¼": 1 / 4, "¾": 3 / 4, "⅕": 1 / 5, "⅖": 2 / 5, "⅗": 3 / 5, "⅘": 4 / 5,
    "⅙": 1 / 6, "⅚": 5 / 6, "⅛": 1 / 8, "⅜": 3 / 8, "⅝": 5 / 8, "⅞": 7 / 8,
}  # fmt: skip

# Verbs that multiply an amount; a number is there even though no digit is ("trebling that capacity").
MULTIPLYING_WORDS: dict[str, float] = {
    "doubling": 2, "doubled": 2, "doubles": 2, "tripling": 3, "tripled": 3, "triples": 3, "trebling": 3,
    "trebled": 3, "trebles": 3, "quadrupling": 4, "quadrupled": 4, "quadruples": 4,
}  # fmt: skip

# "sixfold", "tenfold": the number word before "fold".
FOLD_SUFFIX = "fold"

# --- things that look like numbers but are not quantities ---------------------

MONTHS = frozenset(
    {
        "january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
        "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov",
        "dec", "jan.", "feb.", "mar.", "apr.", "jun.", "jul.", "aug.", "sep.", "sept.", "oct.", "nov.", "dec.",
    }
)  # fmt: skip

# A bare four-digit number after one of these is a year ("since 2013", "in 2021").
YEAR_CUES = frozenset(
    {"in", "since", "by", "until", "till", "from", "before", "after", "during", "between", "year", "season",
     "fiscal", "fy", "mid", "early", "late", "summer", "winter", "spring", "autumn", "through", "circa", "c.", "ca."}
)  # fmt: skip
# Words in a DATE entity that make its number part of a date, not a duration ("last year", "May").
DATE_WORDS = frozenset({"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "ago", "last",
                        "next", "this", "previous", "earlier", "later"})  # fmt: skip
# "one" after these is a pronoun ("the same one", "each one").
PRONOUN_ONE_CUES = frozenset({"the", "same", "this", "that", "each", "every", "any", "no", "which", "another", "a",
                              "an", "only", "little", "big", "new", "old", "last", "first", "right", "wrong", "other"})  # fmt: skip
# Glued letters after digits that are never units there ("Model 3s", "the 1990s").
NOT_GLUED_UNITS = frozenset({"s", "a"})

# Words after a number that make it a clock time ("2 p.m.", "5am").
TIME_OF_DAY_WORDS = frozenset({"am", "pm", "a.m.", "p.m.", "a.m", "p.m", "gmt", "utc", "bst", "edt", "est", "et", "pt", "o'clock", "o’clock", "hrs"})

# A number right after one of these is part of a name ("S&P 500", "Part 3", "iPhone 11").
NAME_PREFIXES = frozenset(
    {"s&p", "sp", "ftse", "stoxx", "nasdaq", "dow", "russell", "nikkei", "dax", "cac", "kospi", "asx", "nifty",
     "sensex", "iphone", "galaxy", "pixel", "windows", "ios", "android", "watch", "model", "part", "article",
     "section", "chapter", "page", "category", "level", "stage", "phase", "version", "room", "flight", "route",
     "channel", "covid", "euro", "apollo", "no", "no.", "nos", "number", "act", "resolution", "amendment",
     "formula", "row", "gate", "terminal", "platform", "figure", "table", "season", "episode", "volume", "vol",
     "vol.", "issue", "grade", "class", "type", "tier", "division", "league", "world", "serie", "ligue",
     "bundesliga", "premier", "region", "district", "block", "unit", "highway", "interstate", "street", "avenue",
     "pro", "max", "plus", "mini", "ultra", "top", "under-", "u", "exit", "junction", "gate"}
)  # fmt: skip

# Units that in news pages only come with page furniture (the "− 16 px" font-size control).
FURNITURE_UNITS = frozenset({"pixel"})
# Counters under a headline ("1.2K views", "34 comments") when they stand on a line of their own.
FURNITURE_NOUNS = frozenset({"views", "view", "comments", "comment", "shares", "likes", "reads", "reactions"})

# --- bounds and changes -------------------------------------------------------

# Phrases right before a number (lower-case, space-separated tokens), longest first wins.
BOUND_PHRASES: dict[str, str] = {
    "at least": "at_least", "no less than": "at_least", "no fewer than": "at_least", "a minimum of": "at_least",
    "not less than": "at_least", "upwards of": "more_than",
    "more than": "more_than", "over": "more_than", "above": "more_than", "in excess of": "more_than",
    "exceeding": "more_than", "just over": "more_than", "greater than": "more_than", "higher than": "more_than",
    "surpassed": "more_than", "beyond": "more_than", "north of": "more_than", "well over": "more_than",
    "nearly": "approximate", "almost": "approximate", "about": "approximate", "around": "approximate",
    "approximately": "approximate", "roughly": "approximate", "some": "approximate", "an estimated": "approximate",
    "estimated": "approximate", "approx.": "approximate", "approx": "approximate", "circa": "approximate",
    "close to": "approximate", "~": "approximate", "≈": "approximate", "c.": "approximate",
    "up to": "at_most", "at most": "at_most", "no more than": "at_most", "a maximum of": "at_most",
    "as much as": "at_most", "not more than": "at_most",
    "under": "less_than", "less than": "less_than", "fewer than": "less_than", "below": "less_than",
    "just under": "less_than", "lower than": "less_than", "sub-": "less_than", "sub": "less_than",
    "shy of": "less_than",
}  # fmt: skip
# Words before a bound phrase that make it something else ("the lead up to 5G").
NOT_BOUND_BEFORE: dict[str, tuple[str, ...]] = {"up to": ("lead", "run", "build", "leading", "running", "building")}

# Verbs (lemmas) and adverbs that make the amount right after them a rise or a fall.
INCREASE_WORDS = frozenset(
    {"rise", "rose", "risen", "up", "increase", "gain", "grow", "climb", "jump", "surge", "soar", "add", "advance",
     "boost", "raise", "lift", "rally", "spike", "leap", "expand", "higher", "widen", "improve"}
)  # fmt: skip
DECREASE_WORDS = frozenset(
    {"fall", "fell", "drop", "down", "decrease", "decline", "lose", "shed", "slip", "slide", "slid", "plunge",
     "plummet", "tumble", "sink", "dip", "ease", "cut", "reduce", "lower", "shrink", "contract",
     "retreat", "slump", "crash", "narrow", "trim", "weaken"}
)  # fmt: skip
# Words right after an amount that make it a change ("a 12 percent rise", "21.7% higher", "12 sen lower").
INCREASE_AFTER_WORDS = frozenset({"rise", "increase", "gain", "jump", "surge", "growth", "climb", "hike", "higher", "stronger", "lift",
                                  "up", "advance", "rally", "spike", "leap", "boost"})  # fmt: skip
DECREASE_AFTER_WORDS = frozenset({"fall", "drop", "decline", "decrease", "cut", "slump", "dip", "plunge", "lower",
                                  "down", "loss", "contraction", "slide", "reduction", "tumble", "weaker"})  # fmt: skip
# The word between a change and the level it reaches ("rose 2% to $5", "12 sen lower at RM18.40"),
# and the verbs that may come with it ("to end at", "to reach").
LEVEL_LINKS = frozenset({"to", "at"})
LEVEL_BREAK_WORDS = frozenset({"but", "while", "whereas", "and", "although", "though", "yet"})
LEVEL_VERBS = frozenset({"reach", "end", "close", "settle", "finish", "stand", "hit", "trade"})
# Words that may sit between a change verb and its amount ("rose by about 40%").
CHANGE_GAP_WORDS = frozenset({"by", "a", "an", "further", "another", "some", "nearly", "almost", "about", "around",
                              "roughly", "more", "than", "over", "just", "under", "approximately", "up", "down",
                              "as", "much", "at", "least", "only", "minus", "to"})  # fmt: skip
# Phrasal verbs whose "up"/"down" is no rise or fall ("gave up 310 yards", "boiling down to $14").
PHRASAL_NO_CHANGE = frozenset({"give", "make", "set", "take", "boil", "break", "shut", "back", "sum", "lead",
                               "write", "put", "turn", "play", "bring", "hold", "settle", "count", "narrow"})  # fmt: skip
# These change words count only when the amount is a proportion or an index move,
# so that "cut 500 jobs" is a count, not a fall of 500.
CHANGE_NEEDS_RATIO = frozenset({"cut", "add", "shed", "lose", "raise", "lift", "boost", "reduce", "lower", "trim", "pick"})
RATIO_UNITS = frozenset({"percentage", "basis point", "point", "percentage point"})
RATIO_WORDS = frozenset({"points", "point", "pts", "percentage", "basis"})
# Between an amount and its restatement, which shares its bound and change ("100 km (60 miles)", "140 points, or 0.5%").
RESTATING_LINKS = frozenset({"(", "/", ", or", "or", "(or", "or about"})

# --- ranges -------------------------------------------------------------------

RANGE_CONNECTORS = frozenset({"to", "-", "–", "—", "and", "through", "until", "till", "or", "up to"})
RANGE_OPENERS = frozenset({"between", "from"})

# A bare number borrows the unit of the next amount across these ("about 8 or $9", "4210.55 up 31.20 points"),
# and a percentage from the previous one only across these.
ELLIPSIS_NEXT_LINKS = frozenset({"or", "up", "down", "to", "and"})
ELLIPSIS_RATIO_LINKS = frozenset({"or", "and", ","})
# ... and an index level from the points of its move ("fell 42 points to 7,315").
ELLIPSIS_LEVEL_UNITS = frozenset({"point"})

# Between the parts of a compound amount ("3 dollars 50 cents", "three hours, four minutes and nine seconds").
COMPOUND_LINKS = frozenset({"", " ", ", ", " and ", ", and ", " , "})
# Units written one after the other as one amount: (larger, next smaller) of one system ("6 ft 2 in").
COMPOUND_UNITS = frozenset({("foot", "inch"), ("yard", "foot"), ("mile", "yard"), ("stone", "pound-mass"),
                            ("pound-mass", "ounce"), ("metre", "centimetre"), ("kilogram", "gram"), ("day", "hour"),
                            ("hour", "minute"), ("minute", "second"), ("week", "day"), ("year", "month")})  # fmt: skip

# --- currencies ---------------------------------------------------------------

# Currency codes, names and symbols come from CLDR (``quantities/currencies.py``); these are
# the spellings news uses that CLDR lacks, and they win over it.
# Written before the amount (exact case): symbol -> ISO 4217.
NEWS_CURRENCY_PREFIXES: dict[str, str] = {
    "US$": "USD", "US $": "USD", "$US": "USD", "U.S.$": "USD", "USD $": "USD",
    "A$": "AUD", "AU$": "AUD", "$A": "AUD", "AUD $": "AUD", "C$": "CAD", "C $": "CAD", "CAD $": "CAD",
    "HK$": "HKD", "HK $": "HKD", "NZ$": "NZD", "NZ $": "NZD", "NZD $": "NZD", "S$": "SGD", "S $": "SGD", "SGD $": "SGD",
    "Mex$": "MXN", "MX$": "MXN", "NT$": "TWD", "PS": "GBP", "Y=": "JPY", "RMB": "CNY", "Rs": "INR", "Rs.": "INR",
    "₹": "INR", "RM": "MYR", "₿": "BTC", "Sfr": "CHF", "SFr.": "CHF", "Fr.": "CHF", "₦": "NGN", "N": "NGN",
    "R": "ZAR", "Ks": "MMK", "K": "MMK", "Ksh": "KES", "KSh": "KES", "¥": "JPY", "₩": "KRW", "₽": "RUB",
    "₡": "CRC", "₾": "GEL", "₭": "LAK", "₪": "ILS", "₱": "PHP", "฿": "THB", "₺": "TRY", "€": "EUR", "£": "GBP",
}  # fmt: skip
# Prefixes that are also ordinary capital letters: only read as money when glued to the digits ("R25", "N85,000").
GLUED_ONLY_PREFIXES = frozenset({"R", "K", "Ks", "PS", "N"})
# ISO codes that are also English words written in capitals ("ALL 5 candidates"): no currency.
CODES_THAT_ARE_WORDS = frozenset({"ALL", "TOP", "CUP", "PEN", "MAD", "SOS", "BAM", "MOP", "AMD", "BOB", "ANG", "CVE"})
# ISO codes starting with X that are money (the others are gold, funds and test codes).
MONEY_X_CODES = frozenset({"XOF", "XAF", "XCD", "XPF"})

# Written after the amount (lower-case, may be several words): name -> ISO 4217.
NEWS_CURRENCY_WORDS: dict[str, str] = {
    "dollars": "USD", "dollar": "USD", "u.s. dollars": "USD", "euros": "EUR", "euro": "EUR",
    "pounds sterling": "GBP", "sterling": "GBP", "roubles": "RUB", "rubles": "RUB", "rouble": "RUB", "ruble": "RUB",
    "kyat": "MMK", "kyats": "MMK", "yuan": "CNY", "renminbi": "CNY", "rmb": "CNY", "yen": "JPY",
    "shekels": "ILS", "shekel": "ILS", "new shekels": "ILS", "rupees": "INR", "rupee": "INR",
    "danish crowns": "DKK", "swedish crowns": "SEK", "norwegian crowns": "NOK", "won": "KRW", "baht": "THB",
    "ringgit": "MYR", "pesos": "MXN", "rand": "ZAR", "francs": "CHF", "swiss francs": "CHF", "lira": "TRY",
    "naira": "NGN", "dirhams": "AED", "riyals": "SAR", "rupiah": "IDR", "dong": "VND", "taka": "BDT",
    "hryvnia": "UAH", "hryvnias": "UAH", "kuna": "HRK", "zloty": "PLN", "reais": "BRL",
    "btc": "BTC", "bitcoin": "BTC", "bitcoins": "BTC", "₿": "BTC",
}  # fmt: skip
# Names of the currencies CLDR does not list.
NEWS_CURRENCY_NAMES: dict[str, str] = {"BTC": "bitcoin"}
# Money only after a multiplier ("20 million pounds"); otherwise a weight ("lost 25 pounds").
MASS_OR_MONEY_WORDS: dict[str, str] = {"pounds": "GBP", "pound": "GBP"}
# Words after a number that make a lower-case "m" metres, not millions ("a 1m wall").
FUNCTION_WORDS = frozenset({"is", "was", "are", "were", "and", "or", "of", "in", "on", "at", "to", "by", "from",
                            "the", "a", "an", "for", "with", "than", "as", "per", "has", "had", "will", "would"})  # fmt: skip
# Words after the amount that name the currency meant by a bare "$" ("$75 U.S.", "$20 Canadian").
DOLLAR_QUALIFIERS: dict[str, str] = {
    "us": "USD", "u.s.": "USD", "canadian": "CAD", "australian": "AUD", "singapore": "SGD", "hong kong": "HKD",
    "nz": "NZD", "new zealand": "NZD",
}  # fmt: skip
# Minor units: word -> (ISO code of the major unit, factor, unit name).
MINOR_CURRENCY_WORDS: dict[str, tuple[str, float, str]] = {
    "cents": ("USD", 0.01, "cent"), "cent": ("USD", 0.01, "cent"), "c": ("USD", 0.01, "cent"),
    "pence": ("GBP", 0.01, "penny"), "p": ("GBP", 0.01, "penny"), "sen": ("MYR", 0.01, "sen"),
    "paise": ("INR", 0.01, "paisa"), "paisa": ("INR", 0.01, "paisa"), "kopecks": ("RUB", 0.01, "kopeck"),
    "kopeks": ("RUB", 0.01, "kopeck"), "kopeck": ("RUB", 0.01, "kopeck"), "kobo": ("NGN", 0.01, "kobo"),
}  # fmt: skip
# Currencies divided into cents: "cents" belongs to the one of these the document is about ("R4.20 ... 35.80c").
CENT_CURRENCIES = frozenset({"USD", "EUR", "ZAR", "AUD", "CAD", "NZD", "SGD", "HKD", "TWD", "JMD", "TTD", "KES",
                             "UGX", "TZS", "XCD", "BBD", "BSD", "GYD", "LRD", "NAD", "BWP", "FJD", "MXN", "BRL"})  # fmt: skip
GLUED_ONLY_MINOR = frozenset({"p", "c"})

# --- symbols read from the clause ---------------------------------------------

# Cue words (lower-case words or lemmas of the sentence, else of the document) for each reading.
MONEY_CUES = frozenset(
    {"cost", "costs", "price", "prices", "priced", "pay", "paid", "pays", "spend", "spent", "buy", "bought", "sell",
     "sold", "worth", "fine", "fined", "bank", "withdraw", "withdrew", "withdrawn", "deposit", "deposited", "salary",
     "wage", "wages", "earn", "earned", "earns", "money", "cash", "bill", "fee", "fees", "fare", "ticket", "budget",
     "fund", "funds", "loan", "debt", "tax", "taxes", "profit", "revenue", "sales", "charge", "charged", "donate",
     "donated", "raise", "raised", "share", "shares", "stock", "dividend", "litre", "liter", "gallon", "cheap",
     "expensive", "pricey", "afford", "currency", "exchange", "euro", "euros", "dollar", "dollars", "bet", "won",
     "win", "prize", "jackpot", "compensation", "rent", "invest", "invested", "coffee", "beer", "meal", "costing"}
)  # fmt: skip
MASS_CUES = frozenset(
    {"weigh", "weighs", "weighed", "weighing", "weight", "heavy", "heavier", "light", "lighter", "lose", "lost",
     "gain", "gained", "fish", "catch", "caught", "parcel", "package", "bag", "bags", "load", "lift", "lifted",
     "baby", "born", "body", "kg", "kilograms", "tons", "ounces", "lb", "lbs", "diet", "obese", "muscle"}
)  # fmt: skip
SPEED_CUES = frozenset(
    {"speed", "speeds", "wind", "winds", "gust", "gusts", "knots", "sail", "sailed", "sailing", "yacht", "boat",
     "ship", "vessel", "ferry", "cruise", "made", "making", "steam", "steamed", "hurricane", "storm", "typhoon",
     "cyclone", "blow", "blowing", "fast", "faster", "sea", "nautical", "aircraft", "plane", "airspeed"}
)  # fmt: skip
TEMPERATURE_CUES = frozenset(
    {"temperature", "temperatures", "degrees", "degree", "heat", "heatwave", "hot", "hotter", "cold", "colder",
     "warm", "warmer", "weather", "shade", "freezing", "frost", "thermometer", "celsius", "fahrenheit", "climate",
     "warming", "boil", "boiling", "oven", "forecast", "sunny", "chilly", "mercury", "scorching", "fever", "humid",
     "cool", "cooler", "thaw", "snow", "low", "high", "highs", "lows", "water"}
)  # fmt: skip
INDIA_CUES = frozenset({"india", "indian", "delhi", "mumbai", "kolkata", "chennai", "bengaluru", "bangalore",
                        "hyderabad", "crore", "crores", "lakh", "lakhs", "sensex", "nifty", "modi", "bjp", "rbi"})  # fmt: skip
PAKISTAN_CUES = frozenset({"pakistan", "pakistani", "karachi", "lahore", "islamabad", "rawalpindi", "peshawar",
                           "punjab", "sindh", "pti", "pml", "pml-n", "ppp", "kse"})  # fmt: skip
SRI_LANKA_CUES = frozenset({"sri", "lanka", "lankan", "colombo"})
NEPAL_CUES = frozenset({"nepal", "nepali", "nepalese", "kathmandu"})
CHINA_CUES = frozenset({"china", "chinese", "beijing", "shanghai", "shenzhen", "yuan", "renminbi", "rmb", "pboc"})
NIGERIA_CUES = frozenset({"nigeria", "nigerian", "nigerians", "lagos", "abuja", "naira", "kano", "ibadan"})
MYANMAR_CUES = frozenset({"myanmar", "burma", "burmese", "yangon", "naypyidaw", "kyat"})
ANGLE_CUES = frozenset({"angle", "angles", "turn", "turned", "rotate", "rotated", "rotation", "tilt", "tilted", "slope",
                        "incline", "latitude", "longitude", "arc", "bend", "pitch", "heading", "bearing"})  # fmt: skip
ZAMBIA_CUES = frozenset({"zambia", "zambian", "lusaka", "kwacha"})

# One table of the symbols news writes for more than one thing: surface as written (exact case, then
# lower case) -> its readings.  A reading is "currency:ISO", "unit:<unit name>", "minor:<ISO>" (a
# hundredth of that currency) or "none", with the cue words that choose it; the first reading is the
# default when no cue is found in the sentence or, failing that, the document.
AMBIGUOUS_SYMBOLS: dict[str, tuple[tuple[str, frozenset[str]], ...]] = {
    "pounds": (("unit:pound-mass", MASS_CUES), ("currency:GBP", MONEY_CUES)),
    "pound": (("unit:pound-mass", MASS_CUES), ("currency:GBP", MONEY_CUES)),
    "kn": (("unit:knot", SPEED_CUES), ("currency:HRK", MONEY_CUES)),
    "c": (("minor:USD", MONEY_CUES), ("unit:degree Celsius", TEMPERATURE_CUES)),
    "C": (("unit:degree Celsius", TEMPERATURE_CUES), ("minor:USD", MONEY_CUES)),
    "F": (("unit:degree fahrenheit", TEMPERATURE_CUES),),
    "¥": (("currency:JPY", frozenset()), ("currency:CNY", CHINA_CUES)),
    "Rs": (("currency:INR", INDIA_CUES), ("currency:PKR", PAKISTAN_CUES), ("currency:LKR", SRI_LANKA_CUES),
           ("currency:NPR", NEPAL_CUES)),
    "Rs.": (("currency:INR", INDIA_CUES), ("currency:PKR", PAKISTAN_CUES), ("currency:LKR", SRI_LANKA_CUES),
            ("currency:NPR", NEPAL_CUES)),
    "rupees": (("currency:INR", INDIA_CUES), ("currency:PKR", PAKISTAN_CUES), ("currency:LKR", SRI_LANKA_CUES),
               ("currency:NPR", NEPAL_CUES)),
    "N": (("none", frozenset()), ("currency:NGN", NIGERIA_CUES)),  # "N95 masks" unless the story is Nigerian
    "K": (("none", frozenset()), ("currency:MMK", MYANMAR_CUES), ("currency:ZMW", ZAMBIA_CUES)),
    # "18 degrees" says neither Celsius nor Fahrenheit, nor always an angle: plain "degree" unless the clause says.
    "degrees": (("unit:degree", frozenset()), ("unit:degree angle", ANGLE_CUES)),
    "degree": (("unit:degree", frozenset()), ("unit:degree angle", ANGLE_CUES)),
}  # fmt: skip

# --- units --------------------------------------------------------------------

# Unit surfaces quantulum3 lacks (surface, exact case -> quantulum3 unit name or our own name).
EXTRA_UNIT_SURFACES: dict[str, str] = {
    "per cent": "percentage", "percent": "percentage", "pct": "percentage", "pc": "percentage",
    "percentage points": "percentage point", "percentage point": "percentage point",
    "basis points": "basis point", "bps": "basis point", "bp": "basis point",
    "m.p.h.": "mile per hour", "m.p.h": "mile per hour", "km/h": "kilometre per hour", "kph": "kilometre per hour",
    "kmh": "kilometre per hour", "mpg": "mile per gallon", "bhp": "brake horsepower", "PS": "horsepower",
    "GWh": "gigawatt hour", "MWh": "megawatt hour", "TWh": "terawatt hour", "kWh": "kilowatt hour",
    "Wh": "watt hour", "GW": "gigawatt", "TW": "terawatt", "μm": "micrometre", "µm": "micrometre",
    "ksi": "kilopound per square inch", "m2": "square metre", "m²": "square metre", "km2": "square kilometre",
    "km²": "square kilometre", "m3": "cubic metre", "m³": "cubic metre", "sqm": "square metre",
    "sq km": "square kilometre", "sq mi": "square mile", "lb-ft": "foot pound-force", "ml": "millilitre",
    "mL": "millilitre", "HZ": "hertz", "gigatonnes": "gigatonne", "gigatons": "gigatonne", "gigatonne": "gigatonne",
    "megatonnes": "megatonne", "megatons": "megatonne", "drams": "dram", "dram": "dram", "Calories": "kilocalorie",
    "calories": "kilocalorie", "kcal": "kilocalorie", "years old": "year of age", "year-old": "year of age",
    "year old": "year of age", "miles per gallon": "mile per gallon", "miles per hour": "mile per hour",
    "kilometres per hour": "kilometre per hour", "kilometers per hour": "kilometre per hour",
    "metres per second": "metre per second", "meters per second": "metre per second", "years-old": "year of age", "-year-old": "year of age", "month-old": "month of age",
    "months old": "month of age", "-month-old": "month of age", "degrees celsius": "degree Celsius", "degrees fahrenheit": "degree fahrenheit", "°C": "degree Celsius",
    "°F": "degree fahrenheit", "C": "degree Celsius", "Celsius": "degree Celsius", "Fahrenheit": "degree fahrenheit",
    "kn": "knot", "kt": "knot", "knots": "knot", "px": "pixel", "pixels": "pixel", "metric tons": "tonne",
    "metric tonnes": "tonne", "tonnes": "tonne", "tons": "ton", "ton": "ton", "litres": "litre", "liters": "litre",
    "liter": "litre", "litre": "litre", "l": "litre", "L": "litre", "ppg": "point per game", "rpg": "rebound per game",
    "apg": "assist per game", "WAR": "win above replacement", "G": "generation wireless", "hectares": "hectare",
    "hectare": "hectare", "nautical miles": "nautical mile", "terawatt hours": "terawatt hour",
    "megawatt hours": "megawatt hour", "gigawatt hours": "gigawatt hour", "yo": "year of age",
    "y.o.": "year of age", "degrees c": "degree Celsius", "degrees f": "degree fahrenheit", "deg c": "degree Celsius",
    "deg f": "degree fahrenheit", "deg celsius": "degree Celsius", "deg fahrenheit": "degree fahrenheit",
    "kmph": "kilometre per hour", "km/hr": "kilometre per hour", "μg": "microgram", "µg": "microgram",
    "celcius": "degree Celsius", "farenheit": "degree fahrenheit", "degrees celcius": "degree Celsius",
    "degrees farenheit": "degree fahrenheit", "degrees centigrade": "degree Celsius", "centigrade": "degree Celsius",
    "GtCO2": "gigatonne", "GtCO2e": "gigatonne", "MtCO2": "megatonne", "MtCO2e": "megatonne", "magnitude": "magnitude",
    "points": "point", "point": "point", "pts": "point", "° Celsius": "degree Celsius", "° celsius": "degree Celsius",
    "° Fahrenheit": "degree fahrenheit", "° fahrenheit": "degree fahrenheit", "° C": "degree Celsius",
    "° F": "degree fahrenheit", "gigawatt hour": "gigawatt hour",
    "megawatt hour": "megawatt hour", "terawatt hour": "terawatt hour", "kilowatt hour": "kilowatt hour",
}  # fmt: skip
# Units written before the number ("a magnitude 6.8 quake", "magnitude-5.6"): word -> unit name.
PREFIX_UNITS: dict[str, str] = {"magnitude": "magnitude"}
# Adjectives that may stand between a number and its unit ("three consecutive days", "two straight weeks").
UNIT_GAP_ADJECTIVES = frozenset({"consecutive", "straight", "successive", "full", "whole", "long", "more", "extra",
                                 "additional", "further", "solid", "calendar"})  # fmt: skip

# Surfaces quantulum3 reads several ways: the one a news reader means.
PREFERRED_UNITS: dict[str, str] = {
    "minutes": "minute", "minute": "minute", "min": "minute", "mins": "minute", "seconds": "second",
    "second": "second", "pounds": "pound-mass", "pound": "pound-mass", "lbs": "pound-mass", "mm": "millimetre",
    "nm": "nanometre", "Nm": "newton metre", "kt": "knot", "F": "degree fahrenheit", "g": "gram",
    "GB": "gigabyte", "MW": "megawatt", "degrees": "degree angle", "degree": "degree angle", "tons": "ton",
    "p": "penny", "ml": "millilitre", "ounces": "ounce", "oz": "ounce", "gallons": "gallon", "gallon": "gallon",
    "times": "count",
}  # fmt: skip

# Symbols that are ordinary words when they stand apart from the digits ("a key", "in 2010"):
# read as units only when glued to the number ("5in").
WORD_LIKE_SYMBOLS = frozenset(
    {"a", "in", "at", "is", "as", "am", "pm", "an", "do", "i", "I", "A", "s", "t", "h", "y", "Y", "d", "b", "B",
     "G", "F", "C", "K", "L", "l", "P", "p", "g", "c", "e", "E", "N", "V", "W", "J", "T", "H", "S", "R", "M", "mi",
     "min", "sec", "hr", "st", "pt", "ft", "yd", "ha", "pc", "kn", "gal", "cal", "dr", "mo", "wk", "yr",
     "per", "bar", "are", "rad", "tonne", "point", "points", "year", "pa", "Pa", "Gy", "nt", "ct", "ma", "ms", "WAR"}
)  # fmt: skip
# ... except these, which news writes spaced ("5 ft", "20 hrs", "3 min").
# ... and these only at the end of a clause or before "thick", "long" ("2 in thick", "2 in.").
SPACED_SYMBOLS_AT_END = frozenset({"in"})
SPACED_SYMBOLS_OK = frozenset({"points", "point", "pts", "kn", "ft", "yd", "ha", "min", "sec", "hr", "mi", "gal", "cal", "W", "V", "C", "F", "L", "WAR"})

# quantulum3 unit entities that are not units in news ("2 pairs", "3 times"): the noun is the object.
NON_UNIT_ENTITIES = frozenset({"dimensionless", "typographical element"})
# quantulum3 units that in news are ordinary words ("the 1994 quarter", "a pact").
IGNORED_UNIT_NAMES = frozenset({"quarter", "set", "pair", "score", "gross", "stone", "league"})
# ... except these dimensionless units, which are real units.
DIMENSIONLESS_UNITS = frozenset(
    {"percentage", "parts-per-million", "parts-per-billion", "basis point", "percentage point", "pixel",
     "point per game", "rebound per game", "assist per game", "win above replacement", "generation wireless",
     "count"}
)  # fmt: skip

# Symbols that write a rate in one word: symbol -> (unit of the numerator, the denominator).
RATE_SYMBOLS: dict[str, tuple[str, str]] = {"bpd": ("barrel", "day"), "b/d": ("barrel", "day"), "bbl/d": ("barrel", "day")}

# After "a year" these make it a time, not a rate ("$1.17 billion a year earlier").
NOT_RATE_AFTER = frozenset({"earlier", "ago", "before", "later", "after", "on", "back", "prior"})
# Time units in words: "a day", "per year" make rates ("barrels a day").
TIME_UNIT_WORDS: dict[str, str] = {
    "year": "year", "annum": "year", "month": "month", "week": "week", "day": "day", "hour": "hour",
    "minute": "minute", "second": "second", "night": "night", "game": "game", "share": "share", "person": "person",
    "head": "person", "capita": "person", "dozen": "dozen", "barrel": "barrel", "tonne": "tonne", "ton": "ton", "gram": "gram",
    "kilogram": "kilogram", "pound": "pound", "ounce": "ounce", "gallon": "gallon", "litre": "litre", "liter": "litre",
}  # fmt: skip

# SI normalisation: unit name -> (SI unit, factor, offset); value_si = value * factor + offset.
SI_UNITS: dict[str, tuple[str, float, float]] = {
    "metre": ("m", 1, 0), "kilometre": ("m", 1e3, 0), "centimetre": ("m", 1e-2, 0), "millimetre": ("m", 1e-3, 0),
    "micrometre": ("m", 1e-6, 0), "nanometre": ("m", 1e-9, 0), "mile": ("m", 1609.344, 0),
    "nautical mile": ("m", 1852, 0), "foot": ("m", 0.3048, 0), "inch": ("m", 0.0254, 0), "yard": ("m", 0.9144, 0),
    "light-year": ("m", 9.4607e15, 0),
    "square metre": ("m²", 1, 0), "square kilometre": ("m²", 1e6, 0), "square foot": ("m²", 0.09290304, 0),
    "square mile": ("m²", 2589988.11, 0), "hectare": ("m²", 1e4, 0), "acre": ("m²", 4046.8564224, 0),
    "square inch": ("m²", 0.00064516, 0), "square centimetre": ("m²", 1e-4, 0),
    "cubic metre": ("m³", 1, 0), "cubic foot": ("m³", 0.028316846592, 0), "litre": ("m³", 1e-3, 0),
    "millilitre": ("m³", 1e-6, 0), "cubic centimetre": ("m³", 1e-6, 0), "gallon": ("m³", 0.003785411784, 0),
    "barrel": ("m³", 0.158987294928, 0), "pint": ("m³", 0.000473176473, 0), "quart": ("m³", 0.000946352946, 0),
    "kilogram": ("kg", 1, 0), "gram": ("kg", 1e-3, 0), "milligram": ("kg", 1e-6, 0), "microgram": ("kg", 1e-9, 0),
    "tonne": ("kg", 1e3, 0), "metric ton": ("kg", 1e3, 0), "ton": ("kg", 907.18474, 0), "short ton": ("kg", 907.18474, 0),
    "megatonne": ("kg", 1e9, 0), "gigatonne": ("kg", 1e12, 0), "pound-mass": ("kg", 0.45359237, 0),
    "ounce": ("kg", 0.028349523125, 0), "stone": ("kg", 6.35029318, 0), "dram": ("kg", 0.0017718451953125, 0),
    "second": ("s", 1, 0), "millisecond": ("s", 1e-3, 0), "minute": ("s", 60, 0), "hour": ("s", 3600, 0),
    "day": ("s", 86400, 0), "week": ("s", 604800, 0), "month": ("s", 2629746, 0), "year": ("s", 31556952, 0),
    "decade": ("s", 315569520, 0), "century": ("s", 3155695200, 0),
    "watt": ("W", 1, 0), "kilowatt": ("W", 1e3, 0), "megawatt": ("W", 1e6, 0), "gigawatt": ("W", 1e9, 0),
    "terawatt": ("W", 1e12, 0), "milliwatt": ("W", 1e-3, 0), "horsepower": ("W", 745.69987158227, 0),
    "brake horsepower": ("W", 745.69987158227, 0),
    "joule": ("J", 1, 0), "kilojoule": ("J", 1e3, 0), "megajoule": ("J", 1e6, 0), "watt hour": ("J", 3600, 0),
    "kilowatt hour": ("J", 3.6e6, 0), "megawatt hour": ("J", 3.6e9, 0), "gigawatt hour": ("J", 3.6e12, 0),
    "terawatt hour": ("J", 3.6e15, 0), "calorie": ("J", 4.184, 0), "kilocalorie": ("J", 4184, 0),
    "degree Celsius": ("K", 1, 273.15), "degree fahrenheit": ("K", 5 / 9, 255.3722222222222), "kelvin": ("K", 1, 0),
    "metre per second": ("m/s", 1, 0), "kilometre per hour": ("m/s", 1 / 3.6, 0),
    "mile per hour": ("m/s", 0.44704, 0), "knot": ("m/s", 0.514444444, 0),
}  # fmt: skip

# quantulum3 entity (dimension) name -> our kind.
KIND_BY_DIMENSION: dict[str, str] = {
    "power": "power", "energy": "energy", "length": "length", "area": "area", "volume": "volume", "mass": "mass",
    "speed": "speed", "temperature": "temperature", "time": "duration", "currency": "money",
}  # fmt: skip
KIND_BY_UNIT: dict[str, str] = {
    "percentage": "percentage", "percentage point": "percentage", "year of age": "age", "month of age": "age",
    "week of age": "age", "day of age": "age",
    "kilocalorie": "energy", "gigatonne": "mass", "megatonne": "mass", "brake horsepower": "power",
    "gigawatt hour": "energy", "megawatt hour": "energy", "terawatt hour": "energy", "kilowatt hour": "energy",
    "watt hour": "energy", "dram": "mass", "knot": "speed", "magnitude": "other", "point": "other",
}  # fmt: skip
# After a time unit, these make it an age ("ten months old", "6 weeks of age").
AGE_SUFFIX_RE = r"(?:[\s-]+old\b|\s+of\s+age\b)"
# Dimensions of our own units (quantulum3 lacks them).
EXTRA_UNIT_DIMENSIONS: dict[str, str] = {
    "percentage point": "dimensionless", "year of age": "time", "month of age": "time", "gigatonne": "mass",
    "megatonne": "mass", "dram": "mass", "kilopound per square inch": "pressure",
    "foot pound-force": "torque", "mile per gallon": "fuel economy", "brake horsepower": "power",
    "gigawatt hour": "energy", "terawatt hour": "energy", "megawatt hour": "energy", "kilometre per hour": "speed",
    "kilocalorie": "energy", "millilitre": "volume", "penny": "currency", "cent": "currency", "sen": "currency",
    "kopeck": "currency",
}  # fmt: skip

# --- kinds from the counted noun and its verb ---------------------------------

PEOPLE_NOUNS = frozenset(
    {"people", "person", "persons", "civilian", "civilians", "soldier", "soldiers", "child", "children", "man",
     "men", "woman", "women", "resident", "residents", "protester", "protesters", "protestor", "protestors",
     "student", "students", "worker", "workers", "fighter", "fighters", "troops", "troop", "villager",
     "villagers", "pedestrian", "pedestrians", "passenger", "passengers", "migrant", "migrants", "refugee",
     "refugees", "militant", "militants", "officer", "officers", "policeman", "policemen", "journalist",
     "journalists", "patient", "patients", "member", "members", "rebel", "rebels", "demonstrator",
     "demonstrators", "victim", "victims", "inhabitant", "inhabitants", "individual", "individuals", "adult",
     "adults", "infant", "infants", "baby", "babies", "teenager", "teenagers", "prisoner", "prisoners",
     "personnel", "staff", "crew", "citizen", "citizens", "others", "casualties", "casualty", "deaths", "death",
     "fatalities", "fatality", "dead", "bodies", "lives"}
)  # fmt: skip
DEATH_WORDS = frozenset(
    {"kill", "killed", "die", "died", "dead", "death", "deaths", "fatalities", "fatality", "toll", "murder",
     "murdered", "slay", "slain", "execute", "executed", "massacre", "massacred", "perish", "perished", "lives"}
)  # fmt: skip
INJURY_WORDS = frozenset({"injure", "injured", "injuries", "wound", "wounded", "hurt", "injury", "maim", "maimed"})
AGE_WORDS = frozenset({"aged", "age", "ages"})
# Counted nouns that are the dead whatever the verb ("two bodies were recovered").
BODY_NOUNS = frozenset({"bodies", "body", "corpses", "remains"})

# What money is, named before the amount in its clause ("net income rose to", "a fine of", "a deal worth").
MONEY_OBJECTS = frozenset(
    {"revenue", "revenues", "sales", "turnover", "profit", "profits", "income", "earnings", "ebit", "ebitda", "loss",
     "losses", "fine", "fines", "penalty", "budget", "deal", "aid", "loan", "loans", "debt", "investment", "funding",
     "bonus", "salary", "price", "cost", "costs", "fee", "dividend", "bid", "offer", "compensation", "damages", "grant",
     "subsidy", "tax", "spending", "package", "contract", "valuation", "capital", "deficit", "surplus", "bailout",
     "settlement", "ransom", "reward", "prize", "wage", "wages", "pay", "rent", "fund", "stimulus", "allocation",
     "outlay", "expenditure", "value", "worth", "assets", "cash", "proceeds", "buyback", "payout", "heps", "eps"}
)  # fmt: skip
# Nouns after a number that never are the thing counted ("2,000 of them": them).
NON_OBJECT_WORDS = frozenset({"times", "time", "percent", "cent", "%"})
