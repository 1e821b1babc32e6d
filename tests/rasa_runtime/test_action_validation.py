import pytest
from jsonschema import ValidationError
from rasa.core.actions.action import RemoteAction

from rasa_runtime import action_validation


def test_installed_validator_accepts_good_replies_and_rejects_bad_ones():
    action_validation.install()
    action = RemoteAction("action_x", None)
    good = {"events": [{"event": "slot", "name": "language", "value": "nb"}],
            "responses": [{"response": "utter_greet"}]}  # fmt: skip
    assert action._validate_action_result(good) is True
    with pytest.raises(ValidationError) as error:
        action._validate_action_result({"events": "not a list"})
    assert "Failed to validate Action server response" in error.value.message


def test_the_same_replies_pass_and_fail_as_with_plain_jsonschema():
    from jsonschema import validate

    schema = RemoteAction.action_response_format_spec()
    action = RemoteAction("action_x", None)
    action_validation.install()
    samples = [{}, {"events": []}, {"events": [{"no_event_key": 1}]},
               {"responses": [{"text": "hi"}]}, {"events": [{"event": 3}]}]  # fmt: skip
    for sample in samples:
        try:
            validate(sample, schema)
            expected = True
        except ValidationError:
            expected = False
        try:
            got = action._validate_action_result(sample)
        except ValidationError:
            got = False
        assert got == expected, sample
