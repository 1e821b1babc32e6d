import pytest
from rasa_sdk.events import ActionExecuted, SessionStarted, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions import settings
from actions.session import ActionSessionStart, ActionSyncMetadata
from tests.fakes import make_tracker, small_directory


@pytest.fixture(autouse=True)
def directory(monkeypatch):
    monkeypatch.setattr(settings, "helpline_directory", small_directory)
    import actions.help_contacts as help_contacts

    monkeypatch.setattr(help_contacts, "helpline_directory", small_directory)


async def test_session_start_copies_metadata_and_discloses_first():
    tracker = make_tracker(
        slots={
            "session_started_metadata": {
                "language": "nb",
                "country": "no",
                "age_group": "bogus",
            }
        }
    )
    dispatcher = CollectingDispatcher()
    events = await ActionSessionStart().run(dispatcher, tracker, {})
    assert events[0] == SessionStarted()
    assert SlotSet("language", "nb") in events
    assert SlotSet("country", "NO") in events
    assert not any(e.get("name") == "age_group" for e in events)
    assert events[-1] == ActionExecuted("action_listen")
    [message] = dispatcher.messages
    assert message["response"] == "utter_disclosure"
    assert message["language"] == "nb"  # rendered before the SlotSet applies
    assert message["emergency"] == "112"
    assert message["helpline"] == "Alarmtelefonen 116 111"


async def test_session_start_keeps_earlier_settings_when_metadata_is_missing():
    tracker = make_tracker(slots={"language": "sv", "age_group": "child"})
    events = await ActionSessionStart().run(CollectingDispatcher(), tracker, {})
    assert SlotSet("language", "sv") in events
    assert SlotSet("age_group", "child") in events


async def test_sync_sets_only_changed_valid_values():
    tracker = make_tracker(
        slots={"language": "en", "country": "NO"},
        metadata={"language": "sv-SE", "country": "NO", "age_group": "older_teen"},
    )
    events = await ActionSyncMetadata().run(CollectingDispatcher(), tracker, {})
    assert events == [SlotSet("language", "sv"), SlotSet("age_group", "older_teen")]


async def test_sync_ignores_garbage_metadata():
    tracker = make_tracker(slots={"language": "en"}, metadata={"language": ["x"]})
    assert await ActionSyncMetadata().run(CollectingDispatcher(), tracker, {}) == []
