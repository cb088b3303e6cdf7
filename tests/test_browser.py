"""The page and the HTML report in a real headless Chromium (Debian's, driven by Playwright).

One browser for the module. Every test also checks that no request left the page's origin and that the
Content-Security-Policy blocked nothing of ours.
"""

from __future__ import annotations

import json

import pytest

from bench.browser import chromium, serve, why_no_browser
from conftest import SEED_PATHS, seed_text
from service.web.render import report_html

_missing = why_no_browser()
pytestmark = pytest.mark.skipif(_missing is not None, reason=_missing or "")

# Runs nothing if it is only ever text: each way in sets window.__ran.
HOSTILE = (
    'The minister said "<script>window.__ran = 1</script>" on Monday, '
    'and 3 people saw <img src=x onerror="window.__ran = 2"> and <b onmouseover="window.__ran = 3">it</b>.\n'
    "Second line, kept as it is."
)

# For the given tokens, the text of the article's pieces that carry each, in document order.
_TEXTS_BY_TOKEN = """tokens => Object.fromEntries(tokens.map(token => [token,
    [...document.querySelectorAll(`#article [data-spans~="${CSS.escape(token)}"]`)]
        .map(n => n.textContent).join("")]))"""


@pytest.fixture(scope="module")
def browser():
    with chromium() as context:
        yield context


@pytest.fixture(scope="module")
def origin(app):
    with serve(app) as url:
        yield url


@pytest.fixture()
def page(browser):
    page = browser.new_page()
    page.requests, page.console = [], []
    page.on("request", lambda request: page.requests.append(request.url))
    page.on("console", lambda message: page.console.append(message.text))
    page.on("pageerror", lambda error: page.console.append(str(error)))
    yield page
    page.close()


def _assert_stayed_home(page, home: str) -> None:
    strays = [url for url in page.requests if not url.startswith(home)]
    assert not strays, f"requests left {home}: {strays}"
    blocked = [message for message in page.console if "Content Security Policy" in message or "Error" in message]
    assert not blocked, blocked


def _extract_in_page(page, origin: str, text: str) -> dict:
    page.goto(origin + "/")
    page.fill("#article-input", text)
    page.click("#extract-button")
    page.wait_for_selector("body[data-rendered]", timeout=30_000)
    return json.loads(page.text_content("#json"))


def _expected_texts(text: str, result: dict) -> dict[str, str]:
    expected = {}
    for entity in result["entities"]:
        for index, mention in enumerate(entity["mentions"]):
            expected[f"{entity['id']}:{index}"] = mention["text"]
    for item in result["quotes"] + result["quantities"]:
        expected[item["id"]] = text[item["start"] : item["end"]]
    for quote in result["quotes"]:
        if quote["speaker"]:
            expected[f"{quote['id']}:speaker"] = quote["speaker"]["text"]
    return expected


@pytest.mark.parametrize("seed", [path.name[:3] for path in SEED_PATHS])
def test_every_fact_of_a_seed_has_its_highlight(page, origin, seed):
    text = seed_text(seed)
    result = _extract_in_page(page, origin, text)
    assert result["entities"] and result["quotes"] and result["quantities"]
    assert page.text_content("#article") == text, "the article is shown exactly, line breaks kept"
    expected = _expected_texts(text, result)
    assert page.evaluate(_TEXTS_BY_TOKEN, list(expected)) == expected
    if seed == "002":
        quotes = result["quotes"]
        nested = [
            q for q in result["quantities"] if any(p["start"] <= q["start"] < q["end"] <= p["end"] for p in quotes)
        ]
        assert nested, "seed 002 has a quantity inside a quote: nesting is exercised"
    _assert_stayed_home(page, origin)


def test_choosing_a_quote_marks_it_and_its_speaker_mention(page, origin):
    text = seed_text("002")
    result = _extract_in_page(page, origin, text)
    quote = next(q for q in result["quotes"] if q["speaker"] and q["speaker"]["text"] != q["speaker"]["name"])
    page.click("#tab-quotes")
    page.click(f"#panel-quotes button[aria-label^='quote {quote['id']}:']")
    marked = page.evaluate(
        """() => ({quote: [...document.querySelectorAll('#article .sel')].map(n => n.textContent).join(''),
                   speaker: [...document.querySelectorAll('#article .sel-speaker')].map(n => n.textContent).join(''),
                   focused: document.activeElement.closest('#article') !== null})"""
    )
    quote_text, speaker = text[quote["start"] : quote["end"]], quote["speaker"]["text"]
    assert marked == {"quote": quote_text, "speaker": speaker, "focused": True}
    details = page.text_content("#details")
    assert f"{quote['speaker']['text']} → {quote['speaker']['name']}" in details
    _assert_stayed_home(page, origin)


def test_highlights_and_tabs_work_from_the_keyboard(page, origin):
    result = _extract_in_page(page, origin, "Putin met Lee in Moscow. Putin said trade with Myanmar rose 40 percent.")
    page.focus("#article .seg[tabindex]")
    assert page.text_content("#details").startswith("Entity")
    putin = next(entity for entity in result["entities"] if entity["name"] == "Putin")
    page.focus("#panel-entities button[aria-label^='Putin:']")
    page.keyboard.press("Enter")
    marked = page.eval_on_selector_all("#article .sel", "nodes => nodes.map(n => n.textContent)")
    assert marked == [mention["text"] for mention in putin["mentions"]] and len(marked) == 2
    page.focus("#tab-entities")
    page.keyboard.press("ArrowRight")
    assert page.get_attribute("#tab-quotes", "aria-selected") == "true" and page.is_visible("#panel-quotes")
    page.uncheck("input[data-layer='ent']")
    assert "show-ent" not in page.get_attribute("#article", "class")


def test_markup_in_an_article_is_shown_never_run(page, origin):
    _extract_in_page(page, origin, HOSTILE)
    assert page.evaluate("window.__ran") is None
    assert page.text_content("#article") == HOSTILE
    assert page.locator("#article img, #article script, #article b").count() == 0
    page.hover("#article")
    assert page.evaluate("window.__ran") is None
    _assert_stayed_home(page, origin)


def test_html_report_opens_offline_and_runs_only_its_own_code(page, client, tmp_path):
    text = seed_text("002") + "\n" + HOSTILE
    response = client.post("/v1/extract", json={"text": text}, headers={"Accept": "text/html"})
    as_json = client.post("/v1/extract", json={"text": text}).get_json()
    report = tmp_path / "facts.html"
    report.write_bytes(response.get_data())
    page.goto(report.as_uri())
    page.wait_for_selector("body[data-rendered]", timeout=10_000)
    assert page.evaluate("window.__ran") is None
    assert page.text_content("#article") == text
    expected = _expected_texts(text, as_json)
    assert page.evaluate(_TEXTS_BY_TOKEN, list(expected)) == expected
    assert json.loads(page.text_content("#json")) == as_json
    page.click("#tab-json")
    with page.expect_download() as download:
        page.click("#download")
    assert json.loads(open(download.value.path(), encoding="utf-8").read()) == as_json
    assert page.requests == [report.as_uri()]
    _assert_stayed_home(page, report.as_uri())


def test_offsets_in_utf8_and_utf16_land_on_the_same_text(page, client, tmp_path):
    text = "Café owner 🙂 Anna Smith said 3 people came. “Prices rose 5 percent,” she said."
    for encoding in ("utf8", "utf16"):
        response = client.post(
            "/v1/extract", json={"text": text, "offset_encoding": encoding}, headers={"Accept": "text/html"}
        )
        report = tmp_path / f"{encoding}.html"
        report.write_bytes(response.get_data())
        page.goto(report.as_uri())
        page.wait_for_selector("body[data-rendered]")
        result = json.loads(page.text_content("#json"))
        codepoint = client.post("/v1/extract", json={"text": text}).get_json()
        expected = _expected_texts(text, codepoint)
        assert page.evaluate(_TEXTS_BY_TOKEN, list(expected)) == expected, encoding
        assert result["offset_encoding"] == encoding


def test_fields_the_page_does_not_know_yet_are_shown_not_fatal(page, client, tmp_path):
    text = "MOSCOW (Reuters) - Putin said, through an aide, that trade rose 40 percent a year in 2024."
    result = client.post("/v1/extract", json={"text": text}).get_json()
    result["dateline"] = {
        "text": "MOSCOW (Reuters)", "start": 0, "end": 16, "place": "Moscow", "date": None, "agency": "Reuters"
    }
    quote = result["quotes"][0]
    quote["via"] = {"text": "an aide", "start": text.index("an aide"), "end": text.index("an aide") + 7}
    quantity = next(q for q in result["quantities"] if q["text"].startswith("40"))
    quantity |= {"per": {"text": "a year"}, "when": {"text": "in 2024"}, "confidence": 0.9}
    result["sentiment"] = "neutral"
    del result["entities"]
    report = tmp_path / "extra.html"
    report.write_text(report_html(text=text, result=result), encoding="utf-8")
    page.goto(report.as_uri())
    page.wait_for_selector("body[data-rendered]")
    assert page.is_visible("#dateline-layer")
    tokens = ["dateline", f"{quote['id']}:via", quantity["id"]]
    assert page.evaluate(_TEXTS_BY_TOKEN, tokens) == {
        "dateline": "MOSCOW (Reuters)",
        f"{quote['id']}:via": "an aide",
        quantity["id"]: quantity["text"],
    }
    page.focus('#article [data-spans~="dateline"]')
    assert "place: Moscow; agency: Reuters" in page.text_content("#details")
    assert "an aide" in page.text_content("#panel-quotes")
    more = page.text_content("#panel-quantities")
    assert "per a year" in more and "when in 2024" in more and "confidence: 0.9" in more
    assert "include did not ask for entities" in page.text_content("#panel-entities")
    _assert_stayed_home(page, report.as_uri())
