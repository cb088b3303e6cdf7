"""Debian's headless Chromium driven by Playwright, and the app served on loopback for it.

Shared by the browser tests (tests/test_browser.py) and the page measurement and screenshot (bench/page.py).
Playwright comes from PyPI; the browser is the system's (``apt-get install chromium``): nothing else is fetched.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
import threading
from collections.abc import Iterator
from pathlib import Path

from werkzeug.serving import WSGIRequestHandler, make_server

CHROMIUM = Path(os.environ.get("NEWSFACTS_CHROMIUM", "/usr/bin/chromium"))
# No sandbox: CI runs as root, where Chromium refuses its sandbox. The rest keeps the browser from calling home.
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
VIEWPORT = {"width": 1400, "height": 1000}


def why_no_browser() -> str | None:
    """Why the browser cannot run on this machine, or ``None`` when it can."""
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "playwright is not installed (pip install -e '.[dev]')"
    if not os.access(CHROMIUM, os.X_OK):
        return f"no Chromium at {CHROMIUM} (apt-get install chromium, or set NEWSFACTS_CHROMIUM)"
    return None


@contextlib.contextmanager
def chromium() -> Iterator[object]:
    """A Playwright browser context of a fresh Chromium, with a throwaway profile directory."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright, tempfile.TemporaryDirectory(prefix="newsfacts-chromium-") as profile:
        context = playwright.chromium.launch_persistent_context(
            profile, executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS, viewport=VIEWPORT
        )
        try:
            yield context
        finally:
            context.close()


class _QuietHandler(WSGIRequestHandler):
    def log_request(self, code="-", size="-") -> None:
        """The app logs its own requests; werkzeug's line per request would repeat them."""


@contextlib.contextmanager
def serve(app) -> Iterator[str]:
    """Serve a WSGI app on a free loopback port from a thread; yields its origin (``http://127.0.0.1:N``)."""
    server = make_server("127.0.0.1", 0, app, threaded=True, request_handler=_QuietHandler)
    thread = threading.Thread(target=server.serve_forever, name="page-server", daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        thread.join(timeout=10)
        server.server_close()
