"""Charts of a report, in French (optional: ``pip install cme[plot]``).

Each function draws on a matplotlib ``Axes`` (a new figure when none is
given) and returns it; the figures are the report's own numbers, the labels
those of the indicator catalogue. A published report can be drawn too: a
hidden value is drawn as an empty bar marked « masqué ».

    >>> import cme, cme.plot
    >>> report = cme.indicators(cme.sample_cases(), "aist43", 2024)
    >>> ax = cme.plot.funnel(report)
"""
from __future__ import annotations

from typing import Any, Dict, List, Optional, Sequence, Tuple, Union

from . import PublishedReport, Report, indicator_catalogue

ReportLike = Union[Report, PublishedReport]

_FUNNEL = ("signalements", "entrees", "sorties", "maintiens_realises")


def _axes(ax: Any) -> Any:
    if ax is not None:
        return ax
    import matplotlib.pyplot as plt

    _, ax = plt.subplots(figsize=(7, 4))
    return ax


def _catalogue() -> Dict[str, Dict[str, Any]]:
    return {d["id"]: d for d in indicator_catalogue()}


def _values(report: ReportLike, key: Optional[Sequence[str]] = None) -> Dict[str, Dict[str, Any]]:
    data = report.to_dict()
    if key is None:
        values = data["total"]
    else:
        cell = next((c for c in data.get("cells", []) if list(c["key"]) == list(key)), None)
        values = cell["values"] if cell else []
    return {v["id"]: v for v in values}


def _bars(ax: Any, labels: List[str], values: List[Optional[float]], unit: str, title: str,
          horizontal: bool = False) -> Any:
    shown = [0.0 if v is None else float(v) for v in values]
    positions = list(range(len(labels)))
    bars = (ax.barh if horizontal else ax.bar)(positions, shown, color="#3b6ea5")
    for bar, v in zip(bars, values):
        if v is None:
            bar.set_hatch("//")
            bar.set_facecolor("none")
            bar.set_edgecolor("#888888")
    if horizontal:
        ax.set_yticks(positions, labels)
        ax.invert_yaxis()
        ax.set_xlabel(unit)
    else:
        ax.set_xticks(positions, labels, rotation=20, ha="right")
        ax.set_ylabel(unit)
    for pos, v in zip(positions, values):
        text = "masqué" if v is None else (f"{v:.1f}".replace(".", ",") if unit == "%" else f"{v:g}")
        if horizontal:
            ax.annotate(text, (0 if v is None else v, pos), xytext=(3, 0), textcoords="offset points",
                        va="center", fontsize=8)
        else:
            ax.annotate(text, (pos, 0 if v is None else v), xytext=(0, 3), textcoords="offset points",
                        ha="center", fontsize=8)
    ax.set_title(title)
    ax.spines[["top", "right"]].set_visible(False)
    return ax


def funnel(report: ReportLike, ax: Any = None) -> Any:
    """Signalements → entrées → sorties → maintiens réalisés (counts)."""
    cat = _catalogue()
    vals = _values(report)
    ids = [i for i in _FUNNEL if i in vals]
    return _bars(_axes(ax), [cat[i]["label"] for i in ids], [vals[i].get("numerator") for i in ids],
                 "nombre de dossiers", "Du signalement au maintien en emploi")


def _family(report: ReportLike, prefix: str, title: str, ax: Any) -> Any:
    cat = _catalogue()
    vals = _values(report)
    ids = [i for i in cat if i.startswith(prefix) and i in vals]
    labels = [cat[i]["label"].split(" : ", 1)[-1] for i in ids]
    return _bars(_axes(ax), labels, [vals[i].get("value") for i in ids], "%", title, horizontal=True)


def exit_results(report: ReportLike, ax: Any = None) -> Any:
    """The results of the exits, as a share of the exits (%)."""
    return _family(report, "resultat_", "Résultats de sortie (part des sorties)", ax)


def categories(report: ReportLike, ax: Any = None) -> Any:
    """The four accompaniment categories (and undetermined), as a share of the entries (%)."""
    return _family(report, "categorie_", "Catégories d'accompagnement", ax)


def by_dimension(report: ReportLike, indicator: str, ax: Any = None) -> Any:
    """One indicator for each cell of the report's first dimension (a
    report computed with ``by=["secteur"]``, say)."""
    data = report.to_dict()
    by: List[str] = list(data.get("spec", {}).get("by", []))
    if not by:
        raise ValueError("Le rapport n'a pas de dimension : calculez-le avec by=[...]. "
                         "/ The report has no dimension: compute it with by=[...].")
    d = _catalogue()[indicator]
    cells: List[Tuple[str, Optional[float]]] = []
    for cell in data.get("cells", []):
        v = next((x for x in cell["values"] if x["id"] == indicator), None)
        if v is not None:
            value = v.get("numerator") if d["unit"] == "nombre" else v.get("value")
            cells.append((" × ".join(cell["key"]), value))
    unit = {"nombre": "nombre", "pourcentage": "%", "jours": "jours"}.get(d["unit"], d["unit"])
    return _bars(_axes(ax), [k for k, _ in cells], [v for _, v in cells], unit,
                 f"{d['label']} par {' × '.join(by)}", horizontal=True)
