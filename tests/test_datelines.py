"""Datelines found in plain text: one invented opening per form agencies use."""

from __future__ import annotations

import pytest

from service.extraction.datelines import find_dateline, find_datelines


def parts(text: str) -> tuple[str | None, str | None, str | None, str | None]:
    dateline = find_dateline(text)
    assert dateline is not None, text
    assert text[dateline.start : dateline.end] == dateline.text
    for span in (dateline.place, dateline.region, dateline.date, dateline.agency):
        assert span is None or text[span.start : span.end] == span.text
    return tuple(None if span is None else span.text for span in (dateline.place, dateline.region, dateline.date, dateline.agency))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("KARACHI: Traders closed their shops on Monday.", ("KARACHI", None, None, None)),
        ("LONDON (Reuters) - Copper prices slipped on Tuesday.", ("LONDON", None, None, "Reuters")),
        ("NEW DELHI, Oct 18 (ANI): The panel met again.", ("NEW DELHI", None, "Oct 18", "ANI")),
        ("Navi Mumbai [India], Oct 21 (ANI): The council met again.", ("Navi Mumbai", "India", "Oct 21", "ANI")),
        ("TOKYO (Reuters) \u2013 Exporters gained ground.", ("TOKYO", None, None, "Reuters")),
        ("WASHINGTON \u2014 Lawmakers returned to work.", ("WASHINGTON", None, None, None)),
        ("Sept. 28 (UPI) \u2014 A storm reached the coast.", (None, None, "Sept. 28", "UPI")),
        ("SAN JUAN, Puerto Rico (AP):\n\nThe ferry left late.", ("SAN JUAN", "Puerto Rico", None, "AP")),
        ("Oslo, Nov 3: Ministers agreed a budget.", ("Oslo", None, "Nov 3", None)),
        ("Lima: Miners went on strike.", ("Lima", None, None, None)),
        ("PERTH -- The council voted.", ("PERTH", None, None, None)),
        ("QUITO, Ecuador 2024-05-01\nThe ferry left late.", ("QUITO", "Ecuador", "2024-05-01", None)),
        ("DAKAR (Xinhua/APS) -- Fishermen protested.", ("DAKAR", None, None, "Xinhua/APS")),
    ],
)
def test_dateline_forms(text, expected):
    assert parts(text) == expected


def test_dateline_text_excludes_the_closing_mark():
    dateline = find_dateline("BERN, Oct 2 (AFP) - Voters said no.")
    assert dateline is not None and dateline.text == "BERN, Oct 2 (AFP)"


def test_a_paragraph_may_open_with_a_dateline():
    text = "Voters said no.\n\nGENEVA (AFP) - Turnout was low."
    assert find_dateline(text) is None
    assert [d.text for d in find_datelines(text)] == ["GENEVA (AFP)"]


@pytest.mark.parametrize(
    "text",
    [
        "Norway, already a leader in hydropower, is building more.",  # a sentence, not a dateline
        "Update: the vote has been postponed.",  # an editor's label
        "EXCLUSIVE - Bank weighs sale of unit",  # an editor's label in capitals
        "RUGBY - WALES BEAT SCOTLAND IN CARDIFF\nCARDIFF 2024-03-01\nWales won.",  # a headline in capitals
        "Jane Doe has promised a full review.",
        "Jane Doe: I was not there.",  # a name, not a place
        "Velo Motors Corp - quarterly forecast",  # a company's results line
    ],
)
def test_not_a_dateline_at_the_start(text):
    assert find_dateline(text) is None


def test_headline_line_in_capitals_is_skipped_but_the_dateline_below_is_found():
    text = "RUGBY - WALES BEAT SCOTLAND IN CARDIFF\nCARDIFF 2024-03-01\nWales won."
    assert [d.text for d in find_datelines(text)] == ["CARDIFF 2024-03-01"]


def test_a_name_before_a_colon_inside_the_article_is_not_a_dateline():
    assert find_datelines("The hearing opened.\nSmith: I was not there.") == []


def test_response_carries_the_dateline_with_its_parts(client):
    response = client.post("/v1/extract", json={"text": "LIMA (Reuters) - Miners went on strike.", "include": ["quantities"]})
    assert response.status_code == 200
    dateline = response.get_json()["dateline"]
    assert dateline["text"] == "LIMA (Reuters)"
    assert dateline["place"] == {"text": "LIMA", "start": 0, "end": 4}
    assert dateline["agency"] == {"text": "Reuters", "start": 6, "end": 13}
    assert dateline["date"] is None and dateline["region"] is None


def test_response_dateline_is_null_without_one(client):
    response = client.post("/v1/extract", json={"text": "Miners went on strike in Lima."})
    assert response.get_json()["dateline"] is None


def test_dateline_offsets_follow_the_offset_encoding(client):
    response = client.post("/v1/extract", json={"text": "ÅLESUND (NTB) - Fishermen rested.", "offset_encoding": "utf8"})
    dateline = response.get_json()["dateline"]
    assert dateline["place"] == {"text": "ÅLESUND", "start": 0, "end": 8}
