"""PNG chart of reply latency distributions, ours against the baseline."""

from __future__ import annotations

from pathlib import Path

import matplotlib

matplotlib.use("Agg")  # no display on servers
import matplotlib.pyplot as plt  # noqa: E402

from bench.load import LevelResult  # noqa: E402
from bench.measure import ms  # noqa: E402


def latency_chart(
    runs: dict[str, list[LevelResult]], levels: list[int], out: Path
) -> None:
    """One panel per concurrency level, one box per assistant (log scale, ms)."""
    figure, axes = plt.subplots(1, len(levels), figsize=(4 * len(levels), 4.2))
    for axis, level in zip(axes, levels, strict=True):
        labels, data = [], []
        for name, results in runs.items():
            found = next((r for r in results if r.concurrency == level), None)
            if found and found.latencies:
                labels.append(name)
                data.append(ms(found.latencies))
        axis.boxplot(data, whis=(5, 95), showfliers=True, flierprops={"markersize": 2})
        axis.set_xticks(range(1, len(labels) + 1), labels, fontsize=8, rotation=15)
        axis.set_yscale("log")
        axis.set_title(f"{level} concurrent conversation{'s' if level > 1 else ''}")
        axis.set_ylabel("reply latency (ms)")
        axis.grid(axis="y", alpha=0.3)
    figure.suptitle("Reply latency (box: p25-p75, whiskers: p5-p95)")
    figure.tight_layout()
    figure.savefig(out, dpi=110)
    plt.close(figure)
