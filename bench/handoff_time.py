"""Handoff request → case card, and relayed messages both ways, on a fake Telegram.

The real gateway process (`python -m bot`) talks to a local fake Bot API with the
production polling interval; only Telegram's servers are replaced.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from bench.measure import rss_mb
from tests.telegram_fake import FakeTelegram

TEAM_CHAT, COUNSELLOR = -1009001, 90001
FIRST_ASKER = 9100


@dataclass
class HandoffFigures:
    """Latencies (s) of handoff cards and relayed messages; gateway memory (MB)."""

    cards: list[float]
    to_counsellor: list[float]
    to_young_person: list[float]
    gateway_idle_mb: float
    gateway_after_mb: float
    poll_interval_s: float


def _texts_to(fake: FakeTelegram, chat_id: int, after: int) -> list[tuple[str, dict]]:
    return [
        (str(c.params.get("text", "")), c.params)
        for c in fake.calls[after:]
        if c.method == "sendMessage" and str(c.params.get("chat_id")) == str(chat_id)
    ]


def _wait_text(fake: FakeTelegram, chat_id: int, after: int, needle: str) -> dict:
    def found(_calls):
        return next(
            (p for t, p in _texts_to(fake, chat_id, after) if needle in t), None
        )

    return fake.wait_for(found, timeout=30)


def _wait_payload(fake: FakeTelegram, chat_id: int, after: int, payload: str) -> None:
    def found(_calls):
        for _, params in _texts_to(fake, chat_id, after):
            rows = (params.get("reply_markup") or {}).get("inline_keyboard", [])
            if any(b.get("callback_data") == payload for row in rows for b in row):
                return True
        return None

    fake.wait_for(found, timeout=30)


def measure_handoff(
    root: Path, rasa_url: str, database_url: str, work: Path, askers: int = 5
) -> HandoffFigures:
    """Run one counsellor shift: several handoff requests, then a relayed chat."""
    poll_s = 0.5  # the production default of POLL_INTERVAL_S
    with FakeTelegram() as fake:
        env = {
            **os.environ,
            "TELEGRAM_TOKEN": fake.token,
            "TELEGRAM_BASE_URL": fake.base_url,
            "RASA_URL": rasa_url,
            "DATABASE_URL": database_url,
            "COUNSELLOR_CHAT_ID": str(TEAM_CHAT),
            "COUNSELLOR_IDS": str(COUNSELLOR),
            "POLL_INTERVAL_S": str(poll_s),
            "STATE_DIR": str(work / "gateway"),
            "PSEUDONYM_SECRET": "bench-secret-for-pseudonyms-0123456789",
            "PYTHONPATH": str(root),
        }
        (work / "gateway").mkdir(parents=True, exist_ok=True)
        with (work / "logs" / "gateway.log").open("ab") as log:
            gateway = subprocess.Popen(
                [sys.executable, "-m", "bot"], cwd=root, env=env, stdout=log,
                stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
            )  # fmt: skip
        try:
            fake.wait_for_call("setMyCommands", timeout=90, language_code="nl")
            time.sleep(2)
            idle_mb = rss_mb(gateway.pid)
            mark = len(fake.calls)
            fake.push_message(TEAM_CHAT, "/onduty", user_id=COUNSELLOR,
                              chat_type="supergroup", first_name="Sam")  # fmt: skip
            _wait_text(fake, TEAM_CHAT, mark, "on duty")
            cards, claim = [], ""
            for n in range(askers):
                mark = len(fake.calls)
                asked = time.monotonic()
                fake.push_message(FIRST_ASKER + n, "I want to talk to a real person")
                card = _wait_text(fake, TEAM_CHAT, mark, "Case #")
                cards.append(time.monotonic() - asked)
                if not claim:
                    rows = card["reply_markup"]["inline_keyboard"]
                    claim = rows[0][0]["callback_data"]
            asker = FIRST_ASKER
            mark = len(fake.calls)
            fake.push_callback(TEAM_CHAT, claim, user_id=COUNSELLOR,
                               chat_type="supergroup", first_name="Sam")  # fmt: skip
            _wait_payload(fake, asker, mark, "gw:history:yes")
            fake.push_callback(asker, "gw:history:no")
            up, down = [], []
            for n in range(5):
                mark = len(fake.calls)
                sent = time.monotonic()
                fake.push_message(asker, f"are you there? ({n})")
                _wait_text(fake, COUNSELLOR, mark, f"are you there? ({n})")
                up.append(time.monotonic() - sent)
                mark = len(fake.calls)
                sent = time.monotonic()
                fake.push_message(COUNSELLOR, f"I am here for you ({n})",
                                  first_name="Sam")  # fmt: skip
                _wait_text(fake, asker, mark, f"I am here for you ({n})")
                down.append(time.monotonic() - sent)
            after_mb = rss_mb(gateway.pid)
        finally:
            gateway.terminate()
            try:
                gateway.wait(timeout=15)
            except subprocess.TimeoutExpired:
                gateway.kill()
                gateway.wait()
    return HandoffFigures(cards, up, down, idle_mb, after_mb, poll_s)
