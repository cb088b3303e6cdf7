"""Command line: ``python -m service extract FILE...`` and ``python -m service openapi``.

``extract`` prints, one JSON object per line and document, exactly what ``POST /v1/extract``
answers; it calls the extraction core directly, not HTTP.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterator
from pathlib import Path

from service.batch.cli import add_batch_command
from service.config import Config
from service.extraction import FEATURES, Extractor
from service.schemas import OFFSET_ENCODINGS
from service.serialize import extraction_dict, model_info
from service.text_checks import text_problem


def _documents(paths: list[str]) -> Iterator[tuple[str, str]]:
    for name in paths:
        if name == "-":
            yield "-", sys.stdin.read()
        else:
            yield name, Path(name).read_text(encoding="utf-8")


def _extract(args: argparse.Namespace) -> int:
    config = Config.from_env()
    include = tuple(dict.fromkeys(part.strip() for part in args.include.split(",") if part.strip()))
    unknown = set(include) - set(FEATURES)
    if unknown or not include:
        print(f"--include takes a comma-separated subset of {','.join(FEATURES)}", file=sys.stderr)
        return 2
    extractor = Extractor.load(config.spacy_model)
    model = model_info(extractor)
    failed = 0
    for name, text in _documents(args.files):
        problem = text_problem(text, max_chars=config.max_text_chars)
        if problem:
            print(f"{name}: skipped: {problem}", file=sys.stderr)
            failed += 1
            continue
        body = extraction_dict(
            extractor.extract(text, include=include), text=text, offset_encoding=args.offset_encoding, doc_id=name
        )
        body["model"] = model
        body["offset_encoding"] = args.offset_encoding
        print(json.dumps(body, ensure_ascii=False))
    return 1 if failed else 0


def _openapi(args: argparse.Namespace) -> int:
    from service.api.docs import openapi_yaml
    from service.app import create_app

    app = create_app(load=False)
    text = openapi_yaml(app.extensions["problem_api"].spec.to_dict())
    if args.output == "-":
        sys.stdout.write(text)
    else:
        Path(args.output).write_text(text, encoding="utf-8")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m service", description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    extract = commands.add_parser("extract", help="extract facts from files (or - for standard input)")
    extract.add_argument("files", nargs="+", help="UTF-8 text files, or - for standard input")
    extract.add_argument("--include", default=",".join(FEATURES), help="comma-separated subset (default: all)")
    extract.add_argument("--offset-encoding", choices=OFFSET_ENCODINGS, default="codepoint")
    extract.set_defaults(run=_extract)
    openapi = commands.add_parser("openapi", help="write the OpenAPI document generated from the schemas")
    openapi.add_argument("--output", default="openapi.yaml", help="file to write, or - (default: %(default)s)")
    openapi.set_defaults(run=_openapi)
    add_batch_command(commands)
    args = parser.parse_args(argv)
    try:
        return args.run(args)
    except BrokenPipeError:  # output piped into head(1) and the like
        sys.stderr.close()
        return 0
