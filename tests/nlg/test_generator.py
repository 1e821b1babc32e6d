import asyncio
import shutil
import time
from pathlib import Path

import pytest
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import SlotSet
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.utils.endpoints import EndpointConfig

import nlg.generator
from nlg.generator import MostSpecificNLG

ROOT = Path(__file__).resolve().parents[2]

ANSWERS = """\
responses:
  utter_hello:
    text:
      child: "Hi little one, {name}!"
      adult: "Hello, {name}."
    buttons:
      - title: Helplines
        payload: /ask_helplines
"""


def tracker(**slots):
    domain = Domain.from_yaml(
        "version: '3.1'\nslots:\n"
        "  language: {type: text, mappings: [{type: custom}]}\n"
        "  age_group: {type: text, mappings: [{type: custom}]}\n"
    )
    t = DialogueStateTracker("u1", domain.slots)
    for name, value in slots.items():
        t.update(SlotSet(name, value))
    return t


@pytest.fixture
def responses_dir(tmp_path):
    (tmp_path / "en").mkdir()
    (tmp_path / "en" / "hello.yml").write_text(ANSWERS)
    return tmp_path


def make_nlg(responses_dir):
    return MostSpecificNLG(
        EndpointConfig(
            type="nlg.generator.MostSpecificNLG", responses_dir=str(responses_dir)
        ),
        Domain.empty(),
    )


def generate(nlg_, t, **kwargs):
    return asyncio.run(nlg_.generate("utter_hello", t, "rest", **kwargs))


def test_picks_band_text_and_fills_placeholders(responses_dir):
    nlg_ = make_nlg(responses_dir)
    message = generate(nlg_, tracker(language="en", age_group="child"), name="Sam")
    assert message["text"] == "Hi little one, Sam!"
    assert message["buttons"] == [{"title": "Helplines", "payload": "/ask_helplines"}]
    assert "condition" not in message


def test_kwargs_override_slots_for_settings_changed_this_turn(responses_dir):
    nlg_ = make_nlg(responses_dir)
    message = generate(
        nlg_, tracker(language="en", age_group="child"), age_group="adult", name="Sam"
    )
    assert message["text"] == "Hello, Sam."


def test_unknown_response_gives_none(responses_dir):
    nlg_ = make_nlg(responses_dir)
    t = tracker(language="en")
    assert asyncio.run(nlg_.generate("utter_missing", t, "rest")) is None


def test_edited_text_is_served_without_restart(responses_dir, monkeypatch):
    monkeypatch.setattr(nlg.generator, "RELOAD_INTERVAL_S", 0.0)
    nlg_ = make_nlg(responses_dir)
    path = responses_dir / "en" / "hello.yml"
    path.write_text(ANSWERS.replace("Hello, {name}.", "Good day, {name}."))
    future = time.time() + 5
    import os

    os.utime(path, (future, future))
    message = generate(nlg_, tracker(language="en", age_group="adult"), name="Kim")
    assert message["text"] == "Good day, Kim."


def test_broken_edit_keeps_last_good_texts(responses_dir, monkeypatch):
    monkeypatch.setattr(nlg.generator, "RELOAD_INTERVAL_S", 0.0)
    nlg_ = make_nlg(responses_dir)
    (responses_dir / "en" / "broken.yml").write_text("responses: [unclosed")
    message = generate(nlg_, tracker(language="en", age_group="adult"), name="Kim")
    assert message["text"] == "Hello, Kim."


def test_real_content_has_disclosure_in_every_language(tmp_path):
    shutil.copytree(ROOT / "data" / "responses", tmp_path / "responses")
    nlg_ = make_nlg(tmp_path / "responses")
    seen = set()
    for language in ("en", "nb", "sv", "nl"):
        t = tracker(language=language, age_group="child")
        message = asyncio.run(
            nlg_.generate(
                "utter_disclosure", t, "rest", emergency="112", helpline="X 1"
            )
        )
        assert message and "112" in message["text"]
        seen.add(message["text"])
    assert len(seen) == 4


def test_rasa_assigning_model_responses_keeps_content_files(responses_dir):
    nlg_ = make_nlg(responses_dir)
    # What rasa.core.agent.Agent.load_model does after loading a model.
    nlg_.responses = {"utter_other": [{"text": "from the model"}]}
    message = generate(nlg_, tracker(language="en", age_group="adult"), name="Ali")
    assert message["text"] == "Hello, Ali."
    assert "utter_other" in nlg_.responses
