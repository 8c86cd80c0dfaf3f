//! The command line end to end, on exports written as SST software writes
//! them: French headers, `;`, `jj/mm/aaaa`, `oui`/`non`, French labels,
//! Windows-1252 with CRLF, a column of names, and rows planted bad. The
//! expected problems are the planted ones, written here by hand.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use cme_pdp::export::{column_labels, Profile};
use cme_pdp::table::{case_row, ColumnKind, COLUMNS};
use serde_json::Value;

fn cme(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_cme"))
        .args(args)
        .output()
        .expect("the binary runs")
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).expect("UTF-8 output")
}

fn stderr(o: &Output) -> String {
    String::from_utf8(o.stderr.clone()).expect("UTF-8 output")
}

fn dir(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("cme-cli-{}-{name}", std::process::id()));
    std::fs::create_dir_all(&d).unwrap();
    d
}

/// The header a vendor would write for a column: the first header of the
/// `fr` profile that gives it (the column name when it has none).
fn french_header(column: &str) -> String {
    let fr = Profile::builtin("fr").unwrap();
    fr.columns
        .iter()
        .find(|(_, c)| c.as_str() == column)
        .map_or(column.to_string(), |(h, _)| h.clone())
}

/// A cell written in the French conventions.
fn french_cell(column: &str, kind: ColumnKind, value: &Value) -> String {
    match (kind, value) {
        (_, Value::Null) => String::new(),
        (ColumnKind::Boolean, Value::Bool(b)) => if *b { "oui" } else { "non" }.to_string(),
        (ColumnKind::Date, Value::String(d)) => {
            let (y, rest) = d.split_at(4);
            format!("{}/{}/{y}", &rest[4..6], &rest[1..3])
        }
        (ColumnKind::Integer, Value::Number(n)) => n.to_string(),
        (_, Value::String(code)) => {
            if column == "sector_section" {
                return code.clone();
            }
            match column_labels(column) {
                Some(labels) => labels
                    .iter()
                    .find(|(c, _, _)| c == code)
                    .map_or(code.clone(), |(_, fr, _)| fr.to_string()),
                None => code.clone(),
            }
        }
        (_, Value::Array(items)) => items
            .iter()
            .filter_map(Value::as_str)
            .collect::<Vec<_>>()
            .join(", "),
        (_, other) => other.to_string(),
    }
}

/// The sample cases that fit a row, as a vendor's export: the columns they
/// use, French headers, a « Nom du salarié » column, and three rows planted
/// bad (rows 3, 7 and 10). Returns the bytes (Windows-1252, CRLF) and the
/// number of rows.
fn french_export() -> (Vec<u8>, usize, Vec<String>) {
    let cases = cme_pdp::sample::sample_cases().unwrap();
    let rows: Vec<Value> = cases.iter().filter_map(case_row).collect();
    let used: Vec<&cme_pdp::table::Column> = COLUMNS
        .iter()
        .filter(|c| rows.iter().any(|r| r.get(c.name).is_some()))
        .collect();
    let mut lines = Vec::new();
    let mut header: Vec<String> = used.iter().map(|c| french_header(c.name)).collect();
    header.push("Nom du salarié".to_string());
    lines.push(header.join(";"));
    let position = |name: &str| used.iter().position(|c| c.name == name).unwrap();
    for (i, row) in rows.iter().enumerate() {
        let mut cells: Vec<String> = used
            .iter()
            .map(|c| {
                let cell = french_cell(c.name, c.kind, row.get(c.name).unwrap_or(&Value::Null));
                // a separator inside a cell is quoted, as Excel does
                if cell.contains(';') {
                    format!("\"{cell}\"")
                } else {
                    cell
                }
            })
            .collect();
        cells.push(format!("Salarié n° {i}"));
        match i {
            3 => cells[position("signalement_date")] = "31/02/2024".to_string(),
            7 => cells[position("birth_year")] = "soixante-dix".to_string(),
            10 => cells.truncate(4),
            _ => {}
        }
        lines.push(cells.join(";"));
    }
    let text = lines.join("\r\n") + "\r\n";
    let (bytes, _, unmappable) = encoding_rs::WINDOWS_1252.encode(&text);
    assert!(!unmappable);
    let names = used.iter().map(|c| c.name.to_string()).collect();
    (bytes.into_owned(), rows.len(), names)
}

fn write(dir: &Path, name: &str, bytes: &[u8]) -> String {
    let path = dir.join(name);
    std::fs::write(&path, bytes).unwrap();
    path.to_string_lossy().into_owned()
}

#[test]
fn a_french_export_is_validated_with_each_problem_once_at_its_line() {
    let (bytes, n, _) = french_export();
    assert!(n > 30, "the sample gives enough rows");
    assert!(std::str::from_utf8(&bytes).is_err(), "really Windows-1252");
    let d = dir("validate");
    let file = write(&d, "export.csv", &bytes);
    let out = cme(&["validate", &file]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(
        text.starts_with(&format!(
            "Fichier lu en windows-1252, séparateur « ; » : {n} lignes, {} dossiers valides, 3 lignes refusées.",
            n - 3
        )),
        "{text}"
    );
    // the column of names: said once, not once per row
    assert_eq!(text.matches("Nom du salarié").count(), 1, "{text}");
    let problems: Vec<&str> = text.lines().filter(|l| l.contains('✗')).collect();
    assert_eq!(problems.len(), 3, "{text}");
    // row 3 is line 5 (the header is line 1, row 0 line 2)
    assert!(
        problems[0].contains("ligne 5, colonne « Date de signalement » (signalement_date)"),
        "{text}"
    );
    assert!(problems[0].ends_with("[invalid_date]"));
    assert!(problems[1].contains("ligne 9, colonne « Année de naissance » (birth_year)"));
    assert!(problems[1].ends_with("[integer_type]"), "{}", problems[1]);
    assert!(problems[2].contains("ligne 12 : Cette ligne compte 4 champs"));
    // never a value of the file
    assert!(!text.contains("soixante-dix") && !text.contains("Salarié n°"));

    // the same in JSON, for scripts
    let out = cme(&["validate", &file, "--json"]);
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["valid"], n - 3);
    assert_eq!(v["encoding"], "windows-1252");
    let found: Vec<(u64, u64, &str, &str)> = v["issues"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| {
            (
                i["row"].as_u64().unwrap(),
                i["line"].as_u64().unwrap(),
                i["column"].as_str().unwrap(),
                i["code"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        found,
        [
            (3, 5, "signalement_date", "invalid_date"),
            (7, 9, "birth_year", "integer_type"),
            (10, 12, "", "field_count"),
        ]
    );
    // refused by choice: one problem for the column, exit 1, nothing read
    let out = cme(&["validate", &file, "--extra-columns", "refuse", "--json"]);
    assert_eq!(out.status.code(), Some(1));
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["header_issues"].as_array().unwrap().len(), 1);
    assert_eq!(v["header_issues"][0]["code"], "unknown_column");
    assert_eq!(v["issues"].as_array().unwrap().len(), 0);
    std::fs::remove_dir_all(d).ok();
}

#[test]
fn the_report_of_the_export_is_the_report_of_its_cases() {
    // Reading the French export loses nothing: its report is the one of
    // the cases it was written from (the three planted rows left out).
    let (bytes, _, _) = french_export();
    let d = dir("report");
    let file = write(&d, "export.csv", &bytes);
    let out_json = d.join("bilan.json");
    let out = cme(&[
        "report",
        &file,
        "-p",
        "aist43",
        "--period",
        "2024",
        "--by",
        "secteur",
        "-o",
        &out_json.to_string_lossy(),
    ]);
    // refused rows are not counted, and said so: exit 1
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(stderr(&out).contains("3 dossier(s) refusé(s)"));
    let from_cli: Value = serde_json::from_slice(&std::fs::read(&out_json).unwrap()).unwrap();
    let cases = cme_pdp::sample::sample_cases().unwrap();
    let kept: Vec<_> = cases
        .iter()
        .filter(|c| case_row(c).is_some())
        .enumerate()
        .filter(|(i, _)| ![3, 7, 10].contains(i))
        .map(|(_, c)| c)
        .collect();
    let mut acc = cme_pdp::indicators::accumulator(
        &serde_json::json!("aist43"),
        cme_pdp::indicators::Period::year(2024),
        &["secteur".to_string()],
    )
    .unwrap();
    kept.iter().for_each(|c| acc.add(c));
    let direct = cme_pdp::publish::report_value(&acc.report().unwrap(), None).unwrap();
    assert_eq!(from_cli, direct);
    assert_eq!(from_cli["cases"], kept.len());

    // published, as CSV and Markdown
    let out_csv = d.join("bilan.csv");
    let out = cme(&[
        "report",
        &file,
        "-p",
        "aist43",
        "--period",
        "2024",
        "--publish",
        "-o",
        &out_csv.to_string_lossy(),
    ]);
    assert_eq!(out.status.code(), Some(1));
    let csv = std::fs::read_to_string(&out_csv).unwrap();
    assert!(csv.lines().next().unwrap().contains(';'));
    assert!(csv.contains("Signalements"));
    let out = cme(&[
        "report",
        &file,
        "-p",
        "aist43",
        "--period",
        "2024",
        "--publish",
    ]);
    assert!(stdout(&out).contains("| Indicateur |"));
    // by two dimensions: the margins published with the crossing, in one
    // long table (a column per dimension, « ensemble » for a margin)
    let out = cme(&[
        "report",
        &file,
        "-p",
        "aist43",
        "--period",
        "2024",
        "--by",
        "secteur",
        "--by",
        "tranche_age",
        "--publish",
        "--bom",
        "-o",
        &out_csv.to_string_lossy(),
    ]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let csv = std::fs::read_to_string(&out_csv).unwrap();
    assert!(csv.starts_with(
        "\u{feff}secteur;secteur_libelle;tranche_age;tranche_age_libelle;indicateur;libelle;"
    ));
    let kinds: Vec<(bool, bool)> = csv
        .lines()
        .skip(1)
        .map(|l| {
            let f: Vec<&str> = l.split(';').collect();
            (f[0] == "ensemble", f[2] == "ensemble")
        })
        .collect();
    for kind in [(true, true), (false, true), (true, false), (false, false)] {
        assert!(kinds.contains(&kind), "{kind:?} missing");
    }
    // the total once, not once per report of the bundle
    let totals = csv
        .lines()
        .filter(|l| l.starts_with("ensemble;Ensemble;ensemble;Ensemble;signalements;"))
        .count();
    assert_eq!(totals, 1);
    let out_xlsx = d.join("bilan.xlsx");
    let out = cme(&[
        "report",
        &file,
        "-p",
        "aist43",
        "--period",
        "2024",
        "--by",
        "secteur",
        "--by",
        "tranche_age",
        "--publish",
        "-o",
        &out_xlsx.to_string_lossy(),
    ]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(&std::fs::read(&out_xlsx).unwrap()[..2], b"PK");
    // unpublished tables are not written as CSV
    let out = cme(&[
        "report",
        &file,
        "-p",
        "aist43",
        "--period",
        "2024",
        "-o",
        &out_csv.to_string_lossy(),
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("--publish"));
    std::fs::remove_dir_all(d).ok();
}

#[test]
fn a_case_is_evaluated_and_explained_in_french() {
    let d = dir("evaluate");
    let case = cme_pdp::sample::sample_json_values().unwrap().remove(11);
    let file = write(&d, "dossier.json", case.to_string().as_bytes());
    let out = cme(&["evaluate", &file, "-p", "aismt13", "--as-of", "2025-06-30"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let policy = cme_pdp::policy::preset("aismt13").unwrap();
    let expected = cme_pdp::evaluate::evaluate_value(&case, &policy, cme_pdp::sample::SAMPLE_AS_OF)
        .unwrap()
        .to_text_fr();
    assert_eq!(stdout(&out), expected);
    let out = cme(&[
        "evaluate",
        &file,
        "-p",
        "aismt13",
        "--as-of",
        "2025-06-30",
        "--json",
    ]);
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["policy"]["id"], "aismt13");
    std::fs::remove_dir_all(d).ok();
}

#[test]
fn a_wrong_call_says_why_in_french_with_exit_code_2() {
    let d = dir("errors");
    let case = cme_pdp::sample::sample_json_values().unwrap().remove(0);
    let file = write(&d, "dossier.json", case.to_string().as_bytes());
    let csv = write(&d, "export.csv", b"id;service\n");
    let cases = [
        (
            vec!["evaluate", &file, "-p", "aist99", "--as-of", "2025-06-30"],
            "Aucune politique prédéfinie",
        ),
        (
            vec!["evaluate", &file, "-p", "aist43", "--as-of", "30/06/2025"],
            "AAAA-MM-JJ",
        ),
        (
            vec!["validate", "/nonexistent/export.csv"],
            "fichier introuvable",
        ),
        (
            vec!["validate", &csv, "--profile", "logiciel_inconnu"],
            "profil",
        ),
        (vec!["codes", "couleurs"], "aucune liste de codes"),
    ];
    for (args, said) in cases {
        let out = cme(&args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(stderr(&out).contains(said), "{args:?}: {}", stderr(&out));
    }
    // an invalid case is the input's problem: 1
    let bad = write(&d, "bad.json", br#"{"format_version": 1}"#);
    let out = cme(&["validate", &bad]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stdout(&out).contains("Le champ « id » est obligatoire."));
    std::fs::remove_dir_all(d).ok();
}

#[test]
fn lists_for_those_who_fill_a_file_by_hand() {
    let out = cme(&["presets"]);
    assert_eq!(stdout(&out).lines().count(), 7);
    assert!(stdout(&out).contains("aist43"));
    let out = cme(&["codes", "source_visit"]);
    assert!(stdout(&out).contains("pre_reprise"));
    assert!(stdout(&out).contains("Visite de pré-reprise"));
    let out = cme(&["columns", "--profile", "fr", "--json"]);
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    let signalement = v
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["name"] == "signalement_date")
        .unwrap();
    assert!(signalement["headers"]
        .as_array()
        .unwrap()
        .iter()
        .any(|h| h == "Date de signalement"));
}

/// The cell's worklists of the hand-written portfolio of
/// tests/vectors/worklists/ as a text, in French, and grouped by doctor.
#[test]
fn the_worklists_of_a_portfolio_are_printed_in_french() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/vectors/worklists");
    let vector: Value = serde_json::from_str(
        &std::fs::read_to_string(root.join("portefeuille_aismt13_et_astbtp.json")).unwrap(),
    )
    .unwrap();
    let d = dir("worklists");
    let cases = write(&d, "cases.json", vector["cases"].to_string().as_bytes());
    let o = cme(&["worklists", &cases, "--as-of", "2024-06-17"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let text = stdout(&o);
    assert!(text.starts_with("Listes de travail au 17 juin 2024 : 8 dossiers, 11 lignes.\n"));
    assert!(text.contains("\nPremiers contacts en retard (2)\n"));
    assert!(text.contains("  - WL-G (aismt13, médecin MT-2), 23 juin 2024 : Visite de reprise à organiser au plus tard le 23 juin 2024 (6 jours restants).\n"));
    // grouped by doctor, one list: MT-2's overdue contacts
    let o = cme(&[
        "worklists",
        &cases,
        "--as-of",
        "2024-06-17",
        "--by",
        "doctor",
        "--list",
        "contact_en_retard",
    ]);
    let text = stdout(&o);
    assert!(
        text.contains("\nMédecin du travail MT-2\n\nPremiers contacts en retard (2)\n  - WL-B"),
        "{text}"
    );
    // JSON for scripts: the same lists
    let o = cme(&["worklists", &cases, "--as-of", "2024-06-17", "--json"]);
    let lists: Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(lists["items"].as_array().unwrap().len(), 11);
    // no date: a wrong call (2); an unknown grouping: refused input (1)
    assert_eq!(cme(&["worklists", &cases]).status.code(), Some(2));
    let o = cme(&[
        "worklists",
        &cases,
        "--as-of",
        "2024-06-17",
        "--by",
        "medecin",
    ]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("options.by"));
    // AISMT 13 under its own policy (first contact within 30 days, not 15):
    // B's contact, due on 1 June, is 16 days late; AST BTP keeps its preset
    let root_policy =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../cme-core/policies/aismt13.json");
    let mut own: Value =
        serde_json::from_str(&std::fs::read_to_string(root_policy).unwrap()).unwrap();
    own["first_contact"]["days"] = 30.into();
    let own = write(&d, "aismt13-30.json", own.to_string().as_bytes());
    let o = cme(&[
        "worklists",
        &cases,
        "--as-of",
        "2024-06-17",
        "--list",
        "contact_en_retard",
        "--list",
        "pre_reprise_quinzaine",
        "--policy",
        &format!("aismt13={own}"),
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let text = stdout(&o);
    assert!(
        text.contains("  - WL-B (aismt13, médecin MT-2), 1er juin 2024 : "),
        "{text}"
    );
    assert!(
        text.contains("  - WL-G (aismt13, médecin MT-2), 14 juin 2024 : "),
        "{text}"
    );
    assert!(
        text.contains("  - WL-H (astbtp01, médecin MT-5), 5 juin 2024 : "),
        "{text}"
    );
    // a policy not written service=policy is a wrong call (2)
    let o = cme(&[
        "worklists",
        &cases,
        "--as-of",
        "2024-06-17",
        "--policy",
        "aismt13",
    ]);
    assert_eq!(o.status.code(), Some(2));
}

/// `cme document`: the letter to the employer as text, HTML and Word; the
/// identity file read for it only; refused before the worker's agreement.
#[test]
fn a_letter_is_written_as_text_html_and_word_and_refused_without_agreement() {
    let d = dir("document");
    let case = serde_json::json!({
        "format_version": 2, "id": "DOC-1", "service": "aist63", "worker": {"birth_year": 1971},
        "signalement": {"date": "2024-05-13", "source_visit": "a_la_demande", "signalled_by": "medecin_du_travail"},
        "consents": [{"given_on": "2024-05-20", "accompaniment": true}],
        "events": [{"type": "contact", "date": "2024-05-20"}],
    });
    let case = write(&d, "case.json", case.to_string().as_bytes());
    let who = write(
        &d,
        "who.json",
        br#"{"worker.name": "Jeanne Martin", "place": "Clermont-Ferrand"}"#,
    );
    let args = |on: &str, out: Option<&str>| {
        let mut a = vec![
            "document".to_string(),
            case.clone(),
            "--kind".into(),
            "convocation_employeur".into(),
            "--as-of".into(),
            on.into(),
            "--identity".into(),
            who.clone(),
        ];
        if let Some(o) = out {
            a.extend(["-o".to_string(), o.to_string()]);
        }
        a
    };
    let run = |a: Vec<String>| cme(&a.iter().map(String::as_str).collect::<Vec<_>>());
    let o = run(args("2024-06-17", None));
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stdout(&o).contains(
        "j'ai adressé votre salarié, Jeanne Martin, vers notre cellule Maintien en Emploi."
    ));
    assert!(stdout(&o).contains("[Nom de l'employeur]"));
    // every identity field left out is named (sorted), none of the given ones
    let todo = stderr(&o);
    assert!(todo.contains("à compléter dans le document : doctor.name, employer.address, employer.name, meeting.date"), "{todo}");
    assert!(!todo.contains("worker.name"));
    let html = d.join("letter.html");
    assert_eq!(
        run(args("2024-06-17", Some(html.to_str().unwrap())))
            .status
            .code(),
        Some(0)
    );
    assert!(std::fs::read_to_string(&html)
        .unwrap()
        .contains("<mark>[Nom de l'employeur]</mark>"));
    let word = d.join("letter.docx");
    assert_eq!(
        run(args("2024-06-17", Some(word.to_str().unwrap())))
            .status
            .code(),
        Some(0)
    );
    assert_eq!(&std::fs::read(&word).unwrap()[..2], b"PK");
    // before the agreement of 20 May: refused (1), the name never echoed
    let o = run(args("2024-05-19", None));
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("document_without_consent")
            || stderr(&o).contains("l'accord du travailleur")
    );
    assert!(!stderr(&o).contains("Jeanne"));
    // a service's templates that do not load: a problem of the call (2)
    let bad = write(
        &d,
        "templates.json",
        br#"{"templates": [{"kind": "convocation_employeur", "title": "A", "body": "NIR {{ worker.nir }}", "source": "service"}]}"#,
    );
    let mut a = args("2024-06-17", None);
    a.extend(["--templates".to_string(), bad]);
    let o = run(a);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(stderr(&o).contains("[invalid_templates]") && stderr(&o).contains("worker.nir"));
    // an identity detail that is not a document field is named, its value never
    let odd = write(&d, "odd.json", br#"{"worker.nom": "Jeanne Martin"}"#);
    let mut a = args("2024-06-17", None);
    let at = a.iter().position(|x| x == "--identity").unwrap() + 1;
    a[at] = odd;
    let o = run(a);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(stderr(&o).contains("options.identity.worker.nom") && !stderr(&o).contains("Jeanne"));
    // the fields a template may use, without a case
    let o = cme(&["document", "--fields"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stdout(&o).contains("worker.name") && stdout(&o).contains("identité (--identity)"));
    // under a policy given: the stage as that policy names it (MT2i's
    // « Orientation » for a référent designated)
    let mut v: Value = serde_json::from_slice(&std::fs::read(&case).unwrap()).unwrap();
    v["events"] = serde_json::json!([
        {"type": "contact", "date": "2024-05-20"},
        {"type": "referent_designe", "date": "2024-05-27", "referent": "REF-2"}]);
    v["consents"][0]["sharing_with"] = serde_json::json!(["cap_emploi"]);
    let shared = write(&d, "shared.json", v.to_string().as_bytes());
    let o = cme(&[
        "document",
        &shared,
        "--kind",
        "fiche_relais",
        "--as-of",
        "2024-06-17",
        "--partner",
        "cap_emploi",
        "--policy",
        "mt2i38",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(
        stdout(&o).contains("Dossier DOC-1 — étape : Orientation."),
        "{}",
        stdout(&o)
    );
}

#[test]
fn a_report_of_some_indicators_shows_those_only() {
    let sample = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../cme-core/data/sample_cases.json"
    );
    let run = |extra: &[&str]| {
        let mut args = vec!["report", sample, "-p", "aist43", "--period", "2024"];
        args.extend_from_slice(extra);
        cme(&args)
    };
    let whole: Value = serde_json::from_str(&stdout(&run(&[]))).unwrap();
    let out = run(&["--indicator", "sorties", "--indicator", "entrees"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let some: Value = serde_json::from_str(&stdout(&out)).unwrap();
    let ids: Vec<&str> = some["total"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v["id"].as_str().unwrap())
        .collect();
    // the catalogue's order, whatever the order asked
    assert_eq!(ids, ["entrees", "sorties"]);
    for v in some["total"].as_array().unwrap() {
        let same = whole["total"]
            .as_array()
            .unwrap()
            .iter()
            .find(|w| w["id"] == v["id"])
            .unwrap();
        assert_eq!(v, same);
    }
    let bad = run(&["--indicator", "sortie"]);
    assert_eq!(bad.status.code(), Some(1));
    assert!(stderr(&bad).contains("indicators[0]"), "{}", stderr(&bad));
}
