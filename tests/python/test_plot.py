"""cme.plot: French charts of a report (matplotlib, Agg backend)."""
import pathlib

import matplotlib

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
    assert len(ax.patches) == len(report.to_dict()["cells"])
    assert ax.get_title() == "Signalements (prescriptions) par secteur"
    OUT.mkdir(parents=True, exist_ok=True)
    fig.tight_layout()
    fig.savefig(OUT / "plots.png", dpi=80)
    plt.close(fig)


def test_a_published_report_shows_hidden_values_as_such():
    published = cme.indicators(cme.sample_cases(), "aist43", 2024).publish(threshold=11)
    ax = cme.plot.funnel(published)
    texts = [t.get_text() for t in ax.texts]
    assert "masqué" in texts
    plt.close("all")
