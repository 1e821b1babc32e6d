"""Render one answer as the assistant does: pick the text, fill it in, split bubbles.

The choice of text is the assistant's own code (nlg.selection), bubbles and buttons
are the gateway's (bot.render), numbers come from helplines/; only filling in the
{placeholders} is repeated here, because Rasa's version needs all of Rasa.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from bot.render import Reply, bubbles, buttons_from
from helplines.directory import FALLBACK_COUNTRY, HelplineDirectory
from helplines.formatting import EMERGENCY_USE, crisis_placeholders, helpline_list
from nlg.selection import most_specific, variation_key

# Filled in by the assistant at the moment it answers; shown here with examples.
EXAMPLE_VALUES = {"position": "2", "when": "02.03. 09:00", "timezone": "UTC"}
# Rasa fills {name} (no line break or brace inside) and, if any name is unknown,
# leaves the whole text as written (rasa.core.nlg.interpolator.interpolate_text).
_PLACEHOLDER = re.compile(r"{([^\n{}]+?)}")


@dataclass(frozen=True)
class Shown:
    """One text of an answer as a young person sees it."""

    language: str | None  # the language of the text chosen
    band: str | None  # its age band (None: the text for all ages)
    replies: list[Reply]
    unfilled: list[str]  # placeholders the assistant would leave as written
    examples: list[str]  # placeholders filled with example values


def placeholder_values(
    directory: HelplineDirectory,
    answer: str,
    language: str,
    band: str,
    country: str,
) -> dict[str, str]:
    """Return every value the assistant may put into an answer's text."""
    place = directory.country(country)
    return {
        "language": language,
        "age_group": band,
        "country": country,
        **crisis_placeholders(directory, country, language, EMERGENCY_USE.get(answer)),
        "country_name": place.name(language),
        "helplines": helpline_list(
            place, directory.country(FALLBACK_COUNTRY), language
        ),
        **EXAMPLE_VALUES,
    }


def fill(text: str, values: dict[str, str]) -> tuple[str, list[str]]:
    """Fill in {placeholders}; return the text and the names that could not be."""
    unknown = [name for name in _PLACEHOLDER.findall(text) if name not in values]
    if unknown:
        return text, unknown
    return _PLACEHOLDER.sub(lambda m: values[m.group(1)], text), []


def render_answer(
    variations: list[dict[str, Any]],
    language: str,
    band: str,
    values: dict[str, str],
) -> list[Shown]:
    """Return every text the assistant may pick for this language and band."""
    shown = []
    for variation in most_specific(variations, language, band):
        raw = str(variation.get("text", ""))
        text, unfilled = fill(raw, values)
        chosen_language, chosen_band = variation_key(variation)
        shown.append(
            Shown(
                chosen_language,
                chosen_band,
                bubbles(text, buttons_from(variation.get("buttons"))),
                unfilled,
                [name for name in EXAMPLE_VALUES if f"{{{name}}}" in raw],
            )
        )
    return shown
