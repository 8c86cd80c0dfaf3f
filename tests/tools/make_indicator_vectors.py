#!/usr/bin/env python3
"""Writes tests/vectors/indicators/*.json: synthetic case sets (no real
person) and the figures the seeds report, written here by hand:

- AIST 43's intermediate bilan (seed 004): 103 prescriptions since 1 June
  2020, 43 entries; statuses en cours 31 (72,09 %), refus 1 (2,33 %), sortie
  négative 2 (4,65 %), sortie positive 9 (20,93 %); 69 days on average in the
  cell; "9 sorties positives sur un total de 12 soit 75,00 %"; exit results
  aménagement 4, externe 1, interne 3, CDI 0, inaptitude 2, invalidité 1,
  reconversion 0, création 1.
- AISMT 13's figures (seed 001): 30 % inaptitude construite, 21 %
  d'inaptitudes évitées, 41 % d'accompagnement précoce.
- period placement at the boundaries of half-years and quarters, and a
  breakdown by sector.

Run: python3 tests/tools/make_indicator_vectors.py
"""
import datetime as dt
import json
import pathlib

OUT = pathlib.Path(__file__).resolve().parent.parent / "vectors" / "indicators"


def d(x):
    return x.isoformat()


def case(i, service, signalement, events, source="pre_reprise", leaves=None, sector="Q", chapter=13, consents=None):
    return {
        "format_version": 1, "id": f"{service.upper()}-{i:03d}", "service": service,
        "worker": {"birth_year": 1970 + i % 25, "sector": {"nomenclature": "naf_rev2", "section": sector},
                   "employer": "prive", "cim10_chapter": chapter},
        "sick_leaves": leaves or [],
        "signalement": {"date": d(signalement), "source_visit": source, "signalled_by": "medecin_du_travail"},
        "consents": consents or [],
        "events": events,
    }


vectors = []

# ---------------------------------------------------------------- AIST 43 bilan
START, END = dt.date(2020, 6, 1), dt.date(2020, 11, 12)
results = (["amenagement_poste"] * 4 + ["changement_poste_externe"] + ["changement_poste_interne"] * 3
           + ["inaptitude"] * 2 + ["invalidite"] + ["creation_entreprise"])
cases = []
stays = []
for i in range(43):
    # exits and the refusal from June, ongoing cases from August
    sig = START + dt.timedelta(days=i * 2) if i <= 12 else dt.date(2020, 8, 1) + dt.timedelta(days=2 * (i - 13))
    entry = sig + dt.timedelta(days=3 + i % 5)
    events = [{"type": "contact", "date": d(entry)}]
    if i < 12:                                       # 12 exits
        stay = 40 + 5 * i                            # 40 .. 95 days
        out = entry + dt.timedelta(days=stay)
        e = {"type": "sortie", "date": d(out), "result": results[i]}
        if results[i] == "inaptitude":
            e["dismissal"] = i % 2 == 0
            e["prepared"] = False
        events.append(e)
    elif i == 12:                                    # 1 refusal
        stay = 10
        events.append({"type": "refus_accompagnement", "date": d(entry + dt.timedelta(days=stay))})
    else:                                            # 30 ongoing: stay until the end of the period
        stay = (END - entry).days
    stays.append(stay)
    cases.append(case(i + 1, "aist43", sig, events))
# Adjust the refusal so that the mean stay is exactly 69 days (sum 2967 over 43 entries).
missing = 69 * 43 - sum(stays)
assert 0 <= 10 + missing < 120, missing
stays[12] = 10 + missing
entry12 = dt.date.fromisoformat(cases[12]["events"][0]["date"])
cases[12]["events"][1]["date"] = d(entry12 + dt.timedelta(days=stays[12]))
assert sum(stays) == 69 * 43
for j in range(60):                                  # 60 prescriptions without entry
    sig = START + dt.timedelta(days=(j * 5) % 160)
    events = [{"type": "absence_reponse", "date": d(sig + dt.timedelta(days=20))}] if j % 3 == 0 else []
    if sig + dt.timedelta(days=20) > END:
        events = []
    cases.append(case(100 + j, "aist43", sig, events))


def v(n, den=None, value=None):
    out = {"numerator": n}
    if den is not None:
        out["denominator"] = den
    out["value"] = value if value is not None else float(n)
    return out


vectors.append({
    "name": "aist43_bilan_intermediaire",
    "description": "Bilan intermédiaire de l'AIST 43 (seed 004) reproduit à partir de 103 dossiers synthétiques : 103 prescriptions, 43 entrées, statuts, 69 jours en moyenne, 9 sorties positives sur 12 (75,00 %), tableau des résultats. Le tableau des statuts compte l'invalidité (sortie neutre pour l'AIST 43) avec les dossiers en cours.",
    "policy": "aist43",
    "period": {"start": d(START), "end": d(END)},
    "by": [],
    "cases": cases,
    "expected": {"total": {
        "signalements": v(103), "entrees": v(43),
        "statut_aist43_en_cours": v(31, 43, 72.09), "statut_en_cours": v(30, 43, 69.77),
        "statut_sortie_neutre": v(1, 43, 2.33),
        "statut_refus_integration": v(1, 43, 2.33), "statut_sortie_negative": v(2, 43, 4.65),
        "statut_sortie_positive": v(9, 43, 20.93),
        "duree_moyenne_sejour": v(2967, 43, 69.0),
        "sorties": v(12), "taux_sorties_positives": v(9, 12, 75.0),
        "resultat_amenagement_poste": v(4, 12, 33.33), "resultat_changement_poste_externe": v(1, 12, 8.33),
        "resultat_changement_poste_interne": v(3, 12, 25.0), "resultat_embauche_cdi": v(0, 12, 0.0),
        "resultat_inaptitude": v(2, 12, 16.67), "resultat_invalidite": v(1, 12, 8.33),
        "resultat_reconversion": v(0, 12, 0.0), "resultat_creation_entreprise": v(1, 12, 8.33),
        "maintiens_realises": v(9), "maintiens_non_realises": v(2), "inaptitudes_avec_licenciement": v(1),
    }, "targets": {"signalements": [100, 103], "dossiers": [80, 43], "maintien_percent": [50.0, 75.0]}},
})

# ---------------------------------------------------------------- AISMT 13 three rates
cases = []
Y0 = dt.date(2023, 1, 9)
for i in range(100):
    sig = Y0 + dt.timedelta(days=i)
    leave_start = sig - dt.timedelta(days=40)
    entry = sig + dt.timedelta(days=5)
    # 41 early: the leave ends after the entry; 59 late: it ended before.
    leave_end = entry + dt.timedelta(days=30) if i < 41 else sig - dt.timedelta(days=2)
    leaves = [{"start": d(leave_start), "end": d(leave_end), "cause": "maladie_non_professionnelle"}]
    if i < 21:
        result, extra = "amenagement_poste", {}
    elif i < 51:
        result, extra = "inaptitude", {"prepared": True, "dismissal": True}
    elif i < 81:
        result, extra = "inaptitude", {"prepared": False, "dismissal": True}
    else:
        result, extra = "invalidite", {}
    exit_e = {"type": "sortie", "date": d(entry + dt.timedelta(days=60)), "result": result}
    exit_e.update(extra)
    events = [{"type": "contact", "date": d(entry)}, exit_e]
    cases.append(case(i + 1, "aismt13", sig, events, source="pre_reprise" if i % 2 else "reprise", leaves=leaves))
vectors.append({
    "name": "aismt13_trois_taux",
    "description": "Les trois taux de l'AISMT 13 (seed 001) sur 100 dossiers synthétiques : 30 % d'inaptitude construite, 21 % d'inaptitudes évitées, 41 % d'accompagnement précoce.",
    "policy": "aismt13",
    "period": {"start": "2023-01-01", "end": "2023-12-31"},
    "by": [],
    "cases": cases,
    "expected": {"total": {
        "entrees": v(100), "dossiers_traites": v(100), "sorties": v(100),
        "inaptitude_construite": v(30, 100, 30.0), "inaptitudes_evitees": v(21, 100, 21.0),
        "accompagnement_precoce": v(41, 100, 41.0), "inaptitudes_avec_licenciement": v(60),
    }},
})

# ---------------------------------------------------------------- period placement
def placement(name, description, period, sig_dates, expected_signalements):
    cs = [case(i + 1, "acismt", dt.date.fromisoformat(s), []) for i, s in enumerate(sig_dates)]
    vectors.append({"name": name, "description": description, "policy": "acismt", "period": period, "by": [],
                    "cases": cs, "expected": {"total": {"signalements": v(expected_signalements)}}})


placement("semestre_1_borne", "Le premier semestre 2024 compte le signalement du 30 juin, pas celui du 1er juillet.",
          {"start": "2024-01-01", "end": "2024-06-30"}, ["2023-12-31", "2024-01-01", "2024-06-30", "2024-07-01"], 2)
placement("semestre_2_borne", "Le second semestre 2024 compte le 1er juillet et le 31 décembre.",
          {"start": "2024-07-01", "end": "2024-12-31"}, ["2024-06-30", "2024-07-01", "2024-12-31", "2025-01-01"], 2)
placement("trimestre_1_annee_bissextile", "Le premier trimestre 2024 va jusqu'au 31 mars ; le 29 février en fait partie.",
          {"start": "2024-01-01", "end": "2024-03-31"}, ["2024-02-29", "2024-03-31", "2024-04-01"], 2)

# ---------------------------------------------------------------- by sector
cs = []
for i, (sector, result) in enumerate([("F", "amenagement_poste")] * 3 + [("F", "inaptitude")] + [("Q", "reconversion")] * 2):
    sig = dt.date(2024, 2, 1) + dt.timedelta(days=i)
    ev = [{"type": "contact", "date": d(sig + dt.timedelta(days=2))},
          {"type": "sortie", "date": d(sig + dt.timedelta(days=50)), "result": result}]
    cs.append(case(i + 1, "astbtp01", sig, ev, sector=sector))
vectors.append({
    "name": "par_secteur", "description": "Maintiens réalisés et non réalisés par secteur (seed 003).",
    "policy": "astbtp01", "period": {"start": "2024-01-01", "end": "2024-12-31"}, "by": ["secteur"], "cases": cs,
    "expected": {"total": {"maintiens_realises": v(5), "maintiens_non_realises": v(1)},
                 "cells": [{"key": ["naf_rev2:F"], "values": {"maintiens_realises": v(3), "maintiens_non_realises": v(1),
                                                               "taux_sorties_positives": v(3, 4, 75.0)}},
                           {"key": ["naf_rev2:Q"], "values": {"maintiens_realises": v(2), "maintiens_non_realises": v(0)}}]},
})

# ---------------------------------------------------------------- some figures only
# The same six cases, asked for three figures (in another order, one
# twice): each binding's `indicators` option shows those only, once each,
# in the catalogue's order (entries, exits, maintiens réalisés). Every case
# is contacted two days after its signalement in February 2024 and leaves
# 50 days later: 6 entries and 6 exits, 5 of them maintiens (the inaptitude
# is not one); in F 4, 4 and 3, in Q 2, 2 and 2.
vectors.append({
    "name": "indicateurs_choisis_par_secteur",
    "description": "Un rapport de quelques indicateurs seulement (entrées, sorties, maintiens réalisés, demandés dans un autre ordre, l'un deux fois) : chacun une fois, dans l'ordre du catalogue, avec les chiffres du rapport entier (seed 003).",
    "policy": "astbtp01", "period": {"start": "2024-01-01", "end": "2024-12-31"}, "by": ["secteur"], "cases": cs,
    "indicators": ["sorties", "maintiens_realises", "entrees", "sorties"],
    "expected": {"shown": ["entrees", "sorties", "maintiens_realises"],
                 "total": {"entrees": v(6), "sorties": v(6), "maintiens_realises": v(5)},
                 "cells": [{"key": ["naf_rev2:F"], "values": {"entrees": v(4), "sorties": v(4), "maintiens_realises": v(3)}},
                           {"key": ["naf_rev2:Q"], "values": {"entrees": v(2), "sorties": v(2), "maintiens_realises": v(2)}}]},
})

# ---------------------------------------------------------------- delays
# Signalement -> first contact: 2, 5 and 11 days (mean 6,00); a fourth case
# is never contacted (not an entry, not in the delay); a fifth, signalled in
# 2023 and contacted in January 2024, is an entry of 2024 (delay 20 days)
# but not a signalement of 2024.
cs = []
for i, (sig, delay) in enumerate([("2024-03-01", 2), ("2024-04-01", 5), ("2024-05-01", 11), ("2024-06-01", None),
                                  ("2023-12-20", 20)]):
    s0 = dt.date.fromisoformat(sig)
    ev = [] if delay is None else [{"type": "contact", "date": d(s0 + dt.timedelta(days=delay))}]
    cs.append(case(i + 1, "aist63", s0, ev))
vectors.append({
    "name": "delai_premier_contact",
    "description": "Délai moyen signalement → premier contact sur les entrées de la période (2, 5, 11 et 20 jours : 9,50) ; un dossier jamais contacté n'est pas une entrée ; un dossier signalé en 2023 et contacté en 2024 est une entrée de 2024 mais pas un signalement de 2024.",
    "policy": "aist63", "period": {"start": "2024-01-01", "end": "2024-12-31"}, "by": [], "cases": cs,
    "expected": {"total": {"signalements": v(4), "entrees": v(4),
                           "delai_signalement_contact": v(38, 4, 9.5)}},
})

# ---------------------------------------------------------------- two dimensions
# By source visit and age band at the signalement: (pre_reprise, 35_44) x2,
# (reprise, 35_44) x1, (pre_reprise, 55_et_plus) x1.
cs = []
for i, (source, birth) in enumerate([("pre_reprise", 1985), ("pre_reprise", 1986), ("reprise", 1984),
                                     ("pre_reprise", 1960)]):
    c = case(i + 1, "aismt13", dt.date(2024, 9, 2 + i), [], source=source)
    c["worker"]["birth_year"] = birth
    cs.append(c)
vectors.append({
    "name": "par_visite_source_et_tranche_age",
    "description": "Signalements croisés par visite à l'origine et tranche d'âge au signalement (deux dimensions) : une cellule par combinaison présente.",
    "policy": "aismt13", "period": {"start": "2024-01-01", "end": "2024-12-31"}, "by": ["visite_source", "tranche_age"],
    "cases": cs,
    "expected": {"total": {"signalements": v(4), "signalements_pre_reprise": v(3)},
                 "cells": [{"key": ["pre_reprise", "35_44"], "values": {"signalements": v(2)}},
                           {"key": ["pre_reprise", "55_et_plus"], "values": {"signalements": v(1)}},
                           {"key": ["reprise", "35_44"], "values": {"signalements": v(1), "signalements_pre_reprise": v(0)}}]},
})

# ---------------------------------------------------------------- refused events do not count
# An exit dated before the signalement is refused by the pathway: it is
# not an exit of the period; a follow-up without exit is refused too.
cs = [case(1, "acismt", dt.date(2024, 5, 10), [{"type": "contact", "date": "2024-05-12"},
                                               {"type": "sortie", "date": "2024-05-01", "result": "amenagement_poste"}]),
      case(2, "acismt", dt.date(2024, 5, 10), [{"type": "contact", "date": "2024-05-12"},
                                               {"type": "sortie", "date": "2024-07-01", "result": "reconversion"},
                                               {"type": "suivi", "date": "2025-01-05", "still_employed": True}]),
      case(3, "acismt", dt.date(2024, 5, 10), [{"type": "suivi", "date": "2024-11-05", "still_employed": True}])]
vectors.append({
    "name": "evenements_refuses_non_comptes",
    "description": "Un événement que le parcours refuse (sortie datée avant le signalement, suivi sans sortie) ne compte dans aucun indicateur : une seule sortie en 2024.",
    "policy": "acismt", "period": {"start": "2024-01-01", "end": "2024-12-31"}, "by": [], "cases": cs,
    "expected": {"total": {"signalements": v(3), "entrees": v(2), "sorties": v(1)}},
})

OUT.mkdir(parents=True, exist_ok=True)
# The folder holds vectors written otherwise too (the harmonised cohort,
# the law's counts): none is removed here.
for vec in vectors:
    (OUT / f"{vec['name']}.json").write_text(json.dumps(vec, ensure_ascii=False, indent=1) + "\n")
print(f"{len(vectors)} vectors written to {OUT}")
