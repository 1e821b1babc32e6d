"""Choose the most specific answer variation for a language and age band.

Rasa pools every variation whose condition matches and picks one at random, so a
child could get the adult text. Here each step of the fallback chain is tried in
order and only the variations of the first step that has any are returned.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from content.responses import AGE_BANDS, DEFAULT_AGE_BAND, FALLBACK_LANGUAGE

Variation = dict[str, Any]


def fallback_chain(
    language: str | None, age_group: str | None
) -> list[tuple[str, str | None]]:
    """Return the (language, age band) steps to try, most specific first."""
    band = age_group if age_group in AGE_BANDS else DEFAULT_AGE_BAND
    lang = language or FALLBACK_LANGUAGE
    steps = [
        (lang, band),
        (lang, None),
        (FALLBACK_LANGUAGE, band),
        (FALLBACK_LANGUAGE, None),
        (lang, DEFAULT_AGE_BAND),
        (FALLBACK_LANGUAGE, DEFAULT_AGE_BAND),
    ]
    return list(dict.fromkeys(steps))


def variation_key(variation: Variation) -> tuple[str | None, str | None]:
    """Return the (language, age band) a variation is written for."""
    values = {
        c.get("name"): c.get("value")
        for c in variation.get("condition") or []
        if c.get("type") == "slot"
    }
    return values.get("language"), values.get("age_group")


def most_specific(
    variations: Sequence[Variation], language: str | None, age_group: str | None
) -> list[Variation]:
    """Return the variations of the first fallback step that has any."""
    by_key: dict[tuple[str | None, str | None], list[Variation]] = {}
    for variation in variations:
        by_key.setdefault(variation_key(variation), []).append(variation)
    for step in fallback_chain(language, age_group):
        if step in by_key:
            return by_key[step]
    # Unconditioned variations come from outside our content files; better than nothing.
    return by_key.get((None, None), [])


def languages_of(variations: Iterable[Variation]) -> set[str]:
    """Return the languages a response has variations for."""
    return {lang for lang, _ in map(variation_key, variations) if lang}
