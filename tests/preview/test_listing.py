"""`make preview TOPIC=... LANG=...`: each band's text as the assistant shows it."""

import io
from pathlib import Path

import pytest
import yaml

from bot.render import split_bubbles
from content.responses import AGE_BANDS
from helplines.directory import HelplineDirectory
from helplines.formatting import crisis_placeholders
from preview.__main__ import main
from preview.listing import PreviewError, list_topic, listing
from preview.rendering import fill

ROOT = Path(__file__).resolve().parents[2]
SV_GROOMING = ROOT / "data" / "responses" / "sv" / "grooming.yml"


def preview(*args: str, capsys) -> tuple[int, str, str]:
    code = main(["--root", str(ROOT), *args])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_a_swedish_topic_shows_every_band_with_its_bubbles_and_buttons(capsys):
    code, out, _ = preview("--topic", "grooming", "--language", "sv", capsys=capsys)
    assert code == 0
    spec = yaml.safe_load(SV_GROOMING.read_text(encoding="utf-8"))["responses"]
    answer = spec["utter_ask_grooming_signs"]
    sections = out.split("── ")
    for band in AGE_BANDS:
        [section] = [s for s in sections if s.startswith(f"{band} (")]
        for bubble in split_bubbles(answer["text"][band]):
            assert "bot> " + bubble.replace("\n", "\n     ") in section
        for button in answer["buttons"]:
            assert f"[{button['title']}]" in section
    assert "country SE" in out
    assert "nb" not in out.split("\n")[0]  # only the chosen language


def test_placeholders_are_filled_with_the_countrys_numbers(capsys):
    code, out, _ = preview("--topic", "crisis", "--language", "sv", capsys=capsys)
    assert code == 0
    directory = HelplineDirectory.load(ROOT / "data" / "helplines.yml")
    numbers = crisis_placeholders(directory, "SE", "sv")
    assert "{emergency}" not in out and "{helpline}" not in out
    assert f"ring {numbers['emergency']}" in out
    assert numbers["helpline"] in out


def test_a_chosen_country_and_band_and_one_answer(capsys):
    code, out, _ = preview(
        "--answer",
        "utter_helplines",
        "--language",
        "nb",
        "--band",
        "child",
        "--country",
        "nl",
        capsys=capsys,
    )
    assert code == 0
    assert "utter_helplines" in out and "── child" in out
    assert "── adult" not in out and "{helplines}" not in out
    assert "0800-0432" in out  # the Dutch child helpline, in a Norwegian text


def test_unknown_topic_is_explained_and_fails(capsys):
    code, out, err = preview("--topic", "groomnig", capsys=capsys)
    assert code != 0 and out == ""
    assert "no topic 'groomnig'" in err and "grooming" in err


def test_unknown_answer_language_and_band_are_explained(capsys):
    code, _, err = preview("--topic", "crisis", "--answer", "utter_x", capsys=capsys)
    assert code != 0 and "no answer 'utter_x' in topic crisis" in err
    assert "utter_crisis_danger" in err
    code, _, err = preview("--topic", "crisis", "--language", "de", capsys=capsys)
    assert code != 0 and "unknown language 'de'" in err
    code, _, err = preview("--topic", "crisis", "--band", "teen", capsys=capsys)
    assert code != 0 and "unknown age band 'teen'" in err


def write(root: Path, language: str, text: str) -> None:
    folder = root / "data" / "responses" / language
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "topic.yml").write_text(text, encoding="utf-8")


def test_fallbacks_are_named(tmp_path):
    write(
        tmp_path,
        "en",
        "responses:\n  utter_a:\n    text:\n      child: Hi kid\n"
        "      young_teen: Hi teen\n",
    )
    write(tmp_path, "sv", "responses:\n  utter_a:\n    text:\n      young_teen: Hej\n")
    (tmp_path / "data" / "helplines.yml").write_text(
        (ROOT / "data" / "helplines.yml").read_text(encoding="utf-8"), encoding="utf-8"
    )
    out = io.StringIO()
    list_topic(tmp_path, "topic", out, languages=["sv"], bands=["child", "adult"])
    text = out.getvalue()
    assert "⚠ no sv text: shows the en text for child\nbot> Hi kid" in text
    assert "⚠ no adult text: shows the young_teen text\nbot> Hej" in text


def test_several_texts_and_unknown_placeholders_are_shown():
    responses = {
        "utter_a": [
            {
                "text": "One {mystery}",
                "condition": [{"type": "slot", "name": "language", "value": "en"}],
            },
            {
                "text": "Two",
                "condition": [{"type": "slot", "name": "language", "value": "en"}],
            },
        ]
    }
    directory = HelplineDirectory.load(ROOT / "data" / "helplines.yml")
    text = listing(responses, directory, "t", ["utter_a"], ["en"], ["child"])
    assert "(one of 2 texts, picked at random)" in text
    assert "bot> One {mystery}" in text and "⚠ {mystery} is not filled in" in text


def test_unreadable_answers_are_a_preview_error(tmp_path):
    write(tmp_path, "en", "responses:\n  utter_a: [broken\n")
    with pytest.raises(PreviewError):
        list_topic(tmp_path, "topic", io.StringIO())


@pytest.mark.parametrize(
    "text",
    [
        "Call {emergency} or {helpline}.",
        "No placeholder.",
        "Unknown {nope} and {emergency}",
        "Two\n\nbubbles {country_name}",
    ],
)
def test_filling_matches_rasa(text):
    from rasa.core.nlg.interpolator import interpolate_text

    values = {"emergency": "112", "helpline": "Bris 116 111", "country_name": "Sverige"}
    assert fill(text, values)[0] == interpolate_text(text, values)
