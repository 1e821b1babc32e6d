import subprocess
from pathlib import Path

from launcher import training
from launcher.training_report import (
    changed_files,
    describe_changes,
    describe_work,
    read_rasa_log,
)
from tests.launcher.test_training import project  # noqa: F401 - fixture

HOOKS = "2026-11-26 INFO rasa.engine.training.hooks -"
RASA_LOG = f"""
{HOOKS} Restored component 'MemoizationPolicy' from cache.
{HOOKS} Starting to train component 'TfidfIntentClassifier'.
{HOOKS} Starting to train component 'TfidfIntentClassifier'.
"""


def fake_rasa(log_text: str):
    """Stand in for `rasa train`: write its log and an (empty) model archive."""

    def run(command, cwd, check, env, stdout, stderr):
        out = Path(command[command.index("--out") + 1])
        name = command[command.index("--fixed-model-name") + 1]
        out.mkdir(parents=True, exist_ok=True)
        (out / f"{name}.tar.gz").write_bytes(b"model")
        stdout.write(log_text.encode())
        return subprocess.CompletedProcess(command, 0)

    return run


def test_rasa_log_lists_trained_and_reused_parts_once():
    work = read_rasa_log(RASA_LOG)
    assert work.trained == ["TfidfIntentClassifier"]
    assert work.reused == ["MemoizationPolicy"]
    line = describe_work(work)
    assert "retrained 1 part(s): TfidfIntentClassifier" in line
    assert "reused 1 unchanged part(s)" in line


def test_changes_are_named_by_kind_with_their_files():
    before = {
        "data/nlu/nl/grooming.yml": "a",
        "data/stories/x.yml": "b",
        "config.yml": "c",
    }
    now = {**before, "data/nlu/nl/grooming.yml": "A", "data/rules/new.yml": "d"}
    changed = changed_files(before, now)
    assert changed == ["data/nlu/nl/grooming.yml", "data/rules/new.yml"]
    line = describe_changes(changed, first=False)
    assert "training examples (data/nlu/nl/grooming.yml)" in line
    assert "rules (data/rules/new.yml)" in line
    assert "stories" not in line


def test_make_train_reports_what_changed_and_what_was_retrained(
    project,  # noqa: F811
    monkeypatch,
    capsys,
):
    monkeypatch.setenv("OUTREACH_CACHE", str(project / "cache"))
    monkeypatch.setattr(training.subprocess, "run", fake_rasa(RASA_LOG))
    first = training.ensure_model(project)
    assert first.trained and first.first
    path = project / "data/nlu/en/greet.yml"
    path.write_text(path.read_text() + "    - hello there\n")
    monkeypatch.chdir(project)
    monkeypatch.setattr("sys.argv", ["train"])
    training.main()
    out = capsys.readouterr().out
    assert "training examples (data/nlu/en/greet.yml)" in out
    assert "retrained 1 part(s): TfidfIntentClassifier" in out
    assert "trained model-" in out
    # Nothing changed now: nothing is retrained.
    monkeypatch.setattr(training.subprocess, "run", lambda *a, **k: 1 / 0)
    training.main()
    assert "up to date, nothing retrained" in capsys.readouterr().out


def test_failed_training_says_so_with_the_end_of_the_log(project, monkeypatch):  # noqa: F811
    monkeypatch.setenv("OUTREACH_CACHE", str(project / "cache"))

    def failing(command, cwd, check, env, stdout, stderr):
        stdout.write(b"InvalidDomain: intent 'gret' is not in the domain\n")
        raise subprocess.CalledProcessError(1, command)

    monkeypatch.setattr(training.subprocess, "run", failing)
    try:
        training.ensure_model(project)
    except training.TrainingError as error:
        assert "intent 'gret' is not in the domain" in str(error)
    else:
        raise AssertionError("a failed training must raise TrainingError")
