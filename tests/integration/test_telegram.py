"""The real gateway on Telegram (a local fake Bot API) with real Rasa and actions.

The scenarios run in order against one gateway process, like a shift: a young
person onboards, asks for a counsellor, a counsellor claims, they talk, the
gateway restarts mid-case, and the case ends.
"""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.counsellor_desk import REFUSAL
from handoff.store import HandoffStore
from tests.telegram_fake import FakeTelegram

pytestmark = pytest.mark.integration
ROOT = Path(__file__).resolve().parents[2]

TEAM_CHAT = -1001234
ANNA, BEN, STRANGER = 70001, 70002, 70003
KID = 5001  # onboarding
ASKER = 5002  # asks for a counsellor
SECRET_NAME, SECRET_USERNAME = "Secretname", "secret_user_77"


class GatewayProcess:
    """`python -m bot` with a Telegram token, pointed at the fake Bot API."""

    def __init__(self, env: dict[str, str], log: Path) -> None:
        self.env, self.log = env, log
        self.process: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        with self.log.open("ab") as log:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "bot"], cwd=ROOT, env=self.env,
                stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
            )  # fmt: skip

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


@pytest.fixture(scope="module")
def fake() -> Iterator[FakeTelegram]:
    with FakeTelegram() as server:
        yield server


@pytest.fixture(scope="module")
def gateway_process(
    fake, rasa_url, database_url, tmp_path_factory
) -> Iterator[GatewayProcess]:
    state = tmp_path_factory.mktemp("gateway")
    env = {
        **os.environ,
        "TELEGRAM_TOKEN": fake.token,
        "TELEGRAM_BASE_URL": fake.base_url,
        "RASA_URL": rasa_url,
        "RASA_TIMEOUT_S": "30",
        "DATABASE_URL": database_url,
        "COUNSELLOR_CHAT_ID": str(TEAM_CHAT),
        "COUNSELLOR_IDS": f"{ANNA},{BEN}",
        "REANNOUNCE_AFTER_S": "3",
        "POLL_INTERVAL_S": "0.2",
        "STATE_DIR": str(state),
        "PSEUDONYM_SECRET": "test-secret-for-pseudonyms-0123456789",
        "PYTHONPATH": str(ROOT),
    }
    process = GatewayProcess(env, state / "gateway.log")
    process.start()
    fake.wait_for_call("setMyCommands", timeout=60, language_code="nl")
    yield process
    process.stop()


@pytest.fixture(scope="module")
def store(database_url) -> HandoffStore:
    return HandoffStore.from_url(database_url)


def texts_to(fake: FakeTelegram, chat_id: int, after: int) -> list[str]:
    return [
        str(c.params.get("text", ""))
        for c in fake.calls[after:]
        if c.method == "sendMessage"
        and str(c.params.get("chat_id")) == str(chat_id)
        and not c.failed
    ]


def wait_text(
    fake: FakeTelegram, chat_id: int, after: int, needle: str, timeout: float = 30
) -> str:
    def find(_calls):
        return next((t for t in texts_to(fake, chat_id, after) if needle in t), None)

    return fake.wait_for(find, timeout)


def payloads_of(call) -> list[str]:
    markup = call.params.get("reply_markup") or {}
    return [
        b.get("callback_data") for row in markup.get("inline_keyboard", []) for b in row
    ]


def test_commands_are_registered_in_every_language(fake, gateway_process):
    codes = {str(c.params.get("language_code")) for c in fake.calls_to("setMyCommands")}
    assert {"en", "nb", "no", "sv", "nl"} <= codes
    nb = fake.calls_to("setMyCommands", language_code="nb")[0].params["commands"]
    assert {c["command"] for c in nb} >= {"start", "counsellor", "hide", "forget"}


def test_onboarding_via_start(fake, gateway_process):
    mark = len(fake.calls)
    fake.push_message(KID, "/start", language_code="en")
    disclosure = wait_text(fake, KID, mark, "automated")
    assert "not a person" in disclosure or "bot" in disclosure
    question = fake.wait_for_new_call("sendMessage", mark, chat_id=KID, timeout=20)
    fake.wait_for(
        lambda calls: any(
            '/choose_language{"language": "nb"}' in payloads_of(c)
            for c in calls[mark:]
            if c.method == "sendMessage"
        ),
        timeout=20,
    )
    assert question is not None
    assert fake.calls_to("sendChatAction", chat_id=KID)


def test_nobody_on_duty_gives_helplines(fake, gateway_process, store):
    assert store.on_duty() == []
    mark = len(fake.calls)
    fake.push_message(KID, "/counsellor")
    text = wait_text(fake, KID, mark, "Child Helpline International")
    assert text


def test_request_posts_card_and_claims_are_decided_once(fake, gateway_process, store):
    mark = len(fake.calls)
    fake.push_message(
        TEAM_CHAT, "/onduty", user_id=ANNA, chat_type="supergroup", first_name="Anna"
    )
    wait_text(fake, TEAM_CHAT, mark, "on duty")
    assert store.on_duty() == [f"tg:{ANNA}"]

    mark = len(fake.calls)
    asked = time.monotonic()
    fake.push_message(
        ASKER,
        "I want to talk to a real person please",
        first_name=SECRET_NAME,
        username=SECRET_USERNAME,
        language_code="nb",
    )
    queued = wait_text(fake, ASKER, mark, "1")
    card = fake.wait_for_new_call("sendMessage", mark, chat_id=TEAM_CHAT, timeout=20)
    card_latency = time.monotonic() - asked
    print(f"\nhandoff request -> case card: {card_latency:.2f} s")
    assert "Case #" in card.params["text"] and "Language: nb" in card.params["text"]
    for secret in (SECRET_NAME, SECRET_USERNAME, str(ASKER)):
        assert secret not in card.params["text"]
    assert queued
    [claim_data] = payloads_of(card)
    case_id = int(claim_data.split(":")[1])

    # Somebody who is not on the allowlist is refused and learns nothing.
    mark = len(fake.calls)
    fake.push_callback(TEAM_CHAT, claim_data, user_id=STRANGER, chat_type="supergroup")
    refusal = fake.wait_for_new_call("answerCallbackQuery", mark)
    assert refusal.params.get("text") == REFUSAL
    assert store.case(case_id).status == "waiting"

    # Two counsellors press Claim at the same time: exactly one wins.
    mark = len(fake.calls)
    pushers = [
        threading.Thread(target=fake.push_callback, args=(TEAM_CHAT, claim_data),
                         kwargs={"user_id": who, "chat_type": "supergroup",
                                 "first_name": name})
        for who, name in ((ANNA, "Anna"), (BEN, "Ben"))
    ]  # fmt: skip
    for thread in pushers:
        thread.start()
    for thread in pushers:
        thread.join()
    fake.wait_for(
        lambda calls: (
            len([c for c in calls[mark:] if c.method == "answerCallbackQuery"]) >= 2
        )
    )
    answers = [
        str(c.params.get("text"))
        for c in fake.calls[mark:]
        if c.method == "answerCallbackQuery"
    ]
    assert sum("is yours" in a for a in answers) == 1, answers
    assert sum("Already with" in a for a in answers) == 1, answers
    case = store.case(case_id)
    assert case.status == "active"
    pytest.case_id = case_id  # shared with the next scenarios
    pytest.holder = int(case.claimed_by.split(":")[1])


def test_relay_both_ways_without_identities(fake, gateway_process, store):
    holder = pytest.holder
    holder_name = "Anna" if holder == ANNA else "Ben"
    mark = len(fake.calls)
    # The young person is told a person joined and asked about earlier messages.
    consent = fake.wait_for(
        lambda calls: next(
            (
                c
                for c in calls
                if c.method == "sendMessage"
                and str(c.params.get("chat_id")) == str(ASKER)
                and "gw:history:yes" in payloads_of(c)
            ),
            None,
        ),
        timeout=20,
    )
    assert consent
    fake.push_callback(ASKER, "gw:history:yes", first_name=SECRET_NAME)
    history = wait_text(fake, holder, mark, "earlier messages")
    assert "real person" in history

    mark = len(fake.calls)
    sent = time.monotonic()
    fake.push_message(
        ASKER,
        "hei, er du der?",
        first_name=SECRET_NAME,
        username=SECRET_USERNAME,
        language_code="nb",
    )
    relayed = wait_text(fake, holder, mark, "hei, er du der?")
    print(f"\nrelay young person -> counsellor: {time.monotonic() - sent:.2f} s")
    assert relayed.startswith("👤 #")

    mark = len(fake.calls)
    sent = time.monotonic()
    fake.push_message(
        holder, "Hei! Jeg heter ikke noe her, men jeg er her.", first_name=holder_name
    )
    answer = wait_text(fake, ASKER, mark, "Jeg heter ikke noe her")
    print(f"relay counsellor -> young person: {time.monotonic() - sent:.2f} s")
    assert answer.startswith("Veileder:")
    everything_to_counsellors = "\n".join(
        texts_to(fake, holder, 0) + texts_to(fake, TEAM_CHAT, 0)
    )
    for secret in (SECRET_NAME, SECRET_USERNAME, str(ASKER)):
        assert secret not in everything_to_counsellors
    for secret in (holder_name, str(holder)):
        assert all(secret not in t for t in texts_to(fake, ASKER, 0))


def test_photo_is_never_forwarded(fake, gateway_process):
    mark = len(fake.calls)
    fake.push_photo(ASKER, caption="look", first_name=SECRET_NAME)
    wait_text(fake, pytest.holder, mark, "photo")
    reply = wait_text(fake, ASKER, mark, "Take It Down")
    assert reply
    forwarded = [
        c
        for c in fake.calls
        if c.method in ("sendPhoto", "forwardMessage", "copyMessage", "getFile")
    ]
    assert forwarded == []


def test_gateway_restart_mid_case_keeps_relaying(fake, gateway_process):
    gateway_process.stop()
    gateway_process.start()
    mark = len(fake.calls)
    fake.push_message(ASKER, "fortsatt der?", language_code="nb")
    wait_text(fake, pytest.holder, mark, "fortsatt der?", timeout=60)
    mark = len(fake.calls)
    fake.push_message(pytest.holder, "Ja, fortsatt her.")
    wait_text(fake, ASKER, mark, "Ja, fortsatt her.")


def test_end_resumes_the_bot(fake, gateway_process, store):
    mark = len(fake.calls)
    fake.push_message(pytest.holder, "/end")
    wait_text(fake, pytest.holder, mark, "closed")
    ended = wait_text(fake, ASKER, mark, "116")
    assert ended
    assert store.case(pytest.case_id).status == "closed"
    mark = len(fake.calls)
    fake.push_message(ASKER, "er du en bot?", language_code="nb")
    answer = wait_text(fake, ASKER, mark, "bot")
    assert not answer.startswith("Veileder:")


def test_group_chat_gets_private_only_and_bot_leaves(fake, gateway_process):
    mark = len(fake.calls)
    fake.push_member_added(-5550001, chat_type="group")
    fake.wait_for_new_call("leaveChat", mark, chat_id=-5550001, timeout=20)
    assert texts_to(fake, -5550001, mark)


def test_flood_limit_429_is_retried(fake, gateway_process):
    mark = len(fake.calls)
    fake.fail_next("sendMessage", times=1, status=429, retry_after=1)
    fake.push_message(KID, "are you a bot?")
    wait_text(fake, KID, mark, "bot", timeout=30)
    assert any(c.failed for c in fake.calls[mark:] if c.method == "sendMessage")


def test_network_errors_are_retried_and_text_is_never_formatted(fake, gateway_process):
    mark = len(fake.calls)
    fake.fail_next("sendMessage", times=2, status=502)
    fake.push_message(KID, "<b>are you a bot?</b> *really* _sure_ [x](y)")
    reply = wait_text(fake, KID, mark, "bot", timeout=30)
    assert reply
    sent = [c for c in fake.calls[mark:] if c.method == "sendMessage"]
    assert sum(c.failed for c in sent) == 2
    assert all("parse_mode" not in c.params for c in sent)


def test_forum_team_chat_gets_a_topic_per_case(fake, gateway_process, store):
    fake.set_forum(TEAM_CHAT, True)
    mark = len(fake.calls)
    fake.push_message(KID, "/counsellor")
    card = fake.wait_for_new_call("sendMessage", mark, chat_id=TEAM_CHAT, timeout=30)
    [claim_data] = payloads_of(card)
    fake.push_callback(
        TEAM_CHAT, claim_data, user_id=BEN, chat_type="supergroup", first_name="Ben"
    )
    topic_call = fake.wait_for_new_call("createForumTopic", mark, chat_id=TEAM_CHAT)
    case_id = int(claim_data.split(":")[1])
    # The gateway stores the topic after Telegram answered: wait for that write.
    case = fake.wait_for(
        lambda _calls: (c := store.case(case_id)) and c.thread_id is not None and c
    )
    mark = len(fake.calls)
    fake.push_message(KID, "hello from the kid")
    relayed = fake.wait_for(
        lambda calls: next(
            (c for c in calls[mark:] if c.method == "sendMessage"
             and "hello from the kid" in str(c.params.get("text"))),
            None,
        )
    )  # fmt: skip
    assert str(relayed.params["chat_id"]) == str(TEAM_CHAT)
    assert relayed.params["message_thread_id"] == case.thread_id
    assert topic_call


SAFETY_KID = 5009  # safety features


def test_persistent_hide_button_forwarded_check_and_edits(fake, gateway_process):
    mark = len(fake.calls)
    fake.push_message(SAFETY_KID, "/start", language_code="en")
    wait_text(fake, SAFETY_KID, mark, "automated")
    keyboards = [
        (c.params.get("reply_markup") or {}).get("keyboard")
        for c in fake.calls[mark:]
        if c.method == "sendMessage" and str(c.params.get("chat_id")) == str(SAFETY_KID)
    ]
    exit_rows = [k for k in keyboards if k]
    assert exit_rows and exit_rows[0][0][0]["text"] == "🙈 Hide chat"

    mark = len(fake.calls)
    fake.push_message(
        SAFETY_KID,
        "ur so mature for ur age. keep this between us ok and add me on snap",
        forwarded_from="stranger",
    )
    found = wait_text(fake, SAFETY_KID, mark, "warning sign")
    assert found
    sent = "\n".join(texts_to(fake, SAFETY_KID, mark))
    assert "ur so mature" not in sent  # the received text is not echoed back

    mark = len(fake.calls)
    fake.push_message(SAFETY_KID, "what is grooming", edited=True)
    assert wait_text(fake, SAFETY_KID, mark, "new message")

    mark = len(fake.calls)
    fake.push_message(SAFETY_KID, "🙈 Hide chat")
    fake.wait_for_call("deleteMessages", chat_id=SAFETY_KID, timeout=20)


def test_crisis_message_gets_numbers_at_once(fake, gateway_process):
    mark = len(fake.calls)
    fake.push_message(SAFETY_KID, "i want to kill myself tonight", language_code="en")
    text = wait_text(fake, SAFETY_KID, mark, "112")  # no country chosen: INT
    assert text
