"""The page's weight and render time in headless Chromium, and the README's screenshot.

Run with ``make screenshot`` or ``.venv/bin/python bench/page.py [--screenshot docs/page.png]``.  Prints:

* the bytes of ``GET /`` (HTML), ``page.js`` and ``page.css``, raw and gzipped, and of seed 002's report;
* for seed 002, the median over several runs of: the page's own drawing (``render()``, from the data
  to the highlighted article and the tables), the live page from Extract to drawn (the API round
  trip as the page timed it, plus the drawing), and the report from navigation start to drawn
  (the browser's own clock).
"""

from __future__ import annotations

import argparse
import gzip
import statistics
import sys
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.browser import chromium, serve, why_no_browser
from bench.live import ROOT

SEED = ROOT / "seeds" / "002_6e90dc04cbb7a4a9.txt"


def _weights(client, report: bytes) -> None:
    print("page weight (bytes, raw / gzip -6):")
    total = 0
    files = [("HTML  GET /", "/"), ("JS    page.js", "/static/page.js"), ("CSS   page.css", "/static/page.css")]
    for name, path in files:
        body = client.get(path).get_data()
        total += len(body)
        print(f"  {name:<16} {len(body):>7} / {len(gzip.compress(body, 6)):>6}")
    print(f"  {'total':<16} {total:>7}")
    report_gzip = len(gzip.compress(report, 6))
    print(f"  {'seed 002 report':<16} {len(report):>7} / {report_gzip:>6}  (CSS, JS and the JSON inline)")


def _drawn(page) -> float:
    page.wait_for_selector("body[data-rendered]", timeout=60_000)
    return float(page.evaluate("document.body.dataset.renderMs"))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--screenshot", type=Path, help="write a PNG of seed 002's view here")
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    missing = why_no_browser()
    if missing:
        print(f"cannot measure the page: {missing}", file=sys.stderr)
        return 1

    from service.app import create_app
    from service.config import Config
    from service.extraction import Extractor

    extractor = Extractor.load(Config.from_env().spacy_model)
    extractor.warm_up()
    app = create_app(Config(), extractor=extractor)
    client = app.test_client()
    text = SEED.read_text(encoding="utf-8")
    report = client.post("/v1/extract", json={"text": text}, headers={"Accept": "text/html"}).get_data()
    _weights(client, report)
    report_path = ROOT / "build" / "seed-002-report.html"
    report_path.parent.mkdir(exist_ok=True)
    report_path.write_bytes(report)

    draw, live, fetched, offline = [], [], [], []
    with serve(app) as origin, chromium() as browser:
        page = browser.new_page()
        for _ in range(args.runs):
            page.goto(origin + "/")
            page.fill("#article-input", text)
            page.click("#extract-button")
            draw.append(_drawn(page))
            fetched.append(float(page.evaluate("document.body.dataset.extractMs")))
            live.append(fetched[-1] + draw[-1])
            page.goto(report_path.as_uri())
            _drawn(page)
            offline.append(float(page.evaluate("document.body.dataset.drawnAtMs")))
        if args.screenshot:
            page.goto(origin + "/")
            page.fill("#article-input", text)
            page.click("#extract-button")
            _drawn(page)
            page.click("#tab-quotes")
            page.click("#panel-quotes tbody tr:nth-child(2) button")
            page.eval_on_selector("#article-input", "box => { box.scrollTop = 0; }")
            page.evaluate("window.scrollTo(0, 0)")
            args.screenshot.parent.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(args.screenshot))
            print(f"screenshot: {args.screenshot}")
    print(f"seed 002 ({len(text)} chars), median of {args.runs} runs in headless Chromium:")
    print(f"  render() alone, data to drawn page          {statistics.median(draw):7.1f} ms")
    print(f"  live page, Extract to drawn (API + render)  {statistics.median(live):7.1f} ms")
    print(f"    of which the POST /v1/extract round trip  {statistics.median(fetched):7.1f} ms")
    print(f"  report from disk, navigation to drawn       {statistics.median(offline):7.1f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
