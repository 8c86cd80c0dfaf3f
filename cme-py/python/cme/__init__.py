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
import os as _os
from typing import Any, Dict, List, Mapping, Optional, Tuple, Union

from . import _cme
from .errors import (
    CmeError,
    EventRefusedError,
    InputError,
    InvalidArgumentError,
    PolicyError,
    UnknownPresetError,
    ValidationError,
)

__version__: str = _cme.version()

DateLike = Union[_dt.date, str, None]
Issue = Dict[str, Any]

#: The evaluation date the bundled sample is consistent with.
SAMPLE_AS_OF: _dt.date = _dt.date.fromisoformat(_cme.sample_as_of())
#: The flow figures (signalements by origin, entries and their delay, exits
#: by result and outcome and their delay): a report of these only, by
#: nothing, ``secteur``, ``service`` or ``visite_source``, reads only the
#: columns of a table they need (see :func:`indicators`).
FLOW_INDICATORS: Tuple[str, ...] = tuple(_cme.flow_indicators())


def _as_of(as_of: DateLike) -> Optional[str]:
    if as_of is None:
        return None
    # A datetime's ISO form has a time: the core refuses it (invalid_as_of).
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


def validate(
    case: Union[Mapping[str, Any], str], as_of: DateLike = None, labels: bool = False
) -> List[Issue]:
    """Every problem of a case: a list of issues ``{code, path, params,
    message, message_en}``; an empty list means the case is valid.

    ``case`` is a dict (dates as ``datetime.date`` or ISO text) or a JSON
    text. ``as_of`` is the evaluation date: no date of the case may be after
    it. With ``labels=True`` each issue also has the label of its field
    (``label``, ``label_en``) and its message in a form's words
    (``form_message``, ``form_message_en``); its code and path are unchanged.

    >>> import datetime
    >>> case = cme.sample_cases()[0]
    >>> cme.validate(case, as_of=cme.SAMPLE_AS_OF)
    []
    >>> [i["form_message"] for i in cme.validate({"format_version": 1}, labels=True)][0]
    '« Identifiant pseudonyme du dossier » est obligatoire.'
    """
    if isinstance(case, str):
        return _cme.validate_json(case, _as_of(as_of), labels)
    return _cme.validate(case, _as_of(as_of), labels)


def validate_json(text: str, as_of: DateLike = None, labels: bool = False) -> List[Issue]:
    """Every problem of a case given as a JSON text (malformed JSON is an
    issue ``invalid_json`` with its line and column); ``labels`` as in
    :func:`validate`."""
    return _cme.validate_json(text, _as_of(as_of), labels)


def field_labels() -> List[Dict[str, str]]:
    """The French and English label of every field of the interchange
    format: ``{path, fr, en}``, ``path`` with its list indexes left out.

    >>> next(l["fr"] for l in cme.field_labels() if l["path"] == "signalement.source_visit")
    "Visite d'origine"
    """
    return list(_cme.field_labels())


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


PolicyLike = Union[str, Mapping[str, Any]]


class Evaluation:
    """Where a case stands as of a date, and why (``cme.evaluate``).

    Each decision keeps its reasons and sources; ``to_dict()`` gives the
    whole structure (the same JSON in every binding), ``str(e)`` the French
    text for a médecin du travail. The decisions (``stage``, ``status``,
    ``category``, ``inclusion``, ``alert_codes``, ``decisions``) are
    computed at once, by the same rules without their explanations; the
    explanations and the legal calendar are computed the first time they
    are read.
    """

    def __init__(self, core: "_cme.EvaluationData") -> None:
        # The evaluation stays in Rust: the decisions are read as codes,
        # the whole structure and the French text are made when first asked.
        self._core = core
        self._dict: Optional[Dict[str, Any]] = None
        self._text: Optional[str] = None

    @property
    def _data(self) -> Dict[str, Any]:
        if self._dict is None:
            self._dict = self._core.to_dict()
        return self._dict

    @property
    def text_fr(self) -> str:
        """The evaluation as French text (made on first use)."""
        if self._text is None:
            self._text = self._core.text_fr()
        return self._text

    @property
    def stage(self) -> str:
        """Canonical stage code (``contact``, ``mise_en_oeuvre``…)."""
        return self._core.stage()

    @property
    def status(self) -> str:
        """Status code (``en_cours``, ``sortie_positive``…)."""
        return self._core.status()

    @property
    def category(self) -> Optional[str]:
        """Accompaniment category code, or ``None`` while undetermined."""
        return self._core.category()

    @property
    def inclusion(self) -> str:
        """Inclusion decision code (``incluse``, ``non_incluse``, ``indeterminee``)."""
        return self._core.inclusion()

    @property
    def alert_codes(self) -> List[str]:
        """The codes of the alerts (without converting their texts)."""
        return self._core.alert_codes()

    @property
    def decisions(self) -> Dict[str, Any]:
        """The decisions as codes and dates: ``stage``, ``stage_since``,
        ``status``, ``category``, ``inclusion``, ``targeting`` and the
        ``alerts`` (code, level, due date, days overdue), without texts.

        >>> e = cme.evaluate(cme.sample_cases()[0], "aist43", cme.SAMPLE_AS_OF)
        >>> sorted(e.decisions)
        ['alerts', 'category', 'inclusion', 'stage', 'stage_since', 'status', 'targeting']
        """
        return self._core.decisions()

    @property
    def alerts(self) -> List[Dict[str, Any]]:
        return self._data["alerts"]

    @property
    def next_steps(self) -> List[Dict[str, Any]]:
        return self._data["next_steps"]

    @property
    def refused_events(self) -> List[Issue]:
        return self._data["refused_events"]

    @property
    def missing_facts(self) -> List[Dict[str, Any]]:
        return self._data["missing_facts"]

    def to_dict(self) -> Dict[str, Any]:
        """The whole evaluation as plain data."""
        import copy

        return copy.deepcopy(self._data)

    def __str__(self) -> str:
        return self.text_fr

    def __repr__(self) -> str:
        return (
            f"Evaluation(case_id={self._core.case_id()!r}, stage={self.stage!r}, "
            f"status={self.status!r}, category={self.category!r})"
        )


def _required_as_of(as_of: DateLike) -> str:
    text = _as_of(as_of)
    if text is None:
        raise InvalidArgumentError(
            "La date d'évaluation est obligatoire.",
            "invalid_as_of",
            "as_of",
            "The evaluation date is required.",
        )
    return text


def evaluate(case: Mapping[str, Any], policy: PolicyLike, as_of: DateLike) -> Evaluation:
    """Evaluates a case under a policy (a preset code such as ``"aismt13"``
    or a policy dict) as of a date: stage, status, category, inclusion,
    alerts, next steps, each with reasons and sources.

    >>> e = cme.evaluate(cme.sample_cases()[0], "aismt13", cme.SAMPLE_AS_OF)
    >>> e.category
    'sans_suite'
    """
    return Evaluation(_cme.evaluate(case, policy, _required_as_of(as_of)))


def try_add_event(case: Mapping[str, Any], event: Mapping[str, Any]) -> Dict[str, Any]:
    """The case with the event added, if the pathway accepts it; otherwise
    :class:`EventRefusedError` (``code``, ``path``) and nothing changes."""
    return _cme.try_add_event(case, event)


def preset(code: str) -> Dict[str, Any]:
    """One of the seven preset policies (``asmt65``, ``aismt13``, ``acismt``,
    ``aist63``, ``astbtp01``, ``mt2i38``, ``aist43``)."""
    return _cme.preset(code)


def preset_codes() -> List[str]:
    """The codes of the preset policies."""
    return _cme.preset_codes()


def load_policy(policy: Union[Mapping[str, Any], str], format: Optional[str] = None) -> Dict[str, Any]:
    """Checks a policy (a dict, or a JSON or TOML text) and returns it
    normalized; raises :class:`PolicyError` with every problem."""
    if isinstance(policy, str):
        fmt = format or ("json" if policy.lstrip().startswith("{") else "toml")
        return _cme.load_policy_text(policy, fmt)
    return _cme.load_policy(policy)


def policy_hash(policy: PolicyLike) -> str:
    """SHA-256 of the policy's canonical form (as named in evaluations)."""
    return _cme.policy_hash(policy)


def visit_obligations(
    case: Mapping[str, Any], as_of: DateLike, branch_agreement_age: Optional[int] = None
) -> Dict[str, Any]:
    """The legal calendar of a case: for each continuous absence (its
    prescriptions joined), the rendez-vous de liaison, the pré-reprise and
    the reprise; the mi-carrière visit; the measures — each with its
    obligation, every rule version applied with the fact and the date that
    chose it (``dated_by``), its deadline, reasons and articles."""
    options = None if branch_agreement_age is None else {"branch_agreement_age": branch_agreement_age}
    return _cme.visit_obligations(case, _required_as_of(as_of), options)


def legal_calendar(
    input: Mapping[str, Any], as_of: DateLike, options: Optional[Mapping[str, Any]] = None
) -> Dict[str, Any]:
    """The legal calendar of a calendar input: ``leaves`` (sick-leave
    prescriptions, joined into continuous absences), ``worker``,
    ``pre_reprise_request`` (``requested_by`` and its ``date``),
    ``liaison_date``, ``visits`` that took place (``kind``, ``date``,
    ``done_by``, ``remote``, ``avis_inaptitude``), ``several_employers`` and
    ``facts`` for the measures. ``options``: ``branch_agreement_age`` (30 to
    60), ``liaison_absences_discontinues``, ``entretien_parcours_from``;
    out-of-range values raise ``InputError``-like ``ValidationError`` with the
    path ``options.…``."""
    return _cme.legal_calendar(input, _required_as_of(as_of), options)


def visit_obligations_for_leave(
    leave: Mapping[str, Any],
    worker: Mapping[str, Any],
    as_of: DateLike,
    requested_by: Optional[str] = None,
    branch_agreement_age: Optional[int] = None,
) -> List[Dict[str, Any]]:
    """The visit rules for one sick leave and the worker; ``requested_by`` is
    who asks for the pré-reprise (``"employeur"`` is always refused)."""
    options = None if branch_agreement_age is None else {"branch_agreement_age": branch_agreement_age}
    return _cme.visit_obligations_for_leave(leave, worker, _required_as_of(as_of), requested_by, options)


def orient(
    case: Mapping[str, Any], as_of: DateLike, problems: Optional[List[str]] = None
) -> List[Dict[str, Any]]:
    """Partners for the problem types (given, or inferred from the case):
    each suggestion says why, and is ``actionable`` only with the worker's
    consent to share with that partner on that date."""
    return _cme.orient(case, _required_as_of(as_of), problems)


PeriodLike = Union[str, int, Tuple[_dt.date, _dt.date]]


def _period(period: PeriodLike) -> str:
    if isinstance(period, tuple):
        start, end = period
        return f"{start.isoformat()}/{end.isoformat()}"
    return str(period)


class PublishedReport:
    """A report fit for publication: every count under the threshold hidden
    (marked ``hidden``: ``secret_statistique``), and every count from which a
    hidden one could be recomputed or narrowed, checked by the attacker's
    audit (:func:`audit`); ``receipt`` says what it was made with
    (:func:`verify`)."""

    def __init__(self, data: Dict[str, Any]) -> None:
        self._data = data

    def to_dict(self) -> Dict[str, Any]:
        import copy

        return copy.deepcopy(self._data)

    def to_csv(self, bom: bool = False) -> str:
        """CSV in the French convention (``;``, decimal comma): a column per
        dimension with its code and one with its French label
        (``secteur``, ``secteur_libelle``; ``ensemble`` for the total),
        values in their natural order, hidden values empty with their
        reason in ``masque``. ``bom=True`` starts it with the byte-order
        mark a French Excel needs to show the accents."""
        return _cme.render(self._data, "csv_bom" if bom else "csv")

    def to_markdown(self) -> str:
        """A Markdown table with French labels, titled with the period,
        the service and the threshold."""
        return _cme.render(self._data, "markdown")

    def to_excel(self, path: Any = None) -> Optional[bytes]:
        """The report as an Excel workbook (written by cme, no Excel
        engine needed): its table, the definitions of the indicators and
        the publication's receipt. Saved to ``path``, or returned as bytes
        when no path is given. :func:`to_excel` writes a whole bundle."""
        return to_excel(self, path)

    def to_records(self) -> List[Dict[str, Any]]:
        """As :meth:`Report.to_records`, with ``masque``:
        ``secret_statistique`` for a hidden value (one mark whatever the
        reason, so that it says nothing of the value); hidden values are
        ``None``."""
        return _records(self._data)

    def to_pandas(self) -> Any:
        """The records as a pandas DataFrame."""
        import pandas as pd

        return pd.DataFrame.from_records(self.to_records(), columns=_record_columns(self._data))

    def to_polars(self) -> Any:
        """The records as a polars DataFrame."""
        import polars as pl

        cols = _record_columns(self._data)
        recs = self.to_records()
        return pl.DataFrame({c: [r[c] for r in recs] for c in cols}, strict=False)


def _labels() -> Dict[str, Dict[str, Any]]:
    return {d["id"]: d for d in _cme.indicator_catalogue()}


class Report:
    """Indicators of a set of cases for a period (``cme.indicators``).

    ``rejected`` lists the rows of a table that could not be read when the
    report was computed with ``invalid="report"`` (each with ``row``,
    ``column``, ``code`` and the messages): they are not counted, and they
    are not hidden either."""

    def __init__(self, data: Dict[str, Any], rejected: Optional[List[Issue]] = None) -> None:
        self._data = data
        self.rejected: List[Issue] = list(rejected or [])

    @property
    def total(self) -> Dict[str, Dict[str, Any]]:
        """Indicators over all cases, by id."""
        return {v["id"]: v for v in self._data["total"]}

    def to_dict(self) -> Dict[str, Any]:
        import copy

        return copy.deepcopy(self._data)

    def to_records(self) -> List[Dict[str, Any]]:
        """One record per (cell, indicator), the total first: the dimension
        columns (``"ensemble"`` for the total) each followed by its French
        label (``secteur_libelle``), ``indicateur`` (id), ``libelle``
        (French), ``unite``, ``numerateur``, ``denominateur``, ``valeur``
        and, for a published report, ``masque`` (why a value is hidden)."""
        return _records(self._data)

    def to_pandas(self) -> Any:
        """The records as a pandas DataFrame (long format: pivot it at will)."""
        import pandas as pd

        return pd.DataFrame.from_records(self.to_records(), columns=_record_columns(self._data))

    def to_polars(self) -> Any:
        """The records as a polars DataFrame."""
        import polars as pl

        cols = _record_columns(self._data)
        recs = self.to_records()
        return pl.DataFrame({c: [r[c] for r in recs] for c in cols}, strict=False)

    def publish(self, threshold: int = 11) -> "PublishedReport":
        """Hides small cells and every cell from which a hidden one could be
        recomputed or narrowed (threshold 11 by default), checked by the
        attacker's audit; the result carries its receipt."""
        return PublishedReport(_cme.publish(self._data, threshold))


def publish_bundle(
    reports: List["Report"], threshold: int = 11, protection_width: Optional[int] = None
) -> List["PublishedReport"]:
    """Publishes several reports of the same cases together (by sector, by
    pathology, by sector × pathology, the whole bilan): no hidden figure of
    one can be recovered with the others. ``protection_width`` is the least
    width of a hidden count's interval an attacker can compute (default:
    the threshold)."""
    data = [r._data if isinstance(r, Report) else r for r in reports]
    return [PublishedReport(p) for p in _cme.publish_bundle(data, threshold, protection_width)]


def publish_table(
    cases: Any,
    policy: PolicyLike,
    period: "PeriodLike",
    by: Optional[List[str]] = None,
    threshold: int = 11,
    invalid: str = "raise",
) -> List["PublishedReport"]:
    """A table ready to publish: by one dimension, its report; by two, each
    dimension alone (the margins) and the crossing, published together so
    that no hidden figure of the crossing is recovered from its margins.
    :func:`to_csv`, :func:`to_excel` and :func:`to_markdown` write it as
    one table.

    >>> t = cme.publish_table(cme.sample_cases(), "aist43", 2024, by=["secteur", "tranche_age"])
    >>> [p.to_dict()["spec"]["by"] for p in t]
    [['secteur'], ['tranche_age'], ['secteur', 'tranche_age']]
    """
    reports = [indicators(cases, policy, period, by=b, invalid=invalid)
               for b in _cme.with_margins(list(by or []))]
    return publish_bundle(reports, threshold=threshold)


def to_excel(published: Union["PublishedReport", List["PublishedReport"]], path: Any = None) -> Optional[bytes]:
    """A publication (one published report, or the list of a bundle: by
    sector, by pathology and their crossing) as an Excel workbook: a sheet
    per table with French labels and codes in their own columns, hidden
    values marked « masqué », the definitions of the indicators, and the
    publication's receipt. Saved to ``path`` (``bilan.xlsx``), or returned
    as bytes when no path is given."""
    data = _cme.workbook(_published_data(published))
    if path is None:
        return data
    with open(path, "wb") as f:
        f.write(data)
    return None


def to_csv(published: Union["PublishedReport", List["PublishedReport"]], bom: bool = False) -> str:
    """A publication (one report, or a bundle whose one-way reports are the
    margins of its crossing) as one CSV table in the French convention: a
    column per dimension with its code and its label, ``ensemble`` for a
    margin and for the total (given once). ``bom=True`` for Excel."""
    return _cme.render(_published_data(published), "csv_bom" if bom else "csv")


def to_markdown(published: Union["PublishedReport", List["PublishedReport"]]) -> str:
    """A publication as Markdown: its title, then a table per report."""
    return _cme.render(_published_data(published), "markdown")


def audit(published: Union["PublishedReport", List["PublishedReport"]]) -> Dict[str, Any]:
    """The attacker's audit of a publication: for each hidden count, the
    least and greatest value consistent with everything published
    (``min``, ``max``; ``max`` ``None`` when unbounded) and whether it is
    ``protected``."""
    return _cme.audit(_published_data(published))


def verify(published: Union["PublishedReport", List["PublishedReport"]]) -> Dict[str, Any]:
    """Checks a publication against its receipt: ``valid`` and each check
    (figures unchanged, threshold, method, definitions, audit)."""
    return _cme.verify(_published_data(published))


def _published_data(published: Any) -> Any:
    if isinstance(published, PublishedReport):
        return published._data
    if isinstance(published, list):
        return [p._data if isinstance(p, PublishedReport) else p for p in published]
    return published


def _record_columns(data: Dict[str, Any]) -> List[str]:
    by = list(data.get("spec", {}).get("by", []))
    cols = [c for d in by for c in (d, d + "_libelle")] + ["indicateur", "libelle", "unite", "numerateur", "denominateur", "valeur"]
    if "threshold" in data:
        cols.append("masque")
    return cols


#: The code and label of a margin or of the total in a table's dimension
#: columns (the same as the core's CSV).
ALL_CODE = "ensemble"
ALL_LABEL = "Ensemble"


def _records(data: Dict[str, Any]) -> List[Dict[str, Any]]:
    labels = _labels()
    by = list(data.get("spec", {}).get("by", []))
    published = "threshold" in data
    out: List[Dict[str, Any]] = []
    # each distinct value asked of the core once (label, rank), not once
    # per record
    known: Dict[Tuple[str, str], Any] = {}

    def about(dim: str, value: str) -> Any:
        if (dim, value) not in known:
            known[(dim, value)] = _cme.dimension_value(dim, value)
        return known[(dim, value)]

    def add(key: List[str], values: List[Dict[str, Any]]) -> None:
        for v in values:
            d = labels.get(v["id"], {})
            rec: Dict[str, Any] = {}
            for dim, value in zip(by, key):
                rec[dim] = value
                rec[dim + "_libelle"] = ALL_LABEL if value == ALL_CODE else about(dim, value)[0]
            rec.update(
                indicateur=v["id"],
                libelle=d.get("label", v["id"]),
                unite=d.get("unit"),
                numerateur=v.get("numerator"),
                denominateur=v.get("denominator"),
                valeur=v.get("value"),
            )
            if published:
                rec["masque"] = v.get("hidden")
            out.append(rec)

    add([ALL_CODE] * len(by), data["total"])
    # cells in the natural order of their values (age bands from the
    # youngest, NAF sections by letter, « Non renseigné » last)
    cells = sorted(
        data.get("cells", []),
        key=lambda c: [about(d, v)[2] for d, v in zip(by, c["key"])],
    )
    for cell in cells:
        add(list(cell["key"]), cell["values"])
    return out


class CaseTable:
    """A table of cases read once (``cme.read_table``): the cases of the
    valid rows, kept in Rust, and every problem of the others."""

    def __init__(self, inner: Any) -> None:
        self._inner = inner

    def __len__(self) -> int:
        return len(self._inner)

    @property
    def total_rows(self) -> int:
        """Rows read, valid or not."""
        return int(self._inner.total_rows)

    @property
    def rows(self) -> List[int]:
        """The row number (from 0) of each case."""
        return list(self._inner.rows)

    @property
    def issues(self) -> List[Issue]:
        """Every problem: ``row``, ``column``, ``code``, ``path``
        (``rows[i].column``), ``params``, ``message``, ``message_en``."""
        return list(self._inner.issues)

    def check(self) -> "CaseTable":
        """Raises :class:`ValidationError` listing every invalid row (with
        ``row`` and ``column``); returns the table when every row is valid."""
        self._inner.check()
        return self

    def cases(self) -> List[Dict[str, Any]]:
        """The cases in the interchange format."""
        return list(self._inner.cases())


class CsvTable(CaseTable):
    """An export read by :func:`read_csv`: the cases of its valid rows (a
    :class:`CaseTable`, which ``cme.indicators`` and :class:`Accumulator`
    take), how the file was read, and every problem once: those of its
    header in ``header_issues``, those of its rows in ``issues`` with
    ``row`` (from 0), ``line`` (in the file, the header being line 1),
    ``column`` (of the format) and ``header`` (as the file writes it).
    ``str(table)`` tells it all in French, ``summary("en")`` in English."""

    def __init__(self, inner: Any, reading: Dict[str, Any], text_fr: str, text_en: str) -> None:
        super().__init__(inner)
        self._reading = reading
        self._texts = {"fr": text_fr, "en": text_en}

    @property
    def encoding(self) -> str:
        """The encoding the file was read in (``utf-8``, ``windows-1252``…)."""
        return str(self._reading["encoding"])

    @property
    def bom(self) -> bool:
        """Whether the file began with a byte-order mark."""
        return bool(self._reading["bom"])

    @property
    def delimiter(self) -> str:
        """The separator of the file."""
        return str(self._reading["delimiter"])

    @property
    def readable(self) -> bool:
        """False when a problem of the header refused the whole file."""
        return bool(self._reading["readable"])

    @property
    def headers(self) -> List[Dict[str, Any]]:
        """Each column of the file: ``position``, ``header``, and the
        ``column`` of the format it gives (``None``: not read)."""
        return list(self._reading["headers"])

    @property
    def header_issues(self) -> List[Issue]:
        """The problems of the file as a whole, once each (encoding, a
        column ignored or refused, a required column missing…)."""
        return list(self._reading["header_issues"])

    @property
    def issues(self) -> List[Issue]:
        """Every problem of the rows, with ``row``, ``line``, ``column`` and
        ``header``."""
        return list(self._reading["issues"])

    def summary(self, lang: str = "fr") -> str:
        """The reading told in French (``"fr"``) or English (``"en"``)."""
        if lang not in self._texts:
            raise InvalidArgumentError(
                "La langue est « fr » ou « en ».", "invalid_argument", "lang",
                "The language is “fr” or “en”.",
            )
        return self._texts[lang]

    def to_dict(self) -> Dict[str, Any]:
        """The reading in its JSON form (the same as ``cme validate --json``)."""
        return dict(self._reading)

    def __str__(self) -> str:
        return self._texts["fr"]

    def __repr__(self) -> str:
        return (f"<CsvTable {self._reading['rows']} rows, {self._reading['valid']} valid, "
                f"{self._reading['refused']} refused>")


def read_csv(
    source: Any,
    profile: Any = "fr",
    *,
    extra_columns: Optional[str] = None,
    encoding: Optional[str] = None,
    delimiter: Optional[str] = None,
    as_of: DateLike = None,
) -> CsvTable:
    r"""Reads the CSV export of an SST software, in the French conventions:
    ``;`` or ``,`` separators (found on the header line), UTF-8 with or
    without a BOM or Windows-1252 (found), dates ``jj/mm/aaaa`` or ISO,
    ``oui``/``non``, French labels where a code is expected, NAF sections
    by name or APE code.

    ``source`` is a path, bytes, or a binary file object. ``profile`` names
    the file's headers: a built-in profile (``"fr"``: French headers;
    ``"cme"``: the column names of :func:`table_columns` only), a path to a
    profile file (``.json`` or ``.toml``: ``name``, ``columns`` mapping each
    header of the file to a column, ``extra_columns``), or such a profile
    as a dict. Columns that match nothing are ignored and said once
    (``extra_columns="refuse"`` refuses the file instead). Nothing is
    dropped silently: every row is a case or has its problems.

    >>> t = cme.read_csv(b"Identifiant;Service;Date de signalement;Visite d'origine;Signal\xc3\xa9 par\nA-1;aist43;04/03/2024;Visite de reprise;idest\n")
    >>> len(t), t.encoding, t.delimiter
    (1, 'utf-8', ';')
    >>> t.cases()[0]["signalement"]["source_visit"]
    'reprise'
    """
    import json as _json
    import os as _os

    if isinstance(source, (bytes, bytearray, memoryview)):
        data = bytes(source)
    elif hasattr(source, "read"):
        data = source.read()
        if isinstance(data, str):
            raise InvalidArgumentError(
                "Le fichier doit être ouvert en mode binaire (« rb ») : son encodage est lu par cme.",
                "invalid_argument", "source",
                "The file must be opened in binary mode (“rb”): cme reads its encoding.",
            )
    elif isinstance(source, (str, _os.PathLike)):
        with open(source, "rb") as f:
            data = f.read()
    else:
        raise InvalidArgumentError(
            "La source est un chemin, des octets ou un fichier ouvert en binaire.",
            "invalid_argument", "source",
            "The source is a path, bytes or a file opened in binary mode.",
        )
    if isinstance(profile, Mapping):
        spec: Any = (_json.dumps(dict(profile)), "json")
    elif isinstance(profile, _os.PathLike) or (
        isinstance(profile, str) and profile.lower().endswith((".json", ".toml"))
    ):
        path = _os.fspath(profile)
        with open(path, encoding="utf-8") as f:
            spec = (f.read(), "toml" if path.lower().endswith(".toml") else "json")
    else:
        spec = profile
    inner, reading, text_fr, text_en = _cme.read_csv(
        data, spec, extra_columns, encoding, delimiter, _as_of(as_of)
    )
    return CsvTable(inner, reading, text_fr, text_en)


def code_lists() -> List[Dict[str, Any]]:
    """Every code list with its French labels: ``kind`` and ``entries``
    (``code``, ``label``), in the documented order: the lists of the case
    model (``source_visit``, ``exit_result``…), of the results
    (``stage``, ``status``…) and the NAF sections (``naf_rev2_section``,
    ``naf_2025_section``).

    >>> visits = next(l for l in cme.code_lists() if l["kind"] == "source_visit")
    >>> [e["label"] for e in visits["entries"] if e["code"] == "pre_reprise"]
    ['Visite de pré-reprise']
    """
    return list(_cme.code_lists())


def table_columns() -> List[Dict[str, Any]]:
    """The documented columns of a table of cases: ``name``, ``kind``
    (``text``, ``integer``, ``date``, ``boolean``) and a French
    ``description``. Every column is optional in the table; the case's own
    rules say which facts are required."""
    return list(_cme.table_columns())


def read_table(table: Any, as_of: DateLike = None) -> CaseTable:
    """Reads a table of cases, one row per case, with the columns of
    :func:`table_columns`: a pandas or polars DataFrame or a pyarrow Table
    (read in Rust through the Arrow PyCapsule interface, column by column),
    a polars LazyFrame (collected in streaming, batch after batch), an
    iterator of such tables or batches (``ParquetFile.iter_batches()``;
    rows numbered across them), or a list of row dicts. Date columns may be dates, timestamps or
    ``YYYY-MM-DD`` texts; an integer column with missing values (pandas
    floats) is read as integers. Nothing is dropped silently: the problems
    of the invalid rows are in ``.issues`` (or raised by ``.check()``)."""
    as_of = _as_of(as_of)
    return CaseTable(_reading(table, lambda: _cme.read_table(_arrow_ready(table), as_of)))


def _reading(table: Any, call: Any) -> Any:
    """Runs a call that reads a table: an exception of another library
    (pyarrow's ``ArrowInvalid`` quoting the cell it could not convert,
    polars', pandas') becomes cme's :class:`InputError`, with the column
    when the library names it, and never the value: the original exception
    is neither chained nor kept (``__cause__`` and ``__context__`` are
    empty)."""
    try:
        return call()
    except (CmeError, MemoryError, RecursionError):
        # cme's own errors, and the interpreter's: not a problem of the table
        raise
    except Exception as e:  # noqa: BLE001 - any foreign error while reading
        # the library named is the table's (pandas, polars, pyarrow), not
        # the module of the exception's class (often `builtins`)
        library = type(table).__module__.split(".")[0]
        column = _named_column(e)
    # the core's issue (one catalogue), at the column when one is named
    raise _cme._input_error("unreadable_table", column, {"library": library})


def _named_column(error: Exception) -> str:
    """The column a foreign error names ("… for column NAME with type …"),
    shortened and without control characters; empty when none."""
    import re

    for arg in error.args:
        if isinstance(arg, str):
            found = re.search(r"for column (.+?) with type", arg)
            if found:
                name = "".join(c if c.isprintable() else "?" for c in found.group(1))
                return name[:64]
    return ""


def _arrow_ready(table: Any, columns: Optional[List[str]] = None) -> Any:
    """polars exports an all-missing column (type Null) with a buffer that
    the Arrow C data interface does not allow, and arrow-rs refuses it: such
    columns are sent as texts (all missing either way). A pyarrow table of
    many small chunks is joined into one first (linear time). With
    ``columns`` (a report's), a polars LazyFrame or DataFrame and a pyarrow
    Table keep only those of the documented columns (and every column the
    table documents nowhere, to be reported): a LazyFrame reads nothing
    else from its file. A bare scan of a local Parquet file is read a piece
    of rows at a time, both cores decoding (:func:`_scan_in_parallel`). A
    polars frame of several chunks is sent piece by piece, each of one
    chunk (:func:`_single_chunks`)."""
    whole = _scan_in_parallel(table, columns)
    if whole is not None:
        # a piece over several row groups is of several chunks
        return _each_single_chunks(whole)
    if columns is not None:
        table = _project(table, columns)
    if type(table).__module__.startswith("polars") and hasattr(table, "collect_batches"):
        # A LazyFrame: collected in streaming, batch after batch, each read
        # then dropped (a file larger than memory is reported in the memory
        # of a batch; its rows numbered across batches).
        import polars as pl

        schema = table.collect_schema()
        nulls = [name for name, dtype in schema.items() if dtype == pl.Null]
        if nulls:
            table = table.with_columns([pl.col(n).cast(pl.String) for n in nulls])
        # The batches as polars makes them (a row group of a Parquet file
        # each: polars decodes a whole row group before it gives any of
        # its rows), each cut where its chunks end.
        return _each_single_chunks(table.collect_batches())
    if type(table).__module__.startswith("polars") and hasattr(table, "schema"):
        import polars as pl

        casts = [pl.col(n).cast(pl.String) for n, dtype in table.schema.items() if dtype == pl.Null]
        if hasattr(table, "n_chunks") and table.width and max(table.n_chunks("all")) > 1:
            # A DataFrame of several chunks (several row groups read, frames
            # joined): polars would join every column into one to export
            # it, or to add a column (a copy of the table); its pieces are
            # exported as they are.
            return _Chunks(p.with_columns(casts) if casts else p for p in _single_chunks(table))
        if casts:
            table = table.with_columns(casts)
    if type(table).__module__.startswith("pyarrow") and hasattr(table, "combine_chunks"):
        # A table of many small chunks (a table appended to row by row):
        # each chunk exported costs an import per column, a hundred times
        # the cost of its rows. pyarrow joins them first, at the cost of a
        # copy of the table; a table of large chunks is read as it is.
        columns = getattr(table, "columns", None)
        chunks = columns[0].num_chunks if columns else 0
        if chunks > max(1, table.num_rows // _SMALL_CHUNK_ROWS):
            table = table.combine_chunks()
    arrow = hasattr(table, "__arrow_c_stream__") or hasattr(table, "__arrow_c_array__")
    if not arrow and hasattr(table, "__next__"):
        # An iterator of tables or batches: each made ready as it comes
        # (a DataFrame of several chunks, piece by piece).
        return (piece for item in table for piece in _pieces(_arrow_ready(item)))
    return table


class _Chunks:
    """The pieces of one polars DataFrame (:func:`_single_chunks`), an
    iterator told apart from the caller's own."""

    def __init__(self, pieces: Any) -> None:
        self._pieces = pieces

    def __iter__(self) -> "_Chunks":
        return self

    def __next__(self) -> Any:
        return next(self._pieces)


def _pieces(ready: Any) -> Any:
    """What :func:`_arrow_ready` made of one item of an iterator, as items:
    the pieces of a frame of several chunks, or the item itself (a table,
    or anything else, an iterator too: refused by name by the reader)."""
    return ready if isinstance(ready, _Chunks) else (ready,)


def _each_single_chunks(frames: Any) -> Any:
    """The pieces of one chunk (:func:`_single_chunks`) of each frame of an
    iterator, a frame let go before the next is read (two pieces of a
    file are never in memory at once)."""
    for frame in frames:
        yield from _single_chunks(frame)
        del frame


def _single_chunks(frame: Any) -> Any:
    """A polars DataFrame as slices of its rows each within one chunk of
    every column (cut where any column's chunk ends), in order: polars
    exports a frame of one chunk as it is, and joins the chunks of every
    column of a frame of several into new memory first (a copy of the
    frame, and its time). Slices of nothing more than their rows: no copy."""
    ends = set()
    for column in frame.get_columns():
        end = 0
        for length in column.chunk_lengths():
            end += length
            ends.add(end)
    start = 0
    for end in sorted(ends):
        if end > start:
            yield frame.slice(start, end - start)
            start = end
    if start == 0:
        # no rows: the frame itself (its columns)
        yield frame


def _scan_in_parallel(table: Any, columns: Optional[List[str]]) -> Any:
    """The columns a report reads (``columns``, or all) of a polars
    LazyFrame that is a bare scan of one local Parquet file
    (``pl.scan_parquet(path)``, nothing after it), as an iterator of
    DataFrames of at most ``_PIECE_BYTES`` of decoded columns each (or one
    row group of at most ``_GROUP_BYTES``), in the file's order; ``None``
    for any other table, plan or file (read in streaming by
    :func:`_arrow_ready`).

    polars decodes the columns of a row group on one thread (several row
    groups in parallel), decodes a whole row group before it gives a batch
    of it, and decodes ahead of a slow reader (in streaming, a report of
    the whole catalogue held the whole decoded file: 2.4 GB at 4M rows).
    Here the file is read a piece of rows at a time (``slice``), a piece
    counted then dropped before the next is read, both cores decoding:

    - row groups small enough (as many as polars has threads within
      ``_PIECE_BYTES``, all of one size but the last): pieces of as many
      whole row groups as fit, each read by one scan (polars decodes its
      row groups in parallel);
    - otherwise: pieces of ``_PIECE_BYTES`` (of whole row groups in a
      file of several all of one size, at least one of at most
      ``_GROUP_BYTES``: a part of a row group cost nearly its whole in
      polars' files), each piece's columns cut into groups of about equal
      decoded width, one per thread, read by as many scans at once
      (``pl.collect_all``) and put side by side (no copy).

    ``collect_all`` runs without the common-plan cache (that would read the
    scans as one). Only a bare scan is cut: its rows come in the file's
    order whichever rows and columns are read, where a plan of other steps
    could run once per scan and order its rows differently (a
    ``group_by``). The plan is read from ``explain(optimized=False)``,
    which must be exactly that of a bare scan (a slice, a row index or any
    other step is a line more): a form polars would change is read in
    streaming, never cut. The row groups are read from the file's footer
    (:func:`_parquet_layout`); the pieces go on until one comes short,
    whatever the footer or the plan say of the rows."""
    import re

    if not (type(table).__module__.startswith("polars") and hasattr(table, "collect_batches")):
        return None
    try:
        plan = table.explain(optimized=False)
    except Exception:  # noqa: BLE001 - a plan polars cannot print: streamed
        return None
    bare = re.fullmatch(
        r"Parquet SCAN \[([^\n]*)\]\nPROJECT \*/\d+ COLUMNS\nESTIMATED ROWS: \d+", plan
    )
    if bare is None or not _os.path.isfile(bare.group(1)):
        return None
    layout = _parquet_layout(bare.group(1))
    if layout is None:
        return None
    import polars as pl

    schema = table.collect_schema()
    documented = _documented_columns()
    names = [n for n in schema.names() if columns is None or n in columns or n not in documented]
    if not names:
        return None
    # an all-missing column (type Null) is sent as texts (_arrow_ready)
    exprs = {n: pl.col(n).cast(pl.String) if schema[n] == pl.Null else pl.col(n) for n in names}
    threads = max(1, pl.thread_pool_size())
    width = max(1, sum(_width(pl, schema[n]) for n in names))
    budget = max(1, _PIECE_BYTES // width)
    count, total, first = layout
    flags = pl.QueryOptFlags(comm_subplan_elim=False) if hasattr(pl, "QueryOptFlags") else None

    def collect(plans: List[Any]) -> List[Any]:
        return pl.collect_all(plans) if flags is None else pl.collect_all(plans, optimizations=flags)

    equal = 0 < first and (count - 1) * first < total <= count * first
    if threads >= 2 and count >= threads and equal and first * threads <= budget:
        # pieces of whole row groups, as many as fit (polars decodes the
        # row groups of a piece in parallel)
        rows = first * (budget // first)
        every = [exprs[n] for n in names]
        return _pieces_of(lambda start: table.slice(start, rows).select(every).collect(), rows)
    if count >= 2 and equal and first <= max(budget, _GROUP_BYTES // width):
        # pieces of whole row groups all the same (a part of a row group
        # cost nearly the decoding of the whole group in polars' files)
        budget = first * max(1, budget // first)
    # the widest column first, into the narrowest group
    groups = min(threads, len(names))
    sets: List[List[Any]] = [[] for _ in range(groups)]
    load = [0] * groups
    for name in sorted(names, key=lambda n: -_width(pl, schema[n])):
        k = load.index(min(load))
        sets[k].append(exprs[name])
        load[k] += _width(pl, schema[name])

    def columns_at_once(start: int) -> Any:
        piece = table.slice(start, budget)
        return pl.concat(collect([piece.select(group) for group in sets if group]), how="horizontal").select(names)

    return _pieces_of(columns_at_once, budget)


def _pieces_of(read: Any, rows: int) -> Any:
    """The pieces ``read(start)`` gives from row 0 on, ``rows`` at a time,
    until one comes short (the first even empty: the columns of an empty
    file), each let go before the next is read."""
    start = 0
    while True:
        frame = read(start)
        short = frame.height < rows
        if start == 0 or frame.height:
            yield frame
        # let go before the next piece is read
        del frame
        if short:
            return
        start += rows


def _parquet_layout(path: str) -> Optional[Tuple[int, int, int]]:
    """The number of row groups of a Parquet file, its rows and the rows of
    its first row group (0 without one), read from its footer
    (``FileMetaData`` in Thrift's compact protocol: its field 3, then the
    length of its field 4, the list of row groups, and field 3 of the
    first, after the fields before them are skipped); ``None`` when the
    file is not read as Parquet. pyarrow reads them too, but importing it
    costs more than the time a cut read saves."""
    try:
        with open(path, "rb") as f:
            f.seek(0, 2)
            size = f.tell()
            if size < 12:
                return None
            f.seek(size - 8)
            tail = f.read(8)
            length = int.from_bytes(tail[:4], "little")
            if tail[4:] != b"PAR1" or not 0 < length <= size - 12:
                return None
            # the schema and the first row group are at the start of the
            # footer: only its first _FOOTER_BYTES are read and parsed, a
            # longer start is not (streamed)
            f.seek(size - 8 - length)
            data = f.read(min(length, _FOOTER_BYTES))
    except OSError:
        return None
    return _parquet_layout_of(data)


def _parquet_layout_of(data: bytes) -> Optional[Tuple[int, int, int]]:
    """The row groups, rows and rows of the first row group a Parquet
    footer (or its start) gives, as :func:`_parquet_layout` reads them;
    ``None`` when the bytes end before them or are not a footer."""
    at = 0

    def byte() -> int:
        nonlocal at
        if at >= len(data):
            raise ValueError("footer ends early")
        at += 1
        return data[at - 1]

    def varint() -> int:
        value, shift = 0, 0
        while True:
            b = byte()
            value |= (b & 0x7F) << shift
            if b < 0x80:
                return value
            shift += 7
            if shift > 63:
                raise ValueError("varint too long")

    def skip(kind: int, depth: int) -> None:
        nonlocal at
        if depth > 32:
            raise ValueError("too deep")
        if kind in (1, 2):  # a bool of a field: in its header
            return
        if kind == 3:
            byte()
        elif kind in (4, 5, 6):
            varint()
        elif kind == 7:
            at += 8
        elif kind == 8:
            n = varint()  # read before `at` moves past the text
            at += n
        elif kind in (9, 10):
            header = byte()
            n = header >> 4 if header >> 4 != 15 else varint()
            for _ in range(n):
                # a bool element is a byte of its own
                byte() if (header & 0x0F) in (1, 2) else skip(header & 0x0F, depth + 1)
        elif kind == 11:
            n = varint()
            types = byte() if n else 0
            for _ in range(n):
                skip(types >> 4, depth + 1)
                skip(types & 0x0F, depth + 1)
        elif kind == 12:
            while True:
                header = byte()
                if header == 0:
                    return
                if header >> 4 == 0:
                    varint()  # the field id, when not a delta
                skip(header & 0x0F, depth + 1)
        else:
            raise ValueError("unknown type")
        if at > len(data):
            raise ValueError("footer ends early")

    def fields() -> Any:
        # (field id, type) of each field of a struct, until its end
        field = 0
        while True:
            header = byte()
            if header == 0:
                return
            delta = header >> 4
            field = field + delta if delta else _zigzag(varint())
            yield field, header & 0x0F

    try:
        rows = None
        for field, kind in fields():
            if field == 3 and kind == 6:
                rows = _zigzag(varint())
            elif field == 4 and kind == 9:
                list_header = byte()
                count = list_header >> 4 if list_header >> 4 != 15 else varint()
                if rows is None or rows < 0 or count and list_header & 0x0F != 12:
                    return None
                if count == 0:
                    return (0, rows, 0)
                # the first row group (a struct): its field 3, its rows
                for group_field, group_kind in fields():
                    if group_field == 3 and group_kind == 6:
                        first = _zigzag(varint())
                        return (count, rows, first) if first >= 0 else None
                    skip(group_kind, 1)
                return None
            else:
                skip(kind, 0)
        return None
    except ValueError:
        return None


def _zigzag(n: int) -> int:
    return (n >> 1) ^ -(n & 1)


def _width(pl: Any, dtype: Any) -> int:
    """A column's bytes a row once polars has decoded it (a text: a view
    of 16 bytes)."""
    if dtype in (pl.Boolean, pl.Int8, pl.UInt8):
        return 1
    if dtype in (pl.Date, pl.Int32, pl.UInt32, pl.Float32):
        return 4
    return 8 if dtype.is_numeric() or dtype.is_temporal() else 16


def _project(table: Any, columns: List[str]) -> Any:
    """The columns of ``table`` a report reads (see :func:`_arrow_ready`)."""
    module = type(table).__module__
    if module.startswith("polars") and hasattr(table, "collect_schema"):
        names = list(table.collect_schema().names())
    elif module.startswith("pyarrow") and hasattr(table, "select") and hasattr(table, "schema"):
        names = list(table.schema.names)
    else:
        return table
    documented = _documented_columns()
    keep = [n for n in names if n in columns or n not in documented]
    return table if len(keep) == len(names) else table.select(keep)


def _documented_columns() -> "frozenset[str]":
    global _DOCUMENTED
    if _DOCUMENTED is None:
        _DOCUMENTED = frozenset(c["name"] for c in _cme.table_columns())
    return _DOCUMENTED


_DOCUMENTED: "Optional[frozenset[str]]" = None

# The average chunk under which a pyarrow table is joined before reading.
_SMALL_CHUNK_ROWS = 1024
# The most bytes of decoded columns of a piece of a bare scan read with its
# columns in parallel (rows times the columns' widths: a text 16 bytes, a
# date 4): the 12 columns of a flow report take 132 bytes a row (254,200
# rows a piece), the 68 of a case 599 (56,000 rows).
_PIECE_BYTES = 32 * 2**20
# The most bytes of decoded columns of one row group read whole in a piece
# of a bare scan, beyond _PIECE_BYTES: the 68 columns of a case in polars'
# row groups of 125,000 rows take 71 MiB (a part of such a row group cost
# nearly the decoding of the whole in trials on polars' file).
_GROUP_BYTES = 96 * 2**20
# The most bytes of the start of a Parquet footer read for its layout: the
# schema and the first row group's metadata (a few KB a column at most;
# 68 columns take 8 to 9 KB in the benchmark's files): a bound on the work
# of a crafted footer.
_FOOTER_BYTES = 2**20


def case_row(case: Mapping[str, Any]) -> Optional[Dict[str, Any]]:
    """The flat row of a case (the inverse of :func:`read_table`), or
    ``None`` when the case needs more than a row (two expert opinions…)."""
    row = _cme.case_row(case)
    return None if row is None else dict(row)


def synthetic_table(n: int, seed: int = 2026) -> Dict[str, List[Any]]:
    """A seeded synthetic table of ``n`` cases as columns (name → list of
    values, dates as ``YYYY-MM-DD`` texts): ``pandas.DataFrame(...)``,
    ``polars.DataFrame(...)`` or ``pyarrow.table(...)`` take it as is. For
    notebooks, tests and benchmarks; never real people."""
    return dict(_cme.synthetic_columns(n, seed))


class Accumulator:
    """Indicators accumulated piece by piece, for runs split over
    partitions, processes or machines: ``add`` tables or cases, ``merge``
    accumulators of the same policy, period and dimensions, ``finish`` into
    a :class:`Report`. Picklable (its state is plain JSON text).
    ``indicators`` limits the report to those figures (see
    :func:`indicators`)."""

    def __init__(
        self,
        policy: "PolicyLike",
        period: "PeriodLike",
        by: Optional[List[str]] = None,
        indicators: Optional[List[str]] = None,
        *,
        _inner: Any = None,
    ) -> None:
        self._inner = _inner if _inner is not None else _cme.IndicatorAccumulator(
            policy, _period(period), list(by or []), list(indicators or [])
        )

    def add(self, cases: Any) -> "Accumulator":
        """Adds cases: a :class:`CaseTable`, a table (DataFrame, Arrow, row
        dicts; an invalid row raises :class:`ValidationError` and nothing is
        added), or a list of cases in the interchange format."""
        if isinstance(cases, CaseTable):
            self._inner.add_table(cases._inner)
        elif _is_interchange(cases):
            self._inner.add_cases(cases)
        else:
            columns = self._inner.columns
            _reading(cases, lambda: self._inner.add_rows(_arrow_ready(cases, columns), True))
        return self

    def add_activities(self, activities: List[Mapping[str, Any]]) -> "Accumulator":
        """Adds the cell's activity records (partner meetings, workshops)."""
        self._inner.add_activities(activities)
        return self

    def merge(self, other: "Accumulator") -> "Accumulator":
        """Adds another accumulator's counts (same policy, period, dimensions)."""
        self._inner.merge(other._inner)
        return self

    @property
    def cases(self) -> int:
        """Cases added so far."""
        return int(self._inner.cases)

    @property
    def columns(self) -> Optional[List[str]]:
        """The columns of a table this report reads, or ``None`` when it
        reads whole rows: a report of the flow figures only
        (:data:`FLOW_INDICATORS`) by nothing, ``secteur``, ``service`` or
        ``visite_source`` reads few; a LazyFrame given to :meth:`add` is
        read through them, and a reader of files can be given them
        (``pq.ParquetFile(path).iter_batches(columns=acc.columns)``; its
        codes as dictionaries: :attr:`dictionary_columns`)."""
        columns = self._inner.columns
        return None if columns is None else list(columns)

    @property
    def dictionary_columns(self) -> Optional[List[str]]:
        """Of :attr:`columns`, those that hold codes (a service, a visit,
        an author, an exit result, a sector: a few distinct texts each), or
        ``None`` when the report reads whole rows. Read as dictionaries
        (``pq.ParquetFile(path, read_dictionary=acc.dictionary_columns)``),
        each distinct text is decoded once rather than copied for each row,
        and cme maps each value of a dictionary once (the time saved is in
        BENCHMARKS.md)."""
        columns = self._inner.dictionary_columns
        return None if columns is None else list(columns)

    def finish(self) -> Report:
        """The report of every case added."""
        return Report(self._inner.finish())

    def __getstate__(self) -> Dict[str, str]:
        return {"state": self._inner.state()}

    def __setstate__(self, state: Dict[str, str]) -> None:
        self._inner = _cme.IndicatorAccumulator.from_state(state["state"])


def _is_interchange(cases: Any) -> bool:
    """A list of cases in the interchange format (not rows of a table)."""
    if not isinstance(cases, (list, tuple)):
        return False
    first = next(iter(cases), None)
    return first is None or (isinstance(first, Mapping) and "format_version" in first)


class RegionalReport:
    """Indicators of several services, each service's cases counted under
    its own policy (``cme.regional_report``): the region's figures, each
    with its basis (``harmonise``: the same definition for every service;
    ``selon_politique``: the sum of what each policy decided), the policies
    combined, the exit results they class differently, and each service's
    own report."""

    def __init__(self, data: Dict[str, Any]) -> None:
        self._data = data

    @property
    def total(self) -> Dict[str, Dict[str, Any]]:
        """The region's indicators over all cases, by id."""
        return {v["id"]: v for v in self._data["total"]}

    @property
    def bases(self) -> Dict[str, str]:
        """Each indicator's basis (``harmonise`` or ``selon_politique``), by id."""
        return {b["id"]: b["basis"] for b in self._data["bases"]}

    @property
    def policies(self) -> List[Dict[str, Any]]:
        """The services and the policies their cases were counted under."""
        import copy

        return copy.deepcopy(self._data["policies"])

    @property
    def divergences(self) -> List[Dict[str, Any]]:
        """The exit results the policies class differently, with each
        service's class."""
        import copy

        return copy.deepcopy(self._data["divergences"])

    @property
    def services(self) -> List[Report]:
        """Each service's own report, under its policy."""
        return [Report(r) for r in self._data["services"]]

    def harmonised(self) -> Report:
        """The region's harmonised figures as a report that can be
        published (``.publish(11)``): the indicators a policy decides are
        left out."""
        import copy

        return Report(copy.deepcopy(self._data["harmonised"]))

    def to_dict(self) -> Dict[str, Any]:
        import copy

        return copy.deepcopy(self._data)


def regional_report(
    cases: Any,
    period: PeriodLike,
    by: Optional[List[str]] = None,
    policies: Optional[Mapping[str, PolicyLike]] = None,
) -> RegionalReport:
    """The report of a region: cases (a list of dicts in the interchange
    format) of several services, each case counted under its service's
    policy (``policies``: a dict of service code → preset code or policy;
    by default the seven presets, a case's ``service`` being the preset's
    code), then added up. A case of a service without a policy raises
    :class:`ValidationError` (``unknown_code`` at ``cases[i].service``)."""
    chosen = dict(policies) if policies is not None else None
    return RegionalReport(_cme.regional_report(cases, _period(period), list(by or []), chosen))


def worklists(
    cases: Any,
    as_of: DateLike,
    policies: Optional[Mapping[str, PolicyLike]] = None,
    *,
    lists: Optional[List[str]] = None,
    service: Optional[str] = None,
    doctor: Optional[str] = None,
    referent: Optional[str] = None,
    by: Optional[str] = None,
    reprise_within_days: int = 8,
) -> Dict[str, Any]:
    """The cell's worklists as of a date, over cases (a list of dicts in the
    interchange format) of one service or several (each case under its
    service's preset, or ``policies``: a dict of service code → preset code
    or policy): the COPIL's agenda (``analyse_demande``), the plenary's
    (``pleniere``), overdue first contacts (``contact_en_retard``), workers
    to call back (``a_rappeler``), follow-ups to do and overdue
    (``suivi_a_faire``, ``suivi_en_retard``), reprise visits due within
    ``reprise_within_days`` days (``visite_reprise``, R4624-31) and the
    pré-reprise visits of the last half-month (``pre_reprise_quinzaine``).
    Each item is read from the case's evaluation: its ``reason`` has the
    text in French and English and its sources.

    ``lists`` keeps some lists; ``service``, ``doctor``, ``referent`` keep
    the cases of one service, médecin du travail or référent (pseudonymous
    ids); ``by`` (``"doctor"``, ``"referent"``, ``"service"``) groups the
    items (``groups``: ``key`` and ``items``) instead of listing them
    (``items``). A problem raises :class:`ValidationError` with every path
    (``cases[i]…``, ``policies.<service>…``, ``options.…``).

    >>> w = cme.worklists(cme.sample_cases(), "2024-06-30", lists=["suivi_en_retard"])
    >>> sorted({i["list"] for i in w["items"]})
    ['suivi_en_retard']
    """
    options: Dict[str, Any] = {"reprise_within_days": reprise_within_days}
    for key, value in (("lists", lists), ("service", service), ("doctor", doctor),
                       ("referent", referent), ("by", by)):
        if value is not None:
            options[key] = list(value) if key == "lists" else value
    chosen = dict(policies) if policies is not None else None
    as_of_text = _as_of(as_of)
    return dict(_cme.worklists(cases, as_of_text if as_of_text is not None else "", chosen, options))


def document(
    case: Mapping[str, Any],
    kind: str,
    as_of: DateLike,
    *,
    policy: Optional[PolicyLike] = None,
    identity: Optional[Mapping[str, str]] = None,
    partner: Optional[str] = None,
    templates: Optional[Union[str, Mapping[str, Any]]] = None,
    docx: bool = False,
) -> Dict[str, Any]:
    """A document of the cell filled from a case as of a date: ``kind`` is
    ``convocation_employeur`` (the letter to the employer about the
    worker's appointment with the cell), ``attestation_presence``,
    ``invitation_pre_reprise``, ``livret_accompagnement`` (the livret with
    the consent form and the data protection notice), ``fiche_relais`` (to
    ``partner``, a partner code) or ``synthese_cloture`` (for the médecin
    du travail). The dict has
    ``title``, ``text``, ``html`` (to print), ``placeholders`` (the identity
    fields left out, shown as « [Nom et prénom du salarié] »), ``sources``,
    and ``docx`` (the Word file, bytes) with ``docx=True``.

    ``identity`` holds what a case never holds — names, addresses, the
    appointment (``worker.name``, ``employer.address``, ``meeting.date``…;
    ``cme.document_fields()`` lists them) — used for this document only,
    never kept. ``templates`` is the service's own templates, a dict or
    JSON text (checked: a field that is not a document field raises
    :class:`InvalidArgumentError`, ``invalid_templates``). A letter to
    the employer or a partner without the worker's agreement in force that
    day, or with their objection, raises :class:`ValidationError`
    (``document_without_consent``).

    >>> case = {"format_version": 2, "id": "D-1", "service": "aist63", "worker": {},
    ...         "signalement": {"date": "2024-05-13", "source_visit": "a_la_demande",
    ...                         "signalled_by": "medecin_du_travail"}}
    >>> doc = cme.document(case, "invitation_pre_reprise", "2024-06-17", identity={"place": "Clermont-Ferrand"})
    >>> doc["text"].splitlines()[6]
    'Clermont-Ferrand, le 17 juin 2024'
    """
    as_of_text = _as_of(as_of)
    options: Dict[str, Any] = {}
    if policy is not None:
        options["policy"] = policy if isinstance(policy, str) else dict(policy)
    if identity is not None:
        options["identity"] = dict(identity)
    if partner is not None:
        options["partner"] = partner
    if templates is not None:
        options["templates"] = templates if isinstance(templates, str) else dict(templates)
    return dict(_cme.document(case, kind, as_of_text if as_of_text is not None else "", options, docx))


def document_fields() -> List[Dict[str, Any]]:
    """The fields a document template may use: ``name``, ``identity``
    (given by the host at rendering time, never kept) and ``label`` (the
    placeholder shown when it is missing)."""
    return list(_cme.document_fields())


class CompanyReport:
    """The report of one member company of more than 300 employees, for
    its comité social et économique (Code du travail, art. D4622-54):
    the cell's figures over that company's cases only, published with the
    threshold (never raw: a CSE knows its people) and the attacker's
    audit of what is shown (``cme.company_report``)."""

    def __init__(self, data: Dict[str, Any]) -> None:
        self._data = data

    @property
    def company(self) -> str:
        """The company's pseudonymous id."""
        return str(self._data["company"])

    @property
    def headcount(self) -> int:
        """The company's headcount (more than 300)."""
        return int(self._data["headcount"])

    @property
    def cases(self) -> int:
        """The company's cases counted (the others given are left out)."""
        return int(self._data["cases"])

    @property
    def in_force(self) -> bool:
        """Whether the article applies over the period (it ends on or after
        17 November 2022)."""
        return bool(self._data["in_force"])

    @property
    def sources(self) -> List[Dict[str, Any]]:
        """The article (with its version date) and the reading followed."""
        import copy

        return copy.deepcopy(self._data["sources"])

    @property
    def published(self) -> PublishedReport:
        """The published figures (``.to_csv()``, ``.to_markdown()``)."""
        import copy

        return PublishedReport(copy.deepcopy(self._data["published"]))

    @property
    def audit(self) -> Dict[str, Any]:
        """The attacker's audit: each hidden count's interval."""
        import copy

        return copy.deepcopy(self._data["audit"])

    def to_dict(self) -> Dict[str, Any]:
        import copy

        return copy.deepcopy(self._data)


def company_report(
    cases: Any,
    policy: PolicyLike,
    company: str,
    headcount: int,
    period: PeriodLike,
    by: Optional[List[str]] = None,
    threshold: int = 11,
) -> CompanyReport:
    """The report of one member company of more than 300 employees
    (Code du travail, art. D4622-54): the cases (a list of dicts in the
    interchange format) of the service, of which only those whose
    ``worker.company`` is ``company`` (its pseudonymous id) count, under the
    service's ``policy``, over ``period``, broken down ``by`` up to two
    dimensions; published with ``threshold`` and audited. ``cases`` may also
    be a table (a pandas or polars DataFrame, a pyarrow Table, row dicts, a
    :class:`CaseTable`) with a ``worker_company`` column: it is read with
    :func:`read_table` and refused whole if a row has a problem. A headcount
    of 300 or less raises :class:`ValidationError` (``company_not_covered``
    at ``headcount``)."""
    if not _is_interchange(cases):
        table = cases if isinstance(cases, CaseTable) else read_table(cases)
        cases = table.check().cases()
    return CompanyReport(
        _cme.company_report(
            cases, policy, company, headcount, _period(period), list(by or []), threshold
        )
    )


def impact(
    cases: Any,
    before: Mapping[str, Any],
    after: Mapping[str, Any],
    as_of: DateLike,
) -> Dict[str, Any]:
    """The impact of a change of rules or of policy on a population: every
    case (a list of dicts in the interchange format) evaluated as of a date
    under two scenarios, each ``{"policy": <preset code or policy>,
    "options": <options of the legal calendar>}`` (``{"thresholds":
    "avant_2022"}`` or ``"depuis_2022"`` imposes the thresholds of the
    pré-reprise and the reprise on every leave). Returns the counts of
    cases changed (in all and by aspect: ``etape``, ``statut``,
    ``categorie``, ``inclusion``, ``obligation``, ``echeance``: the same
    obligation due on another day, ``alertes``) and, for each case
    changed, what changed, each change with the reasons of both
    decisions (``reasons_before``, ``reasons_after``; ``impacts``)."""
    return _cme.impact(cases, dict(before), dict(after), _as_of(as_of) or "")


def indicators(
    cases: Any,
    policy: PolicyLike,
    period: PeriodLike,
    by: Optional[List[str]] = None,
    activities: Optional[List[Mapping[str, Any]]] = None,
    invalid: str = "raise",
    indicators: Optional[List[str]] = None,
) -> Report:
    """Every indicator of the catalogue for cases under a policy, for a
    period (``2024``, ``"2024-S1"``, ``"2024-T2"`` or a ``(start, end)``
    tuple of dates), broken down by up to two dimensions (``secteur``,
    ``pathologie``, ``demandeur``, ``visite_source``, ``categorie``,
    ``tranche_age``, ``service``).

    ``cases`` is a list of cases in the interchange format (dicts), or a
    table of cases (pandas or polars DataFrame, pyarrow Table, list of row
    dicts, :class:`CaseTable`; see :func:`read_table`). A polars LazyFrame
    (``pl.scan_parquet(path)``) or an iterator of tables or batches is
    read in streaming: each batch of rows is counted then dropped, so a
    file larger than memory is reported in the memory of a batch (up to
    10,000,000 rows a call, docs/limits.md; beyond, an
    :class:`Accumulator` takes the pieces). A bare scan of one local
    Parquet file (``pl.scan_parquet(path)``, nothing after it) is read by
    cme a piece of rows at a time, a piece counted then dropped before the
    next is decoded (both cores decoding it: whole row groups at once, or
    a piece's columns by several scans), so its memory stays that of a
    piece of about 32 MiB of decoded columns (one row group of up to 96
    MiB in a file of several). A LazyFrame of other steps
    (a filter, a join…) is collected by polars' streaming engine, which
    may decode ahead of cme, up to the whole decoded file: for a file
    larger than memory, give a bare scan or pyarrow's batches.
    Nothing is silently dropped: an invalid case raises
    :class:`ValidationError` (paths ``cases[i]…``, or ``rows[i].column``
    with ``row`` and ``column`` for a table); with ``invalid="report"``
    the invalid rows of a table are left out of the counts and listed in
    ``Report.rejected`` instead.
    ``activities`` are the cell's own participations in partner meetings and
    workshops (``{"date": ..., "kind": "reunion_partenaire" | "atelier"}``).

    ``indicators`` (ids of :func:`indicator_catalogue`) limits the report
    to those figures. A report of the flow figures only (signalements,
    entries, exits, their results and delays: ``FLOW_INDICATORS``), by
    nothing, ``secteur``, ``service`` or ``visite_source``, reads only the
    columns they need of a table (``Accumulator(...).columns``: a
    LazyFrame reads nothing else from its file) and counts them straight
    from their typed columns; a row is then checked on the facts read."""
    if invalid not in ("raise", "report"):
        raise InvalidArgumentError(
            "« invalid » vaut « raise » ou « report ».",
            "invalid_argument",
            "invalid",
            '"invalid" is "raise" or "report".',
        )
    if _is_interchange(cases) and not indicators:
        return Report(
            _cme.indicators(cases, policy, _period(period), list(by or []), None, activities)
        )
    acc = Accumulator(policy, period, by, indicators)
    if _is_interchange(cases):
        acc.add(cases)
        if activities:
            acc.add_activities(activities)
        return acc.finish()
    if isinstance(cases, CaseTable):
        if invalid == "raise":
            cases.check()
        acc._inner.add_table(cases._inner)
        rejected = cases.issues
    else:
        # One pass: the rows are read and counted on each core, piece by
        # piece; the cases are not kept (see read_table to keep them).
        columns = acc._inner.columns
        rejected = _reading(
            cases,
            lambda: acc._inner.add_rows(_arrow_ready(cases, columns), invalid == "raise"),
        )
    if activities:
        acc.add_activities(activities)
    return Report(acc._inner.finish(), rejected=rejected)


def indicator_catalogue() -> List[Dict[str, Any]]:
    """Every indicator: id, French label, numerator, denominator, unit, the
    date that places a case in the period, and its source."""
    return _cme.indicator_catalogue()


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
    "Accumulator",
    "CaseTable",
    "CsvTable",
    "code_lists",
    "field_labels",
    "read_csv",
    "publish_table",
    "to_csv",
    "to_excel",
    "to_markdown",
    "CmeError",
    "Evaluation",
    "EventRefusedError",
    "InputError",
    "InvalidArgumentError",
    "PolicyError",
    "UnknownPresetError",
    "ValidationError",
    "evaluate",
    "indicator_catalogue",
    "indicators",
    "regional_report",
    "worklists",
    "document",
    "document_fields",
    "RegionalReport",
    "company_report",
    "CompanyReport",
    "impact",
    "read_table",
    "synthetic_table",
    "table_columns",
    "Report",
    "PublishedReport",
    "publish_bundle",
    "audit",
    "verify",
    "orient",
    "visit_obligations",
    "visit_obligations_for_leave",
    "legal_calendar",
    "load_policy",
    "policy_hash",
    "preset",
    "preset_codes",
    "try_add_event",
    "SAMPLE_AS_OF",
    "FLOW_INDICATORS",
    "case_row",
    "case_schema",
    "issue_codes",
    "parse_case",
    "sample_cases",
    "validate",
    "validate_json",
    "version",
]

# Data shipped with the package (cme.datasets.aist43_bilan(), export_fr()).
from . import datasets  # noqa: E402
