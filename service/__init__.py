"""newsfacts: named entities, quotes with speakers and quantities from news articles, over HTTP."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("newsfacts")
except PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "0.0.0"
