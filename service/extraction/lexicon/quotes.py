"""Word lists and character tables for quote extraction, kept as data so they can be tuned in one place."""

import re

# Quote marks.  A straight mark's role depends on its neighbours, so it is in
# both tables; "’" is far more often an apostrophe than a closing quote, so it
# only closes a single quote that is already open.
CURLY_DOUBLE_OPENERS = frozenset("“„«")
CURLY_DOUBLE_CLOSERS = frozenset("”»")
# Straight marks, including the two apostrophes some newspapers type for one double mark.
STRAIGHT_DOUBLES = frozenset({'"', "''"})
DOUBLE_OPENERS = CURLY_DOUBLE_OPENERS | STRAIGHT_DOUBLES
DOUBLE_CLOSERS = CURLY_DOUBLE_CLOSERS | STRAIGHT_DOUBLES
QUOTE_MARK_PATTERN = "''|[\"“”„«»‘’']"
# Marks that reopen a quote continued from the previous paragraph.
PARAGRAPH_REOPENERS = ("“", '"', "''", "«")
# Characters that glue a following mark to the word before it (a closing mark after "positively,").
LEFT_BINDING = frozenset(".,;:!?…%")

# Characters that may end the quoted words just before the closing mark and
# show the quote is a whole utterance rather than a phrase ("... positively,”).
UTTERANCE_END = frozenset(",.!?…—-:;")
# Punctuation just inside a closing mark that belongs to the writer's sentence ("a “king,” the general").
NOT_QUOTED_TRAIL = frozenset(",;:")
# Characters after which an opening mark starts a new utterance.
UTTERANCE_START = frozenset(".!?:;—…\n")

# Punctuation between a cue and the quote it introduces ("Putin said: “…”", "he told CNN, “…”").
INTRO_PUNCT = frozenset({",", ":", "—"})
# Words that turn what follows a cue into reported speech rather than a quotation.
COMPLEMENTIZERS = frozenset({"that", "whether", "if", "how", "why"})
# What may follow a closing mark when the quote ended a sentence of its own.
SENTENCE_BREAK = frozenset(".!?,\n—")
# Parts of speech allowed between a closing mark and its cue ("…,” Russian Prime Minister Mishustin also said).
FRAME_POS = frozenset({"PROPN", "NOUN", "DET", "PRON", "ADJ", "NUM", "PART", "ADV", "AUX", "CCONJ", "ADP"})
# How many tokens such a frame may take.
FRAME_WINDOW = 14
# Tokens that end a sentence, so a frame cannot reach past them.
SENTENCE_FINAL = frozenset({".", "!", "?"})
# Parts of speech that head a speaker phrase.
NOUN_POS = frozenset({"PROPN", "NOUN", "PRON"})

# Caps that keep a runaway mark from swallowing the article.
MAX_QUOTE_CHARS = 6000
MAX_QUOTE_PARAGRAPHS = 12
# A preceding sentence this short that ends in ":" ("Putin said:") introduces the quote after it.
MAX_INTRO_TOKENS = 30

# Lemmas of verbs that report speech or writing: their subject is the speaker.
SPEECH_VERBS = frozenset(
    {
        "say", "tell", "add", "note", "warn", "insist", "claim", "state", "declare", "announce", "explain",
        "argue", "assert", "write", "tweet", "post", "report", "reply", "respond", "answer", "ask", "acknowledge",
        "admit", "concede", "confirm", "deny", "suggest", "stress", "emphasize", "emphasise", "reiterate",
        "repeat", "recall", "recount", "predict", "promise", "pledge", "vow", "charge", "allege",
        "complain", "lament", "boast", "joke", "quip", "observe", "remark", "comment", "continue", "conclude",
        "mention", "point", "urge", "caution", "contend", "maintain", "agree", "disclose", "reveal", "indicate",
        "testify", "shout", "yell", "whisper", "scream", "exclaim", "describe", "call", "hail", "praise",
        "criticize", "criticise", "condemn", "accuse", "blame", "thank", "assure", "inform", "counter", "retort",
        "signal", "estimate", "forecast", "propose", "recommend", "demand", "question", "wonder", "muse",
        "email", "text", "tout", "brag", "chide", "scoff", "sniff", "snap", "concur", "speculate", "hint",
        "imply", "proclaim", "profess", "swear", "guarantee", "affirm", "clarify", "elaborate", "specify",
        "quote", "cite", "learn", "find", "show", "opine", "dismiss", "deride", "mock",
        "defend", "slam", "blast", "decry", "denounce", "object", "protest", "interject", "plead", "mutter",
        "retaliate", "bark", "fume", "rail", "gush", "marvel", "press", "read",
    }
)
# Verbs of belief and intention, attributions of a mind rather than a mouth.
THOUGHT_VERBS = frozenset(
    {"think", "believe", "feel", "fear", "hope", "expect", "worry", "doubt", "know", "suspect", "assume", "reckon"}
)
# Cue verbs whose object is the listener, not the speaker ("X told Y").
ADDRESSEE_VERBS = frozenset({"tell", "inform", "assure", "warn", "urge", "ask", "remind", "thank", "promise"})
# Verbs that attribute a quoted fragment when they govern it ("hailed the “substantive” talks").
FRAGMENT_VERBS = SPEECH_VERBS | frozenset({"brand", "label", "dub", "term", "characterize", "characterise", "welcome"})
# Verb forms that report speech after "quoted X as" ("quoted Putin as saying").
QUOTED_AS = frozenset({"quote", "cite"})
# Multi-word cues that take the speaker as object: "according to X".
ACCORDING_TO = ("according", "to")

# Pronouns a speaker may be, with the gender they imply (None: any person).
PERSON_PRONOUNS: dict[str, str | None] = {
    "he": "male", "him": "male", "she": "female", "her": "female", "i": None, "we": None, "they": None,
    "who": None, "you": None,
}
# "X, who ..., said": the relative pronoun is the mention, its antecedent the speaker.
RELATIVE_PRONOUNS = frozenset({"who", "which", "that"})
# The writer, the reader or a crowd: nothing in the text to resolve them to.
UNRESOLVED_PRONOUNS = frozenset({"i", "we", "you", "who"})
# Pronouns that stand for an organisation or a document ("it said").
THING_PRONOUNS = frozenset({"it", "which", "that"})
# Honorifics that reveal a person's gender when they precede the name.
GENDERED_TITLES: dict[str, str] = {
    "mr": "male", "mr.": "male", "sir": "male", "king": "male", "prince": "male", "lord": "male",
    "mrs": "female", "mrs.": "female", "ms": "female", "ms.": "female", "miss": "female", "madam": "female",
    "queen": "female", "princess": "female", "lady": "female", "dame": "female",
}
# Documents and outlets that speak for whoever issued them ("the statement said" after "the Kremlin said").
SOURCE_DOCUMENTS = frozenset(
    {
        "statement", "report", "release", "website", "newspaper", "paper", "outlet", "communique", "announcement",
        "study", "survey", "analysis",
    }
)
# Abbreviated titles as written before names ("Senior Gen. Min Aung Hlaing").
TITLE_ABBREVIATIONS: dict[str, str] = {
    "gen": "general", "lt": "lieutenant", "col": "colonel", "sen": "senator", "gov": "governor",
    "rep": "representative", "pres": "president", "sec": "secretary", "amb": "ambassador", "dr": "doctor",
}
# Determiners that make a description point back to someone already named ("the general", not "a general").
DEFINITE_DETERMINERS = frozenset({"the", "this", "that"})
# Dependencies of the title words written before a name.
TITLE_DEPS = frozenset({"compound", "amod", "nmod", "appos"})
# How many tokens may separate an organisation's name from its cue ("X of Myanmar newspaper reported").
SOURCE_CUE_GAP = 5
# Dependencies of a name that is an object, never the source of what follows it.
OBJECT_DEPS = frozenset({"pobj", "dobj", "dative"})
# Entity labels a speaker may carry.
PERSON_LABELS = frozenset({"PERSON"})
ORG_LABELS = frozenset({"ORG", "NORP", "GPE"})
SPEAKER_LABELS = PERSON_LABELS | ORG_LABELS

# Dependency labels of a speaker: an active subject, or the agent of a passive.
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
# Parts of speech that head a clause, not a noun phrase: no speaker when another subject is there.
CLAUSE_POS = frozenset({"VERB", "AUX"})
# Parts of a speaker phrase that are not the name itself.
SPEAKER_EXCLUDED_DEPS = frozenset({"relcl", "appos", "punct", "prep", "acl", "cc", "conj", "advcl"})
# Prepositions whose phrase belongs to a speaker description ("the head of state", "a spokesman for X").
ROLE_PREPOSITIONS = frozenset({"of", "for"})
# Dependencies that hold the reported content of a cue verb.
CONTENT_DEPS = frozenset({"ccomp"})
# How the parser sometimes attaches a "that" clause to the channel noun instead of the verb.
MISATTACHED_CONTENT_DEPS = frozenset({"acl", "relcl", "ccomp"})
# "Transcript" speaker tags at the start of a paragraph ("PENCE: Well, look ...").
MAX_TAG_WORDS = 4

# Not quotes.  Quote marks also set off titles ("Morning Joe", "State of the Union") and scare quotes
# (an “isolationist” policy); neither is something a person said.  A quoted fragment this short with no
# speaker is a scare quote: on PolNeAR train nine in ten such fragments are no attribution.
MAX_SCARE_QUOTE_WORDS = 3
# Words a title leaves in lower case ("Orange is the New Black", "Midday with Charlie Sykes").
TITLE_SMALL_WORDS = frozenset(
    {
        "a", "an", "the", "and", "or", "nor", "but", "of", "in", "on", "at", "to", "for", "with", "by", "from",
        "as", "vs", "vs.", "v", "is", "are", "be", "de", "la", "du", "van", "von", "per", "via", "into", "over",
    }
)
# Words just before a quoted title that show it names a work ("CNN's “State of the Union”", "the show “Scandal”").
POSSESSIVE_ENDINGS = ("'s", "’s", "s'", "s’")
WORK_NOUNS = frozenset(
    {
        "show", "programme", "program", "series", "film", "movie", "documentary", "book", "novel", "memoir",
        "album", "song", "single", "play", "musical", "column", "headline", "titled", "entitled", "called",
        "podcast", "broadcast", "newsletter", "magazine", "episode", "segment", "hashtag", "slogan", "banner",
    }
)
TITLE_PREPOSITIONS = frozenset({"on"})

# Channels a quote comes through ("said in a statement", "wrote on Twitter", "told Reuters").
CHANNEL_PREPOSITIONS = frozenset({"in", "on", "via", "through", "during"})
CHANNEL_NOUNS = frozenset(
    {
        "statement", "interview", "tweet", "post", "email", "e-mail", "letter", "release", "briefing", "video",
        "message", "broadcast", "podcast", "op-ed", "column", "blog", "memo", "filing", "communique", "speech",
        "address", "conference", "newsletter", "note", "report", "radio", "television", "tv",
    }
)
CHANNEL_PLATFORMS = frozenset(
    {"twitter", "x", "facebook", "instagram", "telegram", "linkedin", "weibo", "youtube", "tiktok", "threads"}
)
# Words in the name of a news organisation ("told Reuters", "according to the RIA news agency").
OUTLET_WORDS = frozenset(
    {
        "reuters", "afp", "ap", "bloomberg", "xinhua", "tass", "ria", "interfax", "ani", "pti", "upi", "dpa", "efe",
        "ansa", "yonhap", "kyodo", "bernama", "bbc", "cnn", "nbc", "abc", "cbs", "msnbc", "fox", "npr", "pbs",
        "sky", "itv", "cnbc", "cctv", "rt", "jazeera", "news", "agency", "times", "post", "journal", "tribune",
        "herald", "telegraph", "guardian", "gazette", "daily", "press", "radio", "television", "tv", "broadcaster",
        "newspaper", "magazine", "channel", "wire", "politico", "axios",
    }
)

# A dash after a closing mark that signs the quote ("“…” — Commissioner Ana Starks").
DASH_SIGNATURE = re.compile(r"[ \t]*[,.]?[ \t]*(?P<dash>—|–|--|-)[ \t]*(?=[A-Z])")
# The words a signature may hold besides its name ("— Ana Starks, the city's commissioner" stops at the comma).
SIGNATURE_POS = frozenset({"PROPN", "NOUN", "DET", "ADJ", "ADP", "PUNCT", "PART", "CCONJ"})
SIGNATURE_END = frozenset({",", ".", "(", ";", "!", "?"})
MAX_SIGNATURE_TOKENS = 8
# Speakers that are several people, so no single voice carries on into the next quote.
PLURAL_PRONOUNS = frozenset({"they", "we", "who"})
PLURAL_TAGS = frozenset({"NNS", "NNPS"})
# How far back (in characters) the last speaker is still the one a "he said" most likely means.
SPEAKER_MEMORY_CHARS = 600
# How far a name may start into its speaker mention ("Russian President Vladimir Putin").
TITLE_SPAN_CHARS = 60
# The most words a person's name runs to ("Ahmed Rafiq Hassan", "Adewale Oluseun Ige-Bamidele").
MAX_NAME_WORDS = 4
# How many cue words near a quote are tried for its speaker (bounds the work in a runaway sentence).
MAX_CUES_TRIED = 6
# How many earlier speakers are recalled when a pronoun looks for the last one.
MAX_SPEAKERS_RECALLED = 40
# Sentences looked back through for a named subject of a speech verb that a pronoun may continue.
CUE_SENTENCES_RECALLED = 6

# Speech verbs that, with a noun-phrase object and no clause, mean something else: "reported a 12 percent
# rise", "posted a loss", "showed growth", "recorded a deficit".  They are cues only with a clause or a quote.
OBJECT_SENSE_VERBS = frozenset(
    {
        "report", "post", "show", "find", "learn", "indicate", "signal", "forecast", "estimate", "predict",
        "reveal", "disclose", "record", "continue", "point", "maintain", "answer", "text", "repeat", "recall",
        "announce", "confirm", "promise", "pledge", "propose", "recommend", "demand", "question", "tout", "cite",
        "press",
    }
)
# Children of a verb that give it a content of its own, so the words before ", X <verb>" are not its content.
INVERTED_BLOCKERS = frozenset({"dobj", "ccomp", "xcomp", "attr", "acomp"})
# Verbs that report speech only with their particle ("shot back", "hit back", "fired back").
PARTICLE_SPEECH_VERBS: dict[str, str] = {"shoot": "back", "hit": "back", "fire": "back", "lash": "out", "speak": "out"}
# Punctuation that ends a lead-in before a "Name: “…”" attribution ("Pollsters agree - Carl Bialik: “…”").
LEAD_SEPARATORS = frozenset({"-", "—", "–", "--", ";"})
# Marks written inside a name without spaces ("Ige-Bamidele", "O'Neill").
NAME_JOINERS = frozenset({"-", "'", "’"})
