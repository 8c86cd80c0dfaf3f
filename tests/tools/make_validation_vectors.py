#!/usr/bin/env python3
"""Writes tests/vectors/validation/*.json: one malformed (or valid) case per
file, with the issues a domain expert expects (code and path). The expected
issues are written here by hand; they are never computed by the library.

Run: python3 tests/tools/make_validation_vectors.py
"""
import copy
import json
import pathlib

OUT = pathlib.Path(__file__).resolve().parent.parent / "vectors" / "validation"
AS_OF = "2025-06-30"

BASE = {
    "format_version": 1,
    "id": "V-001",
    "service": "aismt13",
    "worker": {
        "birth_year": 1972,
        "sector": {"nomenclature": "naf_rev2", "section": "Q"},
        "employer": "prive",
        "rqth": "aucune",
        "cim10_chapter": 13,
    },
    "sick_leaves": [
        {"start": "2024-01-08", "end": "2024-04-30", "cause": "maladie_non_professionnelle"}
    ],
    "signalement": {
        "date": "2024-03-04",
        "source_visit": "pre_reprise",
        "signalled_by": "medecin_du_travail",
        "requested_by": "medecin_traitant",
    },
    "consents": [{"given_on": "2024-03-11", "accompaniment": True, "sharing_with": ["cap_emploi", "mdph"]}],
    "events": [
        {"type": "contact", "date": "2024-03-11"},
        {"type": "analyse_demande", "date": "2024-03-14", "simple_solution": False},
        {"type": "referent_designe", "date": "2024-03-14", "role": "charge_maintien"},
        {"type": "entretien_qualification", "date": "2024-03-25"},
        {"type": "avis_attendu", "date": "2024-03-25", "expertise": "ergonome"},
        {"type": "avis_attendu", "date": "2024-03-25", "expertise": "psychologue"},
        {"type": "commission_pleniere", "date": "2024-04-02"},
        {"type": "plan_propose", "date": "2024-04-02"},
        {"type": "plan_accepte", "date": "2024-04-05"},
        {"type": "action_partenaire", "date": "2024-04-20", "partner": "cap_emploi"},
        {"type": "avis_recu", "date": "2024-05-02", "expertise": "ergonome"},
        {"type": "sortie", "date": "2024-06-28", "result": "amenagement_poste"},
        {"type": "suivi", "date": "2024-12-28", "still_employed": True},
    ],
}
EXIT = 11
FOLLOW_UP = 12

vectors = []


def vector(name, description, expected, mutate=None, input_json=None, as_of=AS_OF):
    case = copy.deepcopy(BASE)
    if mutate:
        result = mutate(case)
        if result is not None:
            case = result
    v = {"name": name, "description": description}
    if as_of:
        v["as_of"] = as_of
    if input_json is not None:
        v["input_json"] = input_json
    else:
        v["input"] = case
    v["expected"] = [{"code": c, "path": p} for c, p in expected]
    vectors.append(v)


def setp(path, value):
    def f(case):
        obj = case
        for k in path[:-1]:
            obj = obj[k]
        obj[path[-1]] = value
    return f


def delp(path):
    def f(case):
        obj = case
        for k in path[:-1]:
            obj = obj[k]
        del obj[path[-1]]
    return f


def chain(*fs):
    def f(case):
        for g in fs:
            g(case)
    return f


# --- valid cases ---------------------------------------------------------------
vector("valide_complet", "Dossier complet et cohérent : aucun problème.", [])
vector("valide_minimal", "Le strict minimum : identifiant, service, travailleur (même vide) et signalement.", [],
       mutate=lambda c: {"format_version": 1, "id": "V-min", "service": "aist43", "worker": {},
                         "signalement": {"date": "2024-03-04", "source_visit": "a_la_demande",
                                         "signalled_by": "medecin_du_travail"}})
vector("valide_fin_prevue_future", "Un arrêt en cours peut avoir une fin prévue après la date d'évaluation.", [],
       mutate=setp(["sick_leaves", 0], {"start": "2025-05-01", "end": "2025-09-30", "end_is_expected": True,
                                        "cause": "accident_du_travail"}))
vector("valide_naf_2025_section_v", "La section V existe dans la NAF 2025.", [],
       mutate=setp(["worker", "sector"], {"nomenclature": "naf_2025", "section": "V"}))
vector("valide_null_vaut_absent", "Un champ facultatif à null est traité comme absent.", [],
       mutate=setp(["worker", "rqth"], None))
vector("valide_inaptitude_avec_licenciement", "Une sortie pour inaptitude peut préciser licenciement et inaptitude construite.", [],
       mutate=setp(["events", EXIT], {"type": "sortie", "date": "2024-06-28", "result": "inaptitude",
                                      "dismissal": True, "prepared": True}))

# --- structure -----------------------------------------------------------------
vector("json_malforme", "Le texte reçu n'est pas du JSON.", [("invalid_json", "")],
       input_json='{"format_version": 1, "id": ')
vector("document_pas_un_objet", "Le document est une liste, pas un dossier.", [("object_type", "")],
       mutate=lambda c: [c])
vector("dossier_vide", "Un objet vide : chaque champ obligatoire est signalé.",
       [("missing_field", "format_version"), ("missing_field", "id"), ("missing_field", "service"),
        ("missing_field", "worker"), ("missing_field", "signalement")],
       mutate=lambda c: {})
vector("signalement_null", "Un signalement à null est un signalement manquant.", [("missing_field", "signalement")],
       mutate=setp(["signalement"], None))
vector("champ_inconnu_nom", "Un champ « nom » n'est pas prévu : le format est pseudonyme.", [("unknown_field", "nom")],
       mutate=setp(["nom"], "DUPONT"))
vector("champ_inconnu_evenement", "Un contact ne porte pas de résultat.", [("unknown_field", "events[0].result")],
       mutate=setp(["events", 0, "result"], "amenagement_poste"))
vector("version_format_non_prise_en_charge", "La version 3 du format n'existe pas (versions lues : 1 et 2).",
       [("unsupported_format_version", "format_version")], mutate=setp(["format_version"], 3))


def with_visits(version, visits):
    def mutate(c):
        c["format_version"] = version
        c["visits"] = visits
    return mutate


REPRISE = {"kind": "reprise", "date": "2024-05-02", "done_by": "medecin_du_travail"}
vector("visites_en_format_1", "Les visites réalisées n'existent qu'à partir de la version 2 du format : refusées à leur champ dans un document de version 1.",
       [("field_requires_format_version", "visits")], mutate=with_visits(1, [REPRISE]))
vector("visites_en_format_2", "Une visite de reprise réalisée par le médecin du travail, en version 2 du format : valide.",
       [], mutate=with_visits(2, [REPRISE]))
vector("medecin_de_la_visite_nomme", "Le médecin du travail qui a tenu une visite est donné par un identifiant pseudonyme, jamais par son nom : un nom (espaces) est refusé à son champ, sans sa valeur.",
       [("invalid_id", "visits[0].doctor")],
       mutate=with_visits(2, [dict(REPRISE, doctor="Dr Marie Curie")]))
vector("medecin_de_la_visite_pseudonyme", "Une visite de reprise tenue par un autre médecin du travail que celui qui suit le salarié, donné par son identifiant pseudonyme : valide.",
       [], mutate=with_visits(2, [dict(REPRISE, doctor="MT-5")]))
vector("visite_par_infirmier_avant_le_decret_2022_679", "Une visite réalisée par un infirmier par délégation avant le 28 avril 2022 (décret n° 2022-679) : refusée à son champ.",
       [("visit_by_nurse_before_delegation", "visits[0].done_by")],
       mutate=with_visits(2, [{"kind": "pre_reprise", "date": "2022-04-27", "done_by": "infirmier_delegation"}]))
vector("avis_inaptitude_par_un_infirmier", "Seul le médecin du travail émet un avis d'inaptitude (R4624-42, décret n° 2022-679).",
       [("avis_inaptitude_not_by_doctor", "visits[0].avis_inaptitude")],
       mutate=with_visits(2, [{"kind": "reprise", "date": "2024-05-02", "done_by": "infirmier_delegation", "avis_inaptitude": True}]))
vector("demandeur_d_une_visite_de_reprise", "Seule la visite de pré-reprise a un demandeur (Code du travail, art. L4624-2-4) : « requested_by » sur une visite de reprise est refusé à son champ.",
       [("requester_not_pre_reprise", "visits[0].requested_by")],
       mutate=with_visits(2, [dict(REPRISE, requested_by="salarie")]))
vector("visite_pre_reprise_demandee_par_l_employeur", "L'employeur ne peut jamais demander une visite de pré-reprise (L4624-2-4) : signalé au demandeur de la visite enregistrée.",
       [("pre_reprise_requested_by_employer", "visits[0].requested_by")],
       mutate=with_visits(2, [{"kind": "pre_reprise", "date": "2024-02-20", "done_by": "medecin_du_travail", "requested_by": "employeur"}]))
vector("visite_pre_reprise_demandee_par_le_medecin_du_travail_le_2022-03-30", "Le médecin du travail ne peut demander une pré-reprise qu'à partir du 31 mars 2022 (L4624-2-4, loi n° 2021-1018) : une visite du 30 mars 2022 à sa demande est signalée, au jour de la visite.",
       [("pre_reprise_requester_not_allowed", "visits[0].requested_by")],
       mutate=with_visits(2, [{"kind": "pre_reprise", "date": "2022-03-30", "done_by": "medecin_du_travail", "requested_by": "medecin_du_travail"}]))
vector("visite_pre_reprise_demandee_par_le_medecin_du_travail_le_2022-03-31", "Depuis le 31 mars 2022, le médecin du travail peut demander la visite de pré-reprise (L4624-2-4) : valide.",
       [],
       mutate=with_visits(2, [{"kind": "pre_reprise", "date": "2022-03-31", "done_by": "medecin_du_travail", "requested_by": "medecin_du_travail"}]))


def with_measures(version, measures):
    def mutate(c):
        c["format_version"] = version
        c["measures"] = measures
    return mutate


vector("dispositif_essai_encadre_valide", "Un essai encadré commencé après le signalement et fini quinze jours plus tard, en version 2 du format : valide.",
       [], mutate=with_measures(2, [{"measure": "essai_encadre", "start": "2024-03-18", "end": "2024-03-29"}]))
vector("dispositifs_en_format_1", "Les dispositifs mobilisés n'existent qu'à partir de la version 2 du format : refusés à leur champ dans un document de version 1.",
       [("field_requires_format_version", "measures")], mutate=with_measures(1, [{"measure": "crpe", "start": "2024-04-01"}]))
vector("dispositif_fini_avant_son_debut", "La fin d'un dispositif précède son début : refusée à son champ.",
       [("measure_end_before_start", "measures[0].end")],
       mutate=with_measures(2, [{"measure": "essai_encadre", "start": "2024-03-20", "end": "2024-03-10"}]))
vector("dispositif_avant_le_signalement", "Un dispositif mobilisé par la cellule ne peut commencer avant le signalement (même règle que les événements).",
       [("event_before_signalement", "measures[0].start")],
       mutate=with_measures(2, [{"measure": "transition_professionnelle", "start": "2024-02-01"}]))
vector("dispositif_inconnu", "« essai » n'est pas un code de dispositif (essai_encadre, crpe, transition_professionnelle).",
       [("unknown_code", "measures[0].measure")],
       mutate=with_measures(2, [{"measure": "essai", "start": "2024-04-01"}]))
vector("version_format_texte", "La version du format est un entier, pas un texte.",
       [("integer_type", "format_version")], mutate=setp(["format_version"], "1"))
vector("identifiant_nominatif", "Un nom et un prénom ne sont pas un identifiant pseudonyme.", [("invalid_id", "id")],
       mutate=setp(["id"], "Jean Dupont"))
vector("identifiant_trop_long", "Un identifiant de plus de 64 caractères.", [("invalid_id", "id")],
       mutate=setp(["id"], "X" * 65))
vector("identifiant_nombre", "L'identifiant est un texte.", [("string_type", "id")], mutate=setp(["id"], 42))
vector("code_service_majuscules", "Les codes de service sont en minuscules.", [("invalid_service_code", "service")],
       mutate=setp(["service"], "AISMT13"))
vector("politique_invalide", "Un identifiant de politique avec des espaces.", [("invalid_policy_id", "policy")],
       mutate=setp(["policy"], "politique 2024"))
vector("evenements_pas_une_liste", "Les événements forment une liste.", [("array_type", "events")],
       mutate=setp(["events"], {"type": "contact"}))
vector("evenement_pas_un_objet", "Un événement est un objet.", [("object_type", "events[0]")],
       mutate=setp(["events", 0], "contact"))
vector("trop_d_evenements", "Plus de 1000 événements : limite documentée.", [("too_many_items", "events")],
       mutate=setp(["events"], [{"type": "contact", "date": "2024-03-11"}] * 1001))

# --- codes -----------------------------------------------------------------------
vector("visite_source_inconnue", "« visite_pre_reprise » n'est pas un code : le code est « pre_reprise ».",
       [("unknown_code", "signalement.source_visit")], mutate=setp(["signalement", "source_visit"], "visite_pre_reprise"))
vector("cause_arret_inconnue", "Cause d'arrêt inconnue.", [("unknown_code", "sick_leaves[0].cause")],
       mutate=setp(["sick_leaves", 0, "cause"], "burn_out"))
vector("cause_arret_manquante", "La cause de l'arrêt est obligatoire.", [("missing_field", "sick_leaves[0].cause")],
       mutate=delp(["sick_leaves", 0, "cause"]))
vector("type_evenement_inconnu", "Type d'événement inconnu.", [("unknown_code", "events[3].type")],
       mutate=setp(["events", 3, "type"], "entretien"))
vector("resultat_sortie_inconnu", "Résultat de sortie inconnu.", [("unknown_code", f"events[{EXIT}].result")],
       mutate=setp(["events", EXIT, "result"], "licenciement"))
vector("partenaire_inconnu", "Partenaire inconnu dans le consentement.", [("unknown_code", "consents[0].sharing_with[0]")],
       mutate=setp(["consents", 0, "sharing_with", 0], "pole_emploi"))
vector("partenaire_en_double", "Le même partenaire deux fois.", [("duplicate_item", "consents[0].sharing_with[1]")],
       mutate=setp(["consents", 0, "sharing_with"], ["mdph", "mdph"]))
vector("section_naf_hors_nomenclature", "La section V n'existe pas dans la NAF rév. 2.",
       [("unknown_code", "worker.sector.section")], mutate=setp(["worker", "sector", "section"], "V"))
vector("chapitre_cim10_hors_bornes", "La CIM-10 compte 22 chapitres.", [("integer_out_of_range", "worker.cim10_chapter")],
       mutate=setp(["worker", "cim10_chapter"], 23))
vector("booleen_texte", "« oui » n'est pas une valeur vrai/faux.", [("boolean_type", "sick_leaves[0].end_is_expected")],
       mutate=setp(["sick_leaves", 0, "end_is_expected"], "oui"))

# --- dates -----------------------------------------------------------------------
vector("date_format_francais", "Les dates sont au format AAAA-MM-JJ, pas JJ/MM/AAAA.", [("invalid_date", "signalement.date")],
       mutate=setp(["signalement", "date"], "04/03/2024"))
vector("date_hors_calendrier", "Le 29 février 2023 n'existe pas.", [("invalid_date", "events[0].date")],
       mutate=setp(["events", 0, "date"], "2023-02-29"))
vector("date_hors_bornes", "Une date de naissance en 1850.", [("date_out_of_range", "worker.birth_date")],
       mutate=chain(delp(["worker", "birth_year"]), setp(["worker", "birth_date"], "1850-01-01")))
vector("date_evenement_manquante", "Un événement sans date.", [("missing_field", "events[0].date")],
       mutate=delp(["events", 0, "date"]))
vector("arret_fin_avant_debut", "L'arrêt se termine avant de commencer.", [("sick_leave_end_before_start", "sick_leaves[0].end")],
       mutate=setp(["sick_leaves", 0, "end"], "2024-01-01"))
vector("arret_fin_reelle_future", "Une fin réelle d'arrêt ne peut pas être postérieure à la date d'évaluation.",
       [("date_after_as_of", "sick_leaves[0].end")], mutate=setp(["sick_leaves", 0, "end"], "2025-07-15"))
vector("evenement_avant_signalement", "Un contact daté d'avant le signalement.", [("event_before_signalement", "events[0].date")],
       mutate=setp(["events", 0, "date"], "2024-02-28"))
vector("signalement_futur", "Un signalement daté après la date d'évaluation (dossier encore sans événement).",
       [("date_after_as_of", "signalement.date")],
       mutate=chain(setp(["signalement", "date"], "2025-07-01"), setp(["events"], [])))
vector("justification_trop_longue", "La justification d'une catégorie imposée est limitée à 2000 caractères.",
       [("string_too_long", "category_override.justification")],
       mutate=setp(["category_override"], {"category": "facilitation", "justification": "x" * 2001,
                                           "decided_on": "2024-04-02"}))
vector("suivi_avant_sortie", "Le suivi précède la sortie.", [("follow_up_before_exit", f"events[{FOLLOW_UP}].date")],
       mutate=setp(["events", FOLLOW_UP, "date"], "2024-06-01"))
vector("suivi_sans_sortie", "Un suivi alors que le dossier n'a pas de sortie.", [("follow_up_without_exit", "events[11]")],
       mutate=lambda c: c["events"].pop(EXIT) and None)
vector("consentement_retire_avant_d_etre_donne", "Le retrait précède le consentement.",
       [("consent_withdrawn_before_given", "consents[0].withdrawn_on")],
       mutate=setp(["consents", 0, "withdrawn_on"], "2024-03-01"))

# --- consistency -------------------------------------------------------------------
vector("sortie_sans_resultat", "Une sortie doit indiquer son résultat ; refusée par le parcours, elle ne clôt pas le dossier, et le suivi qui la suit n'a donc pas de sortie (la même règle que le parcours).", [("exit_without_result", f"events[{EXIT}].result"), ("follow_up_without_exit", f"events[{EXIT + 1}]")],
       mutate=delp(["events", EXIT, "result"]))
vector("deux_sorties", "Un dossier ne sort qu'une fois.", [("duplicate_exit", "events[13]")],
       mutate=lambda c: c["events"].append({"type": "sortie", "date": "2025-01-10", "result": "reconversion"}))
vector("licenciement_hors_inaptitude", "Le licenciement ne se renseigne que pour une inaptitude.",
       [("not_applicable_to_result", f"events[{EXIT}].dismissal")], mutate=setp(["events", EXIT, "dismissal"], True))
vector("annee_et_date_de_naissance_discordantes", "L'année de naissance contredit la date de naissance.",
       [("birth_year_mismatch", "worker.birth_year")], mutate=setp(["worker", "birth_date"], "1973-05-02"))
vector("age_invraisemblable", "Un travailleur de 9 ans au signalement.", [("implausible_age", "worker.birth_year")],
       mutate=setp(["worker", "birth_year"], 2015))
vector("justification_vide", "Une catégorie imposée par l'équipe doit être justifiée.",
       [("empty_string", "category_override.justification")],
       mutate=setp(["category_override"], {"category": "ingenierie", "justification": "  ", "decided_on": "2024-04-02"}))
vector("pre_reprise_demandee_par_employeur", "L'employeur ne peut jamais demander une visite de pré-reprise (L4624-2-4) : un formulaire le refuse (le problème est signalé à son champ, sévérité « warning »).",
       [("pre_reprise_requested_by_employer", "signalement.requested_by")],
       mutate=setp(["signalement", "requested_by"], "employeur"))
vector("visite_a_la_demande_de_l_employeur", "L'employeur peut demander une visite à la demande.", [],
       mutate=chain(setp(["signalement", "source_visit"], "a_la_demande"), setp(["signalement", "requested_by"], "employeur")))
vector("plusieurs_problemes_a_la_fois", "Tous les problèmes sont signalés en une fois.",
       [("invalid_id", "id"), ("unknown_code", "signalement.source_visit"),
        ("sick_leave_end_before_start", "sick_leaves[0].end"), ("event_before_signalement", "events[0].date"),
        ("exit_without_result", f"events[{EXIT}].result"), ("follow_up_without_exit", f"events[{EXIT + 1}]"),
        ("unknown_field", "worker.nom")],
       mutate=chain(setp(["id"], "Marie Martin"), setp(["signalement", "source_visit"], "pre-reprise"),
                    setp(["sick_leaves", 0, "end"], "2024-01-01"), setp(["events", 0, "date"], "2024-03-01"),
                    delp(["events", EXIT, "result"]), setp(["worker", "nom"], "MARTIN")))
vector("signalement_illisible_et_evenements", "Un signalement sans date n'empêche pas de vérifier le reste.",
       [("missing_field", "signalement.date"), ("exit_without_result", f"events[{EXIT}].result"),
        ("follow_up_without_exit", f"events[{EXIT + 1}]")],
       mutate=chain(delp(["signalement", "date"]), delp(["events", EXIT, "result"])))

def many_unknown_fields(c):
    for i in range(1003):
        c["worker"][f"k{i:04d}"] = 0


vector("trop_de_problemes", "Un document de 1 003 champs inconnus : 1 000 problèmes sont listés (limits::MAX_ISSUES), "
       "le dernier problème compte les 3 autres (« more_issues », à la racine) ; la mémoire reste bornée.",
       [("unknown_field", f"worker.k{i:04d}") for i in range(1000)] + [("more_issues", "")],
       mutate=many_unknown_fields)

OUT.mkdir(parents=True, exist_ok=True)
# Only this tool's vectors are (re)written: the folder also holds vectors
# written by hand (duplicate keys, format version 2, dates around 2022…),
# which it must not delete. A vector renamed here leaves its old file to
# remove by hand.
names = set()
for v in vectors:
    assert v["name"] not in names, v["name"]
    names.add(v["name"])
    (OUT / f"{v['name']}.json").write_text(json.dumps(v, ensure_ascii=False, indent=2) + "\n")
print(f"{len(vectors)} vectors written to {OUT}")
