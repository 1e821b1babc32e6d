"""YAML syntax and file shape: file and line, and one broken file hides nothing."""

import pytest

from content.checks.located import line_of, literal_start, load_located
from tests.content.small_content import at, check, edit, line_number, write_content

EN = "data/responses/en/smalltalk.yml"
NB_NLU = "data/nlu/nb/smalltalk.yml"


@pytest.fixture
def root(tmp_path):
    return write_content(tmp_path)


def test_small_content_is_clean(root):
    assert check(root) == []


def test_syntax_error_names_file_and_line_and_other_files_are_still_checked(root):
    edit(root, EN, "    text: Check the offer.", "    text: Check: the offer: now")
    edit(
        root,
        "data/rules/smalltalk.yml",
        "action: action_show_helplines",
        "action: action_show_helpline",
    )
    problems = check(root)
    line = line_number(root, EN, "Check: the offer")
    [syntax] = at(problems, root, EN, line)
    assert syntax.level == "error" and "not valid YAML" in syntax.message
    assert "quotes" in syntax.message  # says what to do, in plain words
    rule_line = line_number(root, "data/rules/smalltalk.yml", "action_show_helpline")
    [unknown] = at(problems, root, "data/rules/smalltalk.yml", rule_line)
    assert "unknown action 'action_show_helpline'" in unknown.message


def test_unclosed_quote_points_at_the_line_that_opens_it(root):
    edit(root, EN, "text: Ask someone you trust.", 'text: "Ask someone you trust.')
    [problem] = check(root)  # answers of a broken file are not also "missing"
    line = line_number(root, EN, "Ask someone")
    assert str(problem).startswith(f"{root / EN}:{line}: file: not valid YAML")
    assert "quote" in problem.message


def test_tab_indentation_is_explained(root):
    edit(root, EN, "  utter_job_offer:\n    text:", "  utter_job_offer:\n\ttext:")
    [problem] = check(root)
    assert problem.line == line_number(root, EN, "\ttext:")
    assert "tabs" in problem.message


def test_responses_as_a_list_is_a_shape_error(root):
    path = root / "data/responses/sv/safety.yml"
    path.write_text("responses:\n  - utter_sign_secrecy\n")
    [shape] = check(root)  # its answers are not reported again as missing in sv
    assert str(shape).startswith(f"{root / 'data/responses/sv/safety.yml'}:1: ")
    assert shape.entry == "responses" and "not a list" in shape.message


def test_missing_section_and_wrong_top_level(root):
    (root / "data/stories/smalltalk.yml").write_text('version: "3.1"\n')
    (root / "data/rules/smalltalk.yml").write_text("- rule: x\n")
    problems = check(root)
    [stories] = at(problems, root, "data/stories/smalltalk.yml", 1)
    assert "needs a top-level 'stories:' section" in stories.message
    [rules] = at(problems, root, "data/rules/smalltalk.yml", 1)
    assert "must start with named sections" in rules.message


def test_key_written_twice_names_both_lines(root):
    edit(
        root,
        EN,
        "  utter_job_offer_step_check:",
        "  utter_job_offer:\n    text: Again.\n  utter_job_offer_step_check:",
    )
    problems = check(root)
    second = line_number(root, EN, "utter_job_offer:", 2)
    [twice] = at(problems, root, EN, second)
    first = line_number(root, EN, "utter_job_offer:")
    assert (
        twice.entry == "utter_job_offer" and f"first on line {first}" in twice.message
    )


def test_loader_keeps_lines_of_keys_items_and_literal_texts():
    data, twice = load_located("a:\n  b: |\n    one\n    two\n  c:\n    - x\n    - y\n")
    assert twice == []
    assert line_of(data, "a") == 1 and line_of(data["a"], "b") == 2
    assert literal_start(data["a"], "b") == 3
    assert line_of(data["a"]["c"], 1) == 7
    assert line_of(data["a"], "missing", 99) == 99
