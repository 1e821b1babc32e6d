"""Unknown intents, answers, actions and entities in rules, stories, examples, flows."""

import pytest

from tests.content.small_content import at, check, edit, line_number, write_content

RULES = "data/rules/smalltalk.yml"
STORIES = "data/stories/smalltalk.yml"
FLOWS = "data/flows.yml"
NLU = "data/nlu/sv/smalltalk.yml"


@pytest.fixture
def root(tmp_path):
    return write_content(tmp_path)


def only(problems, root, name, line, words=""):
    [problem] = [p for p in at(problems, root, name, line) if words in p.message]
    assert problem.level == "error"
    return problem


def test_unknown_intent_in_a_rule(root):
    edit(root, RULES, "intent: ask_helplines", "intent: ask_helpline")
    problems = check(root)
    line = line_number(root, RULES, "intent: ask_helpline")
    problem = only(problems, root, RULES, line)
    assert problem.entry == "reporting: helplines"
    assert "unknown intent 'ask_helpline'" in problem.message


def test_unwritten_answer_and_unknown_action_in_a_story(root):
    edit(root, STORIES, "action: utter_greet", "action: utter_greeting")
    edit(root, STORIES, "action: action_show_helplines", "action: action_helplines")
    problems = check(root)
    line = line_number(root, STORIES, "utter_greeting")
    answer = only(problems, root, STORIES, line, "not written")
    assert "'utter_greeting' is not written in data/responses/" in answer.message
    line = line_number(root, STORIES, "action_helplines")
    action = only(problems, root, STORIES, line, "unknown action")
    assert "'action_helplines'" in action.message


def test_unknown_entity_in_a_story_step(root):
    edit(
        root,
        STORIES,
        "  - intent: ask_helplines\n",
        "  - intent: ask_helplines\n    entities:\n    - country: NO\n",
    )
    problem = only(
        check(root), root, STORIES, line_number(root, STORIES, "ask_helplines")
    )
    assert "unknown entity 'country'" in problem.message


def test_rasa_built_in_intents_and_actions_are_known(root):
    edit(
        root,
        STORIES,
        "  - action: utter_greet\n",
        "  - action: utter_greet\n  - action: action_listen\n",
    )
    assert check(root) == []  # nlu_fallback in the rules is known as well


def test_unknown_step_in_a_rule(root):
    edit(root, RULES, "  - action: utter_greet", "  - actoin: utter_greet")
    problem = only(check(root), root, RULES, line_number(root, RULES, "actoin"))
    assert "unknown step" in problem.message


def test_unknown_intent_in_training_examples(root):
    edit(root, NLU, "- intent: greet", "- intent: greeting")
    problem = only(check(root), root, NLU, line_number(root, NLU, "greeting"))
    assert problem.entry == "greeting" and "unknown intent" in problem.message


def test_unknown_entity_and_broken_markup_in_an_example(root):
    edit(root, NLU, "- hello there", '- hello [there](place)\n    - [hey]{"entity: x}')
    problems = check(root)
    entity = only(problems, root, NLU, line_number(root, NLU, "(place)"))
    assert "unknown entity 'place'" in entity.message
    markup = only(problems, root, NLU, line_number(root, NLU, "[hey]"))
    assert "must look like" in markup.message


def test_unknown_intent_and_unwritten_answer_in_flows(root):
    edit(root, FLOWS, "ask_job_offer:", "ask_jobs:")
    edit(root, FLOWS, "- utter_job_offer_step_check", "- utter_job_offer_step_2")
    problems = check(root)
    intent = only(problems, root, FLOWS, line_number(root, FLOWS, "ask_jobs"))
    assert "unknown intent 'ask_jobs'" in intent.message
    step = only(problems, root, FLOWS, line_number(root, FLOWS, "step_2"))
    assert "'utter_job_offer_step_2' is not written" in step.message


def test_answer_sent_by_code_but_never_written(root):
    (root / "bot" / "texts.py").write_text('\n\nNAME = "utter_media_withheld"\n')
    problem = only(check(root), root, "bot/texts.py", 3)
    assert "never written" in problem.message
