"""The application factory."""

from __future__ import annotations

from flask import Flask

from service import __version__, metrics
from service.api import docs, extract, health
from service.config import Config
from service.errors import ProblemApi, register_fallback_handler
from service.extraction import Extractor
from service.observability import configure_logging, init_request_tracking
from service.pipeline_state import PipelineState
from service.web import views as web

API_DESCRIPTION = """Reads a news article and returns its facts: the named entities, every quote with its speaker,
and the quantities (death tolls, megawatts, dollar figures, percentages, counts) with values, units and meaning.
Every span carries end-exclusive offsets into the input, in the chosen `offset_encoding`.
Errors are RFC 9457 `application/problem+json`.
"""


def create_app(config: Config | None = None, *, extractor: Extractor | None = None, load: bool = True) -> Flask:
    """Build the app.

    ``extractor`` injects an already-loaded pipeline (tests, benchmarks); otherwise the
    pipeline named in ``config`` is loaded now (``preload``, as under gunicorn) or in a
    background thread.  ``load=False`` builds the app without any pipeline (spec generation).
    """
    config = config or Config.from_env()
    configure_logging(config.log_level)
    app = Flask(__name__, static_folder=None)  # static files are the web blueprint's
    app.config.update(
        NEWSFACTS=config,
        MAX_CONTENT_LENGTH=config.max_body_bytes,
        API_TITLE="newsfacts",
        API_VERSION=__version__,
        OPENAPI_VERSION="3.0.3",
        OPENAPI_URL_PREFIX="/",
        OPENAPI_JSON_PATH="openapi.json",
        API_SPEC_OPTIONS={"info": {"description": API_DESCRIPTION}},
    )

    state = PipelineState.ready_with(extractor) if extractor else PipelineState(config.spacy_model)
    app.extensions["pipeline"] = state
    if extractor is None and load:
        if config.preload:
            state.load()
        else:
            state.load_in_background()

    app.json.sort_keys = False
    init_request_tracking(app)
    api = ProblemApi(app)
    app.extensions["problem_api"] = api
    register_fallback_handler(app)
    api.register_blueprint(health.blp)
    api.register_blueprint(extract.blp)
    app.register_blueprint(docs.bp)
    app.register_blueprint(metrics.bp)
    app.register_blueprint(web.bp)
    return app
