"""cme — the rules of the French *cellules de maintien en emploi* (cellule PDP).

Validate cases exported by SST business software, with every problem
reported at once, in French and English, at the right field::

    >>> import cme
    >>> issues = cme.validate({"format_version": 1})
    >>> [i["path"] for i in issues]
    ['id', 'service', 'worker', 'signalement']
    >>> issues[0]["message"]
    'Le champ « id » est obligatoire.'

Every rule lives in the Rust core (``cme-core``); this package converts and
delegates.
"""
from __future__ import annotations

import datetime as _dt
from typing import Any, Dict, List, Mapping, Optional, Union

from . import _cme
from .errors import CmeError, InputError, InvalidArgumentError, ValidationError

__version__: str = _cme.version()

DateLike = Union[_dt.date, str, None]
Issue = Dict[str, Any]

#: The evaluation date the bundled sample is consistent with.
SAMPLE_AS_OF: _dt.date = _dt.date.fromisoformat(_cme.sample_as_of())


def _as_of(as_of: DateLike) -> Optional[str]:
    if as_of is None:
        return None
    if isinstance(as_of, _dt.datetime):
        raise InvalidArgumentError(
            "La date d'évaluation doit être une date (datetime.date), pas un instant.",
            "invalid_as_of",
            "as_of",
            "The evaluation date must be a date (datetime.date), not a datetime.",
        )
    if isinstance(as_of, _dt.date):
        return as_of.isoformat()
    if isinstance(as_of, str):
        return as_of
    raise InvalidArgumentError(
        "La date d'évaluation doit être une date au format AAAA-MM-JJ.",
        "invalid_as_of",
        "as_of",
        "The evaluation date must be a YYYY-MM-DD date.",
    )


def version() -> str:
    """The version of the library (the same in every binding)."""
    return _cme.version()


def validate(case: Union[Mapping[str, Any], str], as_of: DateLike = None) -> List[Issue]:
    """Every problem of a case: a list of issues ``{code, path, params,
    message, message_en}``; an empty list means the case is valid.

    ``case`` is a dict (dates as ``datetime.date`` or ISO text) or a JSON
    text. ``as_of`` is the evaluation date: no date of the case may be after
    it.

    >>> import datetime
    >>> case = cme.sample_cases()[0]
    >>> cme.validate(case, as_of=cme.SAMPLE_AS_OF)
    []
    """
    if isinstance(case, str):
        return _cme.validate_json(case, _as_of(as_of))
    return _cme.validate(case, _as_of(as_of))


def validate_json(text: str, as_of: DateLike = None) -> List[Issue]:
    """Every problem of a case given as a JSON text (malformed JSON is an
    issue ``invalid_json`` with its line and column)."""
    return _cme.validate_json(text, _as_of(as_of))


def parse_case(case: Mapping[str, Any], as_of: DateLike = None) -> Dict[str, Any]:
    """The case in its normalized interchange form; raises
    :class:`ValidationError` (a ``ValueError``) whose ``.errors()`` lists
    every problem.

    >>> try:
    ...     cme.parse_case({"format_version": 1})
    ... except cme.ValidationError as e:
    ...     print(e.code, len(e.errors()))
    invalid_case 4
    """
    return _cme.parse_case(case, _as_of(as_of))


def case_schema() -> Dict[str, Any]:
    """The JSON Schema of the interchange format."""
    return _cme.case_schema()


def sample_cases() -> List[Dict[str, Any]]:
    """The bundled sample: 50 synthetic cases (no real person)."""
    return _cme.sample_cases()


def issue_codes() -> List[Dict[str, Any]]:
    """The catalogue of issue codes with their French and English templates."""
    return _cme.issue_codes()


__all__ = [
    "CmeError",
    "InputError",
    "InvalidArgumentError",
    "ValidationError",
    "SAMPLE_AS_OF",
    "case_schema",
    "issue_codes",
    "parse_case",
    "sample_cases",
    "validate",
    "validate_json",
    "version",
]
