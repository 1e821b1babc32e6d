from pathlib import Path

import pytest
import yaml
from rasa_sdk.executor import CollectingDispatcher

from actions import settings
from actions.flows import ActionGuide, step_number
from tests.fakes import make_tracker

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize(
    "value,expected", [(None, 1), ("2", 2), (3, 3), ("9", 3), ("0", 1), ("two", 1)]
)
def test_step_numbers_are_clamped(value, expected):
    assert step_number(value, 3) == expected


async def test_button_step_selects_that_answer():
    dispatcher = CollectingDispatcher()
    tracker = make_tracker(
        intent="ask_sextortion",
        entities=[{"entity": "step", "value": "2"}],
        text='/ask_sextortion{"step": "2"}',
    )
    await ActionGuide().run(dispatcher, tracker, {})
    assert dispatcher.messages[0]["response"] == settings.flows()["ask_sextortion"][1]


async def test_typed_question_starts_at_step_one():
    dispatcher = CollectingDispatcher()
    await ActionGuide().run(dispatcher, make_tracker(intent="ask_loverboy"), {})
    assert dispatcher.messages[0]["response"] == "utter_ask_loverboy"


async def test_intent_without_flow_gets_the_default_answer():
    dispatcher = CollectingDispatcher()
    await ActionGuide().run(dispatcher, make_tracker(intent="greet"), {})
    assert dispatcher.messages[0]["response"] == "utter_default"


def test_flow_intents_are_answered_by_the_guide_rule():
    rules = {}
    for path in (ROOT / "data" / "rules").glob("*.yml"):
        for rule in yaml.safe_load(path.read_text())["rules"]:
            steps = rule["steps"]
            rules[steps[0].get("intent")] = steps[1].get("action")
    for intent in settings.flows():
        assert rules[intent] == "action_guide", intent


def test_edited_flows_are_used_without_a_restart(tmp_path, monkeypatch):
    import time

    path = tmp_path / "flows.yml"
    path.write_text("flows:\n  ask_sextortion: [utter_a, utter_b]\n")
    monkeypatch.setattr(settings, "FLOWS_PATH", path)
    settings._live_flows.cache_clear()
    try:
        assert settings.flows()["ask_sextortion"] == ["utter_a", "utter_b"]
        path.write_text("flows:\n  ask_sextortion: [utter_a, utter_b, utter_c]\n")
        time.sleep(1.1)  # files are compared at most once a second
        assert settings.flows()["ask_sextortion"] == ["utter_a", "utter_b", "utter_c"]
    finally:
        settings._live_flows.cache_clear()
