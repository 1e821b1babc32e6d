import pytest

from preferences.parsing import (
    age_band_for_age,
    age_band_from_value,
    language_from_tag,
    language_from_words,
    normalize_country,
)


@pytest.mark.parametrize(
    "tag,expected",
    [("nb", "nb"), ("no", "nb"), ("nn-NO", "nb"), ("sv-SE", "sv"), ("nl_BE", "nl"),
     ("en-GB", "en"), ("de", None), ("", None), (None, None), (42, None)],
)  # fmt: skip
def test_language_tags(tag, expected):
    assert language_from_tag(tag) == expected


@pytest.mark.parametrize(
    "text,expected",
    [("kan du snakke norsk?", "nb"), ("Svenska tack", "sv"),
     ("in het Nederlands pls", "nl"), ("english!!", "en"), ("sv", "sv"),
     ("i like pizza", None)],
)  # fmt: skip
def test_language_named_in_words(text, expected):
    assert language_from_words(text) == expected


@pytest.mark.parametrize(
    "age,band",
    [(4, None), (5, "child"), (12, "child"), (13, "young_teen"), (15, "young_teen"),
     (16, "older_teen"), (17, "older_teen"), (18, "adult"), (121, None)],
)  # fmt: skip
def test_age_bands(age, band):
    assert age_band_for_age(age) == band


@pytest.mark.parametrize(
    "value,band",
    [("14", "young_teen"), ("jeg er 11 år", "child"), ("child", "child"),
     ("unknown", "unknown"), ("rather_not_say", "unknown"), ("13 or 14", None),
     (None, None), (17, "older_teen")],
)  # fmt: skip
def test_age_band_from_entity_values(value, band):
    assert age_band_from_value(value) == band


def test_country_codes():
    assert normalize_country(" no ") == "NO"
    assert normalize_country("int") == "INT"
    assert normalize_country("Norway") is None
