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
