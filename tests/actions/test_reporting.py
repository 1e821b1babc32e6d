import pytest
from rasa_sdk.executor import CollectingDispatcher

import actions.reporting as reporting
from actions.reporting import ActionShowHelplines
from tests.fakes import make_tracker, small_directory


@pytest.fixture(autouse=True)
def directory(monkeypatch):
    monkeypatch.setattr(reporting, "helpline_directory", small_directory)


async def test_lists_country_services_with_international_removal_tools():
    dispatcher = CollectingDispatcher()
    tracker = make_tracker(slots={"country": "NO", "language": "nb"})
    await ActionShowHelplines().run(dispatcher, tracker, {})
    [message] = dispatcher.messages
    assert message["country_name"] == "Norge"
    lines = message["helplines"].splitlines()
    assert lines[0].startswith("🚨 Police: 112")
    assert any("Alarmtelefonen: 116 111" in line for line in lines)
    assert any("Take It Down" in line for line in lines)


async def test_country_without_verified_helpline_gets_international_one():
    dispatcher = CollectingDispatcher()
    await ActionShowHelplines().run(
        dispatcher, make_tracker(slots={"country": "XK"}), {}
    )
    text = dispatcher.messages[0]["helplines"]
    assert "999 999" not in text
    assert "Child Helpline International" in text
