import pytest
from telegram.error import NetworkError, RetryAfter

from bot.render import Button
from bot.telegram_send import MAX_TEXT, Payloads, chunks, markup, with_retries


def test_long_texts_split_at_line_breaks_within_the_limit():
    text = "\n".join(f"line {i} " + "x" * 80 for i in range(200))
    parts = chunks(text)
    assert len(parts) > 1
    assert all(len(p) <= MAX_TEXT for p in parts)
    assert "".join(p.replace("\n", "") for p in parts) == text.replace("\n", "")


def test_a_single_huge_word_is_cut_hard():
    parts = chunks("y" * (MAX_TEXT * 2 + 5))
    assert [len(p) for p in parts] == [MAX_TEXT, MAX_TEXT, 5]


def test_long_payloads_get_short_tokens_that_map_back():
    payloads = Payloads()
    long = '/inform_age{"age": "older_teen", "note": "' + "z" * 80 + '"}'
    token = payloads.encode(long)
    assert len(token.encode()) <= 64 and payloads.decode(token) == long
    assert payloads.encode("/greet") == "/greet"
    assert payloads.decode("p:unknown") is None


def test_one_button_per_row():
    keyboard = markup((Button("A", "/a"), Button("B", "/b")), Payloads())
    assert [[b.callback_data for b in row] for row in keyboard.inline_keyboard] == [
        ["/a"],
        ["/b"],
    ]


async def test_network_errors_and_flood_limits_are_retried():
    failures = [NetworkError("down"), RetryAfter(0)]

    async def flaky():
        if failures:
            raise failures.pop(0)
        return "sent"

    assert await with_retries(flaky, base_delay_s=0) == "sent"


async def test_gives_up_after_the_last_attempt():
    async def down():
        raise NetworkError("still down")

    with pytest.raises(NetworkError):
        await with_retries(down, attempts=2, base_delay_s=0)
