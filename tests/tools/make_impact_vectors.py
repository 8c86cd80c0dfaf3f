"""Writes the impact vectors (tests/vectors/impacts/): a population
evaluated under two scenarios (a policy and options of the legal calendar),
and what changes, written by hand from the articles and the presets'
classification of exit results — never by running cme.

Run from the repository root: python3 tests/tools/make_impact_vectors.py
"""
import json
import pathlib

OUT = pathlib.Path(__file__).resolve().parents[1] / "vectors" / "impacts"


def leave_case(cid, cause, start, end):
    return {
        "format_version": 1, "id": cid, "service": "aist43",
        "worker": {"birth_year": 1975},
        "sick_leaves": [{"start": start, "end": end, "end_is_expected": True, "cause": cause}],
        "signalement": {"date": "2024-05-18", "source_visit": "a_la_demande", "signalled_by": "medecin_du_travail"},
        "consents": [], "events": [],
    }


def exit_case(cid, result):
    return {
        "format_version": 1, "id": cid, "service": "aist43",
        "worker": {"birth_year": 1975},
        "sick_leaves": [],
        "signalement": {"date": "2024-01-10", "source_visit": "a_la_demande", "signalled_by": "medecin_du_travail"},
        "consents": [],
        "events": [{"type": "contact", "date": "2024-01-15"},
                   {"type": "sortie", "date": "2024-03-01", "result": result}],
    }


def change(aspect, at, before, after):
    return {"aspect": aspect, "at": at, "before": before, "after": after}


VECTORS = [
    {
        "name": "seuils_2022_imposes_contre_anciens",
        "description": (
            "Les seuils du décret n° 2022-372 (R4624-29 : pré-reprise après plus de 30 jours d'arrêt au lieu de plus "
            "de 3 mois ; R4624-31 : reprise après au moins 60 jours au lieu de 30 pour une maladie ou un accident non "
            "professionnels) imposés à tous les arrêts, contre les anciens, au 25 mai 2024 pendant l'arrêt : un arrêt "
            "maladie de 45 jours perd la reprise obligatoire et gagne la pré-reprise possible ; un accident du travail "
            "de 45 jours garde sa reprise obligatoire (30 jours, les deux versions) et gagne la pré-reprise ; un arrêt "
            "maladie de 20 jours ne change pas."
        ),
        "cases": [
            leave_case("I-MALADIE-45", "maladie_non_professionnelle", "2024-05-15", "2024-06-28"),
            leave_case("I-AT-45", "accident_du_travail", "2024-05-15", "2024-06-28"),
            leave_case("I-MALADIE-20", "maladie_non_professionnelle", "2024-05-15", "2024-06-03"),
        ],
        "before": {"policy": "aist43", "options": {"thresholds": "avant_2022"}},
        "after": {"policy": "aist43", "options": {"thresholds": "depuis_2022"}},
        "as_of": "2024-05-25",
        "expected": {
            "cases": 3,
            "changed": 2,
            "by_aspect": {"obligation": 2},
            "changes": {
                "I-MALADIE-45": [
                    change("obligation", "absences[0].pre_reprise", "non_applicable", "possible"),
                    change("obligation", "absences[0].reprise", "obligatoire", "non_applicable"),
                ],
                "I-AT-45": [
                    change("obligation", "absences[0].pre_reprise", "non_applicable", "possible"),
                ],
            },
        },
    },
    {
        "name": "politique_aist43_contre_aismt13",
        "description": (
            "La même population sous la politique de l'AIST 43 puis sous celle de l'AISMT 13 : une sortie pour "
            "invalidité, ni positive ni négative pour l'AIST 43 (son bilan), devient une sortie négative ; une sortie "
            "par aménagement de poste reste positive."
        ),
        "cases": [exit_case("P-INVALIDITE", "invalidite"), exit_case("P-AMENAGEMENT", "amenagement_poste")],
        "before": {"policy": "aist43"},
        "after": {"policy": "aismt13"},
        "as_of": "2024-06-30",
        "expected": {
            "cases": 2,
            "changed": 1,
            "by_aspect": {"statut": 1},
            "changes": {"P-INVALIDITE": [change("statut", "", "sortie_neutre", "sortie_negative")]},
        },
    },
    {
        "name": "accord_de_branche_mi_carriere_a_50_ans",
        "description": (
            "Un accord de branche qui fixe la visite de mi-carrière à 50 ans au lieu de 45 (L4624-2-2 : « durant "
            "l'année civile du quarante-cinquième anniversaire ») ne change pas l'obligation, seulement son "
            "échéance : fin 2027 (45 ans d'un travailleur né en 1982) puis fin 2032 (50 ans) ; le changement est "
            "une « echeance », pas une « obligation »."
        ),
        "cases": [{
            "format_version": 1, "id": "MI-1982", "service": "aist43",
            "worker": {"birth_date": "1982-06-15"},
            "signalement": {"date": "2024-03-04", "source_visit": "visite_periodique",
                            "signalled_by": "medecin_du_travail"},
            "events": [],
        }],
        "before": {"policy": "aist43"},
        "after": {"policy": "aist43", "options": {"branch_agreement_age": 50}},
        "as_of": "2024-06-30",
        "expected": {
            "cases": 1,
            "changed": 1,
            "by_aspect": {"echeance": 1},
            "changes": {"MI-1982": [change("echeance", "mi_carriere", "2027-12-31", "2032-12-31")]},
        },
    },
    {
        "name": "scenario_invalide_refuse",
        "description": (
            "Un scénario dont l'option des seuils n'est pas l'une des deux versions est refusé, le problème à son "
            "chemin (after.options.thresholds)."
        ),
        "cases": [exit_case("P-INVALIDITE", "invalidite")],
        "before": {"policy": "aist43"},
        "after": {"policy": "aist43", "options": {"thresholds": "2019"}},
        "as_of": "2024-06-30",
        "expected": {"error": [{"code": "unknown_code", "path": "after.options.thresholds"}]},
    },
]

for v in VECTORS:
    path = OUT / f"{v['name']}.json"
    path.write_text(json.dumps(v, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(path)
