import io

from bot.console import chat, format_replies
from bot.render import Button, Reply
from tests.bot.test_core import make_gateway
from tests.fakes import FakeRasa


def test_buttons_are_numbered():
    text, choices = format_replies(
        [Reply("Pick one", (Button("English", "/en"), Button("Norsk", "/nb")))]
    )
    assert "bot> Pick one" in text
    assert "[1] English" in text and "[2] Norsk" in text
    assert [c.payload for c in choices] == ["/en", "/nb"]


async def test_typing_a_number_taps_the_button():
    fake = FakeRasa(
        lambda body: [
            {"text": "Language?", "buttons": [{"title": "Svenska", "payload": "/sv"}]}
        ]
    )
    lines = iter(["hello\n", "1\n", "/quit\n"])
    out = io.StringIO()
    await chat(make_gateway(fake), "u", lambda: next(lines), out=out)
    sent = [body["message"] for _, _, body in fake.requests]
    assert sent == ["hello", "/sv"]
    assert "[1] Svenska" in out.getvalue()


async def test_end_of_input_ends_the_chat():
    out = io.StringIO()
    await chat(make_gateway(FakeRasa()), "u", lambda: "", out=out)
    assert out.getvalue().startswith("Console chat.")


async def test_buttons_that_arrive_from_the_counsellor_side_are_tappable(tmp_path):
    import asyncio
    import contextlib

    from bot.console import ConsoleState, deliver_to_console
    from bot.relay import HISTORY_YES, Relay
    from bot.texts import GatewayTexts
    from handoff.store import HandoffStore
    from tests.bot.test_core import ROOT

    store = HandoffStore.from_url(f"sqlite:///{tmp_path / 'h.db'}")
    fake = FakeRasa(
        lambda body: [
            {"text": "old", "buttons": [{"title": "Stop", "payload": "gw:end"}]}
        ]
    )
    gateway = make_gateway(fake)
    relay = Relay(store, gateway._rasa, GatewayTexts.load(ROOT / "data" / "responses"),
                  gateway._helplines)  # fmt: skip
    case = store.open_case("kid", "en", "young_teen", "INT", "general", 0)
    relay.claim(case.id, "console:alex")
    state = ConsoleState()
    out = io.StringIO()
    task = asyncio.create_task(deliver_to_console(relay, "kid", out, 0.01, state))
    for _ in range(100):
        if state.choices:
            break
        await asyncio.sleep(0.01)
    task.cancel()
    with contextlib.suppress(asyncio.CancelledError):
        await task
    assert HISTORY_YES in [b.payload for b in state.choices]
