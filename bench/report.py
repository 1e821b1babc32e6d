"""bench/RESULTS.md: every figure of one run, with the targets beside them."""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from pathlib import Path

from bench.cold_start import ColdStart
from bench.fallback_time import FallbackFigures
from bench.handoff_time import HandoffFigures
from bench.load import LevelResult
from bench.measure import Summary
from bench.training_time import TrainingFigures

OURS, REST, BASE = "ours (gateway)", "ours (Rasa REST)", "baseline (rasa init)"
P95_LIMIT_S = 1.0


@dataclass
class Results:
    """Everything one `make bench` run measured (None: section failed or skipped)."""

    when: str
    commit: str
    machine: dict[str, str]
    screen_load_s: float = math.nan
    screen: dict[str, Summary] = field(default_factory=dict)
    training: TrainingFigures | None = None
    baseline_train_s: float = math.nan
    baseline_model_mb: float = math.nan
    nlu_table: str = ""
    nlu_s: float = math.nan
    cold: ColdStart | None = None
    runs: dict[str, list[LevelResult]] = field(default_factory=dict)
    idle_mb: dict[str, float] = field(default_factory=dict)
    load_mb: dict[str, float] = field(default_factory=dict)
    baseline_idle_mb: float = math.nan
    baseline_load_mb: float = math.nan
    handoff: HandoffFigures | None = None
    fallback: FallbackFigures | None = None
    errors: dict[str, str] = field(default_factory=dict)
    total_s: float = math.nan


def _ms(seconds: float) -> str:
    return "–" if math.isnan(seconds) else f"{seconds * 1000:.0f} ms"


def _s(seconds: float) -> str:
    return "–" if math.isnan(seconds) else f"{seconds:.1f} s"


def _ok(met: bool | None) -> str:
    return "–" if met is None else ("✅ met" if met else "❌ missed")


def _level(results: Results, name: str, level: int) -> LevelResult | None:
    return next((r for r in results.runs.get(name, []) if r.concurrency == level), None)


def best_throughput(runs: list[LevelResult]) -> tuple[float, int]:
    """Highest throughput among levels whose p95 stays under 1 s (and its level)."""
    good = [
        (r.throughput, r.concurrency)
        for r in runs
        if r.latencies and Summary.of(r.latencies).p95 <= P95_LIMIT_S
    ]
    return max(good) if good else (0.0, 0)


def _latency_table(results: Results, levels: list[int]) -> list[str]:
    lines = [
        "| stack | conversations | messages | p50 | p95 | p99 | max | msg/s | no reply |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for name in results.runs:
        for level in levels:
            run = _level(results, name, level)
            if run is None:
                continue
            s = Summary.of(run.latencies)
            lines.append(
                f"| {name} | {level} | {s.count} | {_ms(s.p50)} | {_ms(s.p95)} |"
                f" {_ms(s.p99)} | {_ms(s.worst)} | {run.throughput:.1f} | {run.failures} |"
            )
    return lines


def _ratio_table(results: Results) -> list[str]:
    lines = ["| level | figure | ours (gateway) / baseline | ours (REST) / baseline |",
             "|---|---|---|---|"]  # fmt: skip
    for level in (1, 10, 50):
        base = _level(results, BASE, level)
        if base is None or not base.latencies:
            continue
        b = Summary.of(base.latencies)
        for label, pick in (("p50", lambda s: s.p50), ("p95", lambda s: s.p95),
                            ("p99", lambda s: s.p99)):  # fmt: skip
            cells = []
            for name in (OURS, REST):
                run = _level(results, name, level)
                cells.append(
                    f"{pick(Summary.of(run.latencies)) / pick(b):.2f}×"
                    if run and run.latencies else "–"
                )  # fmt: skip
            lines.append(f"| {level} | {label} | {cells[0]} | {cells[1]} |")
    return lines


def _targets(results: Results) -> list[str]:
    rows = []
    ours1, base1 = _level(results, OURS, 1), _level(results, BASE, 1)
    if ours1 and base1 and ours1.latencies and base1.latencies:
        ratio = Summary.of(ours1.latencies).p50 / Summary.of(base1.latencies).p50
        rows.append(("p50 at 1 conversation ≤ 1.25 × baseline", f"{ratio:.2f}×",
                     ratio <= 1.25))  # fmt: skip
    if results.runs.get(OURS) and results.runs.get(BASE):
        ours_tp, ours_at = best_throughput(results.runs[OURS])
        base_tp, base_at = best_throughput(results.runs[BASE])
        rows.append(("throughput (p95 < 1 s) ≥ baseline",
                     f"{ours_tp:.1f} msg/s (at {ours_at}) vs {base_tp:.1f} (at {base_at})",
                     ours_tp >= base_tp))  # fmt: skip
    if results.screen:
        worst = max(s.p95 for s in results.screen.values())
        rows.append(("safety screen p95 ≤ 2 ms", f"{worst * 1000:.2f} ms (worst language)",
                     worst <= 0.002))  # fmt: skip
    if results.handoff and results.handoff.cards:
        worst = max(results.handoff.cards)
        rows.append(("handoff card ≤ 1 s", f"{worst:.2f} s (worst of "
                     f"{len(results.handoff.cards)})", worst <= 1.0))  # fmt: skip
    if results.fallback:
        worst = max(results.fallback.hanging + results.fallback.stopped)
        rows.append(("fallback ≤ 3 s", f"{worst:.2f} s (worst, hanging or stopped)",
                     worst <= 3.0))  # fmt: skip
    if results.training:
        t = results.training.scratch_s
        rows.append(("full training ≤ 120 s (2 cores)", f"{t:.0f} s", t <= 120))
    total = _total_load_mb(results)
    if total:
        rows.append(("all processes ≤ 2 GB RSS together", f"{total:.0f} MB under load",
                     total <= 2048))  # fmt: skip
    lines = ["| target | measured | |", "|---|---|---|"]
    lines += [f"| {t} | {m} | {_ok(ok)} |" for t, m, ok in rows]
    return lines


def _total_load_mb(results: Results) -> float:
    return sum(results.load_mb.values())


def _memory(results: Results) -> list[str]:
    lines = ["| process | idle | peak under load |", "|---|---|---|"]
    cold = results.cold.idle_rss_mb if results.cold else {}
    gateway_idle = cold.get("gateway (console)", math.nan)
    names = sorted(set(results.idle_mb) | set(results.load_mb))
    for name in names:
        idle = results.idle_mb.get(name, math.nan)
        if name == "bench process":
            label, idle = (
                "gateway core (in the bench process, with the load generator)",
                gateway_idle,
            )
        else:
            label = name
        lines.append(
            f"| {label} | {idle:.0f} MB | {results.load_mb.get(name, math.nan):.0f} MB |"
        )
    if results.handoff:
        lines.append(
            f"| gateway on Telegram (`python -m bot`, own process) | "
            f"{results.handoff.gateway_idle_mb:.0f} MB | "
            f"{results.handoff.gateway_after_mb:.0f} MB after the handoff run |"
        )
    idle_total = sum(v for k, v in results.idle_mb.items()) + (
        gateway_idle if not math.isnan(gateway_idle) else 0
    )
    lines.append(
        f"| **sum (ours)** | **{idle_total:.0f} MB** | **{_total_load_mb(results):.0f} MB** |"
    )
    lines.append(
        f"| baseline Rasa server (rasa init) | {results.baseline_idle_mb:.0f} MB |"
        f" {results.baseline_load_mb:.0f} MB |"
    )
    return lines


def render(results: Results, chart: str, levels: list[int]) -> str:
    """The whole report as markdown."""
    m = results.machine
    out = [
        "# Benchmark results",
        "",
        "Written by `make bench` (bench/); figures of one run on one machine. Targets are reported, "
        "not asserted. Re-run after changes that could affect speed or memory.",
        "",
        f"- **When:** {results.when} · **commit:** `{results.commit}` · **run time:** "
        f"{_s(results.total_s)}",
        f"- **Machine:** {m.get('cpu')}, {m.get('cores')} cores, {m.get('memory')}, {m.get('os')}",
        "- **Baseline:** a stock `rasa init --no-prompt` assistant (Rasa 3.6.21, default config), "
        "trained and served on the same machine in the same run, measured with the same load "
        "harness through its REST channel.",
        "",
        "## Targets",
        "",
        *_targets(results),
        "",
        "## Reply latency",
        "",
        "Closed loop: N conversations at once, each sending its next message as soon as the "
        "previous one is answered; a conversation sends 5 messages, then a new one takes its place "
        "(fresh session, like a new young person). Messages: a fixed seeded sample of 400 training "
        "examples in en, nb, sv and nl. *ours (gateway)* is the full path: gateway core → safety "
        "screen → Rasa REST → action server → rendered reply, with the handoff store. *ours (Rasa "
        "REST)* skips the gateway (it runs after the gateway levels, on the same Rasa server). Both stacks "
        "warm up with 10 messages first. *no reply*: the message got an empty answer or an error and "
        "is left out of the latencies (the stock assistant stays silent on some messages it does not "
        "understand).",
        "",
        f"![Reply latency]({chart})",
        "",
        *_latency_table(results, levels),
        "",
        "Ratios to the baseline (below 1 = faster than the stock assistant):",
        "",
        *_ratio_table(results),
        "",
    ]
    for name, runs in results.runs.items():
        tp, at = best_throughput(runs)
        out.append(f"- Sustained throughput with p95 under 1 s, {name}: **{tp:.1f} msg/s** "
                   f"(at {at} concurrent conversations)")  # fmt: skip
    out += ["", "## Handoff and relay", ""]
    if results.handoff:
        h = results.handoff
        out += [
            "Real gateway process (`python -m bot`) on a local fake Telegram Bot API, real Rasa "
            f"and action server, SQLite handoff store, relay polling every {h.poll_interval_s} s "
            "(the production default).",
            "",
            "| step | n | p50 | max |",
            "|---|---|---|---|",
        ]
        for label, values in (("handoff request → case card in the counsellors' chat", h.cards),
                              ("young person → counsellor (relayed)", h.to_counsellor),
                              ("counsellor → young person (relayed)", h.to_young_person)):  # fmt: skip
            s = Summary.of(values)
            out.append(f"| {label} | {s.count} | {_ms(s.p50)} | {_ms(s.worst)} |")
    out += ["", "## Fallback when Rasa is away", ""]
    if results.fallback:
        f = results.fallback
        out += [
            f"The gateway core with its production timeout ({f.timeout_s} s); five messages "
            "(two of them crisis messages) while Rasa is frozen with SIGSTOP, then five after it "
            "was killed. Every message got an answer (apology with numbers, or the crisis text).",
            "",
            "| Rasa | n | p50 | max |",
            "|---|---|---|---|",
        ]
        for label, values in (
            ("hanging (SIGSTOP)", f.hanging),
            ("stopped (killed)", f.stopped),
        ):
            s = Summary.of(values)
            out.append(f"| {label} | {s.count} | {_ms(s.p50)} | {_ms(s.worst)} |")
    out += ["", "## Safety screen cost", ""]
    if results.screen:
        out += [
            f"Per message, all phrases of every language checked (as the gateway does); loading "
            f"the phrase files: {_s(results.screen_load_s)} once per process. Messages: every "
            "training example and red-team case of the language.",
            "",
            "| language | messages | p50 | p95 | max |",
            "|---|---|---|---|---|",
        ]
        for language, s in results.screen.items():
            out.append(
                f"| {language} | {s.count} | {s.p50 * 1000:.2f} ms | {s.p95 * 1000:.2f} ms |"
                f" {s.worst * 1000:.1f} ms |"
            )
    out += ["", "## Training and model size", ""]
    if results.training:
        t = results.training
        out += [
            "| what | time | model |",
            "|---|---|---|",
            f"| ours, from scratch (empty Rasa cache) | {_s(t.scratch_s)} | {t.model_mb:.1f} MB |",
            f"| ours, `rasa train` again, nothing changed (Rasa's cache) | {_s(t.rasa_rerun_s)} | |",
            f"| ours, `make train`, nothing changed (fingerprint check) | {_s(t.make_train_rerun_s)} | |",
            f"| baseline, `rasa init` (create + train, default config) | {_s(results.baseline_train_s)} |"
            f" {results.baseline_model_mb:.1f} MB |",
        ]
    out += ["", "## Cold start", ""]
    if results.cold:
        c = results.cold
        out += [
            f"`make run` with a trained model and no Telegram token (console): prompt after "
            f"{_s(c.to_prompt_s)}, first reply (to /start) after **{_s(c.to_reply_s)}**.",
        ]
    out += ["", "## Memory (RSS)", "", *_memory(results), ""]
    out += [
        "Idle: after start-up and one conversation. Under load: peak sampled every 0.25 s during "
        "the gateway load run (the gateway core runs inside the bench process there, so that row "
        "is an upper bound; the own-process gateway rows come from the Telegram and console runs).",
        "",
        "## NLU quality (held-out split, `make eval-nlu`)",
        "",
        results.nlu_table or "–",
        "",
        f"(evaluation took {_s(results.nlu_s)})",
    ]
    if results.errors:
        out += ["", "## Sections that failed in this run", ""]
        out += [f"- {name}: {error}" for name, error in results.errors.items()]
    return "\n".join(out) + "\n"


def write_report(results: Results, path: Path, chart: str, levels: list[int]) -> str:
    """Write RESULTS.md and return its text."""
    text = render(results, chart, levels)
    path.write_text(text, encoding="utf-8")
    return text
