"""Fault tests with real processes: Rasa killed or hanging, erasure, retention.

This module starts its own Rasa and action server (it kills them), with its own
handoff database and log directory, so a search of "every file" means something.
"""

from __future__ import annotations

import asyncio
import logging
import os
import signal
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from bot.core import Gateway
from bot.rasa_client import RasaClient
from bot.relay import Relay
from bot.texts import GatewayTexts
from handoff.store import HandoffStore
from helplines.directory import HelplineDirectory
from launcher.processes import (
    ManagedProcess,
    action_server,
    free_port,
    rasa_server,
    running,
    wait_ready,
)
from launcher.training import ensure_model

pytestmark = pytest.mark.integration

ROOT = Path(__file__).resolve().parents[2]
TEXTS = GatewayTexts.load(ROOT / "data" / "responses")
HELPLINES = HelplineDirectory.load(ROOT / "data" / "helplines.yml")
REPLY_WITHIN_S = 3.0


@dataclass
class Stack:
    rasa: ManagedProcess
    url: str
    state: Path  # database and every log of this stack
    database_url: str


@pytest.fixture(scope="module")
def stack(tmp_path_factory) -> Iterator[Stack]:
    state = tmp_path_factory.mktemp("fault-stack")
    database_url = f"sqlite:///{state / 'handoff.db'}"
    rasa_port, action_port = free_port(), free_port()
    actions = action_server(
        ROOT, action_port, state, {"DATABASE_URL": database_url, "OPENING_HOURS": ""}
    )
    rasa = rasa_server(ROOT, ensure_model(ROOT).path, rasa_port, action_port, state)
    handler = logging.FileHandler(state / "gateway.log")
    logging.getLogger().addHandler(handler)
    logging.getLogger().setLevel(logging.DEBUG)
    with running([actions, rasa], ROOT, timeout_s=240):
        yield Stack(rasa, f"http://127.0.0.1:{rasa_port}", state, database_url)
    logging.getLogger().removeHandler(handler)


def make_gateway(stack: Stack, **kwargs) -> tuple[Gateway, HandoffStore]:
    store = HandoffStore.from_url(stack.database_url)
    rasa = RasaClient(stack.url, timeout_s=2.5)
    relay = Relay(store, rasa, TEXTS, HELPLINES)
    return Gateway(rasa, TEXTS, HELPLINES, relay=relay, **kwargs), store


def unavailable_text(language: str = "en") -> str:
    return TEXTS.render("utter_service_unavailable", language, None)[0].text[:20]


async def timed(call) -> tuple[list, float]:
    started = time.monotonic()
    replies = await call
    return replies, time.monotonic() - started


async def test_rasa_hanging_or_killed_still_gets_an_answer_then_recovers(stack):
    gateway, _ = make_gateway(stack)
    user = "fault-1"
    gateway.preferences(user, "en").country = "GB"
    assert (await gateway.handle_text(user, "/start", "en"))[0].text

    os.killpg(stack.rasa.popen.pid, signal.SIGSTOP)  # hangs: accepts, never answers
    try:
        replies, took = await timed(gateway.handle_text(user, "hello", "en"))
    finally:
        os.killpg(stack.rasa.popen.pid, signal.SIGCONT)
    assert took < REPLY_WITHIN_S and replies[0].text.startswith(unavailable_text())

    stack.rasa.stop(grace_s=0)  # killed
    replies, took = await timed(gateway.handle_text(user, "what is grooming", "en"))
    assert took < REPLY_WITHIN_S and replies[0].text.startswith(unavailable_text())
    crisis, took = await timed(
        gateway.handle_text(user, "he is hitting me right now help", "en")
    )
    text = "\n".join(r.text for r in crisis)
    assert took < REPLY_WITHIN_S and "999" in text and "0800 1111" in text

    stack.rasa.start(ROOT)
    wait_ready([stack.rasa], timeout_s=240)
    replies = await gateway.handle_text(user, "what is grooming", "en")
    assert replies and not replies[0].text.startswith(unavailable_text())
    await gateway.aclose()


def files_containing(folder: Path, phrase: str) -> list[str]:
    needle = phrase.encode()
    return [
        str(p.relative_to(folder))
        for p in folder.rglob("*")
        if p.is_file() and needle in p.read_bytes()
    ]


async def test_forget_leaves_the_phrase_in_no_database_or_log(stack):
    gateway, store = make_gateway(stack)
    store.set_on_duty("counsellor-x", "Sam", True)
    user, phrase = "fault-2", "purple-otter-48151623"
    contact = ("console", user)
    await gateway.handle_text(user, "/start", "en", contact)
    await gateway.handle_text(user, f"my secret word is {phrase}", "en", contact)
    await gateway.handle_text(user, "/counsellor", "en", contact)
    assert store.open_case_for(user) is not None
    await gateway.handle_text(
        user, f"the counsellor should know {phrase}", "en", contact
    )
    assert files_containing(stack.state, phrase)  # the test can see it before

    replies = await gateway.handle_text(user, "/forget", "en", contact)
    assert (
        replies[-1].text[:20]
        == TEXTS.render("utter_forgotten", "en", None)[0].text[:20]
    )
    logging.getLogger().handlers[-1].flush()
    assert files_containing(stack.state, phrase) == []
    events = await gateway._rasa.events(user)
    assert phrase not in str(events)
    assert store.open_case_for(user) is None and store.counter("erasures") >= 1
    store.set_on_duty("counsellor-x", "Sam", False)
    await gateway.aclose()


async def test_retention_sweep_removes_old_text_everywhere(stack):
    gateway, store = make_gateway(stack, retention_hours=1.0 / 3600)  # one second
    store.set_on_duty("counsellor-y", "Kim", True)
    user, phrase = "fault-3", "amber-heron-2718"
    contact = ("console", user)
    await gateway.handle_text(user, f"remember {phrase}", "en", contact)
    await gateway.handle_text(user, "/counsellor", "en", contact)
    case = store.open_case_for(user)
    await gateway.handle_text(user, f"and {phrase} again", "en", contact)
    store.close(case.id)
    await asyncio.sleep(1.5)
    assert await gateway.sweep() >= 1
    assert phrase not in str(await gateway._rasa.events(user))
    assert files_containing(stack.state, phrase) == []
    store.set_on_duty("counsellor-y", "Kim", False)
    await gateway.aclose()
