"""Words the dateline finder reads, kept as data."""

# Month names and the abbreviations agencies use in datelines ("Sept. 28", "Oct 18").
DATELINE_MONTHS = frozenset(
    {
        "January", "February", "March", "April", "May", "June", "July", "August", "September",
        "October", "November", "December",
        "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec",
    }
)

# Labels editors put before a colon or dash at the start of an article or paragraph;
# lower-cased.  They sit where a dateline's place would and are not places.
NOT_DATELINE_PLACES = frozenset(
    {
        "analysis", "breaking", "breaking news", "comment", "correction", "editorial", "editor's note",
        "exclusive", "explainer", "factbox", "factcheck", "fact check", "feature", "file", "interview",
        "live", "note", "opinion", "photo", "photos", "q", "a", "read", "read more", "related", "review",
        "source", "sources", "update", "updated", "video", "watch", "warning", "advertisement", "sponsored",
        "column", "letters", "obituary", "podcast", "poll", "quiz", "timeline", "profile", "preview",
    }
)
