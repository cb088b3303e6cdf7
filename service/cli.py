"""Command line: ``newsfacts extract FILE...`` and ``newsfacts openapi`` (also ``python -m service``).

``extract`` prints, one JSON object per line and document, exactly what ``POST /v1/extract``
answers, or with ``--format html`` the same self-contained report as ``Accept: text/html``;
it calls the extraction core directly, not HTTP.  A file that cannot be read is reported on
standard error and the run goes on; the exit status says whether any document failed.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

from service import __version__
from service.config import Config
from service.extraction import FEATURES, Extractor
from service.schemas import OFFSET_ENCODINGS, parse_include
from service.serialize import extraction_dict, model_info
from service.text_checks import text_problem

DESCRIPTION = "Extract entities, quotes with their speakers, and quantities from news articles."
EXIT_USAGE = 2


def _include(value: str) -> tuple[str, ...]:
    try:
        return tuple(parse_include(value))
    except ValueError as error:
        raise argparse.ArgumentTypeError(str(error)) from error


def _documents(paths: list[str]) -> Iterator[tuple[str, str | None, str | None]]:
    """(name, text, None) for each readable document, (name, None, why) for the others."""
    for name in paths:
        if name == "-":
            yield "-", sys.stdin.read(), None
            continue
        try:
            yield name, Path(name).read_text(encoding="utf-8"), None
        except UnicodeDecodeError as error:
            yield name, None, f"not UTF-8 text (byte {error.start})"
        except IsADirectoryError:
            yield name, None, "is a directory"
        except FileNotFoundError:
            yield name, None, "no such file"
        except OSError as error:
            yield name, None, error.strerror or type(error).__name__


def _html_path(output_dir: Path, name: str, taken: set[Path]) -> Path:
    stem = "stdin" if name == "-" else Path(name).stem
    path, number = output_dir / f"{stem}.html", 1
    while path in taken:
        number += 1
        path = output_dir / f"{stem}-{number}.html"
    taken.add(path)
    return path


def _extract(args: argparse.Namespace) -> int:
    if args.format == "html" and args.output_dir is None and len(args.files) > 1:
        print("--format html writes one page per file: give --output-dir for several files", file=sys.stderr)
        return EXIT_USAGE
    if args.output_dir is not None:
        args.output_dir.mkdir(parents=True, exist_ok=True)
    config = Config.from_env()
    extractor = Extractor.load(config.spacy_model)
    model = model_info(extractor)
    failed, written = 0, set()
    for name, text, unreadable in _documents(args.files):
        problem = unreadable or text_problem(text, max_chars=config.max_text_chars)
        if problem:
            print(f"{name}: skipped: {problem}", file=sys.stderr)
            failed += 1
            continue
        started = time.perf_counter()
        extraction = extractor.extract(text, include=args.include)
        elapsed_ms = (time.perf_counter() - started) * 1000
        body = extraction_dict(extraction, text=text, offset_encoding=args.offset_encoding, doc_id=name)
        body["model"] = model
        body["offset_encoding"] = args.offset_encoding
        if args.format == "html":
            from service.web.render import report_html

            page = report_html(text=text, result=body, elapsed_ms=elapsed_ms)
            if args.output_dir is None:
                sys.stdout.write(page)
            else:
                path = _html_path(args.output_dir, name, written)
                path.write_text(page, encoding="utf-8")
                print(f"{name}: wrote {path}", file=sys.stderr)
        else:
            print(json.dumps(body, ensure_ascii=False, indent=2 if args.pretty else None))
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


def _add_extract(commands: argparse._SubParsersAction) -> None:
    extract = commands.add_parser(
        "extract",
        help="extract facts from text files (or - for standard input)",
        description="Print the facts of each file as one JSON object per line (the API's answer), or an HTML "
        "report. A file that cannot be read is reported and skipped; the exit status is 1 if any was.",
    )
    extract.add_argument("files", nargs="+", metavar="FILE", help="UTF-8 text file, or - for standard input")
    extract.add_argument(
        "--include",
        type=_include,
        default=FEATURES,
        metavar="LIST",
        help=f"comma-separated subset of {','.join(FEATURES)} (default: all)",
    )
    extract.add_argument(
        "--offset-encoding",
        choices=OFFSET_ENCODINGS,
        default="codepoint",
        help="unit of start/end offsets: %(choices)s (default: %(default)s)",
    )
    extract.add_argument(
        "--format", choices=("json", "html"), default="json", help="json lines or an HTML report (default: json)"
    )
    extract.add_argument("--pretty", action="store_true", help="indent the JSON (one object per document)")
    extract.add_argument(
        "--output-dir", type=Path, metavar="DIR", help="with --format html: write FILE's report to DIR/<name>.html"
    )
    extract.set_defaults(run=_extract)


def _add_openapi(commands: argparse._SubParsersAction) -> None:
    openapi = commands.add_parser("openapi", help="write the OpenAPI document generated from the schemas")
    openapi.add_argument("--output", default="openapi.yaml", help="file to write, or - (default: %(default)s)")
    openapi.set_defaults(run=_openapi)


# Each adds one subcommand: a parser whose defaults set `run`, a function from the parsed args to an exit status.
SUBCOMMANDS: list[Callable[[argparse._SubParsersAction], None]] = [_add_extract, _add_openapi]


def build_parser(prog: str | None = None) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog=prog or "newsfacts", description=DESCRIPTION)
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for add in SUBCOMMANDS:
        add(commands)
    return parser


def main(argv: list[str] | None = None, *, prog: str | None = None) -> int:
    args = build_parser(prog).parse_args(argv)
    try:
        return args.run(args)
    except BrokenPipeError:  # output piped into head(1) and the like
        sys.stderr.close()
        return 0
