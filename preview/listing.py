"""List every answer of a topic as young people of each age band would see it."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any, TextIO

import yaml

from content.checks.sources import read_yaml
from content.responses import (
    AGE_BANDS,
    DEFAULT_AGE_BAND,
    LANGUAGES,
    ContentError,
    load_responses,
)
from helplines.directory import HelplineDirectory
from helplines.formatting import crisis_placeholders
from preferences.parsing import country_for_language
from preview.rendering import Shown, placeholder_values, render_answer

BAND_AGES = {
    "child": "12 or younger",
    "young_teen": "13-15",
    "older_teen": "16-17",
    "adult": "18 or older",
}
INDENT = "     "


class PreviewError(ValueError):
    """What the editor asked for does not exist; the message says what does."""


def topics(responses_dir: Path) -> list[str]:
    """Return the topics: the answer file names of every language."""
    return sorted(
        {p.stem for lang in LANGUAGES for p in (responses_dir / lang).glob("*.yml")}
    )


def topic_answers(responses_dir: Path, topic: str) -> list[str]:
    """Return the answers of a topic in file order (English first), any language."""
    if topic not in topics(responses_dir):
        raise PreviewError(
            f"there is no topic '{topic}' in {responses_dir}/. Topics: "
            + ", ".join(topics(responses_dir))
        )
    names: dict[str, None] = {}
    for language in LANGUAGES:
        path = responses_dir / language / f"{topic}.yml"
        if path.exists():
            data, problems = read_yaml(path, {"responses": dict})
            if data is None or "responses" not in data:
                raise PreviewError("; ".join(str(p) for p in problems))
            names.update(dict.fromkeys(str(name) for name in data["responses"]))
    return list(names)


def topic_of(responses_dir: Path, answer: str) -> str:
    """Return the topic whose file holds an answer."""
    for topic in topics(responses_dir):
        if answer in topic_answers(responses_dir, topic):
            return topic
    raise PreviewError(f"no answer '{answer}' in {responses_dir}/")


def format_shown(shown: list[Shown], language: str, band: str) -> list[str]:
    """Return the lines of one answer for one band, with notes where it falls back."""
    lines: list[str] = []
    if len(shown) > 1:
        lines.append(f"(one of {len(shown)} texts, picked at random)")
    for number, text in enumerate(shown, 1):
        if len(shown) > 1:
            lines.append(f"text {number}:")
        note = _fallback_note(text, language, band)
        if note:
            lines.append(note)
        for reply in text.replies:
            lines.append("bot> " + reply.text.replace("\n", "\n" + INDENT))
            lines += [f"{INDENT}[{button.title}]" for button in reply.buttons]
        lines += [
            f"⚠ {{{name}}} is not filled in by the assistant here: the young person "
            "sees it as written"
            for name in text.unfilled
        ]
        if text.examples:
            names = ", ".join(f"{{{n}}}" for n in text.examples)
            lines.append(f"({names} shown with an example; the assistant fills it in)")
    if not shown:
        lines.append("⚠ no text at all: the young person gets nothing here")
    return lines


def _fallback_note(text: Shown, language: str, band: str) -> str | None:
    if text.language != language:
        where = "for all ages" if text.band is None else f"for {text.band}"
        return f"⚠ no {language} text: shows the {text.language} text {where}"
    if text.band is None:
        return "(the text written for all ages)"
    if text.band != band:
        return f"⚠ no {band} text: shows the {text.band} text"
    return None


def header(
    directory: HelplineDirectory, topic: str, language: str, country: str
) -> list[str]:
    """Return the lines that say whose view this is and which numbers are used."""
    place = directory.country(country)
    numbers = crisis_placeholders(directory, country, language)
    lines = [
        f"══ {topic} · {language} · country {country} ({place.name('en')}) ══",
        f"numbers: emergency {numbers['emergency']}, helpline {numbers['helpline']}",
    ]
    if place.code != country:
        lines.append(
            f"(no helplines listed for {country}: the assistant shows the "
            "international ones)"
        )
    lines.append(f"(a young person who gave no age sees the {DEFAULT_AGE_BAND} text)")
    return lines


def listing(
    responses: dict[str, list[dict[str, Any]]],
    directory: HelplineDirectory,
    topic: str,
    answers: Sequence[str],
    languages: Sequence[str],
    bands: Sequence[str],
    country: str | None = None,
) -> str:
    """Return the preview of `answers` for each language and band."""
    lines: list[str] = []
    for language in languages:
        place = country or country_for_language(language)
        lines += header(directory, topic, language, place)
        for answer in answers:
            lines += ["", answer]
            for i, band in enumerate(bands):
                lines += [""] * (i > 0) + [f"── {band} ({BAND_AGES[band]}) ──"]
                values = placeholder_values(directory, answer, language, band, place)
                shown = render_answer(responses.get(answer, []), language, band, values)
                lines += format_shown(shown, language, band)
        lines.append("")
    return "\n".join(lines)


def list_topic(
    root: Path,
    topic: str | None,
    out: TextIO,
    languages: Sequence[str] = LANGUAGES,
    bands: Sequence[str] = AGE_BANDS,
    country: str | None = None,
    answer: str | None = None,
) -> None:
    """Print a topic (or one answer) for the chosen languages and bands.

    Raises:
        PreviewError: unknown topic or answer, or answer files that cannot be read.
    """
    responses_dir = root / "data" / "responses"
    topic = topic or topic_of(responses_dir, answer or "")
    answers = topic_answers(responses_dir, topic)
    if answer is not None:
        if answer not in answers:
            raise PreviewError(
                f"no answer '{answer}' in topic {topic}. Its answers: "
                + ", ".join(answers)
            )
        answers = [answer]
    try:
        responses = load_responses(responses_dir)
        directory = HelplineDirectory.load(root / "data" / "helplines.yml")
    except (ContentError, OSError, ValueError, yaml.YAMLError) as error:
        raise PreviewError(f"{error}. Run `make check` for details.") from error
    out.write(listing(responses, directory, topic, answers, languages, bands, country))
    out.write("\n")
