"""Charts of a report, in French, fit for publication (optional:
``pip install "cme-pdp[plot]"``).

Each function draws on a matplotlib ``Axes`` (a new figure when none is
given) and returns it. The figures are the report's own numbers, the labels
those of the indicator catalogue and of the code lists (a sector by its
name, age bands from the youngest). Every chart is titled with what it
shows, the period, the service and whether small counts are hidden, and
says its source under the axes; every bar carries its figure (``n = 12``,
or ``41,7 % (5 / 12)``). A hidden value of a published report is drawn as
a grey hatched band across the whole axis marked « masqué »: never a bar
of zero, which would read as a value.

    >>> import cme, cme.plot
    >>> report = cme.indicators(cme.sample_cases(), "aist43", 2024)
    >>> ax = cme.plot.funnel(report)
"""
from __future__ import annotations

from typing import Any, Dict, List, Optional, Sequence, Tuple, Union

from . import PublishedReport, Report, _cme, indicator_catalogue, version

ReportLike = Union[Report, PublishedReport]

_FUNNEL = ("signalements", "entrees", "sorties", "maintiens_realises")
_BAR = "#3b6ea5"
_HIDDEN = "#9a9a9a"


def _axes(ax: Any, size: Tuple[float, float] = (8, 4.5)) -> Any:
    if ax is not None:
        return ax
    import matplotlib.pyplot as plt

    _, ax = plt.subplots(figsize=size)
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


def _figure_text(v: Optional[Dict[str, Any]], unit: str) -> str:
    """What a bar says (the core's words: « masqué », ``n = 12``, a rate
    with its numerator and denominator)."""
    return "—" if v is None else _cme.bar_label(v, unit)


def _plotted(v: Optional[Dict[str, Any]], unit: str) -> Optional[float]:
    if v is None or v.get("hidden"):
        return None
    x = v.get("numerator") if unit == "nombre" else v.get("value")
    return None if x is None else float(x)


def _decorate(ax: Any, report: ReportLike, what: str) -> None:
    """Title (what, period, service, threshold) and source line."""
    data = report.to_dict()
    title = _cme.report_title(data) or ""
    ax.set_title(f"{what}\n{title}", fontsize=10, loc="left")
    policy = data.get("policy", {})
    source = (f"Source : dossiers de la cellule, calcul cme {version()} ; politique "
              f"{policy.get('id', '')} (empreinte {str(policy.get('content_hash', ''))[:12]}).")
    # under the axis and its tick labels (the x label's place: the layout
    # keeps room for it), after the axis' own label
    unit = ax.get_xlabel()
    ax.set_xlabel(f"{unit}\n\n{source}" if unit else source, fontsize=8)


def _bars(ax: Any, labels: List[str], values: List[Optional[Dict[str, Any]]], unit: str,
          horizontal: bool = False) -> Any:
    heights = [_plotted(v, unit) for v in values]
    top = max([h for h in heights if h is not None] or [1.0])
    positions = list(range(len(labels)))
    draw = ax.barh if horizontal else ax.bar
    shown = [0.0 if h is None else h for h in heights]
    draw(positions, shown, color=_BAR)
    for pos, v, h in zip(positions, values, heights):
        if h is None and v is not None and v.get("hidden"):
            # a band across the axis, hatched: « masqué », not a zero
            band = draw([pos], [top * 1.08], color="none", edgecolor=_HIDDEN, hatch="//", linewidth=0.6)
            band[0].set_gid("masque")
    axis_unit = {"nombre": "nombre de dossiers", "pourcentage": "%", "jours": "jours"}.get(unit, unit)
    if horizontal:
        ax.set_yticks(positions, labels)
        ax.invert_yaxis()
        ax.set_xlabel(axis_unit)
        ax.set_xlim(0, top * 1.45)
    else:
        ax.set_xticks(positions, labels, rotation=20, ha="right")
        ax.set_ylabel(axis_unit)
        ax.set_ylim(0, top * 1.25)
    for pos, v, h in zip(positions, values, heights):
        text = _figure_text(v, unit)
        at = top * 1.08 if h is None else h
        color = _HIDDEN if h is None else "#222222"
        if horizontal:
            ax.annotate(text, (at, pos), xytext=(3, 0), textcoords="offset points", va="center",
                        fontsize=8, color=color)
        else:
            ax.annotate(text, (pos, at), xytext=(0, 3), textcoords="offset points", ha="center",
                        fontsize=8, color=color)
    ax.spines[["top", "right"]].set_visible(False)
    return ax


def funnel(report: ReportLike, ax: Any = None) -> Any:
    """Signalements → entrées → sorties → maintiens réalisés (counts)."""
    cat = _catalogue()
    vals = _values(report)
    ids = [i for i in _FUNNEL if i in vals]
    ax = _bars(_axes(ax), [cat[i]["label"] for i in ids], [vals[i] for i in ids], "nombre")
    _decorate(ax, report, "Du signalement au maintien en emploi")
    return ax


def _family(report: ReportLike, prefix: str, title: str, ax: Any) -> Any:
    cat = _catalogue()
    vals = _values(report)
    ids = [i for i in cat if i.startswith(prefix) and i in vals]
    labels = [cat[i]["label"].split(" : ", 1)[-1] for i in ids]
    ax = _bars(_axes(ax), labels, [vals[i] for i in ids], "pourcentage", horizontal=True)
    _decorate(ax, report, title)
    return ax


def exit_results(report: ReportLike, ax: Any = None) -> Any:
    """The results of the exits, as a share of the exits (%)."""
    return _family(report, "resultat_", "Résultats de sortie (part des sorties)", ax)


def categories(report: ReportLike, ax: Any = None) -> Any:
    """The four accompaniment categories (and undetermined), as a share of the entries (%)."""
    return _family(report, "categorie_", "Catégories d'accompagnement (part des entrées)", ax)


def _dimension_label(code: str, lower: bool = False) -> str:
    lists = {l["kind"]: l for l in _cme.code_lists()}
    entry = next((e for e in lists["dimension"]["entries"] if e["code"] == code), None)
    label = entry["label"] if entry else code
    return label[:1].lower() + label[1:] if lower else label


def _ordered_cells(data: Dict[str, Any]) -> List[Dict[str, Any]]:
    by = list(data.get("spec", {}).get("by", []))
    return sorted(data.get("cells", []),
                  key=lambda c: [_cme.dimension_value(d, v)[2] for d, v in zip(by, c["key"])])


def by_dimension(report: ReportLike, indicator: str, ax: Any = None) -> Any:
    """One indicator for each value of the report's dimension (a report
    computed with ``by=["secteur"]``, say), values by their labels in their
    natural order. A report by two dimensions is drawn by :func:`heatmap`."""
    data = report.to_dict()
    by: List[str] = list(data.get("spec", {}).get("by", []))
    if len(by) != 1:
        raise ValueError("Le rapport doit avoir une dimension (by=[...]) ; deux : cme.plot.heatmap. "
                         "/ The report must have one dimension (by=[...]); two: cme.plot.heatmap.")
    d = _catalogue()[indicator]
    labels: List[str] = []
    values: List[Optional[Dict[str, Any]]] = []
    for cell in _ordered_cells(data):
        v = next((x for x in cell["values"] if x["id"] == indicator), None)
        labels.append(_cme.dimension_value(by[0], cell["key"][0])[0])
        values.append(v)
    ax = _bars(_axes(ax, (8, max(3.0, 0.45 * len(labels) + 1.8))), labels, values, d["unit"],
               horizontal=True)
    _decorate(ax, report, f"{d['label']} par {_dimension_label(by[0], lower=True)}")
    return ax


def heatmap(report: ReportLike, indicator: str, ax: Any = None) -> Any:
    """One indicator for each crossing of a report's two dimensions: a
    table of coloured cells, rows the first dimension, columns the second,
    each cell with its figure; a hidden cell grey and hatched, « masqué »."""
    import numpy as np
    from matplotlib.patches import Rectangle

    data = report.to_dict()
    by: List[str] = list(data.get("spec", {}).get("by", []))
    if len(by) != 2:
        raise ValueError("Le rapport doit avoir deux dimensions (by=[..., ...]). "
                         "/ The report must have two dimensions (by=[..., ...]).")
    d = _catalogue()[indicator]
    cells = _ordered_cells(data)
    rows: List[str] = []
    cols: List[str] = []
    for c in cells:
        if c["key"][0] not in rows:
            rows.append(c["key"][0])
        if c["key"][1] not in cols:
            cols.append(c["key"][1])
    cols.sort(key=lambda v: _cme.dimension_value(by[1], v)[2])
    grid = np.full((len(rows), len(cols)), np.nan)
    texts: Dict[Tuple[int, int], str] = {}
    hidden: List[Tuple[int, int]] = []
    for c in cells:
        i, j = rows.index(c["key"][0]), cols.index(c["key"][1])
        v = next((x for x in c["values"] if x["id"] == indicator), None)
        x = _plotted(v, d["unit"])
        texts[(i, j)] = _figure_text(v, d["unit"])
        if x is not None:
            grid[i, j] = x
        elif v is not None and v.get("hidden"):
            hidden.append((i, j))
    ax = _axes(ax, (max(6.0, 1.5 * len(cols) + 3), max(3.0, 0.5 * len(rows) + 2)))
    # from 0: a colour says a size, not a rank among the cells shown
    image = ax.imshow(np.ma.masked_invalid(grid), cmap="Blues", aspect="auto", vmin=0)
    for (i, j) in hidden:
        ax.add_patch(Rectangle((j - 0.5, i - 0.5), 1, 1, facecolor="#eeeeee", edgecolor=_HIDDEN,
                               hatch="//", linewidth=0.5, gid="masque"))
    finite = grid[~np.isnan(grid)]
    middle = float(finite.max()) / 2 if finite.size else 0.0
    for (i, j), text in texts.items():
        dark = not np.isnan(grid[i, j]) and grid[i, j] > middle
        ax.text(j, i, text, ha="center", va="center", fontsize=8,
                color="white" if dark else ("#555555" if (i, j) in hidden else "#222222"))
    ax.set_xticks(range(len(cols)), [_cme.dimension_value(by[1], v)[0] for v in cols],
                  rotation=20, ha="right")
    ax.set_yticks(range(len(rows)), [_cme.dimension_value(by[0], v)[0] for v in rows])
    ax.set_xlabel(_dimension_label(by[1]))
    ax.set_ylabel(_dimension_label(by[0]))
    ax.figure.colorbar(image, ax=ax, label={"nombre": "nombre de dossiers", "pourcentage": "%",
                                            "jours": "jours"}.get(d["unit"], d["unit"]))
    _decorate(ax, report, f"{d['label']} par {_dimension_label(by[0], lower=True)} "
                          f"et {_dimension_label(by[1], lower=True)}")
    return ax
