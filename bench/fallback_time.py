"""How long a young person waits for an answer when Rasa hangs or is down."""

from __future__ import annotations

import asyncio
import os
import signal
import time
from dataclasses import dataclass
from pathlib import Path

from bot.core import Gateway
from bot.rasa_client import RasaClient
from bot.settings import Settings
from bot.texts import GatewayTexts
from helplines.directory import HelplineDirectory

MESSAGES = (
    ("en", "hi, can I ask something"),
    ("en", "he says I owe him money for the trip and I can't leave"),
    ("nb", "hva er grooming egentlig"),
    ("sv", "jag vill dö"),
    ("nl", "iemand dreigt mijn foto's te delen"),
)


@dataclass
class FallbackFigures:
    """Seconds to an answer while Rasa hangs (SIGSTOP) and after it was killed."""

    hanging: list[float]
    stopped: list[float]
    timeout_s: float


async def _answers(gateway: Gateway, tag: str) -> list[float]:
    durations = []
    for n, (language, text) in enumerate(MESSAGES):
        started = time.perf_counter()
        replies = await gateway.handle_text(f"bench-fallback-{tag}-{n}", text, language)
        if not replies:
            raise RuntimeError("the gateway gave no answer while Rasa was away")
        durations.append(time.perf_counter() - started)
    return durations


async def measure_fallback(root: Path, rasa_url: str, rasa_pid: int) -> FallbackFigures:
    """Freeze Rasa, then kill it; the gateway uses its production timeout."""
    timeout_s = Settings().rasa_timeout_s
    gateway = Gateway(
        RasaClient(rasa_url, timeout_s),
        GatewayTexts.load(root / "data" / "responses"),
        HelplineDirectory.load(root / "data" / "helplines.yml"),
    )
    try:
        os.killpg(rasa_pid, signal.SIGSTOP)
        try:
            hanging = await _answers(gateway, "hang")
        finally:
            os.killpg(rasa_pid, signal.SIGCONT)
        os.killpg(rasa_pid, signal.SIGKILL)
        await asyncio.sleep(0.5)
        stopped = await _answers(gateway, "down")
    finally:
        await gateway.aclose()
    return FallbackFigures(hanging, stopped, timeout_s)
