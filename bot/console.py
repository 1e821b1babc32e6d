"""Console front end: chat with the assistant in a terminal; buttons are numbered."""

from __future__ import annotations

import asyncio
import contextlib
import os
import secrets
import sys
import threading
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import TextIO

from bot.core import Contact, Gateway
from bot.relay import Relay
from bot.render import Button, Reply
from handoff.store import YOUTH
from preferences.parsing import normalize_age_group

CHANNEL = "console"
PROMPT = "you> "
CLEAR_SCREEN = "\033[2J\033[3J\033[H"
# `make preview BAND=...` (preview/chat.py): start as a young person of this age band.
AGE_GROUP_ENV = "CONSOLE_AGE_GROUP"


@dataclass
class ConsoleState:
    """The buttons the numbers refer to, shared by the chat loop and the relay."""

    choices: list[Button] = field(default_factory=list)

    def show(self, replies: list[Reply]) -> str:
        """Format replies; newly shown buttons replace the numbered choices."""
        text, new_choices = format_replies(replies)
        if new_choices:
            self.choices = new_choices
        return text


def format_replies(replies: list[Reply]) -> tuple[str, list[Button]]:
    """Return the printable bubbles and the buttons the numbers refer to."""
    lines: list[str] = []
    choices: list[Button] = []
    for reply in replies:
        if reply.kind == "clear_chat":
            lines.append(CLEAR_SCREEN)
            continue
        if reply.text:
            lines.append("bot> " + reply.text.replace("\n", "\n     "))
        for button in reply.buttons:
            choices.append(button)
            lines.append(f"     [{len(choices)}] {button.title}")
    return "\n".join(lines), choices


async def read_line_async(read_line: Callable[[], str]) -> str:
    """Read a line in a daemon thread so Ctrl-C never waits for the keyboard."""
    loop = asyncio.get_running_loop()
    future: asyncio.Future[str] = loop.create_future()

    def deliver(line: str) -> None:
        if not future.done():
            future.set_result(line)

    def worker() -> None:
        try:
            line = read_line()
        except (OSError, ValueError):
            line = ""  # stdin closed: treat as end of input
        with contextlib.suppress(RuntimeError):  # loop already closed
            loop.call_soon_threadsafe(deliver, line)

    threading.Thread(target=worker, daemon=True).start()
    return await future


async def chat(
    gateway: Gateway,
    user: str,
    read_line: Callable[[], str],
    out: TextIO = sys.stdout,
    language_tag: str | None = None,
    contact: Contact | None = None,
    state: ConsoleState | None = None,
) -> None:
    """Run the chat loop until end of input or /quit."""
    out.write(
        "Console chat. Type a message, a number to tap a button, /quit to leave.\n"
    )
    state = state or ConsoleState()
    band = preset_age_group(gateway, user, language_tag)
    if band:
        prefs = gateway.preferences(user, language_tag)
        out.write(
            f"(preview: language {prefs.language}, age band {band}, "
            f"country {prefs.country})\n"
        )
    while True:
        out.write(PROMPT)
        out.flush()
        line = await read_line_async(read_line)
        if line == "":  # end of input
            break
        line = line.strip()
        if line in {"/quit", "/exit"}:
            break
        if line.isdigit() and 1 <= int(line) <= len(state.choices):
            replies = await gateway.handle_button(
                user, state.choices[int(line) - 1].payload, language_tag, contact
            )
        else:
            replies = await gateway.handle_text(user, line, language_tag, contact)
        text = state.show(replies)
        out.write(text + "\n")
        out.flush()


def preset_age_group(
    gateway: Gateway,
    user: str,
    language_tag: str | None,
    env: Mapping[str, str] | None = None,
) -> str | None:
    """Give the young person the age band named in CONSOLE_AGE_GROUP, if any.

    As if they had picked it: the gateway sends it to Rasa with every message.
    """
    band = normalize_age_group((os.environ if env is None else env).get(AGE_GROUP_ENV))
    if band:
        gateway.preferences(user, language_tag).age_group = band
    return band


def console_user() -> str:
    """Return a fresh console identity, so each run starts a new conversation."""
    return f"{CHANNEL}-{secrets.token_hex(6)}"


async def deliver_to_console(
    relay: Relay,
    user: str,
    out: TextIO,
    interval_s: float = 0.5,
    state: ConsoleState | None = None,
) -> None:
    """Print counsellor messages for this console's young person as they arrive."""
    store = relay.store
    while True:
        for item in store.pending(YOUTH):
            item_case = store.case(item.case_id)
            if item_case is None or item_case.user_key != user:
                continue
            replies = relay.youth_replies(item_case, item.kind, item.body)
            text = state.show(replies) if state else format_replies(replies)[0]
            out.write("\n" + text + "\n" + PROMPT)
            out.flush()
            store.delivered(item.id)
        await asyncio.sleep(interval_s)
