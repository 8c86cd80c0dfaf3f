//! `cme`: the command line of the library, for those who do not write
//! Python. It reads files, calls `cme_pdp` and prints what the core
//! renders; it decides nothing itself (ARCHITECTURE.md).
//!
//! Exit codes: 0 when everything was read and is valid, 1 when the input
//! has problems (rows refused, an invalid case, a file not read), 2 when
//! the call itself is wrong (an unknown option, a file that cannot be
//! opened, an unknown preset or profile, a period that is not one).

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand, ValueEnum};
use cme_pdp::error::CmeError;
use cme_pdp::export::{CsvOptions, CsvRead, ExtraColumns, Profile, TextEncoding};
use cme_pdp::issue::{Issue, Lang};

/// cme : les règles des cellules de maintien en emploi (cellule PDP) —
/// valider un export, évaluer un dossier, calculer et publier les
/// indicateurs.
#[derive(Parser)]
#[command(name = "cme", version, propagate_version = true)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Valide un export CSV de logiciel de SST (ou un dossier JSON) : chaque
    /// problème à sa ligne et à sa colonne. Code de sortie 1 si une ligne
    /// est refusée.
    Validate {
        #[command(flatten)]
        input: InputArgs,
        /// Sortie JSON (pour les scripts).
        #[arg(long)]
        json: bool,
        /// Messages en anglais.
        #[arg(long)]
        en: bool,
    },
    /// Évalue un dossier (format d'échange JSON) à une date : étape, statut,
    /// catégorie, inclusion, échéances, avec leurs raisons.
    Evaluate {
        /// Le dossier, en JSON.
        case: PathBuf,
        /// La politique : le code d'un service prédéfini (`cme presets`) ou
        /// un fichier de politique (.json, .toml).
        #[arg(long, short)]
        policy: String,
        /// La date d'évaluation (AAAA-MM-JJ).
        #[arg(long)]
        as_of: String,
        /// Sortie JSON (l'évaluation entière).
        #[arg(long)]
        json: bool,
    },
    /// Calcule les indicateurs d'une période à partir d'un export CSV (ou
    /// d'une liste de dossiers JSON), ventilés et publiés avec masquage
    /// des petits effectifs.
    Report {
        #[command(flatten)]
        input: InputArgs,
        /// La politique : le code d'un service prédéfini ou un fichier.
        #[arg(long, short)]
        policy: String,
        /// La période : 2024, 2024-S1, 2024-T3 ou 2024-01-01/2024-06-30.
        #[arg(long)]
        period: String,
        /// Une dimension de ventilation (au plus deux) : secteur,
        /// pathologie, demandeur, visite_source, categorie, tranche_age,
        /// service.
        #[arg(long)]
        by: Vec<String>,
        /// Un indicateur seulement (répétable ; identifiants du catalogue :
        /// entrees, sorties, delai_signalement_contact…) : le rapport ne
        /// montre que ceux-là, dans l'ordre du catalogue. Sans cette
        /// option, tout le catalogue.
        #[arg(long)]
        indicator: Vec<String>,
        /// Publie : les effectifs inférieurs au seuil sont masqués, avec
        /// un masquage secondaire vérifié.
        #[arg(long)]
        publish: bool,
        /// Le seuil de masquage.
        #[arg(long, default_value_t = 11, requires = "publish")]
        threshold: u64,
        /// Le fichier de sortie : .xlsx (un classeur : une feuille par
        /// tableau, les définitions, le reçu de publication), .csv, .md ou
        /// .json (sur la sortie standard sinon : Markdown publié, ou JSON).
        /// Ventilé par deux dimensions, chaque dimension seule (les marges)
        /// est publiée avec le croisement.
        #[arg(long, short)]
        output: Option<PathBuf>,
        /// Le CSV commence par la marque d'ordre des octets (BOM) qu'Excel
        /// attend pour afficher les accents.
        #[arg(long)]
        bom: bool,
    },
    /// Les listes de travail de la cellule à une date, à partir d'une liste
    /// de dossiers JSON ou d'un export CSV : ordre du jour du COPIL et de la
    /// plénière, premiers contacts en retard, travailleurs à rappeler,
    /// suivis à faire et en retard, visites de reprise à organiser, visites
    /// de pré-reprise de la quinzaine par médecin. Chaque dossier sous la
    /// politique prédéfinie de son service. La date est --as-of.
    Worklists {
        #[command(flatten)]
        input: InputArgs,
        /// Une liste seulement (répétable) : analyse_demande, pleniere,
        /// contact_en_retard, a_rappeler, suivi_a_faire, suivi_en_retard,
        /// visite_reprise, pre_reprise_quinzaine.
        #[arg(long)]
        list: Vec<String>,
        /// Les dossiers d'un médecin du travail (identifiant pseudonyme).
        #[arg(long)]
        doctor: Option<String>,
        /// Les dossiers d'un référent (identifiant pseudonyme).
        #[arg(long)]
        referent: Option<String>,
        /// Les dossiers d'un service.
        #[arg(long)]
        service: Option<String>,
        /// Regroupe les lignes : doctor, referent ou service.
        #[arg(long)]
        by: Option<String>,
        /// La politique d'un service, sous la forme service=politique : le
        /// code d'un service prédéfini ou un fichier de politique (.json,
        /// .toml) ; répétable. Les autres services gardent leur politique
        /// prédéfinie.
        #[arg(long, short)]
        policy: Vec<String>,
        /// Sortie JSON.
        #[arg(long)]
        json: bool,
        /// Texte en anglais.
        #[arg(long)]
        en: bool,
    },
    /// Un document de la cellule rempli à partir d'un dossier (JSON) à une
    /// date : courrier à l'employeur (convocation_employeur), attestation
    /// de présence, invitation à une visite de pré-reprise, livret
    /// d'accompagnement (formulaire de consentement, information RGPD),
    /// fiche relais vers un partenaire, synthèse de clôture. Les noms et
    /// adresses ne sont jamais dans le dossier : --identity les donne (un
    /// fichier JSON champ → texte), sans quoi le document garde des marques
    /// visibles. Code de sortie 1 si le document est refusé (accord du
    /// travailleur absent, fait manquant).
    Document {
        /// Le dossier, en JSON.
        #[arg(required_unless_present = "fields")]
        case: Option<PathBuf>,
        /// Le document : convocation_employeur, attestation_presence,
        /// invitation_pre_reprise, livret_accompagnement, fiche_relais,
        /// synthese_cloture.
        #[arg(long, required_unless_present = "fields")]
        kind: Option<String>,
        /// La date du document (AAAA-MM-JJ).
        #[arg(long, required_unless_present = "fields")]
        as_of: Option<String>,
        /// Affiche les champs que les modèles peuvent utiliser (ceux
        /// d'identité, donnés par --identity, et ceux du dossier).
        #[arg(long)]
        fields: bool,
        /// La politique : le code d'un service prédéfini ou un fichier de
        /// politique (.json, .toml) ; celle du service du dossier sinon.
        #[arg(long, short)]
        policy: Option<String>,
        /// Les noms, adresses et le rendez-vous (fichier JSON : champ →
        /// texte ; `cme document --fields` les donne).
        #[arg(long)]
        identity: Option<PathBuf>,
        /// Le partenaire d'une fiche relais (cap_emploi, france_travail…).
        #[arg(long)]
        partner: Option<String>,
        /// Les modèles du service (fichier JSON) au lieu de ceux de cme.
        #[arg(long)]
        templates: Option<PathBuf>,
        /// Le fichier de sortie : .html (à imprimer), .docx (à modifier) ou
        /// .txt (le texte sur la sortie standard sinon).
        #[arg(long, short)]
        output: Option<PathBuf>,
    },
    /// Les politiques prédéfinies des services.
    Presets {
        /// Sortie JSON.
        #[arg(long)]
        json: bool,
    },
    /// Les listes de codes et leurs libellés (toutes, ou une seule).
    Codes {
        /// Le nom d'une liste (source_visit, exit_result…).
        list: Option<String>,
        /// Sortie JSON.
        #[arg(long)]
        json: bool,
    },
    /// Les colonnes du format de table et, avec --profile, les en-têtes
    /// qu'un profil d'export reconnaît pour chacune.
    Columns {
        /// Un profil (cme, fr) ou un fichier de profil (.json, .toml).
        #[arg(long)]
        profile: Option<String>,
        /// Sortie JSON.
        #[arg(long)]
        json: bool,
    },
}

/// How to read an export.
#[derive(Args)]
struct InputArgs {
    /// Le fichier : un export CSV, ou du JSON (un dossier ou une liste).
    file: PathBuf,
    /// Les en-têtes du fichier : un profil prédéfini (fr, cme) ou un
    /// fichier de profil (.json, .toml) qui associe chaque en-tête du
    /// logiciel à une colonne du format.
    #[arg(long, default_value = "fr")]
    profile: String,
    /// Les colonnes qui ne correspondent à aucune colonne du format :
    /// ignorées (signalées une fois) ou refusées (le fichier n'est pas lu).
    #[arg(long, value_enum)]
    extra_columns: Option<Extra>,
    /// L'encodage (utf-8, windows-1252) ; reconnu sinon.
    #[arg(long)]
    encoding: Option<String>,
    /// Le séparateur (un caractère) ; reconnu sur la ligne d'en-tête sinon.
    #[arg(long)]
    delimiter: Option<char>,
    /// Aucune date d'un dossier ne peut être postérieure (AAAA-MM-JJ).
    #[arg(long)]
    as_of: Option<String>,
}

#[derive(Clone, Copy, ValueEnum)]
enum Extra {
    Ignore,
    Refuse,
}

/// A failed command: its message, and the exit code.
struct Failure {
    message: String,
    code: u8,
}

impl From<CmeError> for Failure {
    fn from(e: CmeError) -> Self {
        // A problem of the call (an unknown preset, a date that is not one)
        // is 2; an input found invalid is 1.
        let code = match e.kind() {
            "ValidationError" | "EventRefusedError" => 1,
            _ => 2,
        };
        let mut message = format!("{} [{}]", e.message_fr(), e.code());
        for issue in e.issues().iter().skip(1) {
            message.push_str(&format!("\n  ✗ {}", located(issue, Lang::Fr)));
        }
        Failure { message, code }
    }
}

fn fail(message: impl Into<String>) -> Failure {
    Failure {
        message: message.into(),
        code: 2,
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli.command) {
        Ok(code) => ExitCode::from(code),
        Err(f) => {
            eprintln!("cme : {}", f.message);
            ExitCode::from(f.code)
        }
    }
}

fn run(command: Command) -> Result<u8, Failure> {
    match command {
        Command::Validate { input, json, en } => validate(&input, json, en),
        Command::Evaluate {
            case,
            policy,
            as_of,
            json,
        } => evaluate(&case, &policy, &as_of, json),
        Command::Report {
            input,
            policy,
            period,
            by,
            indicator,
            publish,
            threshold,
            output,
            bom,
        } => report(
            &input,
            &policy,
            &period,
            Breakdown {
                by: &by,
                indicators: &indicator,
            },
            publish.then_some(threshold),
            output.as_deref(),
            bom,
        ),
        Command::Worklists {
            input,
            list,
            doctor,
            referent,
            service,
            by,
            policy,
            json,
            en,
        } => {
            let policies = worklist_policies(&policy)?;
            let mut options = serde_json::Map::new();
            if !list.is_empty() {
                options.insert("lists".into(), list.into());
            }
            for (key, value) in [
                ("doctor", doctor),
                ("referent", referent),
                ("service", service),
                ("by", by),
            ] {
                if let Some(v) = value {
                    options.insert(key.into(), v.into());
                }
            }
            worklists(
                &input,
                &policies,
                &serde_json::Value::Object(options),
                json,
                en,
            )
        }
        Command::Document { fields: true, .. } => document_fields(),
        Command::Document {
            case,
            kind,
            as_of,
            fields: false,
            policy,
            identity,
            partner,
            templates,
            output,
        } => document(
            case.as_deref().unwrap_or(Path::new("")),
            kind.as_deref().unwrap_or_default(),
            as_of.as_deref().unwrap_or_default(),
            DocumentArgs {
                policy: policy.as_deref(),
                identity: identity.as_deref(),
                partner: partner.as_deref(),
                templates: templates.as_deref(),
                output: output.as_deref(),
            },
        ),
        Command::Presets { json } => presets(json),
        Command::Codes { list, json } => codes(list.as_deref(), json),
        Command::Columns { profile, json } => columns(profile.as_deref(), json),
    }
}

fn read_file(path: &Path) -> Result<Vec<u8>, Failure> {
    std::fs::read(path).map_err(|e| {
        fail(format!(
            "impossible de lire « {} » : {}",
            path.display(),
            io_reason(&e)
        ))
    })
}

fn read_text(path: &Path) -> Result<String, Failure> {
    let bytes = read_file(path)?;
    String::from_utf8(bytes)
        .map_err(|_| fail(format!("« {} » n'est pas un texte UTF-8", path.display())))
}

/// The reason of an I/O error in French.
fn io_reason(e: &std::io::Error) -> &'static str {
    match e.kind() {
        std::io::ErrorKind::NotFound => "fichier introuvable",
        std::io::ErrorKind::PermissionDenied => "accès refusé",
        std::io::ErrorKind::IsADirectory => "c'est un dossier",
        _ => "erreur de lecture",
    }
}

fn is_json(path: &Path) -> bool {
    path.extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("json"))
}

fn profile(name: &str) -> Result<Profile, Failure> {
    let path = Path::new(name);
    let ext = path.extension().map(|e| e.to_string_lossy().to_lowercase());
    Ok(match ext.as_deref() {
        Some("json") => Profile::from_json_str(&read_text(path)?)?,
        Some("toml") => Profile::from_toml_str(&read_text(path)?)?,
        _ => Profile::named(name)?,
    })
}

fn as_of(text: Option<&str>) -> Result<Option<chrono::NaiveDate>, Failure> {
    text.map(cme_pdp::error::parse_as_of)
        .transpose()
        .map_err(Failure::from)
}

fn csv_options(input: &InputArgs) -> Result<CsvOptions, Failure> {
    let mut options = CsvOptions::new(profile(&input.profile)?);
    options.extra_columns = input.extra_columns.map(|e| match e {
        Extra::Ignore => ExtraColumns::Ignore,
        Extra::Refuse => ExtraColumns::Refuse,
    });
    options.encoding = match &input.encoding {
        Some(name) => Some(TextEncoding::from_name(name).ok_or_else(|| {
            fail("encodage inconnu : utf-8, utf-16 ou windows-1252 (cp1252, latin-1)")
        })?),
        None => None,
    };
    options.delimiter = input.delimiter;
    options.as_of = as_of(input.as_of.as_deref())?;
    Ok(options)
}

/// A problem with its path, in a language.
fn located(issue: &Issue, lang: Lang) -> String {
    let message = match lang {
        Lang::En => &issue.message_en,
        _ => &issue.message,
    };
    if issue.path.as_str().is_empty() {
        format!("{message} [{}]", issue.code)
    } else {
        format!("{} : {message} [{}]", issue.path, issue.code)
    }
}

fn print_json(value: &serde_json::Value) {
    println!(
        "{}",
        serde_json::to_string_pretty(value).unwrap_or_default()
    );
}

/// The cases of a JSON file: one case or a list.
fn json_cases(path: &Path) -> Result<Vec<serde_json::Value>, Failure> {
    let text = read_text(path)?;
    let not_json = |issue: &Issue| Failure {
        message: format!("« {} » : {}", path.display(), located(issue, Lang::Fr)),
        code: 1,
    };
    // One case is read strictly (a key given twice is refused); a list of
    // cases past the size of one document is read as plain JSON, each case
    // then validated.
    let value = match cme_pdp::validate::read_json(&text) {
        Ok(value) => value,
        Err(issue) if issue.code.code() == "document_too_large" => serde_json::from_str(&text)
            .map_err(|e| {
                not_json(
                    &Issue::new(
                        cme_pdp::issue::IssueCode::InvalidJson,
                        cme_pdp::issue::Path::root(),
                    )
                    .with("line", e.line())
                    .with("column", e.column()),
                )
            })?,
        Err(issue) => return Err(not_json(&issue)),
    };
    Ok(match value {
        serde_json::Value::Array(items) => items,
        one => vec![one],
    })
}

fn validate(input: &InputArgs, json: bool, en: bool) -> Result<u8, Failure> {
    let lang = if en { Lang::En } else { Lang::Fr };
    if is_json(&input.file) {
        let options = cme_pdp::validate::ValidateOptions::as_of(as_of(input.as_of.as_deref())?);
        let cases = json_cases(&input.file)?;
        let mut all = Vec::new();
        for (i, case) in cases.iter().enumerate() {
            for mut issue in cme_pdp::validate::validate(case, &options) {
                if cases.len() > 1 {
                    let inner = issue.path.as_str();
                    let at = if inner.is_empty() {
                        format!("cases[{i}]")
                    } else {
                        format!("cases[{i}].{inner}")
                    };
                    issue.path = cme_pdp::issue::Path::from_rendered(&at);
                }
                all.push(issue);
            }
        }
        if json {
            print_json(&serde_json::json!({"cases": cases.len(), "issues": all}));
        } else if all.is_empty() {
            println!(
                "{} : {} dossier(s) valide(s).",
                input.file.display(),
                cases.len()
            );
        } else {
            for issue in &all {
                println!("  ✗ {}", located(issue, lang));
            }
        }
        return Ok(u8::from(all.iter().any(|i| i.severity.is_error())));
    }
    let read = read_export(input)?;
    if json {
        print_json(&read.to_value());
    } else {
        print!("{}", read.to_text(lang));
    }
    Ok(u8::from(!read.is_readable() || read.refused() > 0))
}

fn read_export(input: &InputArgs) -> Result<CsvRead, Failure> {
    let options = csv_options(input)?;
    let bytes = read_file(&input.file)?;
    // A bar on standard error once reading takes more than a moment
    // (indicatif draws nothing when standard error is not a terminal).
    let bar = indicatif::ProgressBar::new(bytes.len() as u64);
    bar.set_style(
        indicatif::ProgressStyle::with_template("{msg} [{bar:30}] {percent:>3} % ({elapsed})")
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar())
            .progress_chars("=> "),
    );
    bar.set_message("lecture");
    let started = std::time::Instant::now();
    let read = cme_pdp::export::read_csv_with_progress(&bytes, &options, &mut |done, total| {
        if started.elapsed() > std::time::Duration::from_millis(500) {
            bar.set_length(total);
            bar.set_position(done);
        }
    });
    bar.finish_and_clear();
    Ok(read)
}

fn policy_value(policy: &str) -> Result<serde_json::Value, Failure> {
    let path = Path::new(policy);
    let ext = path.extension().map(|e| e.to_string_lossy().to_lowercase());
    let loaded = match ext.as_deref() {
        Some("json") => cme_pdp::policy::Policy::from_json_str(&read_text(path)?)
            .map_err(CmeError::InvalidPolicy)?,
        Some("toml") => cme_pdp::policy::Policy::from_toml_str(&read_text(path)?)
            .map_err(CmeError::InvalidPolicy)?,
        _ => return Ok(serde_json::Value::String(policy.to_string())),
    };
    serde_json::to_value(loaded).map_err(|_| fail("politique illisible"))
}

fn evaluate(case: &Path, policy: &str, as_of: &str, json: bool) -> Result<u8, Failure> {
    let as_of = cme_pdp::error::parse_as_of(as_of)?;
    let policy = cme_pdp::policy::resolve_policy(&policy_value(policy)?)?;
    let mut cases = json_cases(case)?;
    if cases.len() != 1 {
        return Err(fail(
            "le fichier doit contenir un seul dossier (un objet JSON)",
        ));
    }
    let value = cases.pop().unwrap_or_default();
    let evaluation = cme_pdp::evaluate::evaluate_value(&value, &policy, as_of)?;
    if json {
        print_json(&serde_json::to_value(&evaluation).unwrap_or_default());
    } else {
        print!("{}", evaluation.to_text_fr());
    }
    Ok(0)
}

/// What a report counts: its dimensions and the indicators it shows
/// (empty: the whole catalogue).
struct Breakdown<'a> {
    by: &'a [String],
    indicators: &'a [String],
}

fn report(
    input: &InputArgs,
    policy: &str,
    period: &str,
    what: Breakdown<'_>,
    threshold: Option<u64>,
    output: Option<&Path>,
    bom: bool,
) -> Result<u8, Failure> {
    let period = cme_pdp::indicators::Period::parse(period)?;
    let policy = policy_value(policy)?;
    let by = what.by;
    let mut accumulators = cme_pdp::publish::tables::with_margins(by)
        .iter()
        .map(|b| cme_pdp::indicators::accumulator_of(&policy, period, b, what.indicators))
        .collect::<Result<Vec<_>, _>>()?;
    let mut refused = 0usize;
    let mut add = |case: &cme_pdp::case::Case| accumulators.iter_mut().for_each(|a| a.add(case));
    if is_json(&input.file) {
        let options = cme_pdp::validate::ValidateOptions::as_of(as_of(input.as_of.as_deref())?);
        for value in json_cases(&input.file)? {
            match cme_pdp::validate::parse_case(&value, &options) {
                Ok(case) => add(&case),
                Err(_) => refused += 1,
            }
        }
    } else {
        let read = read_export(input)?;
        if !read.is_readable() {
            print!("{}", read.to_text(Lang::Fr));
            return Ok(1);
        }
        refused = read.refused();
        read.table.cases.iter().for_each(&mut add);
    }
    if refused > 0 {
        eprintln!(
            "cme : {refused} dossier(s) refusé(s) ne sont pas comptés : `cme validate {}` les détaille.",
            input.file.display()
        );
    }
    let reports = accumulators
        .iter()
        .map(cme_pdp::indicators::Accumulator::report)
        .collect::<Result<Vec<_>, _>>()?;
    let format = output
        .and_then(|p| p.extension())
        .map(|e| e.to_string_lossy().to_lowercase());
    let Some(threshold) = threshold else {
        // Not published: only the JSON of the reports, for the service's
        // own use; the tables one shares are published.
        if matches!(format.as_deref(), Some("csv" | "md" | "xlsx")) {
            return Err(fail(
                "les tableaux CSV, Markdown et Excel sont des tableaux publiés : ajouter --publish (seuil 11 par défaut), ou écrire en .json",
            ));
        }
        let value = match reports.as_slice() {
            [one] => serde_json::to_value(one),
            many => serde_json::to_value(many),
        }
        .unwrap_or_default();
        write_out(output, &pretty(&value))?;
        return Ok(u8::from(refused > 0));
    };
    // Suppression and its audit take a while on a fine crossing (minutes
    // for hundreds of cells): say so on a terminal.
    let spinner = indicatif::ProgressBar::new_spinner();
    spinner.set_message("publication : masquage des petits effectifs et audit…");
    spinner.enable_steady_tick(std::time::Duration::from_millis(200));
    let published = cme_pdp::publish::publish_bundle(
        &reports,
        &cme_pdp::publish::PublishOptions::new(threshold),
    );
    spinner.finish_and_clear();
    let published = published?;
    let bytes: Vec<u8> = match format.as_deref() {
        Some("json") => {
            let value = match published.as_slice() {
                [one] => serde_json::to_value(one),
                many => serde_json::to_value(many),
            }
            .unwrap_or_default();
            pretty(&value)
        }
        Some("csv") => cme_pdp::publish::tables::LongTable::of(&published)
            .to_csv(bom)
            .into_bytes(),
        Some("xlsx") => cme_pdp::publish::workbook::to_xlsx(&published)?,
        Some("md") | None => cme_pdp::publish::tables::to_markdown(&published).into_bytes(),
        Some(other) => {
            return Err(fail(format!(
                "format de sortie inconnu « .{other} » : .csv, .md, .xlsx ou .json"
            )))
        }
    };
    write_out(output, &bytes)?;
    Ok(u8::from(refused > 0))
}

fn pretty(value: &serde_json::Value) -> Vec<u8> {
    let mut text = serde_json::to_string_pretty(value).unwrap_or_default();
    text.push('\n');
    text.into_bytes()
}

/// Writes to the file, or to the standard output.
fn write_out(output: Option<&Path>, bytes: &[u8]) -> Result<(), Failure> {
    use std::io::Write;
    match output {
        Some(path) => std::fs::write(path, bytes).map_err(|e| {
            fail(format!(
                "impossible d'écrire « {} » : {}",
                path.display(),
                io_reason(&e)
            ))
        }),
        None => std::io::stdout()
            .write_all(bytes)
            .map_err(|e| fail(format!("impossible d'écrire : {}", io_reason(&e)))),
    }
}

/// The policies of the worklists: every preset under its service's code,
/// and the `service=policy` given.
fn worklist_policies(given: &[String]) -> Result<serde_json::Value, Failure> {
    if given.is_empty() {
        return Ok(serde_json::Value::Null);
    }
    let mut map: serde_json::Map<String, serde_json::Value> = cme_pdp::policy::preset_codes()
        .iter()
        .map(|c| (c.to_string(), serde_json::Value::String(c.to_string())))
        .collect();
    for item in given {
        let Some((service, policy)) = item.split_once('=') else {
            return Err(fail(
                "--policy s'écrit service=politique (un code de service prédéfini ou un fichier .json, .toml)",
            ));
        };
        map.insert(service.trim().to_string(), policy_value(policy.trim())?);
    }
    Ok(serde_json::Value::Object(map))
}

fn worklists(
    input: &InputArgs,
    policies: &serde_json::Value,
    options: &serde_json::Value,
    json: bool,
    en: bool,
) -> Result<u8, Failure> {
    let Some(as_of) = input.as_of.as_deref() else {
        return Err(fail(
            "la date des listes est obligatoire : --as-of AAAA-MM-JJ",
        ));
    };
    let mut builder = cme_pdp::worklists::WorklistsBuilder::new(policies, as_of, options)?;
    let mut code = 0;
    if is_json(&input.file) {
        json_cases(&input.file)?
            .iter()
            .for_each(|c| builder.add_case(c));
    } else {
        let read = read_export(input)?;
        if !read.is_readable() {
            print!("{}", read.to_text(Lang::Fr));
            return Ok(1);
        }
        if read.refused() > 0 {
            // the refused rows are said on standard error; the others listed
            eprint!("{}", read.to_text(Lang::Fr));
            code = 1;
        }
        for case in &read.table.cases {
            builder.add_case(&serde_json::to_value(case).unwrap_or_default());
        }
    }
    let (lists, by) = builder.finish_lists()?;
    if json {
        print_json(&cme_pdp::worklists::worklists_value(&lists, by));
    } else {
        print!(
            "{}",
            lists.to_text(by, if en { Lang::En } else { Lang::Fr })
        );
    }
    Ok(code)
}

/// The options of `cme document`.
struct DocumentArgs<'a> {
    policy: Option<&'a str>,
    identity: Option<&'a Path>,
    partner: Option<&'a str>,
    templates: Option<&'a Path>,
    output: Option<&'a Path>,
}

/// `cme document --fields`: the fields a template may use.
fn document_fields() -> Result<u8, Failure> {
    for f in cme_pdp::documents::FIELDS {
        let from = if f.identity {
            "identité (--identity)"
        } else {
            "dossier"
        };
        println!("{:<18} {:<24} {}", f.name, from, f.label);
    }
    Ok(0)
}

fn document(case: &Path, kind: &str, as_of: &str, args: DocumentArgs<'_>) -> Result<u8, Failure> {
    let DocumentArgs {
        policy,
        identity,
        partner,
        templates,
        output,
    } = args;
    // the options as every binding gives them to the core; the identity
    // file is read for this document only, never echoed
    let mut options = serde_json::Map::new();
    if let Some(path) = identity {
        let value: serde_json::Value = serde_json::from_str(&read_text(path)?).map_err(|_| {
            fail(format!(
                "« {} » doit être un objet JSON champ → texte",
                path.display()
            ))
        })?;
        options.insert("identity".into(), value);
    }
    if let Some(code) = partner {
        options.insert("partner".into(), code.into());
    }
    if let Some(path) = templates {
        options.insert("templates".into(), read_text(path)?.into());
    }
    if let Some(p) = policy {
        options.insert("policy".into(), policy_value(p)?);
    }
    let mut cases = json_cases(case)?;
    if cases.len() != 1 {
        return Err(fail(
            "le fichier doit contenir un seul dossier (un objet JSON)",
        ));
    }
    let value = cases.pop().unwrap_or_default();
    let doc = cme_pdp::documents::document_of_json(
        &value,
        kind,
        as_of,
        &serde_json::Value::Object(options),
    )?;
    let ext = output
        .and_then(|p| p.extension())
        .map(|e| e.to_string_lossy().to_lowercase());
    let bytes = match ext.as_deref() {
        Some("html" | "htm") => doc.to_html().into_bytes(),
        Some("docx") => doc.to_docx()?,
        _ => doc.text.clone().into_bytes(),
    };
    write_out(output, &bytes)?;
    if !doc.placeholders.is_empty() {
        eprintln!(
            "cme : à compléter dans le document : {}",
            doc.placeholders.join(", ")
        );
    }
    Ok(0)
}

fn presets(json: bool) -> Result<u8, Failure> {
    let presets = cme_pdp::policy::presets()?;
    if json {
        let list: Vec<serde_json::Value> = presets
            .iter()
            .map(|p| serde_json::json!({"code": p.id, "name": p.name, "content_hash": p.content_hash()}))
            .collect();
        print_json(&serde_json::Value::Array(list));
    } else {
        for p in &presets {
            println!("{:<10} {}", p.id, p.name);
        }
    }
    Ok(0)
}

fn codes(list: Option<&str>, json: bool) -> Result<u8, Failure> {
    let mut lists = cme_pdp::lists::code_lists();
    if let Some(kind) = list {
        lists.retain(|l| l.kind == kind);
        if lists.is_empty() {
            return Err(fail(format!(
                "aucune liste de codes ne s'appelle « {} » (`cme codes` les donne toutes)",
                cme_pdp::issue::echoed(kind)
            )));
        }
    }
    if json {
        print_json(&serde_json::to_value(&lists).unwrap_or_default());
    } else {
        for l in &lists {
            println!("{}", l.kind);
            for e in &l.entries {
                println!("  {:<36} {}", e.code, e.label);
            }
        }
    }
    Ok(0)
}

fn columns(profile_name: Option<&str>, json: bool) -> Result<u8, Failure> {
    let profile = profile_name.map(profile).transpose()?;
    let headers = |column: &str| -> Vec<String> {
        profile
            .as_ref()
            .map(|p| {
                p.columns
                    .iter()
                    .filter(|(_, c)| c.as_str() == column)
                    .map(|(h, _)| h.clone())
                    .collect()
            })
            .unwrap_or_default()
    };
    if json {
        let list: Vec<serde_json::Value> = cme_pdp::table::COLUMNS
            .iter()
            .map(|c| {
                serde_json::json!({"name": c.name, "kind": c.kind, "description": c.description,
                    "headers": headers(c.name)})
            })
            .collect();
        print_json(&serde_json::Value::Array(list));
    } else {
        for c in cme_pdp::table::COLUMNS {
            let h = headers(c.name);
            if h.is_empty() {
                println!("{:<34} {}", c.name, c.description);
            } else {
                println!(
                    "{:<34} {} — en-têtes : {}",
                    c.name,
                    c.description,
                    h.join(", ")
                );
            }
        }
    }
    Ok(0)
}
