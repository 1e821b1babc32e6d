"""The bench's arithmetic and report on made-up figures (benchmarks never run in CI)."""

import math

from bench.load import LevelResult, Message, run_level
from bench.measure import Summary, percentile
from bench.report import BASE, OURS, Results, best_throughput, render


def test_nearest_rank_percentiles():
    values = [float(v) for v in range(1, 101)]
    assert percentile(values, 0.50) == 50
    assert percentile(values, 0.95) == 95
    assert percentile(values, 0.99) == 99
    assert math.isnan(percentile([], 0.5))
    assert Summary.of([0.2, 0.1]).worst == 0.2


def test_best_throughput_only_counts_levels_with_p95_under_a_second():
    fast = LevelResult(5, [0.2] * 100, wall_s=4.0, failures=0)  # 25 msg/s
    overloaded = LevelResult(50, [2.0] * 100, wall_s=2.0, failures=0)  # 50 msg/s, slow
    assert best_throughput([fast, overloaded]) == (25.0, 5)


async def test_load_sends_the_total_and_counts_silent_answers():
    seen: list[str] = []

    async def send(user: str, text: str, language: str) -> int:
        seen.append(user)
        return 0 if text == "silent" else 1

    pool = [Message("en", "hi"), Message("en", "silent")]
    result = await run_level(send, pool, concurrency=3, total=20, tag="t")
    assert len(seen) == 20
    assert result.failures == 10 and len(result.latencies) == 10
    # A conversation sends at most 5 messages (the gateway's flood limit is 8 per 10 s).
    assert max(seen.count(user) for user in set(seen)) <= 5


def test_report_marks_targets_met_and_missed():
    results = Results(when="now", commit="abc", machine={"cpu": "x", "cores": "2"})
    results.runs[OURS] = [LevelResult(1, [0.05] * 20, 1.0, 0)]
    results.runs[BASE] = [LevelResult(1, [0.03] * 20, 0.6, 0)]
    text = render(results, "latency.png", [1])
    assert "| p50 at 1 conversation ≤ 1.25 × baseline | 1.67× | ❌ missed |" in text
    assert "throughput (p95 < 1 s) ≥ baseline" in text
    assert "![Reply latency](latency.png)" in text
