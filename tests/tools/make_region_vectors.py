"""Writes the region vectors (tests/vectors/regions/): cases of several
services, each counted under its own service's policy, and what the regional
report must say, computed by hand from the policies' classification of exit
results (cme-core/policies/*.json) — never by running cme.

Run from the repository root: python3 tests/tools/make_region_vectors.py
"""
import json
import pathlib

OUT = pathlib.Path(__file__).resolve().parents[1] / "vectors" / "regions"


def case(cid, service, result=None, section="C"):
    events = [{"type": "contact", "date": "2024-01-15"}]
    if result:
        events.append({"type": "sortie", "date": "2024-03-01", "result": result})
    return {
        "format_version": 1, "id": cid, "service": service,
        "worker": {"birth_year": 1970, "sector": {"nomenclature": "naf_rev2", "section": section},
                   "employer": "prive", "cim10_chapter": 13},
        "sick_leaves": [],
        "signalement": {"date": "2024-01-10", "source_visit": "pre_reprise", "signalled_by": "medecin_du_travail"},
        "consents": [], "events": events,
    }


def count(n):
    return {"numerator": n, "value": float(n)}


def pct(n, d):
    return {"numerator": n, "denominator": d, "value": round(100 * n / d, 2)}


PERIOD = {"start": "2024-01-01", "end": "2024-12-31"}
SEVEN = ["acismt", "aismt13", "aist43", "aist63", "asmt65", "astbtp01", "mt2i38"]
NEGATIVE_INVALIDITE = [s for s in SEVEN if s != "aist43"]

VECTORS = [
    {
        "name": "sept_services_chacun_sa_politique",
        "description": (
            "Rapport régional des sept services, chacun sous sa propre politique (préréglages) : "
            "7 entrées, 6 sorties. L'invalidité est une sortie négative pour l'AISMT 13 mais ni positive ni "
            "négative pour l'AIST 43 (son bilan compte 2 sorties négatives pour inaptitude 2 et invalidité 1) : "
            "le rapport régional ne la reclasse pas, il additionne 2 maintiens non réalisés (invalidité AISMT 13, "
            "inaptitude ACISMT) et dit la divergence ; les sorties et leurs résultats ont la même définition partout."
        ),
        "policies": None,
        "period": PERIOD,
        "by": [],
        "cases": [
            case("R-ASMT65", "asmt65", "amenagement_poste"),
            case("R-AISMT13", "aismt13", "invalidite"),
            case("R-ACISMT", "acismt", "inaptitude"),
            case("R-AIST63", "aist63", "reconversion"),
            case("R-ASTBTP01", "astbtp01"),
            case("R-MT2I38", "mt2i38", "autre_solution_sociale"),
            case("R-AIST43", "aist43", "invalidite"),
        ],
        "expected": {
            "total": {
                "entrees": count(7),
                "sorties": count(6),
                "resultat_invalidite": pct(2, 6),
                "maintiens_realises": count(2),
                "maintiens_non_realises": count(2),
                "taux_sorties_positives": pct(2, 6),
                "statut_en_cours": pct(1, 7),
                "statut_sortie_neutre": pct(2, 7),
                "statut_sortie_negative": pct(2, 7),
            },
            "policies": {s: s for s in SEVEN},
            "divergences": {"invalidite": {s: ("neutre" if s == "aist43" else "negative") for s in SEVEN}},
            "bases": {"sorties": "harmonise", "cohorte_12_mois_en_emploi": "harmonise",
                      "maintiens_non_realises": "selon_politique", "statut_sortie_neutre": "selon_politique"},
        },
    },
    {
        "name": "deux_services_nommes_par_la_region",
        "description": (
            "Une région nomme ses services (nord, sud) et leur politique : nord suit l'AIST 43, sud l'AISMT 13. "
            "Par service, les invalidités sont neutres au nord et négatives au sud ; la région additionne chaque "
            "service sous sa politique (1 maintien non réalisé) et dit la divergence."
        ),
        "policies": {"nord": "aist43", "sud": "aismt13"},
        "period": PERIOD,
        "by": ["service"],
        "cases": [
            case("N-1", "nord", "invalidite"),
            case("N-2", "nord", "amenagement_poste"),
            case("S-1", "sud", "invalidite"),
            case("S-2", "sud"),
        ],
        "expected": {
            "total": {
                "entrees": count(4),
                "sorties": count(3),
                "maintiens_realises": count(1),
                "maintiens_non_realises": count(1),
                "statut_sortie_neutre": pct(1, 4),
            },
            "cells": [
                {"key": ["nord"], "values": {"sorties": count(2), "maintiens_non_realises": count(0),
                                             "statut_sortie_neutre": pct(1, 2)}},
                {"key": ["sud"], "values": {"sorties": count(1), "maintiens_non_realises": count(1),
                                            "statut_en_cours": pct(1, 2)}},
            ],
            "policies": {"nord": "aist43", "sud": "aismt13"},
            "divergences": {"invalidite": {"nord": "neutre", "sud": "negative"}},
        },
    },
    {
        "name": "service_sans_politique_refuse",
        "description": (
            "Un dossier d'un service pour lequel la région n'a pas de politique n'est pas compté en silence : "
            "le rapport est refusé, le problème au champ « service » du dossier (unknown_code)."
        ),
        "policies": {"nord": "aist43"},
        "period": PERIOD,
        "by": [],
        "cases": [case("N-1", "nord", "invalidite"), case("X-1", "ailleurs")],
        "expected": {"total": {}, "error": [{"code": "unknown_code", "path": "cases[1].service"}]},
    },
]

for v in VECTORS:
    path = OUT / f"{v['name']}.json"
    path.write_text(json.dumps(v, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(path)
