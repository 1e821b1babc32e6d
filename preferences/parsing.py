"""Turn what a channel or a young person says into language, age band and country."""

from __future__ import annotations

import re
from typing import Any

from content.responses import AGE_BANDS, LANGUAGES

UNKNOWN_AGE = "unknown"

# Telegram sends IETF tags ("no", "nn", "sv-SE"); all Norwegian tags get bokmål.
_LANGUAGE_TAGS = {
    "nb": "nb",
    "no": "nb",
    "nn": "nb",
    "sv": "sv",
    "nl": "nl",
    "en": "en",
}

# How people name the languages, in the four languages and English (lower case).
_LANGUAGE_NAMES = {
    "en": ["english", "engelsk", "engelska", "engels", "inglese", "eng"],
    "nb": [
        "norwegian",
        "norsk",
        "norska",
        "noors",
        "bokmal",
        "bokmål",
        "nynorsk",
        "norsch",
    ],
    "sv": ["swedish", "svensk", "svenska", "zweeds", "swedes", "svenske"],
    "nl": [
        "dutch",
        "nederlands",
        "nederlandsk",
        "nederländska",
        "hollandsk",
        "holländska",
        "vlaams",
        "flemish",
        "hollands",
    ],
}

_AGE_BAND_ALIASES = {
    "rather_not_say": UNKNOWN_AGE,
    "none": UNKNOWN_AGE,
}


def language_from_tag(tag: Any) -> str | None:
    """Return a supported language for a language tag like 'nb-NO', else None."""
    if not isinstance(tag, str) or not tag.strip():
        return None
    primary = tag.strip().lower().replace("_", "-").split("-")[0]
    return _LANGUAGE_TAGS.get(primary)


def language_from_words(text: Any) -> str | None:
    """Find a supported language named in free text ('kan du snakke norsk?')."""
    if not isinstance(text, str):
        return None
    tag = language_from_tag(text) if len(text.strip()) <= 5 else None
    if tag:
        return tag
    words = set(re.findall(r"[a-zæøåäöüé]+", text.lower()))
    for language, names in _LANGUAGE_NAMES.items():
        if words.intersection(names):
            return language
    return None


def age_band_for_age(age: int) -> str | None:
    """Return the age band for an age in years; None when it cannot be an age."""
    if not 5 <= age <= 120:
        return None
    if age <= 12:
        return "child"
    if age <= 15:
        return "young_teen"
    if age <= 17:
        return "older_teen"
    return "adult"


def age_band_from_value(value: Any) -> str | None:
    """Return the band for an entity value: a band name, 'unknown' or a number."""
    if isinstance(value, int):
        return age_band_for_age(value)
    if not isinstance(value, str):
        return None
    cleaned = value.strip().lower()
    if cleaned in AGE_BANDS or cleaned == UNKNOWN_AGE:
        return cleaned
    if cleaned in _AGE_BAND_ALIASES:
        return _AGE_BAND_ALIASES[cleaned]
    numbers = re.findall(r"\d{1,3}", cleaned)
    return age_band_for_age(int(numbers[0])) if len(numbers) == 1 else None


def normalize_age_group(value: Any) -> str | None:
    """Accept only a known band (or 'unknown') as the age_group slot value."""
    if isinstance(value, str) and (value in AGE_BANDS or value == UNKNOWN_AGE):
        return value
    return None


def normalize_language(value: Any) -> str | None:
    """Accept only a supported language code as the language slot value."""
    return value if value in LANGUAGES else language_from_tag(value)


# A young person's country until they say otherwise (English: international help).
COUNTRY_FOR_LANGUAGE = {"nb": "NO", "sv": "SE", "nl": "NL"}


def country_for_language(language: str) -> str:
    """Return the country whose numbers a young person of this language gets first."""
    return COUNTRY_FOR_LANGUAGE.get(language, "INT")


def normalize_country(value: Any) -> str | None:
    """Return an upper-case ISO 3166 alpha-2 code (or 'INT'), else None."""
    if not isinstance(value, str):
        return None
    code = value.strip().upper()
    return code if re.fullmatch(r"[A-Z]{2}|INT", code) else None
