"""`make preview`: list a topic's answers per age band, or chat as a chosen age band.

python -m preview --topic grooming [--language sv] [--band child] [--answer utter_x]
                  [--country SE]
python -m preview --language sv --band young_teen      (chat in the console)
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from content.responses import AGE_BANDS, LANGUAGES
from preferences.parsing import UNKNOWN_AGE, normalize_country
from preview.chat import start_chat
from preview.listing import PreviewError, list_topic


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    """Read the command line (the Makefile passes TOPIC, LANG, BAND, ...)."""
    parser = argparse.ArgumentParser(prog="make preview", description=__doc__)
    parser.add_argument("--topic", help="list this topic's answers (file name)")
    parser.add_argument("--answer", help="list only this answer (utter_...)")
    parser.add_argument("--language", help=f"one of {', '.join(LANGUAGES)}")
    parser.add_argument("--band", help=f"age band: {', '.join(AGE_BANDS)}")
    parser.add_argument("--country", help="country code for the numbers, e.g. SE")
    parser.add_argument("--root", type=Path, default=Path("."))
    return parser.parse_args(argv)


def validate(args: argparse.Namespace) -> str | None:
    """Return what is wrong with the choices, in plain words, or None."""
    if args.language and args.language not in LANGUAGES:
        return f"unknown language '{args.language}'; use {', '.join(LANGUAGES)}"
    bands = AGE_BANDS if args.topic or args.answer else (*AGE_BANDS, UNKNOWN_AGE)
    if args.band and args.band not in bands:
        return f"unknown age band '{args.band}'; use {', '.join(bands)}"
    if args.country and normalize_country(args.country) is None:
        return f"'{args.country}' is not a country code; use two letters, e.g. SE"
    return None


def main(argv: list[str] | None = None) -> int:
    """List answers when a topic or answer is given, otherwise start the chat."""
    args = parse_args(argv)
    problem = validate(args)
    if problem:
        print(f"preview: {problem}", file=sys.stderr)
        return 2
    country = normalize_country(args.country) if args.country else None
    if not (args.topic or args.answer):
        return start_chat(args.language, args.band, country)
    try:
        list_topic(
            args.root,
            args.topic,
            sys.stdout,
            languages=[args.language] if args.language else LANGUAGES,
            bands=[args.band] if args.band else AGE_BANDS,
            country=country,
            answer=args.answer,
        )
    except PreviewError as error:
        print(f"preview: {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
