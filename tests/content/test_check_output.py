"""What `make check` prints and its exit code."""

import sys
from datetime import date

from content.check import main
from tests.content.small_content import edit, line_number, write_content


def run(root, monkeypatch, capsys):
    # main() checks helplines against today's date.
    edit(root, "data/helplines.yml", "2026-01-01", date.today().isoformat())
    monkeypatch.setattr(sys, "argv", ["check", "--root", str(root)])
    code = main()
    return code, capsys.readouterr().out


def test_errors_exit_1_and_print_file_line_entry_message(tmp_path, monkeypatch, capsys):
    root = write_content(tmp_path)
    rules = "data/rules/smalltalk.yml"
    edit(root, rules, "intent: ask_helplines", "intent: ask_hotlines")
    code, out = run(root, monkeypatch, capsys)
    line = line_number(root, rules, "ask_hotlines")
    assert code == 1
    assert f"  {root / rules}:{line}: reporting: helplines: unknown intent" in out
    assert out.startswith("Errors (1):") and "check: 1 error(s), 0 warning(s)" in out


def test_warnings_alone_exit_0_and_are_listed_separately(tmp_path, monkeypatch, capsys):
    root = write_content(tmp_path)
    edit(root, "data/nlu/en/smalltalk.yml", "    - hi\n", "    - hi\n    - HI\n")
    code, out = run(root, monkeypatch, capsys)
    assert code == 0 and out.startswith("Warnings (1):") and "Errors" not in out
