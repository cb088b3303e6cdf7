"""Who said it: speakers through roles, context, datelines and signatures, each on an invented sentence."""

from __future__ import annotations

from spacy.tokens import Doc

from service.extraction.model import Entity, Quote, Span
from service.extraction.quotes.cues import subject_of
from service.extraction.quotes.mentions import MentionIndex


def _quotes(extractor, text: str) -> list[Quote]:
    return extractor.extract(text, include=["quotes"]).quotes


def _quote_with(quotes: list[Quote], snippet: str) -> Quote:
    matching = [q for q in quotes if snippet in q.text]
    assert matching, f"no quote contains {snippet!r}: {[q.text for q in quotes]}"
    return matching[0]


def test_the_premier_is_the_prime_minister_named_earlier(extractor):
    text = "Prime Minister Arjun Mehta won the vote on Sunday. “We accept the verdict of the people,” the Premier said."
    quote = _quote_with(_quotes(extractor, text), "verdict of the people")
    assert quote.speaker.text == "the Premier"
    assert quote.speaker.name == "Arjun Mehta"


def test_the_head_of_state_keeps_its_whole_mention_and_names_the_president(extractor):
    text = "President Kofi Mensah toured Tamale on Friday. “I will stand strong,” the head of state said."
    quote = _quote_with(_quotes(extractor, text), "I will stand strong")
    assert quote.speaker.text == "the head of state"
    assert quote.speaker.name == "Kofi Mensah"


def test_the_interior_minister_is_not_the_prime_minister(extractor):
    text = (
        "Interior Minister Tom Reed and Prime Minister Ann Lee met on Monday. "
        "The interior minister said the border would stay open."
    )
    quote = _quote_with(_quotes(extractor, text), "the border would stay open")
    assert quote.speaker.name == "Tom Reed"


def test_the_carmaker_is_the_company_and_the_statement_is_the_channel(extractor):
    text = "Toyota cut its forecast on Friday. The carmaker said in a statement that sales would fall."
    quote = _quote_with(_quotes(extractor, text), "sales would fall")
    assert quote.speaker.name == "Toyota"
    assert quote.via is not None and quote.via.text == "in a statement"


def test_title_comma_name_takes_the_name_and_the_quote_leaves_its_marks_out(extractor):
    text = "The Finance Minister, Jane Doe said on Tuesday “growth will return next year.”"
    quote = _quote_with(_quotes(extractor, text), "growth will return")
    assert quote.speaker.name == "Jane Doe"
    assert quote.text.startswith("growth") and "“" not in quote.text and "”" not in quote.text


def test_a_dateline_is_never_a_speaker(extractor):
    text = "KANDAHAR: The governor will not step down, a spokesman for the party said."
    quotes = _quotes(extractor, text)
    assert quotes
    for quote in quotes:
        assert quote.speaker is None or "KANDAHAR" not in quote.speaker.text
        assert "KANDAHAR" not in quote.text


def test_a_sentence_before_reporting_one_persons_speech_gives_the_quote_its_speaker(extractor):
    text = (
        "After the final the runner-up, Maria Lopez, said she would return next year.\n\n"
        "“It has been an amazing two weeks and I loved every minute.”"
    )
    quote = _quote_with(_quotes(extractor, text), "amazing two weeks")
    assert quote.speaker is not None and quote.speaker.name == "Maria Lopez"


def test_a_quote_after_said_colon_belongs_to_the_one_who_said_it(extractor):
    text = "Coach Ben Ortiz spoke after the match. He said:\n\n“We played well and we will be back.”"
    quote = _quote_with(_quotes(extractor, text), "We played well")
    assert quote.speaker is not None and quote.speaker.name == "Ben Ortiz"


def test_a_colon_hands_the_quote_to_the_subject_before_it_without_a_speech_verb(extractor):
    text = "Rosa Diaz leaned forward and smiled: “We will win this.”"
    quote = _quote_with(_quotes(extractor, text), "We will win this")
    assert quote.speaker.name == "Rosa Diaz"


def test_according_to_him_is_an_indirect_quote_of_the_person_before(extractor):
    text = "Senator Paul Grant spoke to farmers on Monday. According to him, the deal is close."
    quote = _quote_with(_quotes(extractor, text), "the deal is close")
    assert quote.kind == "indirect"
    assert quote.speaker.text == "him" and quote.speaker.name == "Paul Grant"


def test_a_dash_signature_names_the_speaker(extractor):
    text = "“We will not stop until the job is done.” — Commissioner Ana Starks"
    quote = _quote_with(_quotes(extractor, text), "We will not stop")
    assert quote.kind == "direct"
    assert quote.speaker.name == "Ana Starks"


def test_wrote_on_twitter_gives_the_writer_and_the_platform(extractor):
    text = "Mayor Tim Cole wrote on Twitter that the bridge would reopen."
    quote = _quote_with(_quotes(extractor, text), "the bridge would reopen")
    assert quote.speaker.name == "Tim Cole"
    assert quote.via.text == "on Twitter"


def test_added_continues_with_the_pronoun_resolved(extractor):
    text = "“The plan is sound,” Mayor Tim Cole said. “It will work,” he added."
    quote = _quote_with(_quotes(extractor, text), "It will work")
    assert quote.cue.text == "added"
    assert quote.speaker.name == "Tim Cole"


def test_an_age_between_commas_does_not_break_the_attribution(extractor):
    text = "Tim Cole, 54, said the plant would close in May."
    quote = _quote_with(_quotes(extractor, text), "the plant would close")
    assert quote.speaker.name == "Tim Cole"


def test_a_surname_speaker_is_named_with_the_full_name_written_earlier(extractor):
    text = "Striker Tomas Brekkevold scored twice. “I was nervous,” Brekkevold said."
    quote = _quote_with(_quotes(extractor, text), "I was nervous")
    assert quote.speaker.name == "Tomas Brekkevold"


def test_paragraphs_of_one_quotation_are_quotes_of_the_same_speaker(extractor):
    text = "“We played well in the first half.\n\n“We will be back next year,” Coach Ben Ortiz said."
    quotes = _quotes(extractor, text)
    first = _quote_with(quotes, "first half")
    second = _quote_with(quotes, "back next year")
    assert first is not second
    assert first.kind == second.kind == "direct"
    assert first.speaker.name == second.speaker.name == "Ben Ortiz"
    assert "“" not in first.text and "\n" not in first.text


def test_a_result_reported_after_a_dateline_is_no_quote(extractor):
    text = "FRANKFURT (Reuters) - Norvik Health reported a 12 percent rise in quarterly profit on Monday."
    assert _quotes(extractor, text) == []


def test_shot_back_is_a_reply_that_attributes_the_quote(extractor):
    quote = _quote_with(_quotes(extractor, "“That is simply not true,” Senator Ruth Oyo shot back."), "not true")
    assert quote.cue.text == "shot"
    assert quote.speaker.name == "Ruth Oyo"


def test_a_hyphenated_surname_is_named_with_the_full_name(extractor):
    text = "Governor Ada Obi-Eze opened the bridge on Monday. “It is not a competition,” Obi-Eze said."
    quote = _quote_with(_quotes(extractor, text), "not a competition")
    assert quote.speaker.name == "Ada Obi-Eze"


def test_a_written_text_that_reads_a_quote_is_its_source(extractor):
    quote = _quote_with(_quotes(extractor, '"Our campaign has already forced a change," read the email.'), "forced a change")
    assert quote.cue.text == "read"
    assert quote.speaker.text == "the email"


def test_a_former_premier_is_not_the_premier_said_later(extractor):
    text = (
        "Prime Minister Arjun Mehta spoke in Pune on Monday. Speaking about former premier Ravi Kapoor's trial, "
        "the premier said, “The courts will decide.”"
    )
    quote = _quote_with(_quotes(extractor, text), "The courts will decide")
    assert quote.speaker.name == "Arjun Mehta"


def test_he_needs_a_person_written_in_full_or_titled(nlp):
    text = "Jane Doe spoke about Brexit. Brexit dominated."
    doc = nlp(text)
    jane = Entity(id="E1", name="Jane Doe", label="PERSON", salience=1.0, mentions=[Span("Jane Doe", 0, 8)])
    brexit = Entity(
        id="E2", name="Brexit", label="PERSON", salience=0.5,
        mentions=[Span("Brexit", 21, 27), Span("Brexit", 29, 35)],
    )
    index = MentionIndex.build(doc, [jane, brexit])
    assert index.looks_personal(jane)
    assert not index.looks_personal(brexit)


def test_the_report_is_the_body_whose_named_report_spoke_before(extractor):
    text = (
        "Fish stocks in the northern lakes fell by a third last year, the annual Lake Watch Trust report said on "
        "Tuesday. Anglers caught fewer trout than in any year since 1990. "
        "Stocks will recover only if nets are banned for five years, the study found."
    )
    quote = _quote_with(_quotes(extractor, text), "nets are banned")
    assert quote.speaker.text == "the study"
    assert quote.speaker.name == "Lake Watch Trust"


def test_he_after_a_reported_speaker_keeps_to_that_speaker(extractor):
    text = (
        "Governor Nadia Okafor on Monday vowed that the bridge will reopen and warned union leader Tom Baraka "
        "she would not back down.\n\n"
        "“The work is done. We will not wait for anyone,” she said in Enugu."
    )
    quote = _quote_with(_quotes(extractor, text), "We will not wait")
    assert quote.speaker.name == "Nadia Okafor"


def test_a_clause_parsed_as_a_second_subject_is_not_the_speaker(nlp):
    words = ["Objecting", "to", "the", "plan", ",", "Doe", "said", "no", "."]
    heads = [6, 0, 3, 1, 6, 6, 6, 6, 6]
    deps = ["nsubj", "prep", "det", "pobj", "punct", "nsubj", "ROOT", "dobj", "punct"]
    pos = ["VERB", "ADP", "DET", "NOUN", "PUNCT", "PROPN", "VERB", "INTJ", "PUNCT"]
    doc = Doc(nlp.vocab, words=words, heads=heads, deps=deps, pos=pos)
    assert subject_of(doc[6]).text == "Doe"


def test_a_name_the_parser_reads_as_a_modal_before_said_is_the_speaker(extractor):
    text = (
        "Home Secretary Olivia May visited Leeds on Monday.\n\n"
        "“We will not close the station until the review is done,” May said, adding that talks would go on."
    )
    quote = _quote_with(_quotes(extractor, text), "We will not close the station")
    assert quote.speaker.text == "May"
    assert quote.speaker.name == "Olivia May"


def test_of_two_nominal_subjects_the_one_next_to_the_cue_is_the_speaker(nlp):
    words = ["Oslo", ":", "Mayor", "Jan", "Berg", "on", "Monday", "said", "no", "."]
    heads = [7, 0, 4, 4, 7, 7, 5, 7, 7, 7]
    deps = ["nsubj", "punct", "compound", "compound", "nsubj", "prep", "pobj", "ROOT", "dobj", "punct"]
    pos = ["PROPN", "PUNCT", "PROPN", "PROPN", "PROPN", "ADP", "PROPN", "VERB", "INTJ", "PUNCT"]
    doc = Doc(nlp.vocab, words=words, heads=heads, deps=deps, pos=pos)
    assert subject_of(doc[7]).text == "Berg"
