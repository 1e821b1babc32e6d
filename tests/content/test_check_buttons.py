"""Broken buttons, and buttons that differ between languages."""

import pytest

from tests.content.small_content import at, check, edit, line_number, write_content

EN = "data/responses/en/smalltalk.yml"
SV = "data/responses/sv/smalltalk.yml"


@pytest.fixture
def root(tmp_path):
    return write_content(tmp_path)


def broken(root, old, new, words):
    """Apply one edit to every language and return the English problem at its line."""
    for lang in ("en", "nb", "sv", "nl"):
        edit(root, f"data/responses/{lang}/smalltalk.yml", old, new)
    line = line_number(root, EN, new.strip().split("\n")[-1])
    [problem] = [p for p in at(check(root), root, EN, line) if words in p.message]
    assert problem.entry == "utter_greet"
    return problem


def test_button_without_title(root):
    problem = broken(
        root,
        '- title: "Helplines"\n        payload: /ask_helplines',
        "- payload: /ask_helplines",
        "no title",
    )
    assert problem.level == "error"


def test_button_without_payload(root):
    broken(
        root,
        '- title: "Helplines"\n        payload: /ask_helplines',
        '- title: "Helplines"',
        "no payload",
    )


def test_payload_without_slash_or_gw(root):
    problem = broken(
        root,
        '- title: "Helplines"\n        payload: /ask_helplines',
        '- title: "Helplines"\n        payload: ask_helplines',
        "must start",
    )
    assert problem.line == line_number(root, EN, "payload: ask_helplines")


def test_unknown_intent_in_payload(root):
    problem = broken(
        root,
        '- title: "Helplines"\n        payload: /ask_helplines',
        '- title: "Helplines"\n        payload: /ask_hotlines',
        "unknown intent",
    )
    assert "'ask_hotlines'" in problem.message


def test_malformed_json_in_payload(root):
    problem = broken(root, '{"language": "en"}', '{"language" "en"}', "double quotes")
    assert "must look like" in problem.message


def test_unknown_entity_in_payload(root):
    problem = broken(root, '{"language": "en"}', '{"lang": "en"}', "unknown entity")
    assert "'lang'" in problem.message


def test_unknown_gateway_payload(root):
    problem = broken(root, "payload: gw:forget", "payload: gw:forgot", "gateway")
    assert "gw:forget" in problem.message  # lists the ones that exist


def test_different_payloads_between_languages(root):
    edit(root, SV, "payload: /ask_helplines", "payload: /greet")
    [problem] = check(root)
    assert str(problem).startswith(f"{root / SV}:{line_number(root, SV, 'buttons:')}: ")
    assert problem.level == "error" and "only sv has /greet" in problem.message
    assert "sv lacks /ask_helplines" in problem.message
    assert f"{root / EN}:{line_number(root, EN, 'buttons:')}" in problem.message


def test_missing_button_in_one_language(root):
    edit(root, SV, '      - title: "Delete"\n        payload: gw:forget\n', "")
    [problem] = check(root)
    assert problem.line == line_number(root, SV, "buttons:")
    assert "sv has 2 button(s), en and nb and nl have 3" in problem.message


def test_same_payloads_with_other_json_spacing_are_equal(root):
    edit(root, SV, '{"language": "en"}', '{"language":"en"}')
    assert check(root) == []


def test_other_order_is_a_warning(root):
    edit(root, SV, "payload: gw:forget", "payload: /ask_helplines_tmp")
    edit(root, SV, "payload: /ask_helplines\n", "payload: gw:forget\n")
    edit(root, SV, "payload: /ask_helplines_tmp", "payload: /ask_helplines")
    [problem] = check(root)
    assert problem.level == "warning" and "different order" in problem.message
