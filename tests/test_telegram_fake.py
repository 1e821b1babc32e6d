"""Real python-telegram-bot against the local fake Bot API."""

from __future__ import annotations

import asyncio
import datetime as dt
import json
import time
import urllib.parse
import urllib.request
from collections.abc import Iterator

import pytest
from telegram import (
    Bot,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    MessageEntity,
    Update,
)
from telegram.error import NetworkError, RetryAfter
from telegram.ext import Application, CommandHandler, ContextTypes

from tests.telegram_fake import FakeTelegram


@pytest.fixture
def fake() -> Iterator[FakeTelegram]:
    with FakeTelegram() as server:
        yield server


def make_bot(fake: FakeTelegram) -> Bot:
    return Bot(fake.token, base_url=fake.base_url)


async def test_get_me(fake: FakeTelegram) -> None:
    async with make_bot(fake) as bot:
        me = await bot.get_me()
    assert me.id == fake.bot_id == 123456
    assert me.is_bot
    assert me.username == "outreach_test_bot"
    assert me.can_join_groups and me.can_read_all_group_messages
    assert fake.calls[0].method == "getMe"


async def test_send_message_records_reply_markup(fake: FakeTelegram) -> None:
    markup = InlineKeyboardMarkup([[InlineKeyboardButton("Yes", callback_data="yes")]])
    async with make_bot(fake) as bot:
        first = await bot.send_message(42, "Hello", reply_markup=markup)
        second = await bot.send_message(42, "Again")
        group = await bot.send_message(-100123, "In topic", message_thread_id=7)
    assert first.text == "Hello"
    assert first.chat.type == "private"
    assert first.from_user.id == fake.bot_id
    assert second.message_id == first.message_id + 1
    assert first.reply_markup == markup
    assert group.chat.type == "supergroup"
    assert group.message_thread_id == 7

    (call,) = fake.calls_to("sendMessage", chat_id="42", text="Hello")
    assert call.params["chat_id"] == 42
    assert call.params["reply_markup"] == {
        "inline_keyboard": [[{"text": "Yes", "callback_data": "yes"}]]
    }
    assert fake.sent_texts(42) == ["Hello", "Again"]
    assert fake.sent_texts("-100123") == ["In topic"]


async def test_numeric_text_stays_string(fake: FakeTelegram) -> None:
    async with make_bot(fake) as bot:
        msg = await bot.send_message(42, "123")
    assert msg.text == "123"
    assert fake.sent_texts(42) == ["123"]


async def test_edit_message_text_and_markup(fake: FakeTelegram) -> None:
    markup = InlineKeyboardMarkup([[InlineKeyboardButton("Ok", callback_data="ok")]])
    async with make_bot(fake) as bot:
        sent = await bot.send_message(42, "Before")
        edited = await bot.edit_message_text("After", 42, sent.message_id)
        marked = await bot.edit_message_reply_markup(
            42, sent.message_id, reply_markup=markup
        )
    assert edited.message_id == sent.message_id
    assert edited.text == "After"
    assert marked.text == "After"
    assert marked.reply_markup == markup


async def test_get_updates_returns_pushed_command(fake: FakeTelegram) -> None:
    pushed = fake.push_message(42, "/start hello")
    async with make_bot(fake) as bot:
        updates = await bot.get_updates(timeout=0)
        assert len(updates) == 1
        update = updates[0]
        assert update.update_id == pushed["update_id"]
        msg = update.message
        assert msg is not None
        assert msg.text == "/start hello"
        assert msg.from_user.id == 42
        assert msg.from_user.language_code == "en"
        assert msg.entities[0].type == MessageEntity.BOT_COMMAND
        assert msg.parse_entity(msg.entities[0]) == "/start"

        # Acknowledge via offset; nothing left, long poll is capped at 1 s.
        started = time.monotonic()
        again = await bot.get_updates(offset=update.update_id + 1, timeout=5)
        assert again == ()
        assert time.monotonic() - started < 3
    assert fake.pending_updates() == []


async def test_get_updates_limit(fake: FakeTelegram) -> None:
    for i in range(3):
        fake.push_message(42, f"m{i}")
    async with make_bot(fake) as bot:
        first = await bot.get_updates(limit=2, timeout=0)
        rest = await bot.get_updates(offset=first[-1].update_id + 1, timeout=0)
    assert [u.message.text for u in first] == ["m0", "m1"]
    assert [u.message.text for u in rest] == ["m2"]


async def test_retry_after_then_success(fake: FakeTelegram) -> None:
    fake.fail_next("sendMessage", times=1, status=429, retry_after=1)
    async with make_bot(fake) as bot:
        with pytest.raises(RetryAfter) as exc_info:
            await bot.send_message(42, "first")
        assert exc_info.value.retry_after in (1, dt.timedelta(seconds=1))
        msg = await bot.send_message(42, "second")
    assert msg.text == "second"
    calls = fake.calls_to("sendMessage")
    assert [c.failed for c in calls] == [True, False]
    assert fake.sent_texts(42) == ["second"]


async def test_bad_gateway_is_network_error(fake: FakeTelegram) -> None:
    fake.fail_next("sendMessage", status=502)
    async with make_bot(fake) as bot:
        with pytest.raises(NetworkError, match="Bad Gateway"):
            await bot.send_message(42, "x")
        await bot.send_message(42, "y")
    assert fake.sent_texts(42) == ["y"]


async def test_forum_topic(fake: FakeTelegram) -> None:
    fake.set_forum(-100777, True)
    async with make_bot(fake) as bot:
        topic = await bot.create_forum_topic(-100777, "Case 1")
        topic2 = await bot.create_forum_topic(-100777, "Case 2")
        msg = await bot.send_message(
            -100777, "hi", message_thread_id=topic.message_thread_id
        )
        chat = await bot.get_chat(-100777)
        assert await bot.close_forum_topic(-100777, topic.message_thread_id)
    assert topic.message_thread_id == 100
    assert topic2.message_thread_id == 101
    assert topic.name == "Case 1"
    assert topic.icon_color == 7322096
    assert msg.chat.is_forum
    assert msg.message_thread_id == 100
    assert chat.is_forum and chat.type == "supergroup"


async def test_callback_query_parses(fake: FakeTelegram) -> None:
    async with make_bot(fake) as bot:
        sent = await bot.send_message(-100555, "Claim?", message_thread_id=101)
        fake.push_callback(
            -100555,
            "claim:abc",
            message_id=sent.message_id,
            chat_type="supergroup",
            thread_id=101,
        )
        (update,) = await bot.get_updates(timeout=0)
    query = update.callback_query
    assert query is not None
    assert query.data == "claim:abc"
    assert query.from_user.first_name == "Counsellor"
    assert query.message.message_id == sent.message_id
    assert query.message.text == "Claim?"
    assert query.message.chat.id == -100555
    assert query.message.message_thread_id == 101


async def test_photo_and_media_parse(fake: FakeTelegram) -> None:
    fake.push_photo(42, caption="look")
    kinds = ["voice", "video", "video_note", "document", "sticker"]
    kinds += ["location", "contact"]
    for kind in kinds:
        fake.push_media(42, kind)
    async with make_bot(fake) as bot:
        updates = await bot.get_updates(timeout=0)
    photo_msg = updates[0].message
    assert photo_msg.photo and photo_msg.caption == "look"
    assert photo_msg.photo[-1].width == 800
    for kind, update in zip(kinds, updates[1:], strict=True):
        assert getattr(update.message, kind) is not None, kind
        assert update.message.effective_attachment is not None


async def test_member_added_parses(fake: FakeTelegram) -> None:
    fake.push_member_added(-100200, chat_type="supergroup")
    async with make_bot(fake) as bot:
        member_update, service = await bot.get_updates(timeout=0)
    assert member_update.my_chat_member.new_chat_member.user.id == fake.bot_id
    assert member_update.my_chat_member.new_chat_member.status == "member"
    assert service.message.new_chat_members[0].id == fake.bot_id


def test_raw_get_and_json_bodies(fake: FakeTelegram) -> None:
    query = urllib.parse.urlencode({"chat_id": 5, "text": "via get"})
    url = f"{fake.base_url}ANY:TOKEN/sendMessage?{query}"
    with urllib.request.urlopen(url, timeout=5) as resp:
        body = json.load(resp)
    assert body["ok"] and body["result"]["text"] == "via get"

    req = urllib.request.Request(
        f"{fake.base_url}{fake.token}/someUnknownMethod",
        data=json.dumps({"a": [1, 2]}).encode(),
        headers={"Content-Type": "application/json"},
    )
    with urllib.request.urlopen(req, timeout=5) as resp:
        assert json.load(resp) == {"ok": True, "result": True}
    assert fake.calls_to("someUnknownMethod")[0].params == {"a": [1, 2]}


def test_wait_for_timeout_lists_calls(fake: FakeTelegram) -> None:
    index = len(fake.calls)
    with pytest.raises(AssertionError, match="no sendMessage call"):
        fake.wait_for_new_call("sendMessage", index, timeout=0.1, chat_id=1)


async def test_application_replies_to_start(fake: FakeTelegram) -> None:
    async def start(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        await update.effective_message.reply_text("Welcome!")

    app = Application.builder().token(fake.token).base_url(fake.base_url).build()
    app.add_handler(CommandHandler("start", start))
    started = time.monotonic()
    async with app:
        await app.start()
        await app.updater.start_polling(poll_interval=0, timeout=1)
        index = len(fake.calls)
        fake.push_message(4711, "/start")
        call = await asyncio.to_thread(
            fake.wait_for_new_call, "sendMessage", index, timeout=5, chat_id=4711
        )
        await app.updater.stop()
        await app.stop()
    assert call.params["text"] == "Welcome!"
    assert fake.sent_texts(4711) == ["Welcome!"]
    assert fake.calls_to("deleteWebhook")
    assert fake.pending_updates() == []
    assert time.monotonic() - started < 10
