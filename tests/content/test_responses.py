from pathlib import Path

import pytest
import yaml

from content.build_domain import answers_used_in_dialogues, build_domain
from content.responses import AGE_BANDS, ContentError, load_responses

ROOT = Path(__file__).resolve().parents[2]


def write(root: Path, language: str, name: str, text: str) -> Path:
    path = root / language / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
    return path


def test_band_texts_become_conditioned_variations(tmp_path):
    write(
        tmp_path,
        "nb",
        "a.yml",
        "responses:\n  utter_x:\n    text:\n      child: Hei\n      adult: Hallo\n"
        "    buttons:\n      - {title: Ja, payload: /affirm}\n",
    )
    [child, adult] = load_responses(tmp_path)["utter_x"]
    assert child["text"] == "Hei"
    assert child["condition"] == [
        {"type": "slot", "name": "language", "value": "nb"},
        {"type": "slot", "name": "age_group", "value": "child"},
    ]
    assert adult["buttons"] == [{"title": "Ja", "payload": "/affirm"}]


def test_same_answer_twice_in_one_language_names_both_files(tmp_path):
    write(tmp_path, "en", "a.yml", "responses:\n  utter_x:\n    text: one\n")
    write(tmp_path, "en", "b.yml", "responses:\n  utter_x:\n    text: two\n")
    with pytest.raises(ContentError, match=r"b\.yml.*utter_x.*a\.yml"):
        load_responses(tmp_path)


@pytest.mark.parametrize(
    "body,message",
    [
        ("responses: [", "not valid YAML"),
        ("texts: {}", "top-level 'responses:'"),
        ("responses:\n  utter_x:\n    buttons: []\n", "needs a 'text:'"),
        ("responses:\n  utter_x:\n    text:\n      teen: hi\n", "unknown age band"),
        ("responses:\n  utter_x:\n    text: '   '\n", "empty text"),
    ],
)
def test_broken_files_explain_the_problem(tmp_path, body, message):
    path = write(tmp_path, "sv", "broken.yml", body)
    with pytest.raises(ContentError, match=message) as error:
        load_responses(tmp_path)
    assert str(path) in str(error.value)


def test_real_english_content_covers_every_dialogue_answer_in_every_band():
    responses = load_responses(ROOT / "data" / "responses")
    used = answers_used_in_dialogues(
        [ROOT / "data" / "rules", ROOT / "data" / "stories"]
    )
    action_answers = {
        "utter_disclosure", "utter_ask_language", "utter_language_changed",
        "utter_ask_age", "utter_age_changed", "utter_greet", "utter_crisis_danger",
        "utter_crisis_self_harm", "utter_helplines", "utter_no_counsellor_available",
    }  # fmt: skip
    for name in used | action_answers:
        bands = {
            c["value"]
            for v in responses[name]
            for c in v["condition"]
            if v["condition"][0]["value"] == "en" and c["name"] == "age_group"
        }
        assert bands == set(AGE_BANDS), name


@pytest.mark.parametrize("language", ["nb", "sv", "nl"])
def test_required_answers_exist_in_every_language_and_band(language):
    responses = load_responses(ROOT / "data" / "responses")
    required = [
        "utter_disclosure", "utter_greet", "utter_bot_challenge",
        "utter_ask_capabilities", "utter_crisis_danger", "utter_crisis_self_harm",
        "utter_helplines", "utter_ask_language", "utter_ask_age",
        "utter_service_unavailable",
    ]  # fmt: skip
    for name in required:
        keys = {tuple(c["value"] for c in v["condition"]) for v in responses[name]}
        for band in AGE_BANDS:
            assert (language, band) in keys or (language,) in keys, (name, band)


def test_domain_build_keeps_only_answers_that_dialogues_use(tmp_path):
    out = build_domain(ROOT / "domain.yml", ROOT / "data" / "responses", tmp_path / "d")
    responses = yaml.safe_load((out / "responses.yml").read_text())["responses"]
    used = answers_used_in_dialogues(
        [ROOT / "data" / "rules", ROOT / "data" / "stories"]
    )
    assert set(responses) == used
    assert (out / "domain.yml").read_text() == (ROOT / "domain.yml").read_text()
