"""Validate action server replies with a validator built once, not once per call.

Rasa 3.6 checks every custom action's reply with `jsonschema.validate()`, which first
re-validates Rasa's own fixed schema against the JSON Schema meta-schema. Profiling
`make bench` showed that step was ~70 % of the Rasa server's CPU: our slots are
synced by a custom action on every message. Same schema, same errors, same message;
only the repeated meta-schema check is gone.
"""

from __future__ import annotations

from typing import Any

from jsonschema import ValidationError
from jsonschema.validators import validator_for
from rasa.core.actions.action import RemoteAction
from rasa.shared.constants import DOCS_BASE_URL

_validator: Any = None


def _validate_action_result(self: RemoteAction, result: dict[str, Any]) -> bool:
    global _validator
    if _validator is None:
        schema = RemoteAction.action_response_format_spec()
        cls = validator_for(schema)
        cls.check_schema(schema)  # once, as jsonschema.validate() would
        _validator = cls(schema)
    try:
        _validator.validate(result)
        return True
    except ValidationError as error:
        error.message += (
            ". Failed to validate Action server response from API, "
            "make sure your response from the Action endpoint is valid. "
            "For more information about the format visit "
            f"{DOCS_BASE_URL}/custom-actions"
        )
        raise


def install() -> None:
    """Use the cached validator in this Rasa process (idempotent)."""
    RemoteAction._validate_action_result = _validate_action_result  # type: ignore[method-assign]
