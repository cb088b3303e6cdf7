"""/metrics in Prometheus text format."""

from __future__ import annotations

from prometheus_client.parser import text_string_to_metric_families


def _samples(client) -> dict[tuple[str, tuple], float]:
    text = client.get("/metrics").get_data(as_text=True)
    return {
        (sample.name, tuple(sorted(sample.labels.items()))): sample.value
        for family in text_string_to_metric_families(text)
        for sample in family.samples
    }


def test_requests_documents_and_characters_are_counted(client):
    ok = ("newsfacts_requests_total", (("method", "POST"), ("route", "/v1/extract"), ("status", "200")))
    missing = ("newsfacts_requests_total", (("method", "GET"), ("route", "unmatched"), ("status", "404")))
    before = _samples(client)
    client.post("/v1/extract", json={"text": "Putin said hello."})
    client.post("/v1/extract/batch", json={"documents": [{"text": "One."}, {"text": "Two two."}]})
    client.get("/no-such-page")
    after = _samples(client)
    assert after[ok] - before.get(ok, 0) == 1
    assert after[missing] - before.get(missing, 0) == 1
    assert after[("newsfacts_documents_total", ())] - before.get(("newsfacts_documents_total", ()), 0) == 3
    characters = ("newsfacts_characters_total", ())
    assert after[characters] - before.get(characters, 0) == len("Putin said hello.") + len("One.") + len("Two two.")
    latency = ("newsfacts_request_duration_seconds_count", (("route", "/v1/extract"),))
    assert after[latency] - before.get(latency, 0) == 1
