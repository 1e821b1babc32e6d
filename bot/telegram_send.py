"""Send gateway replies through Telegram: plain text, chunked, with retries."""

from __future__ import annotations

import asyncio
import hashlib
import logging
from collections import defaultdict, deque
from collections.abc import Awaitable, Callable
from typing import Any, TypeVar

from telegram import (
    Bot,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    KeyboardButton,
    Message,
    ReplyKeyboardMarkup,
)
from telegram.error import NetworkError, RetryAfter, TimedOut

from bot.render import Button, Reply

logger = logging.getLogger(__name__)

MAX_TEXT = 4096  # Telegram's limit per message
MAX_CALLBACK_DATA = 64  # bytes, Telegram's limit for a button payload
T = TypeVar("T")


def chunks(text: str, limit: int = MAX_TEXT) -> list[str]:
    """Split a text at line breaks (or hard) so each part fits one message."""
    parts: list[str] = []
    while len(text) > limit:
        cut = text.rfind("\n", 0, limit)
        cut = cut if cut > 0 else limit
        parts.append(text[:cut])
        text = text[cut:].lstrip("\n")
    return parts + ([text] if text else [])


class Payloads:
    """Map payloads longer than Telegram allows to short tokens and back."""

    def __init__(self) -> None:
        """Start with no long payloads registered."""
        self._long: dict[str, str] = {}

    def encode(self, payload: str) -> str:
        """Return callback data for a payload."""
        if len(payload.encode()) <= MAX_CALLBACK_DATA:
            return payload
        token = "p:" + hashlib.sha256(payload.encode()).hexdigest()[:24]
        self._long[token] = payload
        return token

    def decode(self, data: str) -> str | None:
        """Return the payload of callback data; None for an unknown token."""
        return self._long.get(data) if data.startswith("p:") else data


def markup(
    buttons: tuple[Button, ...], payloads: Payloads
) -> InlineKeyboardMarkup | None:
    """Return one button per row, as phones show them best."""
    if not buttons:
        return None
    return InlineKeyboardMarkup(
        [[InlineKeyboardButton(b.title[:64], callback_data=payloads.encode(b.payload))]
         for b in buttons]
    )  # fmt: skip


async def with_retries(
    call: Callable[[], Awaitable[T]], attempts: int = 4, base_delay_s: float = 0.5
) -> T:
    """Retry on network errors and flood limits with backoff, then give up."""
    for attempt in range(attempts):
        try:
            return await call()
        except RetryAfter as error:
            if attempt == attempts - 1:
                raise
            delay = error.retry_after
            await asyncio.sleep(
                delay.total_seconds() if hasattr(delay, "total_seconds") else delay
            )
        except (TimedOut, NetworkError):
            if attempt == attempts - 1:
                raise
            await asyncio.sleep(base_delay_s * 2**attempt)
    raise AssertionError("unreachable")


class ChatLog:
    """Remember recent message ids per chat so /hide can delete them."""

    def __init__(self, keep: int = 300) -> None:
        """Keep at most `keep` ids per chat (Telegram deletes only recent ones)."""
        self._ids: dict[int, deque[int]] = defaultdict(lambda: deque(maxlen=keep))

    def add(self, chat_id: int, message_id: int) -> None:
        """Record a message of this chat (ours or the young person's)."""
        self._ids[chat_id].append(message_id)

    def take(self, chat_id: int) -> list[int]:
        """Return and forget the recorded ids of a chat."""
        return list(self._ids.pop(chat_id, ()))


def exit_keyboard(label: str) -> ReplyKeyboardMarkup:
    """The persistent quick-exit button under the text field."""
    return ReplyKeyboardMarkup(
        [[KeyboardButton(label[:64])]], resize_keyboard=True, is_persistent=True
    )


async def send_replies(
    bot: Bot,
    chat_id: int,
    replies: list[Reply],
    payloads: Payloads,
    log: ChatLog,
    exit_button: ReplyKeyboardMarkup | None = None,
    **extra: Any,
) -> list[Message]:
    """Send bubbles as plain text (no parse mode: content can never break it).

    `exit_button` goes on the first bubble that has no inline buttons of its own
    (Telegram allows one keyboard per message); it stays until the chat ends.
    """
    sent: list[Message] = []
    for reply in replies:
        if reply.kind == "clear_chat":
            await clear_chat(bot, chat_id, log)
            continue
        parts = chunks(reply.text) or ([""] if reply.buttons else [])
        for i, part in enumerate(parts):
            keyboard: Any = (
                markup(reply.buttons, payloads) if i == len(parts) - 1 else None
            )
            if keyboard is None and exit_button is not None:
                keyboard, exit_button = exit_button, None
            message = await with_retries(
                lambda part=part, keyboard=keyboard: bot.send_message(
                    chat_id, part or "…", reply_markup=keyboard, **extra
                )
            )
            log.add(chat_id, message.message_id)
            sent.append(message)
    return sent


async def clear_chat(bot: Bot, chat_id: int, log: ChatLog) -> None:
    """Delete the messages we know of in this chat (quick exit)."""
    ids = log.take(chat_id)
    for start in range(0, len(ids), 100):
        batch = ids[start : start + 100]
        try:
            await bot.delete_messages(chat_id, batch)
        except Exception as error:  # noqa: BLE001 - some may be too old; go on
            logger.info("Could not delete some messages: %s", type(error).__name__)
