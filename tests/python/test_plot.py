"""cme.plot: French charts of a report (matplotlib, Agg backend)."""
import pathlib

import matplotlib
import pytest

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

import cme  # noqa: E402
import cme.plot  # noqa: E402

OUT = pathlib.Path(__file__).resolve().parents[2] / "target" / "python"


def labels(ax, axis="x"):
    ticks = ax.get_xticklabels() if axis == "x" else ax.get_yticklabels()
    return [t.get_text() for t in ticks]


def test_charts_of_a_report_in_french():
    report = cme.indicators(cme.sample_cases(), "aist43", (cme.SAMPLE_AS_OF.replace(year=2022, month=1, day=1), cme.SAMPLE_AS_OF), by=["secteur"])
    fig, axes = plt.subplots(2, 2, figsize=(14, 9))
    ax = cme.plot.funnel(report, axes[0][0])
    assert labels(ax) == ["Signalements (prescriptions)", "Entrées dans la cellule", "Sorties de la cellule",
                          "Maintiens en emploi réalisés"]
    heights = [b.get_height() for b in ax.patches]
    total = report.total
    assert heights == [total[i]["numerator"] for i in ("signalements", "entrees", "sorties", "maintiens_realises")]
    ax = cme.plot.exit_results(report, axes[0][1])
    assert "Aménagement du poste" in labels(ax, "y")
    ax = cme.plot.categories(report, axes[1][0])
    assert labels(ax, "y")[:4] == ["Sans suite", "Info/conseils", "Facilitation", "Ingénierie"]
    ax = cme.plot.by_dimension(report, "signalements", axes[1][1])
    cells = report.to_dict()["cells"]
    assert len(ax.patches) == len(cells)
    title = ax.get_title(loc="left")
    assert title.startswith("Signalements (prescriptions) par secteur d'activité (section NAF)\n")
    # the period, the service and that nothing is hidden: in the title
    assert "AIST Haute-Loire (aist43) — non publié" in title
    # sectors by their names, and the source under the axes
    assert any(t.endswith("Santé humaine et action sociale") for t in labels(ax, "y"))
    assert "Source : dossiers de la cellule, calcul cme" in ax.get_xlabel()
    # every bar says its figure
    figures = [t.get_text() for t in ax.texts if t.get_text().startswith("n = ")]
    assert sorted(figures) == sorted(f"n = {c['values'][0]['numerator']}" for c in cells)
    OUT.mkdir(parents=True, exist_ok=True)
    fig.tight_layout()
    fig.savefig(OUT / "plots.png", dpi=80)
    plt.close(fig)


def test_a_published_report_shows_hidden_values_as_such():
    published = cme.indicators(cme.sample_cases(), "aist43", 2024).publish(threshold=11)
    ax = cme.plot.funnel(published)
    texts = [t.get_text() for t in ax.texts]
    assert "masqué" in texts
    assert "effectifs inférieurs à 11 masqués" in ax.get_title(loc="left")
    # a hidden value is a hatched band across the axis, never a bar of zero
    hidden = [p for p in ax.patches if p.get_gid() == "masque"]
    values = published.to_dict()["total"]
    n_hidden = sum(1 for v in values if v["id"] in cme.plot._FUNNEL and v.get("hidden"))
    assert len(hidden) == n_hidden > 0
    tallest = max(p.get_height() for p in ax.patches if p.get_gid() != "masque")
    assert all(p.get_height() > tallest for p in hidden)
    plt.close("all")


def test_two_dimensions_as_a_heatmap_with_hidden_cells():
    import pandas as pd

    # 2,000 cases by age band and category: 20 cells, some under 11
    cases = pd.DataFrame(cme.synthetic_table(2000, seed=7))
    by = ["tranche_age", "categorie"]
    report = cme.indicators(cases, "aismt13", 2023, by=by, invalid="report")
    published = cme.publish_bundle(
        [cme.indicators(cases, "aismt13", 2023, by=b, invalid="report")
         for b in ([by[0]], [by[1]], by)], threshold=11)[2]
    for r in (report, published):
        fig, ax = plt.subplots(figsize=(14, 6))
        cme.plot.heatmap(r, "signalements", ax)
        rows = labels(ax, "y")
        # age bands from the youngest, « Non renseigné » last
        natural = ["Moins de 25 ans", "25 à 34 ans", "35 à 44 ans", "45 à 54 ans", "55 ans et plus", "Non renseigné"]
        assert rows == [b for b in natural if b in rows] and len(rows) >= 4
        assert ax.get_title(loc="left").startswith(
            "Signalements (prescriptions) par tranche d'âge au signalement et catégorie d'accompagnement\n")
        cols = labels(ax)
        categories = ["Sans suite", "Info/conseils", "Facilitation", "Ingénierie", "Non renseigné"]
        assert cols == [c for c in categories if c in cols] and len(cols) >= 3
        if r is published:
            hidden = [p for p in ax.patches if p.get_gid() == "masque"]
            n_hidden = sum(1 for c in r.to_dict()["cells"] for v in c["values"]
                           if v["id"] == "signalements" and v.get("hidden"))
            assert len(hidden) == n_hidden > 0
            assert [t.get_text() for t in ax.texts].count("masqué") == n_hidden
        OUT.mkdir(parents=True, exist_ok=True)
        fig.tight_layout()
        fig.savefig(OUT / ("heatmap_publie.png" if r is published else "heatmap.png"), dpi=80)
        plt.close(fig)
    with pytest.raises(ValueError):
        cme.plot.heatmap(cme.indicators(cme.sample_cases(), "aist43", 2024), "signalements")
