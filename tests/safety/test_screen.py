"""The safety screen on small phrase files written for each test."""

from __future__ import annotations

from pathlib import Path

import pytest

from safety.normalise import fold, join_spelled_out
from safety.phrases import Phrase, PhraseError, compile_phrase, read_phrases
from safety.screen import SafetyScreen
from safety.typos import TypoCorrector

PHRASES = """\
danger:
  - help me now
  - someone is? hurting/hitting/following me
self_harm:
  - kill myself
  - want to die
  - selvmord*
exploitation:
  - make/makes/made me ... sex
  - sold me
sextortion:
  - pay ... or ... post/share ... nude*/pics
bot_abuse:
  - pretend you are my girlfriend
not_crisis:
  - killing me
  - want to die laughing
signs:
  secrecy:
    - our little secret
  move_app:
    - add me on snap/telegram
"""


@pytest.fixture
def screen(tmp_path: Path) -> SafetyScreen:
    (tmp_path / "en.yml").write_text(PHRASES, encoding="utf-8")
    return SafetyScreen.load(tmp_path)


@pytest.mark.parametrize(
    ("text", "category"),
    [
        ("pls HELP ME NOW!!!", "danger"),
        ("someone following me home", "danger"),
        ("i want to K1LL myselfff 😭", "self_harm"),
        ("i really wnat to die", None),  # 4-letter typo: too short to correct
        ("i waaaant to die", "self_harm"),
        ("jeg tenker på selvmord hele tiden", "self_harm"),
        ("i wanna kil myslef", "self_harm"),  # swapped letters in a long word
        ("h e l p me now", "danger"),
        ("he makes me go and have sex with men", "exploitation"),
        ("he made me do stuff", None),
        ("pay 200 or i will post your nudes", "sextortion"),
        ("pretend you are my girlfriend", "bot_abuse"),
        ("this maths homework is killing me", None),
        ("i want to die laughing at this meme", None),
        (
            "lol i want to die laughing, but seriously i want to kill myself",
            "self_harm",
        ),
        ("what is sextortion", None),
        ("", None),
        ("🙂🙂🙂", None),
    ],
)
def test_categories(screen: SafetyScreen, text: str, category: str | None) -> None:
    assert screen.check(text, "en").category == category


def test_crisis_wins_over_misuse(screen: SafetyScreen) -> None:
    result = screen.check("pretend you are my girlfriend. i want to kill myself")
    assert result.category == "self_harm" and result.intent == "crisis_self_harm"
    assert result.hits[0].phrase.line == 5


def test_signs_are_found_in_a_fixed_order(screen: SafetyScreen) -> None:
    text = "add me on snap ok? its our little secret"
    assert screen.signs(text, "en") == ["secrecy", "move_app"]
    assert screen.signs("see you at practice", "en") == []


def test_normalising_is_the_same_for_phrases_and_messages() -> None:
    assert fold("Jeg vil DØ nå!!") == "jeg vil do na  "
    assert fold("don't") == "dont"
    assert fold("k1ll $ex 2") == "kil sex 2"
    assert join_spelled_out(["h", "e", "l", "p", "me", "a", "b"]) == [
        "help",
        "me",
        "a",
        "b",
    ]


def test_typo_correction_needs_one_edit_and_one_candidate() -> None:
    typos = TypoCorrector(["suicide", "myself", "trapped", "tapped"])
    assert typos.correct("sucide") == "suicide"
    assert typos.correct("suicdie") == "suicide"
    assert typos.correct("myselff") == "myself"
    assert typos.correct("sxcide") == "sxcide"  # two edits
    assert typos.correct("trapped") == "trapped"


def phrase(text: str) -> Phrase:
    return Phrase("en", "danger", text, Path("data/safety/en.yml"), 12)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "empty phrase"),
        ("... help", "cannot start"),
        ("help ...", "cannot end"),
        ("ab* me", "at least 3 letters"),
        ("me?", "at least one word must be required"),
        ("💀 me", "has no letters"),
    ],
)
def test_bad_phrases_name_file_and_line(text: str, message: str) -> None:
    with pytest.raises(PhraseError, match=message) as error:
        compile_phrase(phrase(text))
    assert "data/safety/en.yml:12" in str(error.value)


def test_phrase_file_errors_name_the_line(tmp_path: Path) -> None:
    path = tmp_path / "en.yml"
    path.write_text(PHRASES.replace("  - sold me\n", "  - sold me: [\n"))
    with pytest.raises(PhraseError, match=r"en.yml:\d+: not valid YAML"):
        read_phrases(path)
    path.write_text(PHRASES.replace("bot_abuse:", "bot_abus:"))
    with pytest.raises(PhraseError, match="unknown section 'bot_abus'"):
        read_phrases(path)
    path.write_text(PHRASES.replace("  secrecy:", "  secret:"))
    with pytest.raises(PhraseError, match="unknown sign 'secret'"):
        read_phrases(path)


def test_real_phrase_files_load_for_every_language() -> None:
    screen = SafetyScreen.load()
    assert set(screen.languages) == {"en", "nb", "sv", "nl"}
