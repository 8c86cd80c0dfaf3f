"""Data shipped with the package, so that a notebook or a training runs
anywhere, without the project's repository. Synthetic: never real people.

    >>> import cme.datasets
    >>> bilan = cme.datasets.aist43_bilan()
    >>> len(bilan["cases"]), bilan["period"]
    (103, (datetime.date(2020, 6, 1), datetime.date(2020, 11, 12)))
    >>> t = cme.read_csv(cme.datasets.export_fr())
    >>> t.encoding, len(t), len(t.issues)
    ('windows-1252', 47, 3)
"""
from __future__ import annotations

import datetime as _dt
from typing import Any, Dict, List

from . import _cme

__all__ = ["aist43_bilan", "export_fr", "sample_cases"]


def sample_cases() -> List[Dict[str, Any]]:
    """The 50 synthetic cases of the sample (every service, every stage),
    consistent as of ``cme.SAMPLE_AS_OF``."""
    from . import sample_cases as _sample

    return _sample()


def aist43_bilan() -> Dict[str, Any]:
    """The 103 synthetic cases that reproduce the interim bilan published by
    AIST 43 (1 June – 12 November 2020: 103 prescriptions, 43 entries, 31
    in progress, 9 positive exits of 12): ``{"policy": "aist43",
    "period": (start, end), "cases": [...]}``."""
    start, end, cases = _cme.dataset_aist43()
    return {
        "policy": "aist43",
        "period": (_dt.date.fromisoformat(start), _dt.date.fromisoformat(end)),
        "cases": cases,
    }


def export_fr() -> bytes:
    """An export as an SST software writes it (French headers, ``;``,
    ``jj/mm/aaaa``, ``oui``/``non``, French labels, Windows-1252, a column of
    placeholder names), with three rows made bad on purpose (lines 5, 9 and
    12): the bytes, for :func:`cme.read_csv`."""
    return bytes(_cme.dataset_export_fr())
