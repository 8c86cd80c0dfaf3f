"""Writes the document vectors (tests/vectors/documents/): a document of the
cell filled from a case as of a date. Every expected text is written here
by hand, never by running cme: the wording of the templates (AIST 63's
letters and livret of 2020, MT2i's fiche relais, cme's closing summary) with
the case's dates written in French (« 13 mai 2024 ») and the identity
details the host gives, or the visible placeholder of each one it leaves
out (« [Adresse du salarié] »). The placeholders are listed in the order of
the field names (the template's fields, sorted).

The refusals: a letter to the employer or a partner without the worker's
agreement in force on its date (for a partner, the agreement to share with
that partner) or after their objection; a closing summary before the exit;
arguments that are not those of a document; a service's templates that use
a field that is not a document field.
"""
import json
import pathlib

OUT = pathlib.Path(__file__).resolve().parents[1] / "vectors" / "documents"

AIST63 = "AIST La Prévention Active (Clermont-Ferrand)"


def case_aist63(**extra):
    """Signalled on 13 May 2024 at AIST 63 by the médecin du travail at the
    worker's request; agreed to the accompaniment and to sharing with Cap
    emploi on 20 May, first contact that day."""
    c = {
        "format_version": 2, "id": "DOC-A", "service": "aist63", "doctor": "MT-4",
        "worker": {"birth_year": 1971},
        "signalement": {"date": "2024-05-13", "source_visit": "a_la_demande",
                        "signalled_by": "medecin_du_travail", "requested_by": "salarie"},
        "consents": [{"given_on": "2024-05-20", "accompaniment": True, "sharing_with": ["cap_emploi"]}],
        "events": [{"type": "contact", "date": "2024-05-20"}],
    }
    c.update(extra)
    return c


def case_mt2i(**extra):
    """At MT2i, signalled on 4 March 2024, agreed on 11 March to the
    accompaniment and to sharing with Cap emploi, contacted that day, a
    référent designated on 18 March (stage « analyse », which MT2i names
    « Orientation »)."""
    c = {
        "format_version": 2, "id": "DOC-M", "service": "mt2i38", "doctor": "MT-9",
        "worker": {"birth_year": 1980},
        "signalement": {"date": "2024-03-04", "source_visit": "visite_periodique",
                        "signalled_by": "medecin_du_travail"},
        "consents": [{"given_on": "2024-03-11", "accompaniment": True, "sharing_with": ["cap_emploi"]}],
        "events": [{"type": "contact", "date": "2024-03-11"},
                   {"type": "referent_designe", "date": "2024-03-18", "referent": "REF-2"}],
    }
    c.update(extra)
    return c


CONVOCATION_TITLE = "Convocation par le service de santé au travail (copie adressée au salarié)"

VECTORS = []


def vector(name, description, case, kind, as_of, options, expected):
    VECTORS.append({"name": name, "description": description, "case": case, "kind": kind,
                    "as_of": as_of, "options": options, "expected": expected})


vector(
    "convocation_employeur_complete",
    "Le courrier du médecin du travail à l'employeur (AIST 63) : le salarié a donné son accord le 20 mai 2024, "
    "le courrier du 17 juin porte la date de la visite (13 mai 2024) et les données d'identité données par le "
    "logiciel ; aucune n'est gardée, aucune ne manque.",
    case_aist63(), "convocation_employeur", "2024-06-17",
    {"identity": {"employer.name": "Menuiserie du Puy", "employer.address": "4 rue des Forges, 63000 Clermont-Ferrand",
                  "place": "Clermont-Ferrand", "worker.name": "Jeanne Martin", "meeting.date": "2024-06-24",
                  "meeting.start": "14 h 00", "meeting.place": "11 rue de Flamina", "doctor.name": "Dr Bernard"}},
    {"title": CONVOCATION_TITLE,
     "text": """Menuiserie du Puy
4 rue des Forges, 63000 Clermont-Ferrand

Clermont-Ferrand, le 17 juin 2024

Objet : convocation par le service de santé au travail (copie adressée au salarié)

Madame, Monsieur,

Suite à la visite médicale en date du 13 mai 2024, j'ai adressé votre salarié, Jeanne Martin, vers notre cellule Maintien en Emploi.

Jeanne Martin sera reçu(e) le 24 juin 2024 à 14 h 00, 11 rue de Flamina.

À cet effet, je vous prie de bien vouloir lui permettre de se rendre à ce rendez-vous.

Je vous prie d'agréer, Madame, Monsieur, mes respectueuses salutations.

Dr Bernard
Médecin du travail
""",
     "placeholders": [],
     # the consent's condition, then the wording
     "sources": ["aist63_cme_2020", "aist63_cme_2020"]},
)

vector(
    "attestation_presence_sans_identite",
    "L'attestation de présence (AIST 63) sans aucune donnée d'identité : chaque champ à compléter reste visible "
    "entre crochets, la date du document est écrite en français ; une attestation remise au salarié ne demande "
    "pas son accord.",
    case_aist63(consents=[], events=[]), "attestation_presence", "2024-06-17", {},
    {"title": "Attestation de présence (copie adressée à l'employeur)",
     "text": f"""{AIST63} — Cellule Maintien en Emploi
Tél. : [Téléphone de la cellule]

[Nom et prénom du salarié]
[Adresse du salarié]

[Lieu d'établissement du document], le 17 juin 2024

Objet : attestation de présence (copie adressée à l'employeur)

Madame, Monsieur,

Pour faire suite à la demande de rendez-vous qui vous a été préconisée par le médecin du travail, le docteur [Nom du médecin du travail], j'atteste que vous avez été reçu(e) le [Date du rendez-vous], de [Heure de début du rendez-vous] à [Heure de fin du rendez-vous].

Document remis pour faire valoir ce que de droit.

[Nom du membre de la cellule]
""",
     "placeholders": ["cell.member", "cell.phone", "doctor.name", "meeting.date", "meeting.end",
                      "meeting.start", "place", "worker.address", "worker.name"],
     "sources": ["aist63_cme_2020"]},
)

vector(
    "invitation_pre_reprise_autre_service",
    "L'invitation à une visite de pré-reprise porte le nom du service du dossier (ici MT2i) : le modèle est celui "
    "d'AIST 63, la date du 2 avril 2024 est écrite en français.",
    case_mt2i(), "invitation_pre_reprise", "2024-04-02",
    {"identity": {"service.address": "Grenoble", "worker.name": "Paul Roche", "worker.address": "Échirolles",
                  "place": "Grenoble", "doctor.name": "Dr Morel"}},
    {"title": "Invitation à une visite de pré-reprise",
     "text": """MT2i / GIE Isère (PSPME)
Grenoble

Paul Roche
Échirolles

Grenoble, le 2 avril 2024

Madame, Monsieur,

Votre service de santé au travail a récemment eu connaissance d'un arrêt prolongé vous concernant.

Afin de faire le point sur votre situation médicale et professionnelle, nous vous proposons de nous rencontrer dans le cadre d'une visite de pré-reprise.

Cette visite, réalisée pendant votre arrêt de travail, a pour objectif de prendre connaissance de vos difficultés éventuelles à reprendre votre activité professionnelle.

Nous vous invitons donc à prendre directement contact avec votre service de santé au travail afin d'obtenir un rendez-vous auprès du médecin.

Cette visite est strictement confidentielle : les préconisations qui pourront être faites ne seront adressées à votre employeur qu'avec votre accord.

Dans l'attente de vous rencontrer, nous vous adressons, Madame, Monsieur, nos respectueuses salutations.

Dr Morel
Médecin du travail
""",
     "placeholders": [],
     "sources": ["aist63_cme_2020"]},
)

vector(
    "livret_accompagnement",
    "Le livret d'accompagnement d'AIST 63 remis au salarié : le formulaire de consentement à signer, les "
    "rendez-vous à noter, le plan d'actions (l'essai encadré du 3 au 14 juin 2024, fini au 17 juin ; le projet de "
    "transition professionnelle du 2 septembre 2024, pas encore commencé, n'y est pas), l'information RGPD et son "
    "contact ; le téléphone de la cellule n'est pas donné. Le livret recueille l'accord : il ne le demande pas.",
    case_aist63(consents=[], measures=[
        {"measure": "transition_professionnelle", "start": "2024-09-02"},
        {"measure": "essai_encadre", "start": "2024-06-03", "end": "2024-06-14"}]),
    "livret_accompagnement", "2024-06-17",
    {"identity": {"service.address": "11 rue de Flamina, 63100 Clermont-Ferrand", "cell.email": "cme@service.example",
                  "dpo.contact": "dpo@service.example", "worker.name": "Jeanne Martin", "place": "Clermont-Ferrand"}},
    {"title": "Livret d'accompagnement au maintien dans l'emploi",
     "text": f"""{AIST63}
Cellule Maintien en Emploi
11 rue de Flamina, 63100 Clermont-Ferrand
cme@service.example — [Téléphone de la cellule]

LIVRET D'ACCOMPAGNEMENT AU MAINTIEN DANS L'EMPLOI

Remis à Jeanne Martin le 17 juin 2024 (dossier DOC-A).

VOTRE LIVRET

Vous avez été adressé(e) à la Cellule Maintien en Emploi le 13 mai 2024. À ce titre, vous allez bénéficier d'un accompagnement personnalisé par une équipe pluridisciplinaire.

Ce livret d'accompagnement vous suivra tout au long de votre parcours et vous permettra d'y noter vos rendez-vous. Vous pourrez également le présenter à chaque professionnel que vous rencontrerez lors de votre accompagnement.

Vous vous engagez à tenir informée la Cellule Maintien en Emploi de l'avancée de vos démarches ainsi que des difficultés que vous pourriez rencontrer.

NOTRE ENGAGEMENT

Afin d'engager toutes les actions nécessaires à votre prise en charge, notre équipe peut être amenée à prendre contact avec d'autres professionnels (assurance maladie, MDPH, services sociaux, médecins, Cap emploi, etc.) intervenant dans le champ du maintien dans l'emploi et de l'insertion professionnelle. Pour ce faire, votre accord est indispensable.

Je soussigné(e) : Jeanne Martin

certifie avoir été informé(e) que la Cellule Maintien en Emploi de {AIST63} est susceptible de se rapprocher de différents acteurs socio-professionnels indispensables à l'étude de mon dossier et autorise les membres de l'équipe à prendre contact avec ces professionnels.

Fait à Clermont-Ferrand, le ....................
Signature :

VOS RENDEZ-VOUS

Le .................... avec ....................
Le .................... avec ....................
Le .................... avec ....................
Le .................... avec ....................

LE PLAN D'ACTIONS

- Essai encadré : du 3 juin 2024 au 14 juin 2024

DES SITES POUR VOUS AIDER

Service public : https://www.service-public.fr/
Mon compte formation : https://www.moncompteformation.gouv.fr/

INFORMATION RGPD

Conformément à la réglementation, vous disposez d'un droit d'accès, de rectification, d'effacement ou de portabilité de vos données personnelles. Vous disposez en outre d'un droit à la limitation des traitements, d'un droit au retrait du consentement, du droit de ne pas faire l'objet d'une décision automatisée et d'un droit d'opposition dans les limites des intérêts légitimes de notre entité. Ces droits peuvent être exercés auprès du responsable de la protection des données.

Contact : dpo@service.example
""",
     "placeholders": ["cell.phone"],
     "sources": ["aist63_cme_2020"]},
)

vector(
    "fiche_relais_cap_emploi",
    "La fiche relais de MT2i vers Cap emploi, avec qui le salarié a accepté le partage le 11 mars 2024 : "
    "accompagné depuis le premier contact du 11 mars, son référent désigné le 18 mars (REF-2), à l'étape "
    "qu'MT2i nomme « Orientation ».",
    case_mt2i(), "fiche_relais", "2024-04-02",
    {"partner": "cap_emploi", "identity": {"worker.name": "Paul Roche", "cell.member": "Claire Blanc", "place": "Grenoble"}},
    {"title": "Fiche relais",
     "text": """MT2i / GIE Isère (PSPME) — Cellule Maintien en Emploi
Tél. : [Téléphone de la cellule]

Fiche relais vers : Cap emploi
Grenoble, le 2 avril 2024

Salarié : Paul Roche
Adresse : [Adresse du salarié]

Signalé à la cellule le 4 mars 2024, accompagné depuis le 11 mars 2024. Le salarié a donné son accord au partage d'informations avec ce partenaire le 11 mars 2024.

Référent de la cellule : REF-2 (Claire Blanc).

Dossier DOC-M — étape : Orientation.
""",
     "placeholders": ["cell.phone", "worker.address"],
     "sources": ["aist63_cme_2020", "mt2i38_pdp_2020"]},
)

vector(
    "synthese_cloture",
    "La synthèse de clôture pour le médecin du travail : signalé le 13 mai 2024, premier contact le 20 mai, sorti "
    "le 2 septembre 2024 avec un aménagement du poste, sortie positive sous la politique d'AIST 63.",
    case_aist63(events=[{"type": "contact", "date": "2024-05-20"},
                        {"type": "sortie", "date": "2024-09-02", "result": "amenagement_poste"}]),
    "synthese_cloture", "2024-09-10",
    {"identity": {"doctor.name": "Bernard", "place": "Clermont-Ferrand", "worker.name": "Jeanne Martin",
                  "cell.member": "Claire Blanc"}},
    {"title": "Synthèse de clôture du dossier",
     "text": """À l'attention du docteur Bernard, médecin du travail

Clermont-Ferrand, le 10 septembre 2024

Dossier DOC-A (Jeanne Martin)

Signalé le 13 mai 2024 ; premier contact le 20 mai 2024 ; sortie de la cellule le 2 septembre 2024 : Aménagement du poste (Sortie positive).

Claire Blanc
Cellule Maintien en Emploi
""",
     "placeholders": [],
     "sources": ["cme_lectures"]},
)

vector(
    "synthese_avant_la_sortie",
    "La synthèse de clôture d'un dossier encore ouvert : la date et le résultat de sortie manquent, deux "
    "problèmes au dossier, aucun blanc dans le document.",
    case_aist63(), "synthese_cloture", "2024-06-17", {},
    {"error": [{"code": "missing_document_fact", "path": "case"}, {"code": "missing_document_fact", "path": "case"}]},
)

vector(
    "convocation_sans_accord",
    "Un courrier à l'employeur sans accord du salarié en vigueur : refusé, avec la raison (le consentement, "
    "recueilli le 20 mai 2024, est retiré le 10 juin, avant le courrier du 17 juin).",
    case_aist63(consents=[{"given_on": "2024-05-20", "withdrawn_on": "2024-06-10", "accompaniment": True}]),
    "convocation_employeur", "2024-06-17", {"identity": {"worker.name": "Jeanne Martin"}},
    {"error": [{"code": "document_without_consent", "path": "consents"}]},
)

vector(
    "convocation_apres_opposition",
    "Le salarié s'est opposé, à la visite de pré-reprise du 3 juin 2024, à ce que ses informations aillent à "
    "l'employeur (R4624-30) : le courrier du 17 juin à l'employeur est refusé malgré son accord du 20 mai.",
    case_aist63(visits=[{"kind": "pre_reprise", "date": "2024-06-03", "done_by": "medecin_du_travail",
                         "objection_on": "2024-06-03"}]),
    "convocation_employeur", "2024-06-17", {},
    {"error": [{"code": "document_without_consent", "path": "consents"}]},
)

vector(
    "fiche_relais_partenaire_non_autorise",
    "Une fiche relais vers la MDPH alors que le salarié n'a accepté le partage qu'avec Cap emploi : refusée.",
    case_mt2i(), "fiche_relais", "2024-04-02", {"partner": "mdph"},
    {"error": [{"code": "document_without_consent", "path": "consents"}]},
)

vector(
    "fiche_relais_sans_partenaire",
    "Une fiche relais va à un partenaire : sans partenaire nommé, c'est ce qui manque (le champ « partner »), pas "
    "l'accord du salarié.",
    case_mt2i(), "fiche_relais", "2024-04-02", {},
    {"error": [{"code": "missing_field", "path": "partner"}]},
)

vector(
    "arguments_invalides",
    "Tout problème des arguments est donné à son chemin, sans la valeur : un document inconnu, un partenaire "
    "inconnu, une donnée d'identité qui n'en est pas une, une donnée d'identité qui n'est pas un texte, une option "
    "inconnue.",
    case_aist63(), "lettre", "2024-06-17",
    {"partner": "pole", "identity": {"worker.nom": "Jeanne Martin", "place": 3}, "fax": True},
    {"error": [{"code": "unknown_code", "path": "kind"}, {"code": "unknown_field", "path": "options.fax"},
               {"code": "string_type", "path": "options.identity.place"},
               {"code": "unknown_field", "path": "options.identity.worker.nom"},
               {"code": "unknown_code", "path": "options.partner"}]},
)

vector(
    "modele_du_service",
    "Un service donne ses propres modèles : son attestation de présence, avec le lieu donné et la date du "
    "document, remplace celle de la bibliothèque ; sa source est la politique du service.",
    case_aist63(), "attestation_presence", "2024-06-17",
    {"identity": {"place": "Thiers", "worker.name": "Jeanne Martin"},
     "templates": {"templates": [{"kind": "attestation_presence", "title": "Attestation",
                                  "body": "{{ place }}, le {{ date }}\n\n{{ worker.name }} a été reçu(e) par la cellule le {{ meeting.date }}.",
                                  "source": "attestation du service"}]}},
    {"title": "Attestation",
     "text": "Thiers, le 17 juin 2024\n\nJeanne Martin a été reçu(e) par la cellule le [Date du rendez-vous].\n",
     "placeholders": ["meeting.date"],
     "sources": ["aist63"]},
)

vector(
    "modele_du_service_refuse",
    "Un modèle du service qui utilise une donnée qui n'en est pas une (le NIR) est refusé au chargement, à son "
    "chemin : jamais un blanc dans le document.",
    case_aist63(), "attestation_presence", "2024-06-17",
    {"templates": {"templates": [{"kind": "attestation_presence", "title": "A",
                                  "body": "NIR : {{ worker.nir }}", "source": "service"}]}},
    {"error": [{"code": "unknown_template_field", "path": "templates[0].body"}]},
)


def main():
    OUT.mkdir(parents=True, exist_ok=True)
    for old in OUT.glob("*.json"):
        old.unlink()
    for v in VECTORS:
        (OUT / f"{v['name']}.json").write_text(json.dumps(v, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print(f"{len(VECTORS)} document vectors written to {OUT}")


if __name__ == "__main__":
    main()
