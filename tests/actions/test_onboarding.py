from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.onboarding import ActionChangeAge, ActionChangeLanguage, ActionGreet
from tests.fakes import make_tracker


def responses(dispatcher):
    return [m.get("response") or m.get("custom") for m in dispatcher.messages]


async def test_greet_during_onboarding_asks_language():
    dispatcher = CollectingDispatcher()
    await ActionGreet().run(dispatcher, make_tracker(intent="greet"), {})
    assert responses(dispatcher) == ["utter_ask_language"]


async def test_greet_after_onboarding_greets():
    dispatcher = CollectingDispatcher()
    tracker = make_tracker(slots={"age_group": "unknown"}, intent="greet")
    await ActionGreet().run(dispatcher, tracker, {})
    assert responses(dispatcher) == ["utter_greet"]


async def test_language_from_button_entity_then_age_question():
    dispatcher = CollectingDispatcher()
    tracker = make_tracker(
        intent="choose_language",
        entities=[{"entity": "language", "value": "nb"}],
        text='/choose_language{"language": "nb"}',
    )
    events = await ActionChangeLanguage().run(dispatcher, tracker, {})
    assert events == [SlotSet("language", "nb")]
    assert responses(dispatcher) == [
        {"prefs": {"language": "nb"}},
        "utter_language_changed",
        "utter_ask_age",
    ]
    assert all(m.get("language") == "nb" for m in dispatcher.messages[1:])


async def test_language_named_in_text_without_entity():
    dispatcher = CollectingDispatcher()
    tracker = make_tracker(intent="choose_language", text="kan du snakke norsk?")
    events = await ActionChangeLanguage().run(
        dispatcher, make_tracker(slots={"age_group": "adult"}, **_latest(tracker)), {}
    )
    assert events == [SlotSet("language", "nb")]
    assert "utter_ask_age" not in responses(dispatcher)


def _latest(tracker):
    return {"intent": "choose_language", "text": tracker.latest_message["text"]}


async def test_no_language_found_offers_buttons():
    dispatcher = CollectingDispatcher()
    tracker = make_tracker(intent="choose_language", text="/choose_language")
    assert await ActionChangeLanguage().run(dispatcher, tracker, {}) == []
    assert responses(dispatcher) == ["utter_ask_language"]


async def test_age_number_becomes_band():
    dispatcher = CollectingDispatcher()
    tracker = make_tracker(
        intent="inform_age", entities=[{"entity": "age", "value": "11"}], text="im 11"
    )
    events = await ActionChangeAge().run(dispatcher, tracker, {})
    assert events == [SlotSet("age_group", "child")]
    assert dispatcher.messages[1]["age_group"] == "child"


async def test_age_in_text_without_entity():
    dispatcher = CollectingDispatcher()
    tracker = make_tracker(intent="inform_age", text="jeg er 16 år")
    events = await ActionChangeAge().run(dispatcher, tracker, {})
    assert events == [SlotSet("age_group", "older_teen")]


async def test_rather_not_say_is_a_valid_answer():
    dispatcher = CollectingDispatcher()
    tracker = make_tracker(
        intent="inform_age",
        entities=[{"entity": "age", "value": "unknown"}],
        text='/inform_age{"age": "unknown"}',
    )
    events = await ActionChangeAge().run(dispatcher, tracker, {})
    assert events == [SlotSet("age_group", "unknown")]


async def test_impossible_age_asks_again():
    dispatcher = CollectingDispatcher()
    tracker = make_tracker(intent="inform_age", text="/inform_age")
    assert await ActionChangeAge().run(dispatcher, tracker, {}) == []
    assert responses(dispatcher) == ["utter_ask_age"]
