"""One template for the live page and the self-contained report; the report inlines the CSS and JS.

The report is opened from disk, offline, so its Content-Security-Policy travels in a ``<meta>`` element and
allows exactly the inline script and style by their SHA-256 hashes, nothing else.
"""

from __future__ import annotations

import base64
import functools
import hashlib
from importlib import resources

import jinja2

from service.schemas import EXAMPLE_TEXT

PAGE_CSP = "default-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"

_environment = jinja2.Environment(
    loader=jinja2.PackageLoader("service.web", "templates"),
    autoescape=True,
    trim_blocks=True,
    keep_trailing_newline=True,
)
# The report's JSON keeps the API's field order; tojson still escapes <, >, & and ' for the <script> element.
_environment.policies["json.dumps_kwargs"] = {"sort_keys": False, "ensure_ascii": False, "allow_nan": False}


@functools.cache
def static_text(name: str) -> str:
    return resources.files("service.web").joinpath("static", name).read_text(encoding="utf-8")


def _sha256_source(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii") + "'"


@functools.cache
def _inline_assets() -> tuple[str, str, str]:
    css, js = static_text("page.css"), static_text("page.js")
    if "</style" in css.lower() or "</script" in js.lower():  # inlined as raw text, such a tag would end it early
        raise RuntimeError("page.css or page.js contains a closing tag and cannot be inlined")
    csp = (
        f"default-src 'none'; script-src {_sha256_source(js)}; style-src {_sha256_source(css)}; "
        "base-uri 'none'; form-action 'none'"
    )
    return css, js, csp


def report_csp() -> str:
    """The report's policy, also sent as a header when the API answers with the report."""
    return _inline_assets()[2]


@functools.cache
def page_html() -> str:
    return _environment.get_template("page.html").render(report=False, sample=EXAMPLE_TEXT)


def report_html(*, text: str, result: dict, elapsed_ms: float | None = None) -> str:
    """A page that shows ``result`` (an ``/v1/extract`` response body) over ``text``, with no network at all."""
    css, js, csp = _inline_assets()
    facts = {"text": text, "result": result, "elapsed_ms": elapsed_ms}
    return _environment.get_template("page.html").render(report=True, css=css, js=js, csp=csp, facts=facts)
