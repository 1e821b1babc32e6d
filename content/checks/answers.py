"""Checks on answers: coverage, terminology, readability and bubble length."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any, NamedTuple

from content.checks.located import line_of, literal_start
from content.checks.problems import ERROR, WARNING, Problem
from content.checks.readability import score, words
from content.responses import AGE_BANDS, LANGUAGES

_BUBBLE = re.compile(r"\S(?:.|\n(?!\s*\n))*", re.UNICODE)  # text up to a blank line


class Answer(NamedTuple):
    """One answer text and where it was written."""

    path: Path
    name: str
    language: str
    band: str | None  # None: one text for every band
    text: str
    line: int | None = None  # the answer's band (or text:) line
    start: int | None = None  # line of the text's first character, if kept as written
    name_line: int | None = None  # line of the answer's name

    def line_at(self, offset: int) -> int | None:
        """Return the line of a character of the text (the answer's line if unsure)."""
        if self.start is None:
            return self.line
        return self.start + self.text.count("\n", 0, offset)


class Text(NamedTuple):
    """A text to search for forbidden terms, with where it was written."""

    path: str
    entry: str
    text: str
    line: int | None = None  # line of the text's first character


def iter_answers(responses: Iterable[tuple[Path, dict[str, Any]]]) -> Iterator[Answer]:
    """Yield every well-formed answer text with its file and line."""
    for path, answers in responses:
        for name, spec in answers.items():
            if not isinstance(spec, dict):
                continue
            first = Answer(path, str(name), path.parent.name, None, "",
                           name_line=line_of(answers, name))  # fmt: skip
            texts = spec.get("text")
            if isinstance(texts, dict):
                for band in texts:
                    if band in AGE_BANDS:  # other keys are reported by answer_shape
                        yield from _texts(first._replace(band=band), texts, band)
            else:
                yield from _texts(first, spec, "text")


def _texts(answer: Answer, holder: Any, key: Any) -> Iterator[Answer]:
    value = holder.get(key)
    line = line_of(holder, key)
    if isinstance(value, str):
        yield answer._replace(text=value, line=line, start=literal_start(holder, key))
    elif isinstance(value, list):
        for i, one in enumerate(value):
            if isinstance(one, str):
                yield answer._replace(
                    text=one, line=line_of(value, i, line),
                    start=literal_start(value, i),
                )  # fmt: skip


def coverage(
    answers: Iterable[tuple[Any, ...]],
    required: set[str],
    unreadable: Iterable[str] = (),
) -> list[Problem]:
    """Every answer exists in every language for every age band (or for all bands).

    Languages in `unreadable` have a file that could not be read (already reported),
    so an answer missing there may just be in that file.
    """
    skip = set(unreadable)
    have: dict[tuple[str, str], set[str | None]] = {}
    where: dict[tuple[str, str], tuple[Path, int | None]] = {}
    for answer in map(_answer, answers):
        key = (answer.name, answer.language)
        have.setdefault(key, set()).add(answer.band)
        if key not in where:
            where[key] = (answer.path, answer.name_line)
    problems = []
    for name in sorted(required | {n for n, _ in have}):
        written = [where[(name, lang)] for lang in LANGUAGES if (name, lang) in where]
        for language in LANGUAGES:
            bands = have.get((name, language), set())
            if None in bands or (not bands and language in skip):
                continue
            missing = [b for b in AGE_BANDS if b not in bands]
            if len(missing) == len(AGE_BANDS):
                problems.append(_missing_language(name, language, written))
            elif missing:
                path, line = where[(name, language)]
                problems.append(Problem(
                    ERROR, str(path), name,
                    f"{language} has no text for age band(s) {', '.join(missing)}",
                    line,
                ))  # fmt: skip
    return problems


def _missing_language(
    name: str, language: str, written: list[tuple[Path, int | None]]
) -> Problem:
    """Point at the file the answer belongs in, and at a language that has it."""
    if not written:
        return Problem(
            ERROR,
            f"data/responses/{language}/",
            name,
            f"missing in {language}: add this answer for every age band",
        )
    path, line = written[0]
    other = f"{path}:{line}" if line else str(path)
    return Problem(
        ERROR, str(path.parent.parent / language / path.name), name,
        f"missing in {language}: add this answer for every age band "
        f"(see {other})",
    )  # fmt: skip


def _answer(item: tuple[Any, ...]) -> Answer:
    return item if isinstance(item, Answer) else Answer(*item)


def terminology(
    texts: Iterable[tuple[Any, ...]], rules: dict[str, list[dict[str, str]]]
) -> list[Problem]:
    """Find forbidden terms (any language's list applies to every text)."""
    terms = [(r["term"].lower(), r["use"]) for rs in rules.values() for r in rs]
    problems = []
    for path, entry, text, *rest in texts:
        line = rest[0] if rest else None
        lowered = text.lower()
        for term, use in terms:
            at = lowered.find(term)
            if at >= 0:
                problems.append(Problem(
                    ERROR, str(path), entry, f'uses "{term}": write "{use}" instead',
                    None if line is None else line + lowered.count("\n", 0, at),
                ))  # fmt: skip
    return problems


def answer_texts(answers: Iterable[Answer]) -> list[Text]:
    """Return answers as texts for the terminology check."""
    return [
        Text(str(a.path), f"{a.name} ({a.band or 'all'})", a.text,
             a.start if a.start is not None else a.line)
        for a in answers
    ]  # fmt: skip


def readability(
    answers: Iterable[tuple[Any, ...]], rules: dict[str, Any]
) -> list[Problem]:
    """Each band's text stays within its reading-level limit."""
    limits = rules["readability"]
    problems = []
    for answer in map(_answer, answers):
        path, name, language, band, text = answer[:5]
        if band is None or len(words(text)) < limits["min_words"]:
            continue
        measure, value = score(text, language)
        if measure == "LIX":
            limit = limits["lix_max"][band]
            too_hard = value > limit
            wanted = f"at most {limit}"
        else:
            key = "flesch_douma_min" if measure == "Flesch-Douma" else "flesch_min"
            limit = limits[key][band]
            too_hard = value < limit
            wanted = f"at least {limit}"
        if too_hard:
            problems.append(Problem(
                ERROR, str(path), f"{name} ({band})",
                f"too hard to read for {band}: {measure} {value:.0f}, needs {wanted}."
                " Use shorter sentences and shorter words.", answer.line,
            ))  # fmt: skip
    return problems


def bubbles(answers: Iterable[tuple[Any, ...]], rules: dict[str, Any]) -> list[Problem]:
    """Each band gets a limited number of bubbles of a limited length."""
    problems = []
    for answer in map(_answer, answers):
        key = answer.band or "adult"
        entry = f"{answer.name} ({key})"
        parts = [m for m in _BUBBLE.finditer(answer.text) if m.group().strip()]
        most = rules["bubbles_max"][key]
        if len(parts) > most:
            problems.append(Problem(
                ERROR, str(answer.path), entry,
                f"{len(parts)} bubbles; {key} answers have at most {most} "
                "(a blank line starts a bubble)", answer.line_at(parts[most].start()),
            ))  # fmt: skip
        longest = max(parts, key=lambda m: len(m.group().strip()), default=None)
        size = len(longest.group().strip()) if longest else 0
        if longest and size > rules["bubble_chars_max"][key]:
            problems.append(Problem(
                WARNING, str(answer.path), entry,
                f"a bubble has {size} characters; keep {key} bubbles under "
                f"{rules['bubble_chars_max'][key]}", answer.line_at(longest.start()),
            ))  # fmt: skip
    return problems
