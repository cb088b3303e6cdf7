"""GET /, the HTML report of POST /v1/extract, and the Swagger UI's edges, without a browser."""

from __future__ import annotations

import json
import re

import pytest
import yaml

from conftest import ROOT, seed_text
from service.schemas import parse_include
from service.web.render import report_csp, static_text

HOSTILE = 'Mr. Smith said "<script>alert(1)</script>" cost $5 </script><img src=x onerror=alert(2)>.'


def _embedded_facts(html: str) -> dict:
    match = re.search(r'<script type="application/json" id="facts">(.*?)</script>', html, re.S)
    return json.loads(match.group(1))


def test_root_is_the_page_with_a_strict_content_security_policy(client):
    response = client.get("/")
    assert response.status_code == 200 and response.mimetype == "text/html"
    assert response.headers["Content-Security-Policy"].startswith("default-src 'self'")
    page = response.get_data(as_text=True)
    assert 'href="/docs"' in page and 'src="/static/page.js"' in page
    assert "<script>" not in page and "style=" not in page, "inline code would be blocked by the policy"
    assert "://" not in page, "nothing is loaded from another origin"


def test_static_files_and_favicon_are_served(client):
    for path, mimetype in [("/static/page.js", "text/javascript"), ("/static/page.css", "text/css"),
                           ("/favicon.ico", "image/svg+xml")]:
        response = client.get(path)
        assert response.status_code == 200 and response.mimetype == mimetype, path


def test_accept_html_gets_the_report_and_json_stays_the_default(client):
    text = seed_text("002")
    as_json = client.post("/v1/extract", data=text.encode(), content_type="text/plain")
    assert as_json.mimetype == "application/json" and "Accept" in as_json.headers["Vary"]
    report = client.post("/v1/extract", data=text.encode(), content_type="text/plain", headers={"Accept": "text/html"})
    assert report.status_code == 200 and report.mimetype == "text/html"
    assert report.headers["Content-Security-Policy"] == report_csp()
    html = report.get_data(as_text=True)
    facts = _embedded_facts(html)
    assert facts["text"] == text and facts["result"] == as_json.get_json()
    assert static_text("page.js") in html and static_text("page.css") in html
    assert "unsafe-inline" not in report_csp() and "://" not in html.replace("http-equiv", "")


def test_a_browser_accept_header_gets_html_and_curl_gets_json(client):
    browser = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"
    for accept, mimetype in [(browser, "text/html"), ("*/*", "application/json"), (None, "application/json")]:
        headers = {"Accept": accept} if accept else {}
        response = client.post("/v1/extract", json={"text": "Putin spoke."}, headers=headers)
        assert response.mimetype == mimetype, accept


def test_errors_stay_problem_json_for_html_clients(client):
    response = client.post("/v1/extract", json={"text": " "}, headers={"Accept": "text/html"})
    assert response.status_code == 422 and response.mimetype == "application/problem+json"


def test_article_markup_in_the_report_is_data_not_html(client):
    report = client.post("/v1/extract", json={"text": HOSTILE}, headers={"Accept": "text/html"})
    html = report.get_data(as_text=True)
    assert "<img" not in html and "alert(1)</script>" not in html
    assert _embedded_facts(html)["text"] == HOSTILE


def test_swagger_ui_answers_with_and_without_a_trailing_slash(client):
    assert client.get("/docs").get_data() == client.get("/docs/").get_data()
    assert 'rel="icon"' in client.get("/docs/").get_data(as_text=True)


def test_openapi_has_no_pagination_schema_and_no_prefilled_id(client):
    spec = client.get("/openapi.json").get_json()
    assert "PaginationMetadata" not in spec["components"]["schemas"]
    assert "seed-002" not in json.dumps(spec)
    extract = spec["paths"]["/v1/extract"]["post"]
    assert set(extract["requestBody"]["content"]["application/json"]["example"]) == {"text"}
    assert set(extract["responses"]["200"]["content"]) == {"application/json", "text/html"}


def test_text_plain_body_schema_is_the_json_text_field():
    spec = yaml.safe_load((ROOT / "openapi.yaml").read_text(encoding="utf-8"))
    plain = spec["paths"]["/v1/extract"]["post"]["requestBody"]["content"]["text/plain"]["schema"]
    assert plain == spec["components"]["schemas"]["ExtractRequest"]["properties"]["text"]
    assert plain["pattern"] == r"\S"


@pytest.mark.parametrize(
    ("value", "parsed"),
    [("quotes", ["quotes"]), (" quotes , entities,quotes", ["quotes", "entities"])],
)
def test_include_lists_parse_the_same_for_api_and_cli(value, parsed):
    assert parse_include(value) == parsed


@pytest.mark.parametrize("value", ["", "quotes,", "sentiment", "quotes;entities"])
def test_bad_include_lists_are_rejected(value, client):
    with pytest.raises(ValueError):
        parse_include(value)
    response = client.post(f"/v1/extract?include={value}", data=b"Putin spoke.", content_type="text/plain")
    assert response.status_code == 422 and "include" in response.get_json()["errors"]
