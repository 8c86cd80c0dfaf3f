#!/usr/bin/env python3
"""Writes tests/vectors/legal/*.json: boundary vectors of the legal calendar
(LEGAL.md) at D-1, D and D+1 for every threshold: 30/31 days, 59/60 days,
3 months, sick leaves starting on 30 and 31 March and 1 April 2022, leap
years. Each vector gives a calendar input of one prescription (a sick
leave, a worker, who asks for the pré-reprise, if anyone, on the evaluation
date), an evaluation date, and for the rules it checks the expected
obligation, the rule version and (reprise, mi-carrière) the deadline. The
expectations are written here by hand. The other vectors of the folder
(several prescriptions, visits done, measures, texts since 2022) are written
by hand as files; this script leaves them alone.

Run: python3 tests/tools/make_legal_vectors.py
"""
import datetime as dt
import json
import pathlib

OUT = pathlib.Path(__file__).resolve().parent.parent / "vectors" / "legal"
vectors = []


def D(s):
    return dt.date.fromisoformat(s)


def end_for(start, days):
    """The last day of a leave of `days` calendar days, both ends included."""
    return (D(start) + dt.timedelta(days=days - 1)).isoformat()


def vector(name, description, leave, as_of, expected, worker=None, requested_by=None, options=None):
    # A calendar input of one prescription; the pré-reprise request, when
    # there is one, is dated on the evaluation date.
    inp = {"leaves": [leave], "worker": worker if worker is not None else {"birth_year": 1980}}
    if requested_by:
        inp["pre_reprise_request"] = {"requested_by": requested_by, "date": as_of}
    v = {"name": name, "description": description, "as_of": as_of, "input": inp}
    if options:
        v["options"] = options
    v["expected"] = expected
    vectors.append(v)


def o(obligation, version, due=None):
    e = {"obligation": obligation, "version": version}
    if due:
        e["due"] = due
    return e


NP = "maladie_non_professionnelle"

# --- more than 30 days (liaison, pré-reprise since 2022), leave from 1 March 2023 ---
for days, ob in [(30, "non_applicable"), (31, "possible"), (32, "possible")]:
    vector(f"plus_de_30_jours_{days}", f"Arrêt de {days} jours commencé le 1er mars 2023 : plus de 30 jours ?",
           {"start": "2023-03-01", "end": end_for("2023-03-01", days), "end_is_expected": True, "cause": NP}, "2023-03-10",
           {"rendez_vous_liaison": o(ob, "liaison_2022"), "pre_reprise": o(ob, "pre_reprise_2022")})
vector("plus_de_30_jours_29", "Arrêt de 29 jours : ni rendez-vous de liaison ni pré-reprise.",
       {"start": "2023-03-01", "end": end_for("2023-03-01", 29), "end_is_expected": True, "cause": NP}, "2023-03-10",
       {"rendez_vous_liaison": o("non_applicable", "liaison_2022"), "pre_reprise": o("non_applicable", "pre_reprise_2022")})

# --- reprise after a non-professional illness: at least 60 days since April 2022 ---
for days in (59, 60, 61):
    end = end_for("2023-03-01", days)
    due = (D(end) + dt.timedelta(days=9)).isoformat() if days >= 60 else None
    vector(f"reprise_non_pro_2023_{days}_jours", f"Maladie non professionnelle de {days} jours (arrêt de 2023) : reprise obligatoire à partir de 60 jours.",
           {"start": "2023-03-01", "end": end, "cause": NP}, "2023-06-30",
           {"reprise": o("obligatoire" if days >= 60 else "non_applicable", "reprise_2022", due)})
# --- before April 2022: at least 30 days ---
for days in (29, 30, 31):
    end = end_for("2021-06-01", days)
    due = (D(end) + dt.timedelta(days=9)).isoformat() if days >= 30 else None
    vector(f"reprise_non_pro_2021_{days}_jours", f"Accident non professionnel de {days} jours (arrêt de 2021) : reprise obligatoire à partir de 30 jours.",
           {"start": "2021-06-01", "end": end, "cause": "accident_non_professionnel"}, "2021-09-30",
           {"reprise": o("obligatoire" if days >= 30 else "non_applicable", "reprise_2017", due)})
# --- accident du travail: at least 30 days ---
for days in (29, 30, 31):
    end = end_for("2023-03-01", days)
    due = (D(end) + dt.timedelta(days=9)).isoformat() if days >= 30 else None
    vector(f"reprise_accident_du_travail_{days}_jours", f"Accident du travail de {days} jours : reprise obligatoire à partir de 30 jours.",
           {"start": "2023-03-01", "end": end, "cause": "accident_du_travail"}, "2023-06-30",
           {"reprise": o("obligatoire" if days >= 30 else "non_applicable", "reprise_2022", due)})
vector("reprise_maladie_professionnelle_un_jour", "Maladie professionnelle, un seul jour d'arrêt : reprise obligatoire.",
       {"start": "2023-05-10", "end": "2023-05-10", "cause": "maladie_professionnelle"}, "2023-06-30",
       {"reprise": o("obligatoire", "reprise_2022", "2023-05-19")})
vector("reprise_maternite", "Après un congé de maternité : reprise obligatoire, au plus tard 8 jours après le retour.",
       {"start": "2023-01-02", "end": "2023-04-23", "cause": "maternite"}, "2023-06-30",
       {"reprise": o("obligatoire", "reprise_2022", "2023-05-02"), "rendez_vous_liaison": o("non_applicable", "liaison_2022")})

# --- the date of the fact: leaves starting on 30 March, 31 March and 1 April 2022 (45 days) ---
for start, new in [("2022-03-30", False), ("2022-03-31", False), ("2022-04-01", True)]:
    leave = {"start": start, "end": end_for(start, 45), "end_is_expected": True, "cause": NP}
    as_of = (D(start) + dt.timedelta(days=10)).isoformat()
    exp = {
        # L1226-1-3 / D1226-8-1 date the meeting, not the leave: each of these
        # leaves runs on 31 March 2022, so a meeting is possible from then.
        "rendez_vous_liaison": o("possible", "liaison_2022"),
        "pre_reprise": o("possible", "pre_reprise_2022") if new else o("non_applicable", "pre_reprise_2017"),
        "reprise": o("non_applicable", "reprise_2022") if new else
                   o("obligatoire", "reprise_2017", (D(end_for(start, 45)) + dt.timedelta(days=9)).isoformat()),
    }
    vector(f"arret_commence_le_{start}", f"Arrêt de 45 jours commencé le {start} : les seuils de pré-reprise et de reprise (R4624-29, R4624-31, décret n° 2022-372 art. 6) sont choisis par le début de l'arrêt (anciens seuils) ; le rendez-vous de liaison (L1226-1-3, D1226-8-1) par sa date : possible dès le 31 mars 2022."
           if start == "2022-03-31" else f"Arrêt de 45 jours commencé le {start} : la version est choisie par le début de l'arrêt.",
           leave, as_of, exp)
vector("arret_du_31_mars_2022_evalue_en_2030", "Un arrêt commencé le 31 mars 2022 garde les anciens seuils, même évalué en 2030.",
       {"start": "2022-03-31", "end": end_for("2022-03-31", 45), "cause": NP}, "2030-01-01",
       {"reprise": o("obligatoire", "reprise_2017", (D(end_for("2022-03-31", 45)) + dt.timedelta(days=9)).isoformat())})

# --- more than 3 months (pré-reprise before April 2022): from 15 January 2021, the threshold day is 15 April ---
for end, ob in [("2021-04-14", "non_applicable"), ("2021-04-15", "possible"), ("2021-04-16", "possible")]:
    vector(f"pre_reprise_trois_mois_{end}", f"Arrêt du 15 janvier au {end} 2021 : plus de 3 mois si l'arrêt court encore le 15 avril.",
           {"start": "2021-01-15", "end": end, "end_is_expected": True, "cause": NP}, "2021-02-01",
           {"pre_reprise": o(ob, "pre_reprise_2017")})

# --- leap years ---
vector("annee_bissextile_30_jours", "Du 1er février au 1er mars 2024 (année bissextile) : 30 jours, pas plus de 30.",
       {"start": "2024-02-01", "end": "2024-03-01", "end_is_expected": True, "cause": NP}, "2024-02-10",
       {"rendez_vous_liaison": o("non_applicable", "liaison_2022"), "pre_reprise": o("non_applicable", "pre_reprise_2022")})
vector("annee_non_bissextile_31_jours", "Du 1er février au 3 mars 2023 : 31 jours, plus de 30.",
       {"start": "2023-02-01", "end": "2023-03-03", "end_is_expected": True, "cause": NP}, "2023-02-10",
       {"rendez_vous_liaison": o("possible", "liaison_2022"), "pre_reprise": o("possible", "pre_reprise_2022")})
vector("trois_mois_au_29_fevrier_veille", "Arrêt du 30 novembre 2019 : trois mois plus tard tombe le 29 février 2020 ; fin le 28 février, pas plus de 3 mois.",
       {"start": "2019-11-30", "end": "2020-02-28", "end_is_expected": True, "cause": NP}, "2019-12-15",
       {"pre_reprise": o("non_applicable", "pre_reprise_2017")})
vector("trois_mois_au_29_fevrier", "Arrêt du 30 novembre 2019 au 29 février 2020 : plus de 3 mois.",
       {"start": "2019-11-30", "end": "2020-02-29", "end_is_expected": True, "cause": NP}, "2019-12-15",
       {"pre_reprise": o("possible", "pre_reprise_2017")})
vector("echeance_reprise_29_fevrier", "Maladie professionnelle terminée le 20 février 2024 : échéance de reprise le 29 février.",
       {"start": "2024-02-20", "end": "2024-02-20", "cause": "maladie_professionnelle"}, "2024-03-15",
       {"reprise": o("obligatoire", "reprise_2022", "2024-02-29")})

# --- who asks for the pré-reprise ---
vector("pre_reprise_demandee_par_employeur", "L'employeur ne peut jamais demander une visite de pré-reprise.",
       {"start": "2023-03-01", "end": "2023-06-30", "end_is_expected": True, "cause": NP}, "2023-04-15",
       {"pre_reprise": o("demande_irrecevable", "pre_reprise_2022")}, requested_by="employeur")
vector("pre_reprise_employeur_avant_2022", "Avant 2022 non plus, l'employeur ne pouvait pas la demander.",
       {"start": "2021-01-04", "end": "2021-06-30", "end_is_expected": True, "cause": NP}, "2021-04-15",
       {"pre_reprise": o("demande_irrecevable", "pre_reprise_2017")}, requested_by="employeur")
vector("pre_reprise_medecin_du_travail_2023", "Depuis 2022, le médecin du travail peut demander la pré-reprise.",
       {"start": "2023-03-01", "end": "2023-06-30", "end_is_expected": True, "cause": NP}, "2023-04-15",
       {"pre_reprise": o("possible", "pre_reprise_2022")}, requested_by="medecin_du_travail")
vector("pre_reprise_medecin_du_travail_2021", "Avant 2022, le médecin du travail ne pouvait pas la demander.",
       {"start": "2021-01-04", "end": "2021-06-30", "end_is_expected": True, "cause": NP}, "2021-04-15",
       {"pre_reprise": o("demande_irrecevable", "pre_reprise_2017")}, requested_by="medecin_du_travail")
vector("pre_reprise_medecin_conseil", "Le médecin conseil peut demander la pré-reprise.",
       {"start": "2023-03-01", "end": "2023-06-30", "end_is_expected": True, "cause": NP}, "2023-04-15",
       {"pre_reprise": o("possible", "pre_reprise_2022")}, requested_by="medecin_conseil")
vector("pre_reprise_apres_la_fin", "Une fois l'arrêt terminé, la pré-reprise n'a plus lieu d'être.",
       {"start": "2023-03-01", "end": "2023-06-30", "cause": NP}, "2023-07-15",
       {"pre_reprise": o("non_applicable", "pre_reprise_2022")})

# --- unknown end: decide what can be decided ---
vector("fin_inconnue_20_jours", "Arrêt sans fin connue, 20 jours écoulés : rien ne peut être décidé.",
       {"start": "2023-03-01", "cause": NP}, "2023-03-20",
       {"rendez_vous_liaison": o("indeterminee", "liaison_2022"), "pre_reprise": o("indeterminee", "pre_reprise_2022"),
        "reprise": o("indeterminee", "reprise_2022")})
vector("fin_inconnue_36_jours", "Arrêt sans fin connue, déjà 36 jours : liaison et pré-reprise possibles ; la reprise attend la fin.",
       {"start": "2023-03-01", "cause": NP}, "2023-04-05",
       {"rendez_vous_liaison": o("possible", "liaison_2022"), "pre_reprise": o("possible", "pre_reprise_2022"),
        "reprise": o("indeterminee", "reprise_2022")})

# --- before the encoded period: said, not guessed ---
vector("arret_de_2011_non_encode", "Arrêt commencé en 2011 : cme n'encode pas les règles de cette période et le dit.",
       {"start": "2011-06-01", "end": "2011-09-30", "cause": NP}, "2011-10-15",
       {"rendez_vous_liaison": o("indeterminee", "liaison_non_encodee"), "pre_reprise": o("indeterminee", "pre_reprise_non_encodee"),
        "reprise": o("indeterminee", "reprise_non_encodee")})
vector("arret_du_1er_juillet_2012", "Premier jour des règles encodées (décret de 2012) : 30 jours de maladie non professionnelle.",
       {"start": "2012-07-01", "end": end_for("2012-07-01", 30), "cause": NP}, "2012-09-01",
       {"reprise": o("obligatoire", "reprise_2012", (D(end_for("2012-07-01", 30)) + dt.timedelta(days=9)).isoformat()),
        "rendez_vous_liaison": o("non_applicable", "liaison_inexistant")})

# --- mi-carrière ---
LEAVE = {"start": "2023-03-01", "end": "2023-03-10", "cause": NP}
vector("mi_carriere_45_ans_en_2022", "45 ans en 2022 : visite de mi-carrière dans l'année (la règle vaut depuis le 31 mars 2022).",
       LEAVE, "2023-06-30", {"mi_carriere": o("obligatoire", "mi_carriere_2022", "2022-12-31")}, worker={"birth_year": 1977})
vector("mi_carriere_45_ans_en_2021", "45 ans en 2021 : la visite de mi-carrière n'existait pas.",
       LEAVE, "2023-06-30", {"mi_carriere": o("non_applicable", "mi_carriere_inexistante")}, worker={"birth_year": 1976})
vector("mi_carriere_accord_de_branche_50_ans", "Accord de branche à 50 ans : visite en 2030 pour un salarié né en 1980.",
       LEAVE, "2023-06-30", {"mi_carriere": o("obligatoire", "mi_carriere_2022", "2030-12-31")},
       worker={"birth_date": "1980-05-17"}, options={"branch_agreement_age": 50})
vector("mi_carriere_naissance_inconnue", "Sans année de naissance, la visite de mi-carrière ne peut être située.",
       LEAVE, "2023-06-30", {"mi_carriere": o("indeterminee", "mi_carriere_2022")}, worker={})

# --- sweeps: the same rules on every month of 2023 and 2024 (month ends,
# February of a leap year), the expectations computed here from LEGAL.md,
# not from cme ---
def last_day(year, month):
    nxt = dt.date(year + (month == 12), month % 12 + 1, 1)
    return nxt - dt.timedelta(days=1)


# Reprise after a maladie professionnelle ending on the last day of the
# month: at the latest 8 days after the return to work (the day after the
# end), R4624-31.
for year in (2023, 2024):
    for month in range(1, 13):
        end = last_day(year, month)
        due = (end + dt.timedelta(days=9)).isoformat()
        vector(f"echeance_reprise_fin_de_mois_{end.isoformat()}",
               f"Maladie professionnelle terminée le {end.isoformat()} (dernier jour du mois) : reprise au plus tard "
               f"8 jours après le retour du {(end + dt.timedelta(days=1)).isoformat()}, soit le {due} (R4624-31).",
               {"start": end.isoformat(), "end": end.isoformat(), "cause": "maladie_professionnelle"},
               (end + dt.timedelta(days=20)).isoformat(),
               {"reprise": o("obligatoire", "reprise_2022", due)})

# More than 30 days (L1226-1-3, R4624-29 since 31 March 2022): a leave
# starting on the first of each month of 2023, of 30 days (no) and 31 days
# (yes), running at the evaluation date.
for month in range(1, 13):
    start = dt.date(2023, month, 1)
    for days, ob in ((30, "non_applicable"), (31, "possible")):
        vector(f"plus_de_30_jours_2023_{month:02d}_{days}",
               f"Arrêt de {days} jours commencé le {start.isoformat()} : le rendez-vous de liaison et la "
               f"pré-reprise supposent plus de 30 jours (version de 2022).",
               {"start": start.isoformat(), "end": end_for(start.isoformat(), days), "end_is_expected": True, "cause": NP},
               (start + dt.timedelta(days=5)).isoformat(),
               {"rendez_vous_liaison": o(ob, "liaison_2022"), "pre_reprise": o(ob, "pre_reprise_2022")})

# Reprise after a non-professional illness since April 2022: at least 60
# days (R4624-31); leaves starting mid-quarter in 2024, of 59 and 60 days.
for start in ("2024-01-15", "2024-04-15", "2024-07-15", "2024-10-15"):
    for days in (59, 60):
        end = end_for(start, days)
        due = (D(end) + dt.timedelta(days=9)).isoformat() if days >= 60 else None
        vector(f"reprise_non_pro_{start}_{days}_jours",
               f"Maladie non professionnelle de {days} jours à partir du {start} : reprise obligatoire à partir de 60 jours (R4624-31, version de 2022).",
               {"start": start, "end": end, "cause": NP}, (D(end) + dt.timedelta(days=30)).isoformat(),
               {"reprise": o("obligatoire" if days >= 60 else "non_applicable", "reprise_2022", due)})

# The folder also holds vectors written by hand (not by this script): they
# are left as they are; a vector renamed here leaves its old file behind.
OUT.mkdir(parents=True, exist_ok=True)
names = set()
for v in vectors:
    assert v["name"] not in names, v["name"]
    names.add(v["name"])
    (OUT / f"{v['name']}.json").write_text(json.dumps(v, ensure_ascii=False, indent=2) + "\n")
print(f"{len(vectors)} vectors written to {OUT}")
