"""Closed-loop load: N conversations at once, each sending messages back to back.

A conversation sends a few messages and then hands over to a new one, the way young
people come and go; it also keeps each sender under the gateway's flood limit.
"""

from __future__ import annotations

import asyncio
import random
import re
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from pathlib import Path

import yaml

# Send one message as `user`; return how many replies came back (0 = failure).
Send = Callable[[str, str, str], Awaitable[int]]
PER_CONVERSATION = 5
_ANNOTATION = re.compile(r"\[([^\]]+)\](?:\([^)]+\)|\{[^}]+\})")


@dataclass(frozen=True)
class Message:
    """One test message and its language."""

    language: str
    text: str


@dataclass
class LevelResult:
    """Latencies and throughput of one concurrency level."""

    concurrency: int
    latencies: list[float]
    wall_s: float
    failures: int

    @property
    def throughput(self) -> float:
        """Answered messages per second over the whole level."""
        return len(self.latencies) / self.wall_s if self.wall_s else 0.0


def message_pool(root: Path, size: int = 400, seed: int = 7) -> list[Message]:
    """A fixed, seeded sample of the young people's training examples, all languages."""
    found: list[Message] = []
    for path in sorted((root / "data" / "nlu").glob("*/*.yml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        for block in data.get("nlu") or []:
            for line in str(block.get("examples", "")).splitlines():
                if line.strip().startswith("- "):
                    text = _ANNOTATION.sub(r"\1", line.strip()[2:])
                    found.append(Message(path.parent.name, text))
    random.Random(seed).shuffle(found)
    return found[:size]


async def run_level(
    send: Send,
    pool: list[Message],
    concurrency: int,
    total: int,
    tag: str,
) -> LevelResult:
    """Send `total` messages from `concurrency` conversations at once."""
    latencies: list[float] = []
    failures = 0
    issued = 0

    async def conversation_loop(worker: int) -> None:
        nonlocal failures, issued
        round_ = 0
        while issued < total:
            user = f"bench-{tag}-{concurrency}-{worker}-{round_}"
            round_ += 1
            for _ in range(PER_CONVERSATION):
                if issued >= total:
                    return
                message = pool[issued % len(pool)]
                issued += 1
                started = time.perf_counter()
                try:
                    answered = await send(user, message.text, message.language)
                except Exception:  # noqa: BLE001 - a failure is a figure here
                    answered = 0
                if answered:
                    latencies.append(time.perf_counter() - started)
                else:
                    failures += 1

    started = time.perf_counter()
    await asyncio.gather(*(conversation_loop(w) for w in range(concurrency)))
    return LevelResult(concurrency, latencies, time.perf_counter() - started, failures)
