"""Duplicate (warning) and conflicting (error) training examples, with both places."""

import pytest

from tests.content.small_content import at, check, edit, line_number, write_content

NLU = "data/nlu/nb/smalltalk.yml"


@pytest.fixture
def root(tmp_path):
    return write_content(tmp_path)


def test_same_example_twice_under_one_intent_is_a_warning(root):
    edit(root, NLU, "    - hello there\n", "    - hello there\n    - Hello   THERE\n")
    [problem] = check(root)
    second = line_number(root, NLU, "Hello   THERE")
    assert str(problem).startswith(f"{root / NLU}:{second}: greet: ")
    assert problem.level == "warning"
    first = line_number(root, NLU, "hello there")
    assert f"same example as {root / NLU}:{first}" in problem.message


def test_same_text_under_two_intents_is_an_error_naming_both_files(root):
    other = root / "data/nlu/nb/trafficking.yml"
    other.write_text(
        'version: "3.1"\nnlu:\n- intent: ask_helplines\n  examples: |\n'
        '    - where can i call\n    - [Hello]{"entity": "language"} there\n'
    )
    problems = check(root)
    [conflict] = at(problems, root, "data/nlu/nb/trafficking.yml", 6)
    assert conflict.level == "error" and conflict.entry == "ask_helplines"
    first = line_number(root, NLU, "hello there")
    assert f"also under 'greet' ({root / NLU}:{first})" in conflict.message


def test_same_text_in_two_languages_is_fine(root):
    assert check(root) == []  # every language of the small tree has the same examples


def test_example_lines_count_from_the_block(root):
    edit(
        root,
        NLU,
        "    - which helplines are there\n",
        "    - which helplines are there\n\n    - where to call\n"
        "    - where  to call\n",
    )
    [problem] = check(root)
    assert problem.line == line_number(root, NLU, "where  to call")


def test_line_without_dash_is_skipped_with_a_warning(root):
    edit(root, NLU, "    - hello there\n", "    - hello there\n    hello again\n")
    [problem] = check(root)
    assert problem.level == "warning" and problem.line == line_number(
        root, NLU, "again"
    )
    assert "starts with '- '" in problem.message
