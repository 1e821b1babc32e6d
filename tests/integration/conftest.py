"""Start the real action server and Rasa server once for all integration tests."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import pytest

from bot.core import Gateway
from bot.rasa_client import RasaClient
from bot.texts import GatewayTexts
from helplines.directory import HelplineDirectory
from launcher.processes import action_server, free_port, rasa_server, running
from launcher.training import ensure_model

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="session")
def database_url(tmp_path_factory) -> str:
    """One handoff store for the action server and the gateways of a test run."""
    return f"sqlite:///{tmp_path_factory.mktemp('store') / 'handoff.db'}"


@pytest.fixture(scope="session")
def rasa_url(tmp_path_factory, database_url) -> Iterator[str]:
    model = ensure_model(ROOT).path
    logs = tmp_path_factory.mktemp("logs")
    rasa_port, action_port = free_port(), free_port()
    store_env = {"DATABASE_URL": database_url, "OPENING_HOURS": ""}
    processes = [
        action_server(ROOT, action_port, logs, store_env),
        rasa_server(ROOT, model, rasa_port, action_port, logs),
    ]
    with running(processes, ROOT, timeout_s=240):
        yield f"http://127.0.0.1:{rasa_port}"


@pytest.fixture
async def gateway(rasa_url) -> AsyncIterator[Gateway]:
    """The gateway core without a relay (plain bot conversations)."""
    core = Gateway(
        RasaClient(rasa_url, timeout_s=30),
        GatewayTexts.load(ROOT / "data" / "responses"),
        HelplineDirectory.load(ROOT / "data" / "helplines.yml"),
    )
    yield core
    await core.aclose()
