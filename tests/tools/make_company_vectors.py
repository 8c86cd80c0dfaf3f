"""Writes the company vectors (tests/vectors/companies/): the report of one
member company of more than 300 employees for its CSE (Code du travail,
art. D4622-54, décret n° 2022-1435). Every expected value is counted by hand
from the cases below: a company's cases, the headcount boundary (more than
300), the article's date (17 November 2022), and what the threshold of 11
hides (a count under 11, zero included; at equal counts a breakdown's
figure before the headline)."""
import json
import pathlib

OUT = pathlib.Path(__file__).resolve().parents[1] / "vectors" / "companies"


def case(i, company, signalled):
    worker = {"birth_year": 1970, "sector": {"nomenclature": "naf_rev2", "section": "C"}}
    if company:
        worker["company"] = company
    return {
        "format_version": 2, "id": f"ENT-CASE-{i:03d}", "service": "aist43", "worker": worker,
        "signalement": {"date": signalled, "source_visit": "visite_periodique", "signalled_by": "medecin_du_travail"},
    }


# 14 cases of ENT-1 in 2024, 3 of ENT-2, 5 without a company, one of ENT-1 in 2023
POPULATION = (
    [case(i, "ENT-1", f"2024-{1 + i % 12:02d}-10") for i in range(14)]
    + [case(i, "ENT-2", "2024-05-02") for i in range(14, 17)]
    + [case(i, None, "2024-06-03") for i in range(17, 22)]
    + [case(22, "ENT-1", "2023-12-01")]
)

vectors = [
    {
        "name": "entreprise_de_450_salaries",
        "description": "Le rapport d'une entreprise adhérente de 450 salariés (D4622-54) : ses 15 dossiers seulement (14 signalés en 2024 et un en 2023), pas ceux de l'autre entreprise ni ceux sans entreprise ; les 14 signalements, au-dessus du seuil de 11, sont affichés ; tous venus du médecin du travail, leur ventilation par origine est masquée (à égalité, le détail plutôt que le chiffre de tête), comme les entrées et les sorties (zéro).",
        "policy": "aist43",
        "request": {"company": "ENT-1", "headcount": 450, "period": "2024"},
        "cases": POPULATION,
        "expected": {
            "cases": 15, "in_force": True,
            "shown": {"signalements": 14},
            "hidden": ["signalements_origine_medecin_du_travail", "entrees", "sorties"],
            "audit_passed": True,
        },
    },
    {
        "name": "entreprise_de_301_salaries_trois_dossiers",
        "description": "301 salariés : plus de 300, l'article s'applique (limite basse) ; ses trois dossiers, sous le seuil, sont tous masqués, signalements compris.",
        "policy": "aist43",
        "request": {"company": "ENT-2", "headcount": 301, "period": "2024"},
        "cases": POPULATION,
        "expected": {
            "cases": 3, "in_force": True,
            "shown": {"signalements": None},
            "hidden": ["signalements"],
            "audit_passed": True,
        },
    },
    {
        "name": "entreprise_de_300_salaries_refusee",
        "description": "300 salariés : l'article vise les entreprises de plus de 300 salariés ; le rapport est refusé à l'effectif.",
        "policy": "aist43",
        "request": {"company": "ENT-1", "headcount": 300, "period": "2024"},
        "cases": POPULATION,
        "expected": {"error": [{"code": "company_not_covered", "path": "headcount"}]},
    },
    {
        "name": "periode_avant_le_decret_2022_1435",
        "description": "Une période finie le 16 novembre 2022, avant l'entrée en vigueur du décret n° 2022-1435 (17 novembre 2022) : le rapport est fait et dit que l'article ne s'appliquait pas (in_force faux).",
        "policy": "aist43",
        "request": {"company": "ENT-3", "headcount": 500, "period": "2022-11-01/2022-11-16"},
        "cases": [case(30, "ENT-3", "2022-11-03"), case(31, "ENT-3", "2022-11-15")],
        "expected": {
            "cases": 2, "in_force": False,
            "shown": {"signalements": None},
            "hidden": ["signalements"],
            "audit_passed": True,
        },
    },
    {
        "name": "entreprise_nommee_et_trop_petite",
        "description": "Un nom d'entreprise n'est pas un identifiant pseudonyme, et 120 salariés ne sont pas plus de 300 : les deux problèmes à la fois, sans la valeur.",
        "policy": "aist43",
        "request": {"company": "Dupont SA", "headcount": 120, "period": "2024"},
        "cases": POPULATION,
        "expected": {"error": [
            {"code": "invalid_id", "path": "company"},
            {"code": "company_not_covered", "path": "headcount"},
        ]},
    },
]

OUT.mkdir(parents=True, exist_ok=True)
for v in vectors:
    (OUT / f"{v['name']}.json").write_text(json.dumps(v, ensure_ascii=False, indent=2) + "\n")
print(f"{len(vectors)} vectors written to {OUT}")
