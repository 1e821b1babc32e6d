"""The NLG marks each answer with its name so the gateway can ask about it."""

import asyncio

from rasa.core.actions.action import ActionBotResponse
from rasa.core.channels.channel import CollectingOutputChannel
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import BotUttered, SlotSet
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.utils.endpoints import EndpointConfig

from bot.render import render
from nlg.generator import MostSpecificNLG, named

ANSWERS = """\
responses:
  utter_hello:
    text:
      young_teen: "Hi {name}!\\n\\nSecond bubble."
      adult: "Hello."
    buttons:
      - title: Helplines
        payload: /ask_helplines
"""


def make_nlg(tmp_path):
    (tmp_path / "en").mkdir()
    (tmp_path / "en" / "hello.yml").write_text(ANSWERS)
    config = EndpointConfig(
        type="nlg.generator.MostSpecificNLG", responses_dir=str(tmp_path)
    )
    return MostSpecificNLG(config, Domain.empty())


def tracker():
    domain = Domain.from_yaml(
        "version: '3.1'\nslots:\n"
        "  language: {type: text, mappings: [{type: custom}]}\n"
        "  age_group: {type: text, mappings: [{type: custom}]}\n"
    )
    t = DialogueStateTracker("u1", domain.slots)
    t.update(SlotSet("language", "en"))
    t.update(SlotSet("age_group", "young_teen"))
    return t


def test_generated_answer_carries_its_name(tmp_path):
    message = asyncio.run(
        make_nlg(tmp_path).generate("utter_hello", tracker(), "rest", name="Sam")
    )
    assert message["custom"] == {"response": "utter_hello"}
    assert message["text"].startswith("Hi Sam!")


def test_an_answer_with_its_own_custom_payload_keeps_it():
    assert named({"custom": {"x": 1}}, "utter_a")["custom"] == {
        "x": 1,
        "response": "utter_a",
    }
    assert named({"custom": [1]}, "utter_a")["custom"] == [1]  # not ours to change


def test_the_name_survives_rasas_rest_channel_and_is_not_shown(tmp_path):
    async def run():
        output = CollectingOutputChannel()
        events = await ActionBotResponse("utter_hello").run(
            output, make_nlg(tmp_path), tracker(), Domain.empty()
        )
        for event in events:  # as MessageProcessor._send_bot_messages does
            assert isinstance(event, BotUttered)
            await output.send_response("u1", event.message())
        return output.messages

    rendered = render(asyncio.run(run()))
    assert rendered.responses == ["utter_hello"]
    assert [r.text for r in rendered.replies][1:] == ["Second bubble."]
    assert rendered.replies[-1].buttons[0].payload == "/ask_helplines"
