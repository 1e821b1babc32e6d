from content.responses import slot_condition
from nlg.selection import fallback_chain, most_specific, variation_key


def v(text, language=None, age=None):
    variation = {"text": text}
    if language:
        variation["condition"] = slot_condition(language, age)
    return variation


VARIATIONS = [
    v("en child", "en", "child"),
    v("en teen", "en", "young_teen"),
    v("en any", "en"),
    v("nb child", "nb", "child"),
    v("nb any", "nb"),
    v("sv adult", "sv", "adult"),
]


def texts(found):
    return sorted(x["text"] for x in found)


def test_language_and_band_wins_over_language_only():
    assert texts(most_specific(VARIATIONS, "nb", "child")) == ["nb child"]


def test_language_only_before_english():
    assert texts(most_specific(VARIATIONS, "nb", "adult")) == ["nb any"]


def test_english_band_when_language_missing():
    assert texts(most_specific(VARIATIONS, "nl", "child")) == ["en child"]


def test_english_language_only_when_band_missing_everywhere():
    assert texts(most_specific(VARIATIONS, "nl", "older_teen")) == ["en any"]


def test_unknown_age_uses_young_teen_texts():
    assert texts(most_specific(VARIATIONS, "en", "unknown")) == ["en teen"]
    assert texts(most_specific(VARIATIONS, "en", None)) == ["en teen"]


def test_default_band_of_own_language_before_nothing():
    only_teen = [v("sv teen", "sv", "young_teen")]
    assert texts(most_specific(only_teen, "sv", "adult")) == ["sv teen"]


def test_never_mixes_specific_and_generic_variations():
    for _ in range(50):
        assert texts(most_specific(VARIATIONS, "en", "child")) == ["en child"]


def test_several_variations_of_one_step_are_all_candidates():
    pool = [v("hi 1", "en", "child"), v("hi 2", "en", "child"), v("hey", "en")]
    assert texts(most_specific(pool, "en", "child")) == ["hi 1", "hi 2"]


def test_unconditioned_variations_only_as_last_resort():
    assert texts(most_specific([v("plain")], "nb", "child")) == ["plain"]
    assert most_specific([], "nb", "child") == []


def test_chain_has_no_duplicate_steps():
    chain = fallback_chain("en", "young_teen")
    assert len(chain) == len(set(chain))
    assert chain[0] == ("en", "young_teen")


def test_variation_key_reads_slot_conditions():
    assert variation_key(v("x", "sv", "adult")) == ("sv", "adult")
    assert variation_key(v("x")) == (None, None)
