"""The optional, anonymous "was this helpful? 👍 / 👎" through the gateway core."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.core import Gateway
from bot.feedback_ask import (
    DOWN_LABEL,
    UP_LABEL,
    FeedbackAsker,
    feedback_asker,
    tap_payload,
)
from bot.rasa_client import RasaClient
from bot.relay import Relay
from bot.render import render
from bot.settings import Settings
from bot.texts import GatewayTexts
from feedback.store import FeedbackStore, Tally, database_url
from feedback.topics import AnswerTopics
from handoff.store import HandoffStore
from tests.fakes import FakeRasa, small_directory

ROOT = Path(__file__).resolve().parents[2]
RESPONSES = ROOT / "data" / "responses"
TEXTS = GatewayTexts.load(RESPONSES)
TOPICS = AnswerTopics(RESPONSES)
GROOMING = "utter_ask_grooming_signs"
GROOMING_UP = tap_payload("up", GROOMING)

# Which answers the fake Rasa gives to each message (real answer names).
SCRIPT = {
    "/greet": ["utter_greet"],
    "/thank": ["utter_thank"],
    "/ask_grooming_signs": [GROOMING],
    "/ask_sextortion": ["utter_ask_sextortion"],
    "/ask_loverboy": ["utter_ask_loverboy"],
    "/ask_rights": ["utter_ask_rights"],
    "/ask_helplines": ["utter_helplines"],
    "/crisis_danger": ["utter_crisis_danger", "utter_helplines"],
    "/choose_language": ["utter_language_changed", GROOMING],
}


def rasa_messages(names: list[str]) -> list[dict]:
    """What Rasa's REST channel returns with our NLG: bubbles, then the name."""
    messages: list[dict] = []
    for name in names:
        more = [{"title": "More", "payload": "/greet"}]
        messages.append({"text": f"{name} text", "buttons": more})
        messages.append({"custom": {"response": name}})
    return messages


def scripted(body: dict) -> list[dict]:
    return rasa_messages(SCRIPT.get(body["message"], ["utter_greet"]))


@pytest.fixture
def store(tmp_path) -> FeedbackStore:
    return FeedbackStore(database_url(str(tmp_path / "feedback.db")))


def make_gateway(store: FeedbackStore | None, fake: FakeRasa | None = None, **kw):
    fake = fake or FakeRasa(scripted)
    client = RasaClient("http://rasa.test", transport=fake.transport())
    asker = FeedbackAsker(store, TOPICS, TEXTS) if store is not None else None
    return Gateway(client, TEXTS, small_directory(), feedback=asker, **kw)


def asked_about(replies) -> str | None:
    """The answer the last bubble asks about, if it is the feedback question."""
    if not replies or not replies[-1].buttons:
        return None
    buttons = replies[-1].buttons
    if [b.title for b in buttons] != [UP_LABEL, DOWN_LABEL]:
        return None
    assert buttons[1].payload == buttons[0].payload.replace(":up:", ":down:")
    return buttons[0].payload.removeprefix("gw:fb:up:")


async def talk(gateway: Gateway, *messages: str, user: str = "u", tag: str = "en"):
    """Send messages one by one; return the answer to each."""
    return [await gateway.handle_button(user, m, tag) for m in messages]


def test_the_answer_name_travels_in_custom_and_is_never_shown():
    rendered = render(rasa_messages(["utter_greet", GROOMING]))
    assert rendered.responses == ["utter_greet", GROOMING]
    assert [r.text for r in rendered.replies] == [
        "utter_greet text",
        f"{GROOMING} text",
    ]


async def test_asked_after_a_topic_answer_below_it(store):
    gateway = make_gateway(store)
    _, grooming = await talk(gateway, "/greet", "/ask_grooming_signs")
    assert asked_about(grooming) == GROOMING
    assert grooming[0].text == f"{GROOMING} text"
    assert grooming[-1].text == TEXTS.render("utter_feedback_ask", "en", None)[0].text
    assert grooming[0].buttons  # the answer keeps its own buttons


async def test_question_is_in_the_young_persons_language(store):
    gateway = make_gateway(store)
    _, grooming = await talk(gateway, "/greet", "/ask_grooming_signs", tag="sv")
    assert grooming[-1].text == TEXTS.render("utter_feedback_ask", "sv", None)[0].text


async def test_never_in_the_first_turn(store):
    gateway = make_gateway(store)
    (first,) = await talk(gateway, "/ask_grooming_signs")
    assert asked_about(first) is None


async def test_never_after_small_talk_or_settings(store):
    gateway = make_gateway(store)
    answers = await talk(gateway, "/greet", "/greet", "/thank")
    assert [asked_about(a) for a in answers] == [None, None, None]


async def test_never_after_a_crisis_answer_nor_later_in_that_chat(store):
    gateway = make_gateway(store)
    answers = await talk(
        gateway, "/greet", "/crisis_danger", "/greet", "/greet", "/ask_rights"
    )
    assert [asked_about(a) for a in answers] == [None] * 5


async def test_never_after_the_safety_screen_saw_danger(store):
    gateway = make_gateway(store, FakeRasa(lambda body: rasa_messages([GROOMING])))
    await gateway.handle_text("u", "hello", "en")
    replies = await gateway.handle_text("u", "someone is hitting me help me now", "en")
    assert asked_about(replies) is None


async def test_at_most_once_per_topic_per_conversation(store):
    gateway = make_gateway(store)
    answers = await talk(
        gateway,
        "/greet",
        "/ask_grooming_signs",  # asked
        "/greet",
        "/greet",
        "/ask_grooming_signs",  # same topic: not again
        "/greet",
        "/greet",
        "/ask_sextortion",  # another topic: asked
    )
    asked = [asked_about(a) for a in answers]
    assert asked == [
        None,
        GROOMING,
        None,
        None,
        None,
        None,
        None,
        "utter_ask_sextortion",
    ]


async def test_never_two_questions_within_three_replies(store):
    gateway = make_gateway(store)
    answers = await talk(
        gateway, "/greet", "/ask_grooming_signs", "/ask_sextortion", "/ask_loverboy",
        "/ask_rights",
    )  # fmt: skip
    asked = [asked_about(a) for a in answers]
    assert asked == [None, GROOMING, None, None, "utter_ask_rights"]


async def test_someone_who_ignores_two_questions_is_not_asked_again(store):
    gateway = make_gateway(store)
    answers = await talk(
        gateway, "/greet", "/ask_grooming_signs", "/greet", "/greet",
        "/ask_sextortion", "/greet", "/greet", "/ask_loverboy",
    )  # fmt: skip
    asked = [asked_about(a) for a in answers]
    assert asked == [
        None,
        GROOMING,
        None,
        None,
        "utter_ask_sextortion",
        None,
        None,
        None,
    ]


async def test_a_tap_counts_one_vote_per_answer_and_language(store):
    gateway = make_gateway(store)
    await talk(gateway, "/greet", "/ask_grooming_signs", tag="nb")
    thanks = await gateway.handle_button("u", GROOMING_UP, "nb")
    assert [r.text for r in thanks] == [
        r.text for r in TEXTS.render("utter_feedback_thanks", "nb", None)
    ]
    assert store.tallies() == [Tally(GROOMING, "nb", up=1, down=0)]


async def test_a_second_tap_on_the_same_question_is_ignored(store):
    gateway = make_gateway(store)
    await talk(gateway, "/greet", "/ask_grooming_signs")
    await gateway.handle_button("u", tap_payload("down", GROOMING), "en")
    again = await gateway.handle_button("u", GROOMING_UP, "en")
    assert again == []
    assert store.tallies() == [Tally(GROOMING, "en", up=0, down=1)]


async def test_a_vote_keeps_the_language_the_answer_was_read_in(store):
    gateway = make_gateway(store)
    await talk(gateway, "/greet", "/ask_grooming_signs", tag="nl")
    gateway.preferences("u").language = "en"
    await gateway.handle_button("u", GROOMING_UP)
    assert store.tallies() == [Tally(GROOMING, "nl", 1, 0)]


async def test_answering_makes_room_for_later_questions(store):
    gateway = make_gateway(store)
    asked = []
    for topic in ("/ask_grooming_signs", "/ask_sextortion", "/ask_loverboy"):
        *_, answer = await talk(gateway, "/greet", "/greet", topic)
        asked.append(asked_about(answer))
        await gateway.handle_button("u", tap_payload("up", asked[-1] or "x"), "en")
    assert asked == [GROOMING, "utter_ask_sextortion", "utter_ask_loverboy"]
    assert len(store.tallies()) == 3


@pytest.mark.parametrize(
    "payload",
    [
        "gw:fb:maybe:utter_ask_grooming_signs",
        "gw:fb:up:not an answer",
        "gw:fb:up:",
        tap_payload("up", "utter_ask_rights"),  # never asked in this chat
    ],
)
async def test_unknown_or_broken_feedback_buttons_get_the_expired_reply(store, payload):
    gateway = make_gateway(store)
    await talk(gateway, "/greet", "/ask_grooming_signs")
    replies = await gateway.handle_button("u", payload, "en")
    expired = TEXTS.render("utter_button_expired", "en", None)
    assert replies[0].text == expired[0].text
    assert store.tallies() == []


async def test_feedback_off_for_a_deployment(store):
    settings = Settings.from_env({"FEEDBACK": "off"})
    assert settings.feedback is False
    assert feedback_asker(settings, TEXTS) is None
    assert Settings.from_env({}).feedback is True
    gateway = make_gateway(None)
    answers = await talk(gateway, "/greet", "/ask_grooming_signs")
    assert [asked_about(a) for a in answers] == [None, None]
    replies = await gateway.handle_button("u", GROOMING_UP, "en")
    assert replies[0].text == TEXTS.render("utter_button_expired", "en", None)[0].text


def test_feedback_on_builds_an_asker_with_the_configured_database(tmp_path):
    settings = Settings.from_env({"FEEDBACK_DB": str(tmp_path / "votes.db")})
    assert isinstance(feedback_asker(settings, TEXTS), FeedbackAsker)
    assert not (tmp_path / "votes.db").exists()  # created on the first vote


async def test_forget_erases_what_was_asked(store):
    gateway = make_gateway(store)
    await talk(gateway, "/greet", "/ask_grooming_signs")
    await gateway.handle_text("u", "/forget", "en")
    replies = await gateway.handle_button("u", GROOMING_UP, "en")
    assert replies[0].text == TEXTS.render("utter_button_expired", "en", None)[0].text
    assert store.tallies() == []
    answers = await talk(gateway, "/greet", "/ask_grooming_signs")
    assert asked_about(answers[1]) == GROOMING  # a new conversation


async def test_hide_and_the_idle_sweep_erase_what_was_asked(store):
    gateway = make_gateway(store, retention_hours=1)
    await talk(gateway, "/greet", "/ask_grooming_signs", user="a")
    await talk(gateway, "/greet", "/ask_grooming_signs", user="b")
    await gateway.handle_text("a", "/hide", "en")
    assert "a" not in gateway._asked
    await gateway.sweep(now=10**12)  # long after b's last message
    assert "b" not in gateway._asked


async def test_not_asked_when_a_counsellor_case_opens(store):
    def handoff(body):
        return [{"custom": {"handoff": {"case": 1}}}, *rasa_messages([GROOMING])]

    gateway = make_gateway(store, FakeRasa(handoff))
    answers = await talk(gateway, "/greet", "/ask_grooming_signs")
    assert [asked_about(a) for a in answers] == [None, None]


async def test_no_question_and_no_vote_while_a_case_is_open(store, tmp_path):
    handoff_store = HandoffStore.from_url(f"sqlite:///{tmp_path / 'h.db'}")
    fake = FakeRasa(scripted)
    client = RasaClient("http://rasa.test", transport=fake.transport())
    relay = Relay(handoff_store, client, TEXTS, small_directory())
    gateway = Gateway(
        client, TEXTS, small_directory(), relay=relay,
        feedback=FeedbackAsker(store, TOPICS, TEXTS),
    )  # fmt: skip
    await talk(gateway, "/greet", "/ask_grooming_signs")
    handoff_store.open_case("u", "en", "young_teen", "NO", "general", 0)
    assert await gateway.handle_button("u", GROOMING_UP, "en") == []
    assert store.tallies() == []


async def test_not_asked_when_the_action_server_opened_a_case_this_turn(
    store, tmp_path
):
    handoff_store = HandoffStore.from_url(f"sqlite:///{tmp_path / 'h.db'}")

    def answer(body):
        if body["message"] == "/ask_grooming_signs":  # as action_handoff would
            handoff_store.open_case("u", "en", "young_teen", "NO", "general", 0)
        return scripted(body)

    client = RasaClient("http://rasa.test", transport=FakeRasa(answer).transport())
    relay = Relay(handoff_store, client, TEXTS, small_directory())
    gateway = Gateway(
        client, TEXTS, small_directory(), relay=relay,
        feedback=FeedbackAsker(store, TOPICS, TEXTS),
    )  # fmt: skip
    answers = await talk(gateway, "/greet", "/ask_grooming_signs")
    assert [asked_about(a) for a in answers] == [None, None]


async def test_a_lost_vote_still_gets_a_thank_you(tmp_path):
    class BrokenStore(FeedbackStore):
        def record(self, response, language, helpful):
            raise OSError("disk full")

    gateway = make_gateway(BrokenStore(database_url(str(tmp_path / "x.db"))))
    await talk(gateway, "/greet", "/ask_grooming_signs")
    thanks = await gateway.handle_button("u", GROOMING_UP, "en")
    assert thanks and thanks[0].text.startswith("Thank you")


async def test_the_database_holds_no_user_data(tmp_path):
    path = tmp_path / "feedback.db"
    store = FeedbackStore(database_url(str(path)))
    secret_text = "my secret words zebra-4711"
    user = "telegram-chat-998877665544"
    gateway = make_gateway(store, FakeRasa(lambda body: rasa_messages([GROOMING])))
    await gateway.handle_text(user, "hello there", "en")
    await gateway.handle_text(user, secret_text, "en")
    await gateway.handle_button(user, GROOMING_UP, "en")
    assert store.tallies() == [Tally(GROOMING, "en", 1, 0)]
    stored = b"".join(p.read_bytes() for p in tmp_path.glob("feedback.db*"))
    assert GROOMING.encode() in stored  # the bytes are readable as written
    for needle in (secret_text, user, "998877665544", "hello there"):
        assert needle.encode() not in stored
