"""`python -m feedback.report`: the answers young people found least helpful.

Prints the report and writes var/feedback.md for the editors. Within each language
the answers are sorted weakest first by a cautious estimate of their 👎 share (the
Wilson lower bound: with 95% confidence at least this share found the answer
unhelpful), so 6 👎 of 10 votes ranks below 60 of 100. Answers with fewer votes
than --min-votes are listed apart: a couple of votes say little.
"""

from __future__ import annotations

import argparse
import math
import os
import sys
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from content.responses import LANGUAGES
from feedback.store import REPO_ROOT, FeedbackStore, Tally, database_url
from feedback.topics import Place, answer_places

MIN_VOTES = 5
Z_95 = 1.96
DEFAULT_OUT = REPO_ROOT / "var" / "feedback.md"
DEFAULT_RESPONSES = REPO_ROOT / "data" / "responses"
LANGUAGE_NAMES = {
    "en": "English",
    "nb": "Norsk bokmål",
    "sv": "Svenska",
    "nl": "Nederlands",
}
NO_VOTES = (
    'No votes yet. Young people are asked "Did this answer help you? 👍 / 👎" '
    "after topic answers (unless the assistant runs with FEEDBACK=off). "
    "Run this report again when the assistant has been used for a while."
)


@dataclass(frozen=True)
class Row:
    """One answer in one language, with where to edit it."""

    tally: Tally
    place: Place | None
    unhelpful_at_least: float

    @property
    def down_share(self) -> float:
        """Return the share of 👎 among the votes."""
        return self.tally.down / self.tally.votes if self.tally.votes else 0.0


def wilson_lower_bound(hits: int, total: int, z: float = Z_95) -> float:
    """Return the lower end of the Wilson score interval of hits/total."""
    if total <= 0:
        return 0.0
    share = hits / total
    centre = share + z * z / (2 * total)
    margin = z * math.sqrt(share * (1 - share) / total + z * z / (4 * total * total))
    return max(0.0, (centre - margin) / (1 + z * z / total))


def rank(
    tallies: Iterable[Tally],
    places: dict[tuple[str, str], Place],
    min_votes: int = MIN_VOTES,
) -> tuple[dict[str, list[Row]], list[Row]]:
    """Return the judged answers per language (weakest first) and the rest."""
    judged: dict[str, list[Row]] = {}
    too_few: list[Row] = []
    for tally in tallies:
        if tally.votes == 0:
            continue
        row = Row(
            tally,
            places.get((tally.response, tally.language)),
            wilson_lower_bound(tally.down, tally.votes),
        )
        if tally.votes < min_votes:
            too_few.append(row)
        else:
            judged.setdefault(tally.language, []).append(row)
    for rows in judged.values():
        rows.sort(
            key=lambda r: (-r.unhelpful_at_least, -r.down_share, r.tally.response)
        )
    too_few.sort(key=lambda r: (r.tally.language, -r.tally.down, r.tally.response))
    return judged, too_few


def _where(row: Row, root: Path) -> str:
    if row.place is None:
        return f"not in data/responses/{row.tally.language}/ any more"
    try:
        path = row.place.path.resolve().relative_to(root.resolve())
    except ValueError:
        path = row.place.path
    return f"{path.as_posix()}:{row.place.line}" if row.place.line else str(path)


def _percent(value: float) -> str:
    return f"{round(value * 100)}%"


def markdown(
    tallies: list[Tally],
    places: dict[tuple[str, str], Place],
    min_votes: int = MIN_VOTES,
    root: Path = REPO_ROOT,
) -> str:
    """Return the report as markdown."""
    lines = ["# Feedback on answers", ""]
    if not any(t.votes for t in tallies):
        return "\n".join([*lines, NO_VOTES, ""])
    judged, too_few = rank(tallies, places, min_votes)
    lines += [
        "Anonymous 👍/👎 from young people, counted per answer and language. "
        "Improve the answers at the top of each list first.",
        "",
        "*Unhelpful, at least*: a cautious estimate. With 95% confidence at least "
        "this share of young people found the answer unhelpful.",
        "",
    ]
    order = [lang for lang in LANGUAGES if lang in judged]
    order += sorted(set(judged) - set(LANGUAGES))
    for language in order:
        lines += [
            f"## {LANGUAGE_NAMES.get(language, language)} ({language})",
            "",
            "| # | answer | file to edit | 👍 | 👎 | 👎 share | unhelpful, at least |",
            "|---|---|---|---|---|---|---|",
        ]
        for number, row in enumerate(judged[language], 1):
            t = row.tally
            lines.append(
                f"| {number} | {t.response} | {_where(row, root)} | {t.up} | "
                f"{t.down} | {_percent(row.down_share)} | "
                f"{_percent(row.unhelpful_at_least)} |"
            )
        lines.append("")
    if not judged:
        lines += [f"No answer has {min_votes} votes yet, so none can be judged.", ""]
    if too_few:
        lines += [
            f"## Too few votes to judge yet (fewer than {min_votes})",
            "",
            "| answer | language | file to edit | 👍 | 👎 |",
            "|---|---|---|---|---|",
        ]
        lines += [
            f"| {r.tally.response} | {r.tally.language} | {_where(r, root)} | "
            f"{r.tally.up} | {r.tally.down} |"
            for r in too_few
        ]
        lines.append("")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    """Print the report and write it to a file (var/feedback.md by default)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--db", default=os.environ.get("FEEDBACK_DB"), help="file or database URL"
    )
    parser.add_argument("--min-votes", type=int, default=MIN_VOTES)
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    parser.add_argument("--responses", type=Path, default=DEFAULT_RESPONSES)
    args = parser.parse_args(argv)
    tallies = FeedbackStore(database_url(args.db)).tallies()
    text = markdown(tallies, answer_places(args.responses), args.min_votes)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(text, encoding="utf-8")
    sys.stdout.write(text + f"\nWritten to {args.out}\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
