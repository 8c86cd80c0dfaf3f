"""Writes the worklist vectors (tests/vectors/worklists/): the cell's lists
as of a date. Every expected item is worked out here by hand from the rules,
never by running cme:

- the hand-written portfolio (AISMT 13 and AST BTP), each case explained
  where it is built;
- for each of the seven presets, a generated portfolio of about 300 cases
  whose expected items follow from the preset's process and date
  arithmetic alone:
  * the COPIL's agenda where the service analyses the request first
    (AISMT 13; MT2i, whose stages have no order): the new signalements
    without a référent; the first contacts overdue past 15 days (none at
    ASMT 65); the workers who entered then stopped answering;
  * the plenary's agenda at AISMT 13: the qualified cases that meet the
    inclusion criteria, the plans awaiting the worker's answer;
  * the pré-reprise visits of the last half-month (AST BTP's list sent
    twice a month to each médecin du travail): on 17 June the half-month
    is 1–15 June;
  * the reprise visit after a sick leave for an illness that is not
    work-related of 90 days (≥ 60 days since 31 March 2022, R4624-31): the
    worker returns the day after the leave ends and the visit is due
    within 8 days; listed when due at the latest 8 days after the date
    (the case is in the cell: an overdue one is listed too);
  * the follow-ups after an exit, by the preset's schedule (months after
    the exit; the window opens 30 days before the due date and closes 30
    days after it, or at `until` months): to do when the window is open
    (dated by its deadline, the days left negative), to do too when not yet
    open but due in the month of the date (dated by its due date), overdue
    after the deadline (dated by it, the days late positive).
"""
import datetime as dt
import json
import pathlib

OUT = pathlib.Path(__file__).resolve().parents[1] / "vectors" / "worklists"
AS_OF = dt.date(2024, 6, 17)
HALF = (dt.date(2024, 6, 1), dt.date(2024, 6, 15))
TOLERANCE = 30
# The presets' follow-up schedules (months after the exit, closing month
# of the window when the service gives one): AISMT 13 « à 6 mois puis 1
# an »; AST BTP's questionnaire at one year; MT2i from 12 to 24 months;
# the others at 6 and 12 months.
FOLLOW_UPS = {
    "asmt65": [(6, None), (12, None)],
    "aismt13": [(6, None), (12, None)],
    "acismt": [(6, None), (12, None)],
    "aist63": [(6, None), (12, None)],
    "astbtp01": [(12, None)],
    "mt2i38": [(12, 24)],
    "aist43": [(6, None), (12, None)],
}
ORDER = ["analyse_demande", "pleniere", "contact_en_retard", "a_rappeler", "suivi_a_faire",
         "suivi_en_retard", "visite_reprise", "pre_reprise_quinzaine"]


def iso(d):
    return d.isoformat()


def add_months(d, months):
    """The same day `months` later (the days used here are at most 28)."""
    m = d.month - 1 + months
    return d.replace(year=d.year + m // 12, month=m % 12 + 1)


def case(id_, service, signalement, doctor=None, **extra):
    c = {
        "format_version": 2, "id": id_, "service": service,
        "worker": {"birth_year": 1975},
        "signalement": {"date": iso(signalement) if isinstance(signalement, dt.date) else signalement,
                        "source_visit": "a_la_demande", "signalled_by": "medecin_du_travail",
                        "requested_by": "salarie"},
    }
    if doctor:
        c["doctor"] = doctor
    c.update(extra)
    return c


def sort_items(items):
    return sorted(items, key=lambda i: (ORDER.index(i[0]), i[2], i[4], i[1]))


# The presets whose process has the COPIL's analysis of the request before
# anything else (AISMT 13: « analyse de la demande en COPIL et attribution
# d'un référent, puis premier contact ») or among the stages of a circle
# without order (MT2i): a new signalement without analysis nor référent is
# on the COPIL's agenda. ASMT 65 analyses after the worker's contact; the
# others have no analysis stage.
COPIL = {"aismt13", "mt2i38"}
# The first contact within 15 days of the signalement (AIST 63: « appelez la
# Cellule Maintien en Emploi dans les 15 jours », cme's default for the
# others), none at ASMT 65 (the worker calls « s'il le souhaite »).
CONTACT_DAYS = {s: (None if s == "asmt65" else 15) for s in FOLLOW_UPS}


def waiting(cid, service, signalled, referent=False):
    """The items of a case signalled and not contacted yet: on the COPIL's
    agenda (dated by the signalement) when the service analyses first and no
    référent is designated; the first contact overdue the day after the
    deadline (dated by it, the days late)."""
    out = []
    if service in COPIL and not referent:
        out.append(("analyse_demande", cid, iso(signalled), None, service))
    days = CONTACT_DAYS[service]
    if days is not None:
        due = signalled + dt.timedelta(days=days)
        if AS_OF > due:
            out.append(("contact_en_retard", cid, iso(due), (AS_OF - due).days, service))
    return out


def generated(service):
    """The cases of a preset and their items (list, case, date, days,
    service)."""
    cases, items = [], []
    # 40 pré-reprise visits from 21 May to 29 June... recorded before the
    # date: one a day from 40 days before it.
    for k in range(40):
        day = AS_OF - dt.timedelta(days=40 - k)
        cid = f"{service}-V{k:02d}"
        cases.append(case(cid, service, AS_OF - dt.timedelta(days=70), doctor=f"MT-{k % 3}",
                          visits=[{"kind": "pre_reprise", "date": iso(day), "done_by": "medecin_du_travail"}]))
        if HALF[0] <= day <= HALF[1]:
            items.append(("pre_reprise_quinzaine", cid, iso(day), None, service))
        items.extend(waiting(cid, service, AS_OF - dt.timedelta(days=70)))
    # 40 sick leaves of 90 days whose reprise is due from 20 days before the
    # date to 19 days after it
    for k in range(40):
        due = AS_OF + dt.timedelta(days=k - 20)
        end = due - dt.timedelta(days=9)  # return the next day, then 8 days
        start = end - dt.timedelta(days=89)
        cid = f"{service}-R{k:02d}"
        cases.append(case(cid, service, start + dt.timedelta(days=5),
                          sick_leaves=[{"start": iso(start), "end": iso(end),
                                        "cause": "maladie_non_professionnelle"}]))
        if due <= AS_OF + dt.timedelta(days=8):
            items.append(("visite_reprise", cid, iso(due), (AS_OF - due).days, service))
        items.extend(waiting(cid, service, start + dt.timedelta(days=5)))
    # 180 exits, one every 4 days from about two years and a half before the
    # date, each on a day of the month up to 28
    for k in range(180):
        exit_ = AS_OF - dt.timedelta(days=900 - 5 * k)
        exit_ = exit_.replace(day=min(exit_.day, 28))
        if exit_ > AS_OF:
            continue
        cid = f"{service}-S{k:03d}"
        signalled = exit_ - dt.timedelta(days=40)
        contact = signalled + dt.timedelta(days=2)
        cases.append(case(cid, service, signalled,
                          consents=[{"given_on": iso(contact), "accompaniment": True}],
                          events=[{"type": "contact", "date": iso(contact)},
                                  {"type": "sortie", "date": iso(exit_), "result": "amenagement_poste"}]))
        for months, until in FOLLOW_UPS[service]:
            due = add_months(exit_, months)
            opens = due - dt.timedelta(days=TOLERANCE)
            deadline = add_months(exit_, until) if until else due + dt.timedelta(days=TOLERANCE)
            if opens <= AS_OF <= deadline:
                items.append(("suivi_a_faire", cid, iso(deadline), -(deadline - AS_OF).days, service))
            elif AS_OF < opens and (due.year, due.month) == (AS_OF.year, AS_OF.month):
                items.append(("suivi_a_faire", cid, iso(due), (AS_OF - due).days, service))
            elif AS_OF > deadline:
                items.append(("suivi_en_retard", cid, iso(deadline), (AS_OF - deadline).days, service))
    # 20 new signalements, one every 3 days back from the date: the COPIL's
    # agenda, the first contacts overdue; where the COPIL meets, every
    # other one has its référent already (off the agenda)
    for k in range(20):
        signalled = AS_OF - dt.timedelta(days=3 * k)
        cid = f"{service}-N{k:02d}"
        referent = service in COPIL and k % 2 == 1
        events = [{"type": "referent_designe", "date": iso(signalled), "referent": f"R-{k % 4}"}] if referent else []
        cases.append(case(cid, service, signalled, doctor=f"MT-{k % 3}", events=events))
        items.extend(waiting(cid, service, signalled, referent))
    # 10 workers who entered (contact three days after the signalement)
    # then stopped answering: to call back, dated by the day they stopped
    for k in range(10):
        signalled = AS_OF - dt.timedelta(days=60 + 4 * k)
        contact = signalled + dt.timedelta(days=3)
        silent = signalled + dt.timedelta(days=20 + k)
        cid = f"{service}-Q{k:02d}"
        cases.append(case(cid, service, signalled, consents=consent(iso(contact)),
                          events=[{"type": "contact", "date": iso(contact)},
                                  {"type": "absence_reponse", "date": iso(silent)}]))
        items.append(("a_rappeler", cid, iso(silent), None, service))
    if service == "aismt13":
        # the plenary's agenda (AISMT 13's weekly plenary): 10 cases whose
        # qualification is done and who meet the inclusion criteria (no
        # simple solution, two opinions awaited: coordination of several
        # actors), dated by the qualification; 5 whose plan, proposed at the
        # plenary, awaits the worker's answer, dated by the plenary
        for k in range(15):
            signalled = AS_OF - dt.timedelta(days=80 - 2 * k)
            d = lambda n: iso(signalled + dt.timedelta(days=n))  # noqa: E731
            events = [{"type": "contact", "date": d(3)},
                      {"type": "analyse_demande", "date": d(6), "simple_solution": False},
                      {"type": "referent_designe", "date": d(6), "referent": f"R-{k % 4}"},
                      {"type": "entretien_qualification", "date": d(13)},
                      {"type": "avis_attendu", "date": d(13), "expertise": "ergonome"},
                      {"type": "avis_attendu", "date": d(13), "expertise": "psychologue"}]
            cid = f"{service}-P{k:02d}"
            if k < 10:
                items.append(("pleniere", cid, d(13), None, service))
            else:
                events += [{"type": "commission_pleniere", "date": d(20)}, {"type": "plan_propose", "date": d(20)}]
                items.append(("pleniere", cid, d(20), None, service))
            cases.append(case(cid, service, signalled, doctor=f"MT-{k % 3}", consents=consent(d(3)), events=events))
    return cases, sort_items(items)


def consent(date):
    return [{"given_on": date, "accompaniment": True}]


# The hand-written portfolio: the same as cme-core/tests/worklists.rs.
QUALIFIED = [
    {"type": "contact", "date": "2024-04-05"},
    {"type": "analyse_demande", "date": "2024-04-08", "simple_solution": False},
]
PORTFOLIO = [
    case("WL-A", "aismt13", "2024-06-10", "MT-1"),
    case("WL-B", "aismt13", "2024-05-02", "MT-2"),
    case("WL-C", "aismt13", "2024-04-02", "MT-1", consents=consent("2024-04-05"), events=QUALIFIED + [
        {"type": "referent_designe", "date": "2024-04-08", "role": "charge_maintien", "referent": "R-7"},
        {"type": "entretien_qualification", "date": "2024-04-15"},
        {"type": "avis_attendu", "date": "2024-04-15", "expertise": "ergonome"},
        {"type": "avis_attendu", "date": "2024-04-15", "expertise": "psychologue"}]),
    case("WL-D", "aismt13", "2024-04-02", "MT-1", consents=consent("2024-04-05"), events=QUALIFIED + [
        {"type": "referent_designe", "date": "2024-04-08", "referent": "R-8"},
        {"type": "entretien_qualification", "date": "2024-04-15"},
        {"type": "avis_attendu", "date": "2024-04-15", "expertise": "ergonome"},
        {"type": "avis_attendu", "date": "2024-04-15", "expertise": "psychologue"},
        {"type": "commission_pleniere", "date": "2024-04-22"},
        {"type": "plan_propose", "date": "2024-04-22"}]),
    case("WL-E", "aismt13", "2023-09-28", "MT-3", consents=consent("2023-10-02"), events=[
        {"type": "contact", "date": "2023-10-02"},
        {"type": "analyse_demande", "date": "2023-10-03", "simple_solution": False},
        {"type": "entretien_qualification", "date": "2023-10-10"},
        {"type": "commission_pleniere", "date": "2023-10-17"},
        {"type": "plan_propose", "date": "2023-10-17"},
        {"type": "plan_accepte", "date": "2023-10-20"},
        {"type": "sortie", "date": "2023-12-20", "result": "amenagement_poste"}]),
    case("WL-F", "aismt13", "2024-03-01", None, consents=consent("2024-03-05"), events=[
        {"type": "contact", "date": "2024-03-05"},
        {"type": "analyse_demande", "date": "2024-03-06", "simple_solution": True},
        {"type": "absence_reponse", "date": "2024-05-01"}]),
    case("WL-G", "aismt13", "2024-05-15", "MT-2", sick_leaves=[
        {"start": "2024-03-01", "end": "2024-06-14", "cause": "maladie_non_professionnelle"}]),
    # the visit of 5 June was held by another médecin du travail (MT-5)
    case("WL-H", "astbtp01", "2024-06-05", "MT-2", visits=[
        {"kind": "pre_reprise", "date": "2024-05-31", "done_by": "medecin_du_travail"},
        {"kind": "pre_reprise", "date": "2024-06-05", "done_by": "medecin_du_travail", "doctor": "MT-5"}]),
    case("WL-I", "aismt13", "2024-06-20", "MT-1"),
]
PORTFOLIO_ITEMS = [
    ["analyse_demande", "WL-B", "2024-05-02", None],
    ["analyse_demande", "WL-G", "2024-05-15", None],
    ["analyse_demande", "WL-A", "2024-06-10", None],
    ["pleniere", "WL-C", "2024-04-15", None],
    ["pleniere", "WL-D", "2024-04-22", None],
    ["contact_en_retard", "WL-B", "2024-05-17", 31],
    ["contact_en_retard", "WL-G", "2024-05-30", 18],
    ["a_rappeler", "WL-F", "2024-05-01", None],
    ["suivi_a_faire", "WL-E", "2024-07-20", -33],
    ["visite_reprise", "WL-G", "2024-06-23", -6],
    ["pre_reprise_quinzaine", "WL-H", "2024-06-05", None],
]
HALF_MONTH = {"start": iso(HALF[0]), "end": iso(HALF[1])}

vectors = [
    {
        "name": "portefeuille_aismt13_et_astbtp",
        "description": "Les listes de la cellule au 17 juin 2024 sur un portefeuille écrit à la main (AISMT 13, et AST BTP pour H) : ordre du jour du COPIL (A, B, G non analysés), de la plénière (C inclus : deux avis attendus, pas de solution simple ; D : plan proposé sans réponse), premiers contacts en retard au-delà de 15 jours (B : 31 jours, G : 18), travailleur à rappeler (F, sans réponse depuis le 1er mai), suivi à 6 mois dans sa fenêtre (E : sortie le 20 décembre 2023, échéance le 20 juillet), visite de reprise due dans les 8 jours de la reprise (G : arrêt de 106 jours terminé le 14 juin, R4624-31 : au plus tard le 23 juin), visite de pré-reprise de la quinzaine du 1er au 15 juin (H : celle du 5 juin, pas celle du 31 mai) ; I, signalé après la date, n'apparaît pas.",
        "cases": PORTFOLIO, "policies": None, "as_of": iso(AS_OF), "options": {},
        "expected": {
            "cases": 8, "half_month": HALF_MONTH, "items": PORTFOLIO_ITEMS,
            "texts": {
                "visite_reprise:WL-G": "Visite de reprise à organiser au plus tard le 23 juin 2024 (6 jours restants).",
                "pre_reprise_quinzaine:WL-H": "Visite de pré-reprise du 5 juin 2024, dans la liste de la quinzaine du 1er juin 2024 au 15 juin 2024 à transmettre au médecin du travail.",
                "suivi_a_faire:WL-E": "Suivi à 6 mois : à réaliser maintenant (33 jours restants avant l'échéance).",
            },
        },
    },
    {
        "name": "par_medecin_du_travail",
        "description": "Les mêmes listes rangées par médecin du travail (identifiants pseudonymes) : MT-1 (A, C, D), MT-2 (B deux fois, G trois fois), MT-3 (E), MT-5 (la pré-reprise de H, qu'il a tenue le 5 juin : la liste de la quinzaine va au médecin qui a fait la visite, AST BTP), puis le dossier sans médecin (F).",
        "cases": PORTFOLIO, "policies": None, "as_of": iso(AS_OF), "options": {"by": "doctor"},
        "expected": {"cases": 8, "half_month": HALF_MONTH,
                     "groups": [["MT-1", 3], ["MT-2", 5], ["MT-3", 1], ["MT-5", 1], [None, 1]]},
    },
    {
        "name": "un_medecin_de_visite",
        "description": "La liste de la quinzaine du seul MT-5 (AST BTP : envoyée deux fois par mois à chaque médecin du travail, des visites de pré-reprise qu'il a effectuées) : la visite de H du 5 juin, qu'il a tenue alors que H est suivi par MT-2 ; aucune autre ligne de H.",
        "cases": PORTFOLIO, "policies": None, "as_of": iso(AS_OF), "options": {"doctor": "MT-5"},
        "expected": {"cases": 1, "half_month": HALF_MONTH,
                     "items": [["pre_reprise_quinzaine", "WL-H", "2024-06-05", None]]},
    },
    {
        "name": "un_medecin_suivant",
        "description": "Les listes du seul MT-2, qui suit B, G et H : B (COPIL, contact en retard), G (COPIL, contact en retard, visite de reprise) ; la pré-reprise de H, tenue par MT-5, n'est pas dans les siennes.",
        "cases": PORTFOLIO, "policies": None, "as_of": iso(AS_OF), "options": {"doctor": "MT-2"},
        "expected": {"cases": 3, "half_month": HALF_MONTH, "items": [
            ["analyse_demande", "WL-B", "2024-05-02", None],
            ["analyse_demande", "WL-G", "2024-05-15", None],
            ["contact_en_retard", "WL-B", "2024-05-17", 31],
            ["contact_en_retard", "WL-G", "2024-05-30", 18],
            ["visite_reprise", "WL-G", "2024-06-23", -6]]},
    },
    {
        "name": "un_referent",
        "description": "Les dossiers du seul référent R-7 (identifiant pseudonyme, désigné par le COPIL le 8 avril) : C, à présenter en plénière.",
        "cases": PORTFOLIO, "policies": None, "as_of": iso(AS_OF), "options": {"referent": "R-7"},
        "expected": {"cases": 1, "half_month": HALF_MONTH, "items": [["pleniere", "WL-C", "2024-04-15", None]]},
    },
    {
        "name": "entrees_refusees",
        "description": "Tout problème est donné à son chemin, sans la valeur : un médecin nommé au lieu d'un identifiant pseudonyme, un service sans politique (les politiques ne nomment qu'aismt13 : D et H refusés), une liste, un regroupement et un horizon inconnus, une option inconnue.",
        "cases": [dict(c, doctor="Dr Jean Dupont") if c["id"] == "WL-B" else
                  dict(c, service="inconnu") if c["id"] == "WL-D" else c for c in PORTFOLIO],
        "policies": {"aismt13": "aismt13"}, "as_of": iso(AS_OF),
        "options": {"lists": ["copil"], "by": "medecin", "reprise_within_days": 90, "x": 1},
        "expected": {"error": [
            {"code": "invalid_id", "path": "cases[1].doctor"},
            {"code": "unknown_code", "path": "cases[3].service"},
            {"code": "unknown_code", "path": "cases[7].service"},
            {"code": "unknown_code", "path": "options.by"},
            {"code": "unknown_code", "path": "options.lists[0]"},
            {"code": "integer_out_of_range", "path": "options.reprise_within_days"},
            {"code": "unknown_field", "path": "options.x"},
        ]},
    },
]
for service in FOLLOW_UPS:
    cases, items = generated(service)
    vectors.append({
        "name": f"portefeuille_genere_{service}",
        "description": f"Un portefeuille de {len(cases)} dossiers sous le préréglage {service} au 17 juin 2024 (écrit par tests/tools/make_worklist_vectors.py, chaque attendu calculé à la main), toutes les listes : l'ordre du jour du COPIL là où il analyse la demande avant tout (AISMT 13, et MT2i dont les étapes n'ont pas d'ordre) pour les signalements sans référent, celui de la plénière (AISMT 13 : dossiers qualifiés remplissant les critères d'inclusion, plans en attente de réponse), les premiers contacts en retard au-delà de 15 jours (aucun délai à l'ASMT 65), les travailleurs à rappeler depuis leur absence de réponse, les visites de pré-reprise de la quinzaine du 1er au 15 juin, les visites de reprise dues au plus tard 8 jours après la date (reprise le lendemain d'un arrêt de 90 jours pour maladie non professionnelle, visite sous 8 jours, R4624-31), les suivis après la sortie selon le calendrier du service (fenêtre de 30 jours de part et d'autre de l'échéance, ou jusqu'au terme du service), à faire ou en retard.",
        "cases": cases, "policies": None, "as_of": iso(AS_OF), "options": {},
        "expected": {"cases": len(cases), "half_month": HALF_MONTH,
                     "items": [list(i[:4]) for i in items]},
    })

OUT.mkdir(parents=True, exist_ok=True)
for v in vectors:
    # the generated portfolios on few lines, the hand-written ones indented
    indent = None if v["name"].startswith("portefeuille_genere_") else 1
    (OUT / f"{v['name']}.json").write_text(json.dumps(v, ensure_ascii=False, indent=indent) + "\n", encoding="utf-8")
print(f"{len(vectors)} vectors in {OUT}")
