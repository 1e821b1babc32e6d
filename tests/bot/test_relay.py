from pathlib import Path

import pytest

from bot.core import Gateway
from bot.rasa_client import RasaClient
from bot.relay import END_PAYLOAD, HISTORY_YES, Relay
from bot.texts import GatewayTexts
from handoff.store import COUNSELLOR, YOUTH, HandoffStore
from tests.fakes import FakeRasa, small_directory

ROOT = Path(__file__).resolve().parents[2]
TEXTS = GatewayTexts.load(ROOT / "data" / "responses")
EVENTS = [
    {"event": "user", "text": "/greet"},
    {"event": "user", "text": "someone threatens to share my pics"},
    {"event": "bot", "text": "..."},
    {"event": "user", "text": "i want a person"},
]


@pytest.fixture
def setup(tmp_path):
    fake = FakeRasa(events=EVENTS)
    store = HandoffStore.from_url(f"sqlite:///{tmp_path / 'h.db'}")
    rasa = RasaClient("http://rasa.test", transport=fake.transport())
    relay = Relay(store, rasa, TEXTS, small_directory())
    gateway = Gateway(rasa, TEXTS, small_directory(), relay=relay)
    case = store.open_case("kid", "nb", "young_teen", "NO", "sextortion", 1)
    return fake, store, relay, gateway, case


async def test_messages_while_waiting_are_kept_for_the_counsellor(setup):
    fake, store, _, gateway, case = setup
    replies = await gateway.handle_text("kid", "er noen der?")
    assert "1" in replies[0].text
    assert [i.body for i in store.pending(COUNSELLOR)] == ["er noen der?"]
    assert fake.requests == []  # a paused conversation never reaches Rasa


async def test_claim_tells_the_young_person_and_asks_about_history(setup):
    _, store, relay, gateway, case = setup
    assert relay.claim(case.id, "tg:1")
    [item] = store.pending(YOUTH)
    replies = relay.youth_replies(store.case(case.id), item.kind, item.body)
    payloads = [b.payload for r in replies for b in r.buttons]
    assert HISTORY_YES in payloads
    shared = await gateway.handle_button("kid", HISTORY_YES)
    assert shared
    history = [i for i in store.pending(COUNSELLOR) if i.kind == "history"]
    assert history[0].body == "someone threatens to share my pics\ni want a person"


async def test_counsellor_words_get_the_label_never_a_name(setup):
    _, store, relay, _, case = setup
    relay.claim(case.id, "tg:1")
    relay.counsellor_text(store.case(case.id), "Hei, jeg er her.")
    item = [i for i in store.pending(YOUTH) if i.kind == "text"][0]
    [reply] = relay.youth_replies(store.case(case.id), item.kind, item.body)
    assert reply.text == "Veileder: Hei, jeg er her."


async def test_media_is_withheld_and_the_counsellor_told(setup):
    _, store, _, gateway, case = setup
    replies = await gateway.handle_media("kid", "photo", "nb")
    assert "Take It Down" in "\n".join(r.text for r in replies)
    assert [(i.kind, i.body) for i in store.pending(COUNSELLOR)] == [
        ("withheld", "photo")
    ]


async def test_young_person_ends_and_rasa_resumes(setup):
    fake, store, relay, gateway, case = setup
    relay.claim(case.id, "tg:1")
    replies = await gateway.handle_button("kid", END_PAYLOAD)
    assert replies and store.case(case.id).status == "closed"
    assert ("POST", "/conversations/kid/tracker/events") in [
        r[:2] for r in fake.requests
    ]
    assert [e["event"] for e in fake.requests[-1][2]] == ["resume", "action"]
    assert [i.kind for i in store.pending(COUNSELLOR)] == ["ended_by_youth"]


async def test_cancel_while_waiting(setup):
    _, store, _, gateway, case = setup
    replies = await gateway.handle_text("kid", "/end")
    assert replies and store.case(case.id).status == "closed"


async def test_forget_erases_the_person_and_tells_the_counsellor(setup):
    _, store, relay, gateway, case = setup
    relay.claim(case.id, "tg:1")
    store.enqueue(case.id, COUNSELLOR, "text", "what i wrote")
    await gateway.handle_text("kid", "/forget")
    assert store.open_case_for("kid") is None
    assert store.case(case.id).user_key == ""
    assert [i.kind for i in store.pending(COUNSELLOR)] == ["ended_by_youth"]
    assert store.pending(YOUTH, now=10**12) == []


async def test_quick_exit_during_a_case_ends_it(setup):
    _, store, relay, gateway, case = setup
    relay.claim(case.id, "tg:1")
    replies = await gateway.handle_text("kid", "/hide")
    assert [r.kind for r in replies] == ["clear_chat"]
    assert store.case(case.id).status == "closed"


async def test_counsellor_end_and_transfer(setup):
    _, store, relay, _, case = setup
    relay.claim(case.id, "tg:1")
    assert not relay.transfer(store.case(case.id), "tg:2")
    assert relay.transfer(store.case(case.id), "tg:1")
    assert store.case(case.id).status == "waiting"
    relay.claim(case.id, "tg:2")
    assert await relay.counsellor_end(store.case(case.id))
    assert not await relay.counsellor_end(store.case(case.id))
    kinds = [i.kind for i in store.pending(YOUTH)]
    assert kinds == ["claimed", "transferred", "claimed", "ended_by_counsellor"]
