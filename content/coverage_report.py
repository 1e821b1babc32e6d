"""`make coverage`: what exists per topic, language and age band, with gaps marked.

Writes var/coverage.md and var/coverage.html (one page, nothing else needed to open
it) and prints a short summary. It reports; it never fails on gaps (`make check` does).
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from content.coverage_data import (
    ALL_BANDS,
    MIN_EXAMPLES,
    MISSING,
    OWN,
    SAFETY_SECTIONS,
    AnswerRow,
    Coverage,
    Outdated,
    collect,
)
from content.coverage_render import (
    FALLBACK,
    GAP,
    OK,
    Block,
    Bullets,
    Cell,
    Heading,
    Para,
    Table,
    to_html,
    to_markdown,
)
from content.responses import AGE_BANDS, FALLBACK_LANGUAGE

TITLE = "Content coverage"
_STATE_CELLS = {
    OWN: Cell("✓ own text", OK),
    ALL_BANDS: Cell("○ all ages", FALLBACK),
    MISSING: Cell("✗ missing", GAP),
}
LEGEND = (
    "✓ own text: written for this age band. ○ all ages: this band gets the text "
    "written for every age band. ✗ missing: no text in this language for this band, "
    "so the assistant shows the English text (or another age band's) instead."
)


def build_report(coverage: Coverage) -> list[Block]:
    """Return the report's sections: status per language, topics, safety phrases."""
    blocks: list[Block] = [
        Heading(TITLE, 1),
        Para(
            "What exists per topic, language and age band, read from data/. "
            "Gaps are marked ✗ (and red in the HTML page)."
        ),
        Para(LEGEND),
    ]
    blocks += translation_status(coverage)
    blocks.append(Heading("Topics"))
    for topic in coverage.topics:
        blocks += topic_section(coverage, topic)
    blocks += safety_section(coverage)
    if coverage.unreadable:
        blocks.append(Heading("Files that could not be read"))
        blocks.append(
            Para(
                "These files are left out above; `make check` explains how to mend "
                "them."
            )
        )
        blocks.append(Bullets([Cell(str(p), GAP) for p in coverage.unreadable]))
    return blocks


def _unique(rows: list[AnswerRow]) -> list[AnswerRow]:
    """One row per answer (an answer moved to another topic file counts once)."""
    return list({r.name: r for r in rows}.values())


@dataclass(frozen=True)
class LanguageStatus:
    """How far one language is, compared with English."""

    language: str
    covered: int  # age-band texts of English answers this language has
    total: int  # age-band texts English has (its answers × 4)
    absent: list[AnswerRow]  # English has them, this language has none
    partial: list[AnswerRow]  # some age band without a text
    extra: list[AnswerRow]  # only in this language
    later: list[Outdated]  # English file committed after this one

    @property
    def share(self) -> str:
        """Return '380 of 384 (98%)'."""
        percent = f"{100 * self.covered // self.total}%" if self.total else "-"
        return f"{self.covered} of {self.total} ({percent})"


def language_status(coverage: Coverage, language: str) -> LanguageStatus:
    """Compare one language with English."""
    rows = _unique(coverage.answers)
    english = [r for r in rows if r.has(FALLBACK_LANGUAGE)]
    covered = sum(
        1 for r in english for b in AGE_BANDS if r.states[language][b] != MISSING
    )
    return LanguageStatus(
        language,
        covered,
        len(english) * len(AGE_BANDS),
        absent=[r for r in english if not r.has(language)],
        partial=[r for r in rows if r.has(language) and r.missing_bands(language)],
        extra=[r for r in rows if r.has(language) and not r.has(FALLBACK_LANGUAGE)],
        later=[o for o in coverage.outdated or [] if o.language == language],
    )


def translation_status(coverage: Coverage) -> list[Block]:
    """Per language: share of English's answers × bands covered, and what is missing."""
    table = Table(
        [
            "language",
            "age-band texts (compared with English)",
            "missing answers",
            "answers missing an age band",
            "English changed after the translation",
        ]
    )
    details: list[Block] = []
    for language in coverage.languages:
        status = language_status(coverage, language)
        compared = (
            Cell("not compared")
            if coverage.outdated is None
            else _count(len(status.later), FALLBACK, "topic file")
        )
        table.rows.append(
            [
                Cell(language),
                Cell(status.share, OK if status.covered == status.total else GAP),
                _count(len(status.absent)),
                _count(len(status.partial)),
                compared,
            ]
        )
        details.append(Heading(language, 3))
        items = _status_items(status)
        details.append(Bullets(items) if items else Para("Nothing missing."))
    if coverage.outdated is None:
        note = "Change dates were not compared: there is no git history here."
    else:
        note = (
            "'English changed after the translation' compares when each topic file "
            "was last committed (saved in git)."
        )
    return [Heading("Translation status"), table, Para(note), *details]


def _status_items(status: LanguageStatus) -> list[Cell]:
    language = status.language
    items = [
        Cell(f"{r.name} ({r.topic}): missing in {language}", GAP) for r in status.absent
    ]
    items += [
        Cell(
            f"{r.name} ({r.topic}): no {language} text for "
            f"{', '.join(r.missing_bands(language))}",
            GAP,
        )
        for r in status.partial
    ]
    if language != FALLBACK_LANGUAGE:
        items += [
            Cell(f"{r.name} ({r.topic}): only in {language}, not in English")
            for r in status.extra
        ]
    items += [
        Cell(
            f"{o.topic}: English changed {_day(o.english_at)}, {language} "
            f"{_day(o.translated_at)}; check {', '.join(o.answers) or 'the file'}",
            FALLBACK,
        )
        for o in status.later
    ]
    return items


def _count(n: int, mark: str = GAP, noun: str = "") -> Cell:
    text = f"{n} {noun}{'s' if n != 1 else ''}" if noun else str(n)
    return Cell(text, mark if n else OK)


def _day(seconds: int) -> str:
    return datetime.fromtimestamp(seconds, timezone.utc).strftime("%Y-%m-%d %H:%M")


def topic_section(coverage: Coverage, topic: str) -> list[Block]:
    """Answers (language × band) and training examples (intent × language)."""
    blocks: list[Block] = [Heading(topic, 3)]
    answers = [r for r in coverage.answers if r.topic == topic]
    if answers:
        table = Table(["answer", "language", *AGE_BANDS])
        for row in answers:
            for i, language in enumerate(coverage.languages):
                first = Cell(row.name if i == 0 else "")
                states = row.states[language]
                table.rows.append(
                    [
                        first,
                        Cell(language),
                        *(_STATE_CELLS[states[b]] for b in AGE_BANDS),
                    ]
                )
        blocks.append(table)
    else:
        blocks.append(Para("No answers in this topic."))
    intents = [r for r in coverage.intents if r.topic == topic]
    if intents:
        least = coverage.min_examples
        blocks.append(
            Para(f"Training examples per intent (fewer than {least} is marked):")
        )
        table = Table(["intent", *coverage.languages])
        for row in intents:
            table.rows.append(
                [Cell(row.intent)]
                + [_examples(row.counts[lang], least) for lang in coverage.languages]
            )
        blocks.append(table)
    else:
        blocks.append(Para("No training examples in this topic."))
    return blocks


def _examples(count: int, least: int) -> Cell:
    if count == 0:
        return Cell("✗ none", GAP)
    return Cell(str(count), OK) if count >= least else Cell(f"✗ {count}", GAP)


def safety_section(coverage: Coverage) -> list[Block]:
    """Phrases of the safety screen per section and language (data/safety/)."""
    table = Table(["section", *coverage.languages])
    for section in SAFETY_SECTIONS:
        cells = [Cell(section)]
        for language in coverage.languages:
            found = coverage.safety.get(language)
            if not isinstance(found, dict):
                cells.append(Cell("✗ file not usable", GAP))
                continue
            count = found.get(section, 0)
            cells.append(Cell(str(count), OK) if count else Cell("✗ none", GAP))
        table.rows.append(cells)
    blocks: list[Block] = [
        Heading("Safety screen phrases"),
        Para(
            "Phrases per section of the safety screen, one file per language in "
            "data/safety/."
        ),
        table,
    ]
    problems = [
        Cell(f"{lang}: {why}", GAP)
        for lang, why in coverage.safety.items()
        if isinstance(why, str)
    ]
    if problems:
        blocks.append(Bullets(problems))
    return blocks


def summary(coverage: Coverage, written: list[Path]) -> str:
    """Return the few lines printed after writing the report."""
    answers = _unique(coverage.answers)
    lines = [
        f"coverage: {len(coverage.topics)} topics, {len(answers)} answers, "
        f"{len(coverage.intents)} intents, languages {', '.join(coverage.languages)}"
    ]
    for language in coverage.languages:
        status = language_status(coverage, language)
        gaps = (
            f"; {len(status.absent)} answer(s) missing, "
            f"{len(status.partial)} missing an age band"
        )
        lines.append(
            f"  {language}: age-band texts {status.share}"
            + (gaps if status.absent or status.partial else "")
        )
    few = [
        f"{r.intent} ({lang})"
        for r in coverage.intents
        for lang in coverage.languages
        if r.counts[lang] < coverage.min_examples
    ]
    lines.append(
        f"  training examples: {len(few)} intent(s) × language with fewer than "
        f"{coverage.min_examples} or none"
        + (f": {', '.join(few[:8])}" if few else "")
        + (" ..." if len(few) > 8 else "")
    )
    empty = sum(
        1
        for found in coverage.safety.values()
        if isinstance(found, dict)
        for count in found.values()
        if not count
    )
    unusable = [lang for lang, f in coverage.safety.items() if not isinstance(f, dict)]
    if empty or unusable:
        lines.append(
            f"  safety phrases: {empty} section(s) without phrases"
            + (f"; file not usable: {', '.join(unusable)}" if unusable else "")
        )
    else:
        lines.append("  safety phrases: every section has phrases")
    if coverage.outdated is None:
        lines.append("  English changed after the translation: not compared (no git)")
    else:
        lines.append(
            f"  English changed after the translation: {len(coverage.outdated)} "
            "topic file(s)"
        )
    if coverage.unreadable:
        lines.append(
            f"  {len(coverage.unreadable)} file(s) could not be read: run `make check`"
        )
    lines.append("wrote " + " and ".join(str(p) for p in written))
    return "\n".join(lines)


def write_report(coverage: Coverage, out_dir: Path) -> list[Path]:
    """Write coverage.md and coverage.html into `out_dir`; return their paths."""
    blocks = build_report(coverage)
    out_dir.mkdir(parents=True, exist_ok=True)
    md, html = out_dir / "coverage.md", out_dir / "coverage.html"
    md.write_text(to_markdown(blocks), encoding="utf-8")
    html.write_text(to_html(blocks, TITLE), encoding="utf-8")
    return [md, html]


def main(argv: list[str] | None = None) -> int:
    """Collect, write both files, print the summary."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--root", type=Path, default=Path("."))
    parser.add_argument("--out", type=Path, help="folder for the report (var/)")
    parser.add_argument("--min-examples", type=int, default=MIN_EXAMPLES)
    args = parser.parse_args(argv)
    coverage = collect(args.root, args.min_examples)
    written = write_report(coverage, args.out or args.root / "var")
    print(summary(coverage, written))
    return 0


if __name__ == "__main__":
    sys.exit(main())
