"""`python -m bot`: the gateway (Telegram with TELEGRAM_TOKEN, else console chat)."""

from __future__ import annotations

import sys

# spaCy's thinc imports TensorFlow when installed (Rasa needs it); this process never
# uses it, and skipping it saves seconds of start-up and hundreds of MB.
sys.modules.setdefault("tensorflow", None)  # type: ignore[assignment]

import asyncio
import contextlib
import logging

from bot.console import ConsoleState, chat, console_user, deliver_to_console
from bot.core import Gateway
from bot.counsellor_desk import CounsellorDesk
from bot.feedback_ask import feedback_asker
from bot.pseudonyms import Pseudonymizer
from bot.rasa_client import RasaClient
from bot.relay import Relay
from bot.settings import Settings
from bot.texts import GatewayTexts
from handoff.store import HandoffStore
from helplines.live import LiveHelplineDirectory

logger = logging.getLogger("bot")


def build_gateway(settings: Settings) -> tuple[Gateway, Relay, GatewayTexts]:
    """Create the gateway core and the handoff relay from settings."""
    rasa = RasaClient(settings.rasa_url, settings.rasa_timeout_s)
    texts = GatewayTexts.load(settings.responses_dir)
    helplines = LiveHelplineDirectory(settings.helplines_path)
    relay = Relay(HandoffStore.from_url(settings.database_url), rasa, texts, helplines)
    gateway = Gateway(
        rasa=rasa,
        texts=texts,
        helplines=helplines,
        default_language=settings.default_language,
        default_country=settings.default_country,
        retention_hours=settings.retention_hours,
        relay=relay,
        feedback=feedback_asker(settings, texts),
    )
    return gateway, relay, texts


async def sweep_forever(gateway: Gateway, interval_s: float = 600.0) -> None:
    """Apply the retention period every few minutes while the gateway runs."""
    while True:
        await asyncio.sleep(interval_s)
        await gateway.sweep()


async def run_console(settings: Settings) -> None:
    """Chat in this terminal as one anonymous young person."""
    gateway, relay, _ = build_gateway(settings)
    pseudonyms = Pseudonymizer.from_settings(
        settings.pseudonym_secret, settings.state_dir
    )
    user = pseudonyms.key("console", console_user())
    state = ConsoleState()
    background = [
        asyncio.create_task(sweep_forever(gateway)),
        asyncio.create_task(
            deliver_to_console(relay, user, sys.stdout, settings.poll_interval_s, state)
        ),
    ]
    try:
        await chat(
            gateway,
            user,
            sys.stdin.readline,
            language_tag=settings.default_language,
            contact=("console", user),
            state=state,
        )
    finally:
        for task in background:
            task.cancel()
        await gateway.aclose()


def run_telegram(settings: Settings) -> None:
    """Serve young people and counsellors on Telegram."""
    from bot.telegram_app import TelegramFrontEnd, run

    gateway, relay, texts = build_gateway(settings)
    pseudonyms = Pseudonymizer.from_settings(
        settings.pseudonym_secret, settings.state_dir
    )
    front = TelegramFrontEnd(
        settings=settings,
        gateway=gateway,
        relay=relay,
        texts=texts,
        pseudonyms=pseudonyms,
        cipher=pseudonyms.contact_cipher(),
        desk=CounsellorDesk(settings, relay),
    )
    run(front)


def main() -> None:
    """Start the Telegram front end, or the console one without a token."""
    logging.basicConfig(
        level=logging.WARNING, format="%(asctime)s %(levelname)s %(name)s: %(message)s"
    )
    settings = Settings.from_env()
    if settings.telegram_token:
        logging.getLogger().setLevel(logging.INFO)
        logging.getLogger("httpx").setLevel(logging.WARNING)  # URLs contain the token
        run_telegram(settings)
        return
    with contextlib.suppress(KeyboardInterrupt):
        asyncio.run(run_console(settings))


if __name__ == "__main__":
    main()
