from pathlib import Path

import pytest

from bot.core import Gateway
from bot.rasa_client import RasaClient
from bot.texts import GatewayTexts
from tests.fakes import FakeRasa, small_directory

ROOT = Path(__file__).resolve().parents[2]
TEXTS = GatewayTexts.load(ROOT / "data" / "responses")


def make_gateway(fake: FakeRasa, **kwargs) -> Gateway:
    client = RasaClient("http://rasa.test", transport=fake.transport())
    return Gateway(client, TEXTS, small_directory(), **kwargs)


async def test_message_goes_to_rasa_with_metadata_from_language_tag():
    fake = FakeRasa(lambda body: [{"text": "Hei!\n\nHvordan går det?"}])
    gateway = make_gateway(fake)
    replies = await gateway.handle_text("user-1", "  hei  ", language_tag="nb-NO")
    method, path, body = fake.requests[0]
    assert (method, path) == ("POST", "/webhooks/rest/webhook")
    assert body == {
        "sender": "user-1",
        "message": "hei",
        "metadata": {"language": "nb", "country": "NO"},
    }
    assert [r.text for r in replies] == ["Hei!", "Hvordan går det?"]


async def test_deployment_country_wins_over_language_guess():
    fake = FakeRasa()
    gateway = make_gateway(fake, default_country="gb")
    await gateway.handle_text("u", "hi", language_tag="nb")
    assert fake.requests[0][2]["metadata"]["country"] == "GB"


async def test_setting_changes_from_actions_are_sent_next_time():
    answers = iter(
        [
            [
                {"custom": {"prefs": {"language": "sv", "age_group": "child"}}},
                {"text": "Ok"},
            ],
            [{"text": "Hej"}],
        ]
    )
    fake = FakeRasa(lambda body: next(answers))
    gateway = make_gateway(fake)
    await gateway.handle_button("u", '/choose_language{"language": "sv"}')
    await gateway.handle_text("u", "hej")
    assert fake.requests[1][2]["metadata"] == {
        "language": "sv",
        "country": "INT",
        "age_group": "child",
    }


@pytest.mark.parametrize(
    "command,payload",
    [
        ("/start", "/greet"),
        ("/language", "/choose_language"),
        ("/age", "/inform_age"),
        ("/helplines", "/ask_helplines"),
        ("/counsellor", "/request_counsellor"),
        ("/help@SomeBot", "/ask_capabilities"),
    ],
)
async def test_commands_become_intent_payloads(command, payload):
    fake = FakeRasa()
    await make_gateway(fake).handle_text("u", command)
    assert fake.requests[0][2]["message"] == payload


async def test_country_command_changes_country_then_shows_helplines():
    fake = FakeRasa()
    gateway = make_gateway(fake)
    await gateway.handle_text("u", "/country se")
    assert fake.requests[0][2]["message"] == "/ask_helplines"
    assert fake.requests[0][2]["metadata"]["country"] == "SE"


async def test_unknown_command_is_answered_without_rasa():
    fake = FakeRasa()
    replies = await make_gateway(fake).handle_text("u", "/dance", language_tag="sv")
    assert fake.requests == []
    assert "/help" in replies[0].text and "kommando" in replies[0].text.lower()


async def test_rasa_down_still_gives_helplines_in_the_users_language():
    fake = FakeRasa(status=500)
    replies = await make_gateway(fake).handle_text("u", "hjelp", language_tag="nb")
    text = "\n".join(r.text for r in replies)
    assert "112" in text and "116 111" in text
    assert "Beklager" in text


async def test_empty_rasa_answer_is_never_silence():
    fake = FakeRasa(lambda body: [])
    replies = await make_gateway(fake).handle_text("u", "hello")
    assert replies and "112" in "\n".join(r.text for r in replies)


async def test_empty_message_is_not_sent_but_answered_kindly():
    fake = FakeRasa()
    replies = await make_gateway(fake).handle_text("u", "   ")
    assert replies and replies[-1].buttons  # the menu, from the gateway itself
    assert fake.requests == []


async def test_forget_erases_rasa_conversation_and_settings():
    answers = iter([[{"custom": {"prefs": {"language": "nl"}}}, {"text": "ok"}], []])
    fake = FakeRasa(lambda body: next(answers))
    gateway = make_gateway(fake)
    await gateway.handle_text("u", "nederlands")
    replies = await gateway.handle_text("u", "/forget")
    assert fake.requests[1][:2] == ("PUT", "/conversations/u/tracker/events")
    assert fake.requests[1][2] == []
    assert "gewist" in replies[0].text
    assert gateway.preferences("u").language == "en"


async def test_hide_clears_chat_and_ends_conversation():
    fake = FakeRasa()
    replies = await make_gateway(fake).handle_text("u", "/hide")
    assert [r.kind for r in replies] == ["clear_chat"]
    assert fake.requests[0][0] == "PUT"


async def test_retention_sweep_erases_only_idle_conversations():
    fake = FakeRasa()
    gateway = make_gateway(fake, retention_hours=1)
    await gateway.handle_text("old", "hi")
    await gateway.handle_text("new", "hi")
    gateway._last_seen["old"] -= 2 * 3600
    assert await gateway.sweep() == 1
    erased = [path for method, path, _ in fake.requests if method == "PUT"]
    assert erased == ["/conversations/old/tracker/events"]
