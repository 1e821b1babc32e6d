"""`make bench`: measure speed, memory, training and NLU quality against a baseline.

Writes bench/RESULTS.md and bench/latency.png. Benchmarks print figures; they
never fail on timing (targets are reported, not asserted).
"""

from __future__ import annotations

import sys

# The gateway never uses TensorFlow (spaCy's thinc imports it when present).
sys.modules.setdefault("tensorflow", None)  # type: ignore[assignment]

import argparse
import asyncio
import contextlib
import os
import shutil
import tempfile
import time
from collections.abc import Iterator
from datetime import datetime, timezone
from pathlib import Path

import httpx

from bench.chart import latency_chart
from bench.cold_start import measure_cold_start
from bench.fallback_time import measure_fallback
from bench.handoff_time import measure_handoff
from bench.load import LevelResult, Message, Send, message_pool, run_level
from bench.measure import PeakSampler, git_commit, machine, rss_mb
from bench.nlu_quality import measure_nlu
from bench.report import Results, write_report
from bench.screen_cost import measure_screen
from bench.stacks import (
    baseline_process,
    create_baseline,
    model_file,
    our_processes,
)
from bench.training_time import measure_training
from bot.__main__ import build_gateway
from bot.settings import Settings
from launcher.processes import running
from launcher.training import ensure_model

ROOT = Path(__file__).resolve().parent.parent
LEVELS = [1, 5, 10, 20, 50]
REQUIRED_LEVELS = [1, 10, 50]
BENCH_PROCESS = "bench process"


def step(title: str) -> None:
    """Say what is being measured (runs take minutes)."""
    print(f"bench: {title} ...", flush=True)


@contextlib.contextmanager
def section(results: Results, title: str) -> Iterator[None]:
    """Measure one thing; a failure is reported and the other sections still run."""
    step(title)
    try:
        yield
    except Exception as error:  # noqa: BLE001 - one broken section must not lose the rest
        results.errors[title] = f"{type(error).__name__}: {error}"[:400]
        print(f"bench: {title} failed: {results.errors[title]}", flush=True)


def client_for_load() -> httpx.AsyncClient:
    """One HTTP client with enough connections for the largest level."""
    return httpx.AsyncClient(timeout=60, limits=httpx.Limits(max_connections=100))


def rest_sender(client: httpx.AsyncClient, url: str) -> Send:
    """Send through Rasa's REST channel; a reply list counts as an answer."""

    async def send(user: str, text: str, language: str) -> int:
        response = await client.post(
            f"{url}/webhooks/rest/webhook",
            json={"sender": user, "message": text, "metadata": {"language": language}},
        )
        return len(response.json()) if response.status_code == 200 else 0

    return send


async def run_levels(
    send: Send, pool: list[Message], tag: str, counts: dict[int, int]
) -> list[LevelResult]:
    """Warm up, then run each concurrency level in turn."""
    await run_level(send, pool[-20:], 2, 10, f"{tag}-warm")
    results = []
    for level in LEVELS:
        result = await run_level(send, pool, level, counts[level], tag)
        print(
            f"bench:   {tag} x{level}: {result.throughput:.1f} msg/s,"
            f" {result.failures} without reply",
            flush=True,
        )
        results.append(result)
    return results


async def measure_ours(
    results: Results, work: Path, pool: list[Message], counts: dict[int, int]
) -> None:
    """Our stack: load through the gateway core and through REST, handoff, fallback."""
    database_url = f"sqlite:///{work / 'handoff.db'}"
    model = results.training.model if results.training else ensure_model(ROOT).path
    processes, rasa_url = our_processes(ROOT, model, work, database_url)
    with running(processes, ROOT, timeout_s=300):
        pids = {p.name: p.popen.pid for p in processes if p.popen}
        await asyncio.sleep(2)
        results.idle_mb.update({n: rss_mb(pid) for n, pid in pids.items()})
        settings = Settings(
            rasa_url=rasa_url, rasa_timeout_s=30, database_url=database_url,
            state_dir=work,
        )  # fmt: skip
        gateway, _, _ = build_gateway(settings)

        async def through_gateway(user: str, text: str, language: str) -> int:
            return len(await gateway.handle_text(user, text, language))

        with (
            section(results, "reply latency through the gateway core (ours)"),
            PeakSampler(
                {**pids, BENCH_PROCESS: os.getpid()}, frozenset({BENCH_PROCESS})
            ) as peaks,
        ):
            results.runs["ours (gateway)"] = await run_levels(
                through_gateway, pool, "gw", counts
            )
        results.load_mb.update(peaks.peaks)
        await gateway.aclose()
        with section(results, "reply latency through Rasa REST (ours)"):
            async with client_for_load() as client:
                results.runs["ours (Rasa REST)"] = await run_levels(
                    rest_sender(client, rasa_url), pool, "rest", counts
                )
        with section(results, "handoff and relay on a fake Telegram"):
            results.handoff = await asyncio.to_thread(
                measure_handoff, ROOT, rasa_url, database_url, work
            )
        with section(results, "fallback with Rasa hanging, then stopped"):
            rasa = next(p for p in processes if p.name == "Rasa server")
            assert rasa.popen is not None
            results.fallback = await measure_fallback(ROOT, rasa_url, rasa.popen.pid)


async def measure_baseline(
    results: Results, project: Path, pool: list[Message], counts: dict[int, int]
) -> None:
    """The stock `rasa init` assistant under the same load harness."""
    process, url = baseline_process(project)
    with running([process], project, timeout_s=300):
        assert process.popen is not None
        await asyncio.sleep(2)
        results.baseline_idle_mb = rss_mb(process.popen.pid)
        step("reply latency through Rasa REST (baseline)")
        with PeakSampler({"baseline": process.popen.pid}) as peaks:
            async with client_for_load() as client:
                results.runs["baseline (rasa init)"] = await run_levels(
                    rest_sender(client, url), pool, "base", counts
                )
        results.baseline_load_mb = peaks.peaks.get("baseline", 0.0)


def main() -> int:
    """Run every section in order and write the report."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", type=Path, default=ROOT / "bench")
    parser.add_argument("--keep", action="store_true", help="keep the work folder")
    parser.add_argument(
        "--quick", action="store_true", help="few messages per level (a trial run)"
    )
    args = parser.parse_args()
    started = time.monotonic()
    work = Path(tempfile.mkdtemp(prefix="outreach-bench-"))
    (work / "logs").mkdir()
    results = Results(
        when=datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
        commit=git_commit(ROOT),
        machine=machine(),
    )
    counts = {1: 60, 5: 120, 10: 120, 20: 160, 50: 250}
    if args.quick:
        counts = {level: max(10, level) for level in LEVELS}
    pool = message_pool(ROOT)
    project = work / "baseline"
    try:
        with section(results, "safety screen cost"):
            results.screen_load_s, results.screen = measure_screen(ROOT)
        with section(results, "training our model from scratch, then unchanged"):
            results.training = measure_training(ROOT, work)
        with section(results, "creating and training the baseline (rasa init)"):
            results.baseline_train_s = create_baseline(project)
            results.baseline_model_mb = (
                model_file(project / "models").stat().st_size / 1e6
            )
        with section(results, "NLU quality (make eval-nlu)"):
            results.nlu_table, results.nlu_s = measure_nlu(ROOT, work)
        with section(results, "cold start: make run to the first reply"):
            results.cold = measure_cold_start(ROOT, work / "cold")
        with section(results, "our stack"):
            asyncio.run(measure_ours(results, work, pool, counts))
        with section(results, "baseline stack"):
            asyncio.run(measure_baseline(results, project, pool, counts))
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
        else:
            print(f"bench: work folder kept: {work}")
    results.total_s = time.monotonic() - started
    chart = args.out / "latency.png"
    latency_chart(results.runs, REQUIRED_LEVELS, chart)
    report = write_report(results, args.out / "RESULTS.md", chart.name, LEVELS)
    print(report)
    return 0


if __name__ == "__main__":
    with contextlib.suppress(KeyboardInterrupt):
        sys.exit(main())
