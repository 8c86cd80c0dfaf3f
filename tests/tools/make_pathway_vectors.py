#!/usr/bin/env python3
"""Writes tests/vectors/pathway/*.json: a case, a policy (preset code), an
evaluation date, and what a cell expects: stage, status, category, inclusion,
alert codes, refused events. Expected values are written here by hand, never
computed by the library. Boundaries are tested at D-1, D and D+1.

Run: python3 tests/tools/make_pathway_vectors.py
"""
import copy
import json
import pathlib

OUT = pathlib.Path(__file__).resolve().parent.parent / "vectors" / "pathway"

BASE = {
    "format_version": 1,
    "id": "P-001",
    "service": "aismt13",
    "worker": {"birth_year": 1972, "employer": "prive", "cim10_chapter": 13},
    "sick_leaves": [],
    "signalement": {"date": "2024-03-04", "source_visit": "pre_reprise", "signalled_by": "medecin_du_travail"},
    "consents": [{"given_on": "2024-03-11", "accompaniment": True, "sharing_with": ["cap_emploi", "mdph"]}],
    "events": [],
}

# A full pathway, reused by many vectors (indices matter for refusal paths).
FULL = [
    {"type": "contact", "date": "2024-03-11"},                                # 0
    {"type": "analyse_demande", "date": "2024-03-14", "simple_solution": False},  # 1
    {"type": "entretien_qualification", "date": "2024-03-25"},                 # 2
    {"type": "avis_attendu", "date": "2024-03-25", "expertise": "ergonome"},   # 3
    {"type": "avis_attendu", "date": "2024-03-25", "expertise": "psychologue"},  # 4
    {"type": "commission_pleniere", "date": "2024-04-02"},                     # 5
    {"type": "plan_propose", "date": "2024-04-02"},                            # 6
    {"type": "plan_accepte", "date": "2024-04-05"},                            # 7
    {"type": "action_partenaire", "date": "2024-04-20", "partner": "cap_emploi"},  # 8
    {"type": "sortie", "date": "2024-06-28", "result": "amenagement_poste"},   # 9
]

vectors = []


def vector(name, description, policy, as_of, events, expected, mutate=None):
    case = copy.deepcopy(BASE)
    case["id"] = "P-" + name[:40].replace("_", "-")
    case["events"] = copy.deepcopy(events)
    if mutate:
        mutate(case)
    exp = {
        "stage": expected["stage"],
        "status": expected.get("status", "en_cours"),
        "category": expected.get("category"),
        "inclusion": expected.get("inclusion", "indeterminee"),
        "alerts": sorted(expected.get("alerts", [])),
        "refused": sorted(expected.get("refused", []), key=lambda r: (r["code"], r["path"])),
    }
    if "orientation" in expected:
        exp["orientation"] = sorted(expected["orientation"])
    vectors.append({"name": name, "description": description, "policy": policy, "as_of": as_of,
                    "input": case, "expected": exp})


def refused(code, path):
    return {"code": code, "path": path}


# --- first contact (seed 004, AIST 63: 15 days; signalement 2024-03-04 -> due 2024-03-19) ---
vector("contact_j14_a_attendre", "Pas encore de contact, J+14 : rien n'est en retard.", "aist63", "2024-03-18", [],
       {"stage": "signalement"})
vector("contact_j15_echeance", "Pas de contact, J+15 : c'est le dernier jour, pas encore de retard.", "aist63", "2024-03-19", [],
       {"stage": "signalement"})
vector("contact_j16_en_retard", "Pas de contact, J+16 : le contact est en retard.", "aist63", "2024-03-20", [],
       {"stage": "signalement", "alerts": ["contact_en_retard"]})
vector("contact_tardif", "Le travailleur a appelé à J+18 : contact tardif, information.", "aist63", "2024-04-30",
       [{"type": "contact", "date": "2024-03-22"}],
       {"stage": "contact", "alerts": ["contact_tardif"]})
vector("contact_dans_les_delais", "Le travailleur a appelé à J+7 : pas d'alerte.", "aist63", "2024-04-30",
       [{"type": "contact", "date": "2024-03-11"}], {"stage": "contact"})

# --- sans suite (seed 001) and statuses (seed 004, AIST 43) ---
vector("absence_de_reponse", "Le travailleur ne répond pas : sans suite, refus d'intégration, pas d'alerte de contact.", "aismt13",
       "2024-06-30", [{"type": "absence_reponse", "date": "2024-03-25"}],
       {"stage": "contact", "status": "refus_integration", "category": "sans_suite"})
vector("refus_accompagnement", "Le travailleur refuse l'accompagnement.", "aist43", "2024-06-30",
       [{"type": "contact", "date": "2024-03-11"}, {"type": "refus_accompagnement", "date": "2024-03-12"}],
       {"stage": "contact", "status": "refus_integration", "category": "sans_suite"})
vector("evenement_apres_refus", "Rien ne peut suivre un refus d'accompagnement.", "aist43", "2024-06-30",
       [{"type": "contact", "date": "2024-03-11"}, {"type": "refus_accompagnement", "date": "2024-03-12"},
        {"type": "analyse_demande", "date": "2024-03-14"}],
       {"stage": "contact", "status": "refus_integration", "category": "sans_suite",
        "alerts": ["event_after_closure"], "refused": [refused("event_after_closure", "events[2]")]})

# --- refusals of the pathway ---
vector("plan_sans_consentement", "Un plan d'actions sans consentement à l'accompagnement est refusé.", "aismt13", "2024-06-30",
       FULL[:7], {"stage": "commission", "inclusion": "incluse", "category": "ingenierie",
                  "alerts": ["plan_without_consent"], "refused": [refused("plan_without_consent", "events[6]")]},
       mutate=lambda c: c.__setitem__("consents", []))
vector("plan_apres_retrait_du_consentement", "Le consentement retiré la veille ne permet plus de proposer un plan.", "aismt13",
       "2024-06-30", FULL[:7],
       {"stage": "commission", "inclusion": "incluse", "category": "ingenierie",
        "alerts": ["plan_without_consent"], "refused": [refused("plan_without_consent", "events[6]")]},
       mutate=lambda c: c["consents"][0].__setitem__("withdrawn_on", "2024-04-01"))
vector("plan_accepte_sans_proposition", "Un plan ne peut être accepté s'il n'a pas été proposé.", "aismt13", "2024-06-30",
       FULL[:6] + [FULL[7]],
       {"stage": "commission", "inclusion": "incluse", "category": "ingenierie",
        "alerts": ["plan_not_proposed"], "refused": [refused("plan_not_proposed", "events[6]")]})
vector("action_avant_accord", "Une action avec un partenaire avant l'accord sur le plan est refusée.", "aismt13", "2024-06-30",
       FULL[:7] + [{"type": "action_partenaire", "date": "2024-04-03", "partner": "cap_emploi"}],
       {"stage": "commission", "inclusion": "incluse", "category": "ingenierie",
        "alerts": ["action_before_plan_accepted"], "refused": [refused("action_before_plan_accepted", "events[7]")]})
vector("partenaire_sans_consentement", "Pas de partage avec France Travail sans consentement.", "aismt13", "2024-06-30",
       FULL[:8] + [{"type": "action_partenaire", "date": "2024-04-20", "partner": "france_travail"}],
       {"stage": "mise_en_oeuvre", "inclusion": "incluse", "category": "ingenierie",
        "alerts": ["partner_without_consent"], "refused": [refused("partner_without_consent", "events[8].partner")]})
vector("sortie_sans_resultat", "Une sortie sans résultat est refusée.", "aismt13", "2024-06-30",
       FULL[:9] + [{"type": "sortie", "date": "2024-06-28"}],
       {"stage": "mise_en_oeuvre", "inclusion": "incluse", "category": "ingenierie",
        "alerts": ["exit_without_result"], "refused": [refused("exit_without_result", "events[9].result")]})
vector("suivi_avant_sortie", "Un suivi daté avant la sortie est refusé.", "aismt13", "2024-10-31",
       FULL + [{"type": "suivi", "date": "2024-06-01", "still_employed": True}],
       {"stage": "sortie", "status": "sortie_positive", "inclusion": "incluse", "category": "ingenierie",
        "alerts": ["follow_up_before_exit"], "refused": [refused("follow_up_before_exit", "events[10].date")]})
vector("action_apres_sortie", "Après la sortie, seul un suivi est possible (et le suivi à 6 mois est à échéance).", "aismt13", "2024-12-31",
       FULL + [{"type": "action_partenaire", "date": "2024-07-10", "partner": "mdph"}],
       {"stage": "sortie", "status": "sortie_positive", "inclusion": "incluse", "category": "ingenierie",
        "alerts": ["event_after_closure", "suivi_a_echeance"], "refused": [refused("event_after_closure", "events[10]")]})
vector("evenement_avant_signalement", "Un événement daté avant le signalement est refusé.", "aismt13", "2024-06-30",
       [{"type": "contact", "date": "2024-03-01"}],
       {"stage": "signalement", "alerts": ["contact_en_retard", "event_before_signalement"],
        "refused": [refused("event_before_signalement", "events[0].date")]})

# --- inclusion and categories (seed 001) ---
vector("inclusion_deux_avis_sans_solution_simple", "Deux avis attendus et pas de solution simple : inclusion, ingénierie.",
       "aismt13", "2024-04-01", FULL[:5], {"stage": "inclusion", "inclusion": "incluse", "category": "ingenierie"})
vector("inclusion_un_seul_avis", "Un seul avis attendu : pas d'inclusion ; le plan n'est pas encore proposé.", "aismt13",
       "2024-04-01", FULL[:4], {"stage": "qualification", "inclusion": "non_incluse"})
vector("inclusion_seuil_trois", "Avec un seuil de 3 avis (politique du service), deux avis ne suffisent pas.", "aismt13",
       "2024-04-01", FULL[:5], {"stage": "qualification", "inclusion": "non_incluse"},
       mutate=lambda c: c.__setitem__("policy", "seuil-3"))
vector("solution_simple_facilitation", "Une solution simple est identifiée : facilitation, pas d'inclusion. L'étape est le premier contact : à l'AISMT 13 l'analyse en COPIL le précède (diaporama « Fonctionnement »).", "aismt13",
       "2024-04-01", [FULL[0], {"type": "analyse_demande", "date": "2024-03-14", "simple_solution": True}],
       {"stage": "contact", "inclusion": "non_incluse", "category": "facilitation"})
vector("analyse_sans_avis_indeterminee", "Solution simple non renseignée : catégorie et inclusion indéterminées. L'étape est le premier contact : à l'AISMT 13 l'analyse en COPIL le précède (diaporama « Fonctionnement »).", "aismt13",
       "2024-04-01", [FULL[0], {"type": "analyse_demande", "date": "2024-03-14"}],
       {"stage": "contact", "inclusion": "indeterminee"})
vector("info_conseils_sortie_sans_plan", "Sortie sans plan d'actions après un contact : info/conseils.", "aismt13", "2024-06-30",
       [FULL[0], {"type": "sortie", "date": "2024-04-10", "result": "reconversion"}],
       {"stage": "sortie", "status": "sortie_positive", "inclusion": "non_incluse", "category": "info_conseils"})
vector("deux_partenaires_ingenierie", "Deux partenaires coordonnés : ingénierie, même sans les critères d'inclusion.", "aismt13",
       "2024-06-30",
       [FULL[0], {"type": "analyse_demande", "date": "2024-03-14", "simple_solution": False}, FULL[2],
        FULL[6], FULL[7], FULL[8], {"type": "action_partenaire", "date": "2024-04-22", "partner": "mdph"}],
       {"stage": "mise_en_oeuvre", "inclusion": "non_incluse", "category": "ingenierie"})
vector("categorie_imposee_par_l_equipe", "L'équipe impose « facilitation » avec une justification : elle prévaut.", "aismt13",
       "2024-04-01", FULL[:5], {"stage": "inclusion", "inclusion": "incluse", "category": "facilitation"},
       mutate=lambda c: c.__setitem__("category_override", {"category": "facilitation", "decided_on": "2024-03-26",
                                                             "justification": "Employeur déjà engagé dans l'aménagement."}))

# --- exit results are policy (DOMAIN.md §5) ---
vector("invalidite_negative_aismt13", "Pour l'AISMT 13, l'invalidité est une sortie négative.", "aismt13", "2024-07-01",
       FULL[:9] + [{"type": "sortie", "date": "2024-06-28", "result": "invalidite"}],
       {"stage": "sortie", "status": "sortie_negative", "inclusion": "incluse", "category": "ingenierie"})
vector("invalidite_neutre_aist43", "Pour l'AIST 43, l'invalidité n'est pas une sortie négative (bilan : 2 sorties négatives pour inaptitude 2 et invalidité 1).",
       "aist43", "2024-07-01", FULL[:9] + [{"type": "sortie", "date": "2024-06-28", "result": "invalidite"}],
       {"stage": "sortie", "status": "sortie_neutre", "inclusion": "incluse", "category": "ingenierie"})
vector("inaptitude_negative_aist43", "Pour l'AIST 43, l'inaptitude est une sortie négative.", "aist43", "2024-07-01",
       FULL[:9] + [{"type": "sortie", "date": "2024-06-28", "result": "inaptitude", "dismissal": True, "prepared": False}],
       {"stage": "sortie", "status": "sortie_negative", "inclusion": "incluse", "category": "ingenierie"})
vector("retraite_neutre", "Le départ à la retraite n'est ni positif ni négatif (choix de politique).", "aist43", "2024-07-01",
       FULL[:9] + [{"type": "sortie", "date": "2024-06-28", "result": "retraite"}],
       {"stage": "sortie", "status": "sortie_neutre", "inclusion": "incluse", "category": "ingenierie"})
vector("autre_solution_sociale_asmt65", "Pour l'ASMT 65, « toute autre solution sociale » est gardée ouverte par la plaquette (« garder ouvert le champ des possibles ») mais n'est pas un maintien en emploi : sortie ni positive ni négative.", "asmt65",
       "2024-07-01", FULL[:9] + [{"type": "sortie", "date": "2024-06-28", "result": "autre_solution_sociale"}],
       {"stage": "sortie", "status": "sortie_neutre", "inclusion": "incluse", "category": "ingenierie"})
vector("autre_solution_sociale_aismt13", "Pour l'AISMT 13, « autre solution sociale » est neutre.", "aismt13",
       "2024-07-01", FULL[:9] + [{"type": "sortie", "date": "2024-06-28", "result": "autre_solution_sociale"}],
       {"stage": "sortie", "status": "sortie_neutre", "inclusion": "incluse", "category": "ingenierie"})

# --- follow-ups: exit 2024-06-28; 6 months -> 2024-12-28, counts from 2024-11-28, overdue after 2025-01-27 ---
SORTIE = "sortie"
vector("suivi_6_mois_j_moins_1", "La veille de l'ouverture de la fenêtre du suivi à 6 mois : à venir.", "aismt13", "2024-11-27",
       FULL, {"stage": SORTIE, "status": "sortie_positive", "inclusion": "incluse", "category": "ingenierie"})
vector("suivi_6_mois_ouverture", "Ouverture de la fenêtre du suivi à 6 mois (échéance moins 30 jours).", "aismt13", "2024-11-28",
       FULL, {"stage": SORTIE, "status": "sortie_positive", "inclusion": "incluse", "category": "ingenierie",
              "alerts": ["suivi_a_echeance"]})
vector("suivi_6_mois_dernier_jour", "Dernier jour de tolérance du suivi à 6 mois.", "aismt13", "2025-01-27",
       FULL, {"stage": SORTIE, "status": "sortie_positive", "inclusion": "incluse", "category": "ingenierie",
              "alerts": ["suivi_a_echeance"]})
vector("suivi_6_mois_en_retard", "Le lendemain : suivi à 6 mois en retard.", "aismt13", "2025-01-28",
       FULL, {"stage": SORTIE, "status": "sortie_positive", "inclusion": "incluse", "category": "ingenierie",
              "alerts": ["suivi_en_retard"]})
vector("suivis_faits", "Suivis à 6 mois et 1 an réalisés : plus d'alerte.", "aismt13", "2025-08-01",
       FULL + [{"type": "suivi", "date": "2024-12-20", "still_employed": True},
               {"type": "suivi", "date": "2025-07-01", "still_employed": True}],
       {"stage": "suivi", "status": "sortie_positive", "inclusion": "incluse", "category": "ingenierie"})
vector("suivi_un_an_seulement_astbtp", "AST BTP : seul le questionnaire à un an est prévu.", "astbtp01", "2025-01-28",
       FULL, {"stage": SORTIE, "status": "sortie_positive", "inclusion": "incluse", "category": "ingenierie"})
# exit on 31 August 2023: six months later is 29 February 2024 (leap year), overdue after 30 March 2024.
FULL_AUG = FULL[:9] + [{"type": "sortie", "date": "2023-08-31", "result": "amenagement_poste"}]


def shift_to_2023(c):
    c["signalement"]["date"] = "2023-03-06"
    c["consents"][0]["given_on"] = "2023-03-13"
    for e in c["events"][:9]:
        e["date"] = "2023" + e["date"][4:]


vector("fin_de_mois_annee_bissextile_dernier_jour", "Sortie le 31 août 2023 : échéance à 6 mois le 29 février 2024, tolérance jusqu'au 30 mars.",
       "aismt13", "2024-03-30", FULL_AUG,
       {"stage": SORTIE, "status": "sortie_positive", "inclusion": "incluse", "category": "ingenierie",
        "alerts": ["suivi_a_echeance"]}, mutate=shift_to_2023)
vector("fin_de_mois_annee_bissextile_retard", "Le 31 mars 2024, le suivi à 6 mois est en retard.", "aismt13", "2024-03-31", FULL_AUG,
       {"stage": SORTIE, "status": "sortie_positive", "inclusion": "incluse", "category": "ingenierie",
        "alerts": ["suivi_en_retard"]}, mutate=shift_to_2023)
# MT2i: window from 12 to 24 months after an exit on 2024-06-28 -> overdue after 2026-06-28.
vector("mt2i_fenetre_24_mois_dernier_jour", "MT2i : suivi dans la fenêtre de 12 à 24 mois, dernier jour.", "mt2i38", "2026-06-28",
       FULL, {"stage": SORTIE, "status": "sortie_positive", "inclusion": "incluse", "category": "ingenierie",
              "alerts": ["suivi_a_echeance"]})
vector("mt2i_fenetre_24_mois_depassee", "MT2i : fenêtre de 24 mois dépassée.", "mt2i38", "2026-06-29",
       FULL, {"stage": SORTIE, "status": "sortie_positive", "inclusion": "incluse", "category": "ingenierie",
              "alerts": ["suivi_en_retard"]})

# --- as of a date: only what was known then ---
vector("evaluation_a_une_date_passee", "Évalué au 1er avril 2024, le dossier n'en est qu'à l'inclusion.", "aismt13", "2024-04-01",
       FULL, {"stage": "inclusion", "inclusion": "incluse", "category": "ingenierie"})

# --- targeting (AST BTP: 50 and over until 2019) ---
def targeting(born, signalement):
    def f(c):
        c["worker"]["birth_year"] = born
        c["signalement"]["date"] = signalement
        c["consents"] = []
    return f


vector("ciblage_hors_cible_2019", "AST BTP en 2019 : un salarié de 44 ans est hors cible.", "astbtp01", "2019-07-01",
       [{"type": "contact", "date": "2019-06-10"}], {"stage": "contact", "alerts": ["hors_cible"]},
       mutate=targeting(1975, "2019-06-03"))
vector("ciblage_50_ans_2019", "AST BTP en 2019 : un salarié de 50 ans est dans la cible.", "astbtp01", "2019-07-01",
       [{"type": "contact", "date": "2019-06-10"}], {"stage": "contact"}, mutate=targeting(1969, "2019-06-03"))
vector("ciblage_fin_2019_dernier_jour", "AST BTP, signalement le 31 décembre 2019 : la règle s'applique encore.", "astbtp01",
       "2020-01-10", [{"type": "contact", "date": "2020-01-06"}], {"stage": "contact", "alerts": ["hors_cible"]},
       mutate=targeting(1975, "2019-12-31"))
vector("ciblage_2020_elargi", "AST BTP, signalement le 1er janvier 2020 : le ciblage par âge ne s'applique plus.", "astbtp01",
       "2020-01-10", [{"type": "contact", "date": "2020-01-06"}], {"stage": "contact"},
       mutate=targeting(1975, "2020-01-01"))

PRESETS = pathlib.Path(__file__).resolve().parents[2] / "cme-core" / "policies"

# ---------------------------------------------------------------- orientation
# The partners the common grid suggests for the problems the case shows
# (seed 000, ASMT 65; seed 004), each actionable only with the worker's
# consent to sharing in force (seed 004, AIST 63); a withdrawal blocks from
# its date (DOMAIN.md §7). BASE's consent shares with cap_emploi and mdph.
CONTACT = [{"type": "contact", "date": "2024-03-11"}]


def rqth(status, employer="prive", withdrawn_on=None):
    def mutate(case):
        case["worker"]["rqth"] = status
        case["worker"]["employer"] = employer
        if withdrawn_on:
            case["consents"][0]["withdrawn_on"] = withdrawn_on
    return mutate


vector("orientation_rqth_employeur_prive",
       "RQTH reconnue, employeur privé : Cap emploi (partage consenti), AGEFIPH et OETH (sans consentement) ; "
       "pas le FIPHFP, réservé aux employeurs publics.",
       "aist63", "2024-04-30", CONTACT,
       {"stage": "contact", "orientation": ["compensation_handicap:cap_emploi:actionable",
                                            "compensation_handicap:agefiph:sans_consentement",
                                            "compensation_handicap:oeth:sans_consentement"]},
       mutate=rqth("reconnue"))
vector("orientation_rqth_en_cours_employeur_public",
       "Demande de RQTH en cours et employeur public : MDPH (partage consenti) et centre de gestion (sans consentement).",
       "aist63", "2024-04-30", CONTACT,
       {"stage": "contact", "orientation": ["reconnaissance_handicap:mdph:actionable",
                                            "employeur_public:centre_de_gestion:sans_consentement"]},
       mutate=rqth("demande_en_cours", employer="public"))
vector("orientation_consentement_retire_le_jour_meme",
       "Consentement au partage retiré le jour de l'évaluation : Cap emploi est bloqué dès cette date "
       "(consentement_retire) ; AGEFIPH et OETH restent sans consentement.",
       "aist63", "2024-04-30", CONTACT,
       {"stage": "contact", "orientation": ["compensation_handicap:cap_emploi:consentement_retire",
                                            "compensation_handicap:agefiph:sans_consentement",
                                            "compensation_handicap:oeth:sans_consentement"]},
       mutate=rqth("reconnue", withdrawn_on="2024-04-30"))

OUT.mkdir(parents=True, exist_ok=True)
for old in OUT.glob("*.json"):
    old.unlink()
names = set()
for v in vectors:
    assert v["name"] not in names, v["name"]
    names.add(v["name"])
    if v["input"].get("policy") == "seuil-3":
        # an inline policy: the aismt13 preset with a threshold of 3
        policy = json.loads((PRESETS / "aismt13.json").read_text(encoding="utf-8"))
        policy["id"] = "seuil-3"
        policy["inclusion"] = {"min_expected_opinions": 3, "source": "choix du service (vecteur de test)"}
        v["policy"] = policy
    (OUT / f"{v['name']}.json").write_text(json.dumps(v, ensure_ascii=False, indent=2) + "\n")
print(f"{len(vectors)} vectors written to {OUT}")
