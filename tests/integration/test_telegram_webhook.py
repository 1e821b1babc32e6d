"""Webhook mode: Telegram pushes updates to the gateway instead of long polling."""

from __future__ import annotations

import os
import time

import httpx
import pytest

from launcher.processes import free_port
from tests.integration.test_telegram import ROOT, GatewayProcess, wait_text
from tests.telegram_fake import FakeTelegram

pytestmark = pytest.mark.integration
SECRET = "webhook-secret-123"


def test_webhook_mode_registers_and_serves_updates(rasa_url, database_url, tmp_path):
    port = free_port()
    with FakeTelegram() as fake:
        env = {
            **os.environ,
            "TELEGRAM_TOKEN": fake.token,
            "TELEGRAM_BASE_URL": fake.base_url,
            "TELEGRAM_WEBHOOK_URL": f"http://127.0.0.1:{port}/telegram",
            "WEBHOOK_PORT": str(port),
            "WEBHOOK_SECRET": SECRET,
            "RASA_URL": rasa_url,
            "DATABASE_URL": database_url,
            "STATE_DIR": str(tmp_path),
            "PYTHONPATH": str(ROOT),
        }
        process = GatewayProcess(env, tmp_path / "gateway.log")
        process.start()
        try:
            registered = fake.wait_for_call("setWebhook", timeout=60)
            assert registered.params["url"] == f"http://127.0.0.1:{port}/telegram"
            update = fake.push_message(7007, "/start", language_code="sv")
            url = f"http://127.0.0.1:{port}/telegram"
            deadline = time.monotonic() + 20
            while True:  # the webhook server starts right after setWebhook
                try:
                    forged = httpx.post(url, json=update)
                    break
                except httpx.TransportError:
                    if time.monotonic() > deadline:
                        raise
                    time.sleep(0.2)
            assert forged.status_code == 403  # no secret: not from Telegram
            mark = len(fake.calls)
            accepted = httpx.post(
                url, json=update, headers={"X-Telegram-Bot-Api-Secret-Token": SECRET}
            )
            assert accepted.status_code == 200
            assert wait_text(fake, 7007, mark, "bot")
        finally:
            process.stop()
