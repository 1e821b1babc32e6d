import pytest
from rasa_sdk.events import ConversationPaused
from rasa_sdk.executor import CollectingDispatcher

import actions.help_contacts as help_contacts
from actions import settings
from actions.crisis import ActionCrisisHelp
from actions.handoff import ActionRequestCounsellor
from handoff.hours import OpeningHours
from handoff.store import HandoffStore
from tests.fakes import make_tracker, small_directory


@pytest.fixture(autouse=True)
def directory(monkeypatch):
    monkeypatch.setattr(help_contacts, "helpline_directory", small_directory)


@pytest.fixture
def store(monkeypatch, tmp_path):
    fresh = HandoffStore.from_url(f"sqlite:///{tmp_path / 'h.db'}")
    monkeypatch.setattr(settings, "handoff_store", lambda: fresh)
    monkeypatch.setattr(settings, "opening_hours", lambda: OpeningHours.parse(""))
    return fresh


async def test_danger_gets_police_number_and_country_helpline():
    dispatcher = CollectingDispatcher()
    tracker = make_tracker(
        slots={"country": "NO", "language": "nb"}, intent="crisis_danger"
    )
    await ActionCrisisHelp().run(dispatcher, tracker, {})
    [message] = dispatcher.messages
    assert message["response"] == "utter_crisis_danger"
    assert message["emergency"] == "112"
    assert message["helpline"] == "Alarmtelefonen 116 111"


async def test_self_harm_gets_medical_number_where_separate():
    dispatcher = CollectingDispatcher()
    tracker = make_tracker(slots={"country": "NO"}, intent="crisis_self_harm")
    await ActionCrisisHelp().run(dispatcher, tracker, {})
    assert dispatcher.messages[0]["response"] == "utter_crisis_self_harm"
    assert dispatcher.messages[0]["emergency"] == "113"


async def test_unverified_helpline_is_never_shown():
    dispatcher = CollectingDispatcher()
    tracker = make_tracker(slots={"country": "XK"}, intent="crisis_danger")
    await ActionCrisisHelp().run(dispatcher, tracker, {})
    helpline = dispatcher.messages[0]["helpline"]
    assert "999 999" not in helpline
    assert helpline.startswith("Child Helpline International")


async def test_unknown_country_falls_back_to_international():
    dispatcher = CollectingDispatcher()
    tracker = make_tracker(slots={"country": "ZZ"}, intent="crisis_danger")
    await ActionCrisisHelp().run(dispatcher, tracker, {})
    assert dispatcher.messages[0]["emergency"] == "112"


async def test_counsellor_request_is_never_a_dead_end(store):
    dispatcher = CollectingDispatcher()
    tracker = make_tracker(slots={"country": "NO"}, intent="request_counsellor")
    await ActionRequestCounsellor().run(dispatcher, tracker, {})
    [message] = dispatcher.messages
    assert message["response"] == "utter_no_counsellor_available"
    assert "116 111" in message["helpline"]


async def test_counsellor_on_duty_opens_a_case_and_pauses_the_bot(store):
    store.set_on_duty("tg:1", "Anna", True)
    dispatcher = CollectingDispatcher()
    tracker = make_tracker(
        slots={"country": "NO", "language": "nb", "age_group": "child"},
        intent="request_counsellor",
        events=[
            {"event": "user", "parse_data": {"intent": {"name": "crisis_self_harm"}}},
            {"event": "user", "parse_data": {"intent": {"name": "request_counsellor"}}},
        ],
    )
    events = await ActionRequestCounsellor().run(dispatcher, tracker, {})
    assert events == [ConversationPaused()]
    case = store.open_case_for("pseudonym-1")
    assert (case.topic, case.risk, case.age_group) == ("self_harm", 2, "child")
    assert dispatcher.messages[0]["response"] == "utter_handoff_queued"
    assert dispatcher.messages[0]["position"] == 1
    assert dispatcher.messages[1]["custom"] == {"handoff": {"case": case.id}}


async def test_disclosure_gets_belief_and_the_countrys_numbers():
    dispatcher = CollectingDispatcher()
    tracker = make_tracker(slots={"country": "NO"}, intent="disclose_exploitation")
    await ActionCrisisHelp().run(dispatcher, tracker, {})
    [message] = dispatcher.messages
    assert message["response"] == "utter_disclose_exploitation"
    assert (message["emergency"], message["helpline"]) == (
        "112",
        "Alarmtelefonen 116 111",
    )


async def test_screened_blackmail_gets_the_sextortion_crisis_answer():
    from actions.flows import ActionGuide

    dispatcher = CollectingDispatcher()
    tracker = make_tracker(
        slots={"country": "NO"},
        intent="ask_sextortion",
        metadata={"screen": "sextortion"},
    )
    await ActionGuide().run(dispatcher, tracker, {})
    [message] = dispatcher.messages
    assert message["response"] == "utter_crisis_sextortion"
    assert "116 111" in message["helpline"]


async def test_a_screened_session_makes_the_case_high_risk(store):
    store.set_on_duty("tg:1", "Anna", True)
    dispatcher = CollectingDispatcher()
    tracker = make_tracker(
        slots={"country": "NO"},
        intent="request_counsellor",
        events=[
            {
                "event": "user",
                "parse_data": {"intent": {"name": "ask_sextortion"}},
                "metadata": {"screen": "sextortion"},
            },
            {"event": "user", "parse_data": {"intent": {"name": "request_counsellor"}}},
        ],
    )
    await ActionRequestCounsellor().run(dispatcher, tracker, {})
    case = store.open_case_for("pseudonym-1")
    assert (case.topic, case.risk) == ("sextortion", 2)


async def test_a_typed_sextortion_message_gets_numbers_first_buttons_get_steps():
    from actions.flows import ActionGuide

    typed, tapped = CollectingDispatcher(), CollectingDispatcher()
    await ActionGuide().run(
        typed,
        make_tracker(
            slots={"country": "NO"}, intent="ask_sextortion", text="he wants money"
        ),
        {},
    )
    await ActionGuide().run(
        tapped,
        make_tracker(
            slots={"country": "NO"}, intent="ask_sextortion", text="/ask_sextortion"
        ),
        {},
    )
    assert typed.messages[0]["response"] == "utter_crisis_sextortion"
    assert tapped.messages[0]["response"] == "utter_ask_sextortion"
