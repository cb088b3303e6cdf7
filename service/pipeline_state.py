"""The process's one extractor, and whether it is ready to serve."""

from __future__ import annotations

import logging
import threading
import time

from service.extraction import Extractor

log = logging.getLogger("newsfacts.pipeline")


class PipelineState:
    """Loads the pipeline and warms every extractor, now or in the background."""

    def __init__(self, model_name: str) -> None:
        self.model_name = model_name
        self.extractor: Extractor | None = None
        self.failure: str | None = None
        self.load_seconds: float | None = None
        self._loading = threading.Lock()

    @classmethod
    def ready_with(cls, extractor: Extractor) -> PipelineState:
        state = cls(extractor.info.pipeline)
        state.extractor = extractor
        return state

    @property
    def ready(self) -> bool:
        return self.extractor is not None

    def load(self) -> None:
        with self._loading:
            if self.extractor is not None:
                return
            started = time.perf_counter()
            extractor = Extractor.load(self.model_name)
            extractor.warm_up()
            self.load_seconds = time.perf_counter() - started
            self.extractor = extractor
            log.info("pipeline ready", extra={"model": self.model_name, "seconds": round(self.load_seconds, 3)})

    def load_in_background(self) -> None:
        threading.Thread(target=self._load_reporting_failure, name="pipeline-loader", daemon=True).start()

    def _load_reporting_failure(self) -> None:
        try:
            self.load()
        except Exception as error:  # a failed load must show in /readyz, not kill a thread silently
            self.failure = f"{type(error).__name__}: {error}"
            log.exception("pipeline failed to load", extra={"model": self.model_name})
