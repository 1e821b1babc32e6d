"""`python -m bot`: run the gateway (console chat when no TELEGRAM_TOKEN is set)."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import sys

from bot.console import chat, console_user
from bot.core import Gateway
from bot.pseudonyms import Pseudonymizer
from bot.rasa_client import RasaClient
from bot.settings import Settings
from bot.texts import GatewayTexts
from helplines.directory import HelplineDirectory

logger = logging.getLogger("bot")


def build_gateway(settings: Settings) -> Gateway:
    """Create the gateway core from settings."""
    return Gateway(
        rasa=RasaClient(settings.rasa_url, settings.rasa_timeout_s),
        texts=GatewayTexts.load(settings.responses_dir),
        helplines=HelplineDirectory.load(settings.helplines_path),
        default_language=settings.default_language,
        default_country=settings.default_country,
        retention_hours=settings.retention_hours,
    )


async def sweep_forever(gateway: Gateway, interval_s: float = 600.0) -> None:
    """Apply the retention period every few minutes while the gateway runs."""
    while True:
        await asyncio.sleep(interval_s)
        await gateway.sweep()


async def run_console(settings: Settings) -> None:
    """Chat in this terminal as one anonymous young person."""
    gateway = build_gateway(settings)
    pseudonyms = Pseudonymizer.from_settings(
        settings.pseudonym_secret, settings.state_dir
    )
    sweeper = asyncio.create_task(sweep_forever(gateway))
    try:
        await chat(
            gateway,
            pseudonyms.key("console", console_user()),
            sys.stdin.readline,
            language_tag=settings.default_language,
        )
    finally:
        sweeper.cancel()
        await gateway.aclose()


def main() -> None:
    """Start the console front end (the Telegram front end arrives with issue 4)."""
    logging.basicConfig(
        level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s"
    )
    settings = Settings.from_env()
    if settings.telegram_token:
        logger.warning(
            "TELEGRAM_TOKEN is set, but the Telegram front end is not built yet; "
            "starting the console chat."
        )
    with contextlib.suppress(KeyboardInterrupt):
        asyncio.run(run_console(settings))


if __name__ == "__main__":
    main()
