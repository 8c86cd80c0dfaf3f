"""Exceptions of the ``cme`` package: one class per kind of core error.

Every exception carries a stable ``code``, the ``path`` of the argument or
field at fault, the French message (``str(e)``) and the English one
(``message_en``). None of them carries a value of the input: it may be
health data.
"""
from __future__ import annotations

from typing import Any, Dict, List, Optional


class CmeError(Exception):
    """Base class of every error raised by cme."""

    def __init__(
        self,
        message: str,
        code: str = "cme_error",
        path: str = "",
        message_en: str = "",
        issues: Optional[List[Dict[str, Any]]] = None,
    ) -> None:
        super().__init__(message)
        self.code = code
        self.path = path
        self.message_en = message_en or message
        self._issues: List[Dict[str, Any]] = list(issues or [])

    def errors(self) -> List[Dict[str, Any]]:
        """The issues behind this error (``code``, ``path``, ``params``,
        ``message``, ``message_en``), as in pydantic's ``.errors()``."""
        return [dict(i) for i in self._issues]

    def json(self) -> str:
        """The issues as a JSON text."""
        import json

        return json.dumps(self.errors(), ensure_ascii=False)


class ValidationError(CmeError, ValueError):
    """The case is invalid; ``.errors()`` lists every problem."""


class InvalidArgumentError(CmeError, ValueError):
    """An argument of the call is invalid (``code`` says which rule)."""


class PolicyError(CmeError, ValueError):
    """The policy is invalid; ``.errors()`` lists every problem."""


class UnknownPresetError(CmeError, KeyError):
    """No preset policy has this code."""

    def __str__(self) -> str:  # KeyError would quote the message
        return str(self.args[0]) if self.args else ""


class EventRefusedError(CmeError, ValueError):
    """The pathway refused the event (``code``, ``path``); the case is
    unchanged."""


class InputError(CmeError, TypeError):
    """The Python object cannot be read as a case (unsupported type, non-text
    dictionary key, nesting too deep); ``path`` points at the item."""


__all__ = [
    "CmeError",
    "ValidationError",
    "InvalidArgumentError",
    "PolicyError",
    "UnknownPresetError",
    "EventRefusedError",
    "InputError",
]
