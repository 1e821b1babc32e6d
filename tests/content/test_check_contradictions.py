"""A story (or rule) that answers an intent unlike a rule's fixed reaction."""

import pytest

from tests.content.small_content import check, edit, line_number, write_content

RULES = "data/rules/smalltalk.yml"
STORIES = "data/stories/smalltalk.yml"


@pytest.fixture
def root(tmp_path):
    return write_content(tmp_path)


def test_story_with_another_action_after_the_rules_intent(root):
    edit(root, STORIES, "  - action: action_show_helplines", "  - action: action_guide")
    [problem] = check(root)
    assert str(problem).startswith(
        f"{root / STORIES}:{line_number(root, STORIES, 'action_guide')}: "
        "smalltalk: greets, then asks for helplines: "
    )
    rule_line = line_number(root, RULES, "action_show_helplines")
    assert (
        f"({root / RULES}:{rule_line}) runs 'action_show_helplines'" in problem.message
    )
    assert "this story runs 'action_guide'" in problem.message


def test_story_that_goes_on_where_the_rule_waits(root):
    edit(
        root,
        STORIES,
        "  - action: utter_greet\n",
        "  - action: utter_greet\n  - action: action_guide\n",
    )
    [problem] = check(root)
    assert problem.line == line_number(root, STORIES, "action_guide")
    assert "waits for the young person after 'utter_greet'" in problem.message


def test_two_rules_with_different_reactions(root):
    (root / "data/rules/welcome.yml").write_text(
        'version: "3.1"\nrules:\n- rule: "other greeting"\n  steps:\n'
        "  - intent: greet\n  - action: action_guide\n"
    )
    [problem] = check(root)
    assert str(problem).startswith(
        f"{root / 'data/rules/welcome.yml'}:6: other greeting:"
    )
    assert (
        f"{root / RULES}:{line_number(root, RULES, 'utter_greet')}" in problem.message
    )


def test_rules_with_a_condition_or_at_conversation_start_are_not_fixed(root):
    (root / "data/rules/welcome.yml").write_text(
        'version: "3.1"\nrules:\n'
        '- rule: "greeting at the start"\n  conversation_start: true\n  steps:\n'
        "  - intent: ask_helplines\n  - action: action_guide\n"
        '- rule: "greeting with a slot"\n  condition:\n  - slot_was_set:\n'
        "    - language: nb\n  steps:\n  - intent: greet\n  - action: action_guide\n"
        '- rule: "later greeting"\n  steps:\n  - intent: ask_job_offer\n'
        "  - action: action_guide\n  - intent: greet\n  - action: action_guide\n"
    )
    assert check(root) == []


def test_story_agreeing_with_the_rule_and_listening_is_fine(root):
    edit(
        root,
        STORIES,
        "  - action: utter_greet\n",
        "  - action: utter_greet\n  - action: action_listen\n",
    )
    assert check(root) == []
