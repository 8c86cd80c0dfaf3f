#!/usr/bin/env python3
"""Generates cme-core/data/sample_cases.json: 50 synthetic cases (no real
person) spread over the seven services of DOMAIN.md, every stage of the
pathway, every exit result, sick leaves on both sides of 31 March 2022.

Deterministic (fixed seed). Every case is valid as of 2025-06-30.
Run: python3 tests/tools/make_sample.py > cme-core/data/sample_cases.json
"""
import datetime as dt
import json
import random

import itertools

AS_OF = dt.date(2025, 6, 30)
EXIT_COUNTER = itertools.count()
rng = random.Random(20261122)

SERVICES = ["asmt65", "aismt13", "acismt", "aist63", "astbtp01", "mt2i38", "aist43"]
SECTIONS = ["F", "Q", "C", "G", "H", "N", "P", "I", "O", "A"]
CHAPTERS = [13] * 9 + [5] * 6 + [9, 9, 2, 6, 10, 19, 19, 4]
PARTNERS = ["cap_emploi", "mdph", "carsat_service_social", "service_medical_am",
            "france_travail", "cep", "transition_pro", "agefiph", "opco"]
EXPERTISE = ["ergonome", "psychologue", "assistant_social", "medecin_specialiste",
             "technicien_retraite", "conseiller_orientation"]
RESULTS = ["amenagement_poste", "changement_poste_interne", "changement_poste_externe",
           "embauche_cdi", "reconversion", "creation_entreprise", "inaptitude",
           "invalidite", "retraite", "autre_solution_sociale", "perdu_de_vue"]
# Stage reached by each case, cycled so that every stage appears.
PROFILES = ["sans_suite_absence", "sans_suite_refus", "contact", "analyse", "qualification",
            "commission", "plan_propose", "plan_refuse", "mise_en_oeuvre", "sortie",
            "suivi_6", "suivi_12"]


def d(x):
    return x.isoformat()


def later(day, lo, hi):
    return day + dt.timedelta(days=rng.randint(lo, hi))


def make(i):
    service = SERVICES[i % len(SERVICES)]
    profile = PROFILES[i % len(PROFILES)]
    # Signalement between 2021-06 and 2025-03; follow-up profiles start earlier.
    if profile.startswith("suivi"):
        signalement = dt.date(2021, 6, 1) + dt.timedelta(days=rng.randint(0, 700))
    else:
        signalement = dt.date(2021, 6, 1) + dt.timedelta(days=rng.randint(0, 1350))
    birth_year = rng.randint(1962, 1999)
    worker = {}
    if i % 3 == 0:
        worker["birth_date"] = d(dt.date(birth_year, rng.randint(1, 12), rng.randint(1, 28)))
    else:
        worker["birth_year"] = birth_year
    nomenclature = "naf_rev2"
    section = "F" if service == "astbtp01" else rng.choice(SECTIONS)
    worker["sector"] = {"nomenclature": nomenclature, "section": section}
    worker["employer"] = "public" if section in ("O", "P") or i % 9 == 0 else "prive"
    worker["rqth"] = rng.choice(["aucune", "aucune", "demande_en_cours", "reconnue"])
    if i % 11 != 5:  # a few cases without the pathology (missing fact)
        worker["cim10_chapter"] = rng.choice(CHAPTERS)

    sick_leaves = []
    source_visit = "pre_reprise"
    requested_by = rng.choice(["salarie", "medecin_traitant", "medecin_conseil", "medecin_du_travail"])
    if requested_by == "medecin_du_travail" and signalement < dt.date(2022, 3, 31):
        # the médecin du travail asks for a pré-reprise only since 31 March 2022 (L4624-2-4)
        requested_by = "medecin_traitant"
    kind = i % 5
    if kind in (0, 1, 2):
        start = signalement - dt.timedelta(days=rng.randint(20, 200))
        if i == 7:
            start = dt.date(2022, 3, 31)
            signalement = max(signalement, dt.date(2022, 5, 2))
        if i == 8:
            start = dt.date(2022, 4, 1)
            signalement = max(signalement, dt.date(2022, 5, 3))
        cause = rng.choice(["maladie_non_professionnelle"] * 3 + ["accident_du_travail",
                           "maladie_professionnelle", "accident_non_professionnel"])
        end = later(signalement, 5, 120)
        leave = {"start": d(start), "cause": cause}
        if end <= AS_OF and profile not in ("contact", "analyse"):
            leave["end"] = d(end)
        else:
            leave["end"] = d(end)
            leave["end_is_expected"] = True
        sick_leaves.append(leave)
        if kind == 2:
            source_visit = "reprise"
    elif kind == 3:
        source_visit = rng.choice(["a_la_demande", "visite_periodique", "visite_intermediaire", "vip"])
        requested_by = rng.choice(["salarie", "employeur", "medecin_du_travail"])
        if source_visit in ("visite_periodique", "visite_intermediaire", "vip"):
            requested_by = None
    else:
        source_visit = "contact_direct" if service == "asmt65" else "mi_carriere"
        requested_by = "salarie" if source_visit == "contact_direct" else None
    signalled_by = "salarie" if source_visit == "contact_direct" else (
        "idest" if source_visit == "visite_intermediaire" else "medecin_du_travail")
    sig = {"date": d(signalement), "source_visit": source_visit, "signalled_by": signalled_by}
    if requested_by:
        sig["requested_by"] = requested_by

    events = []
    consents = []
    day = signalement

    def ev(kind, lo, hi, **fields):
        nonlocal day
        day = later(day, lo, hi)
        e = {"type": kind, "date": d(day)}
        e.update(fields)
        events.append(e)
        return day

    if profile == "sans_suite_absence":
        ev("absence_reponse", 16, 30)
    elif profile == "sans_suite_refus":
        ev("contact", 2, 14)
        ev("refus_accompagnement", 0, 10)
    else:
        contact = ev("contact", 1, 15)
        partners = rng.sample(PARTNERS, rng.randint(0, 3))
        consent = {"given_on": d(contact), "accompaniment": True, "sharing_with": partners}
        if i % 13 == 4 and partners:
            consent["withdrawn_on"] = d(later(contact, 30, 60))
        consents.append(consent)
        order = ["analyse", "qualification", "commission", "plan_propose", "plan_refuse",
                 "mise_en_oeuvre", "sortie", "suivi_6", "suivi_12"]
        reach = order.index(profile) if profile in order else -1
        if reach >= 0:
            ev("analyse_demande", 1, 10, simple_solution=(i % 4 == 0))
            ev("referent_designe", 0, 3, role=rng.choice(["charge_maintien", "assistant_social", "psychologue"]))
        if reach >= 1:
            ev("entretien_qualification", 3, 20)
            for ex in rng.sample(EXPERTISE, rng.randint(0, 3)):
                ev("avis_attendu", 0, 3, expertise=ex)
        if reach >= 2:
            ev("commission_pleniere", 3, 10)
        if reach >= 3:
            ev("plan_propose", 0, 7)
        if profile == "plan_refuse":
            ev("plan_refuse", 2, 10)
        elif reach >= 5:
            ev("plan_accepte", 1, 10)
            for p in partners[:2]:
                ev("action_partenaire", 3, 25, partner=p)
            for e in [e for e in events if e["type"] == "avis_attendu"][:2]:
                ev("avis_recu", 5, 20, expertise=e["expertise"])
        if reach >= 6:
            result = RESULTS[next(EXIT_COUNTER) % len(RESULTS)]
            fields = {"result": result}
            if result == "inaptitude":
                fields["dismissal"] = i % 2 == 0
                fields["prepared"] = i % 3 != 0
            exit_day = ev("sortie", 10, 90, **fields)
            if reach >= 7:
                f6 = exit_day + dt.timedelta(days=182)
                events.append({"type": "suivi", "date": d(f6), "still_employed": i % 5 != 3})
            if reach >= 8:
                f12 = exit_day + dt.timedelta(days=365)
                events.append({"type": "suivi", "date": d(f12), "still_employed": i % 7 != 2})
    # Keep every date on or before AS_OF.
    for e in events:
        assert dt.date.fromisoformat(e["date"]) <= AS_OF, (i, e)
    case = {
        "format_version": 1,
        "id": f"S-{i + 1:03d}",
        "service": service,
        "worker": worker,
        "sick_leaves": sick_leaves,
        "signalement": sig,
        "consents": consents,
        "events": events,
    }
    if i in (10, 33):
        case["category_override"] = {
            "category": "ingenierie",
            "justification": "Situation complexe : plusieurs acteurs à coordonner (décision de la commission plénière).",
            "decided_on": d(later(signalement, 20, 25)) if dt.date.fromisoformat(events[-1]["date"]) > signalement else d(signalement),
        }
    return case


cases = [make(i) for i in range(50)]
print(json.dumps(cases, ensure_ascii=False, indent=1))
