//! The demo: validates the bundled sample of 50 synthetic cases and a few
//! malformed ones, then evaluates the sample under two presets (AISMT 13
//! and AIST 43), and prints a readable summary in French.
//!
//! Run: `cargo run -q -p cme-pdp --example demo`
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

use cme_pdp::codes::Code;
use cme_pdp::evaluate::evaluate;
use cme_pdp::issue::Issue;
use cme_pdp::policy::preset;
use cme_pdp::sample::{sample_json_values, SAMPLE_AS_OF};
use cme_pdp::validate::{parse_case, validate, ValidateOptions};

fn print_issues(issues: &[Issue]) {
    for issue in issues {
        let at = if issue.path.as_str().is_empty() {
            "(document)".to_string()
        } else {
            issue.path.to_string()
        };
        println!("    ✗ {at} — {} [{}]", issue.message, issue.code);
    }
}

fn main() {
    let options = ValidateOptions::as_of(Some(SAMPLE_AS_OF));
    println!(
        "cme {} — validation de l'échantillon (évaluation au {SAMPLE_AS_OF})",
        cme_pdp::VERSION
    );
    println!();
    let values = sample_json_values().expect("the bundled sample is a JSON array");
    let mut valid = 0;
    for value in &values {
        match parse_case(value, &options) {
            Ok(case) => {
                valid += 1;
                let leaves = case.sick_leaves.len();
                let last = case
                    .timeline()
                    .last()
                    .map(|e| {
                        format!(
                            "dernier événement : {} le {}",
                            e.event_type().label_fr(),
                            e.date()
                        )
                    })
                    .unwrap_or_else(|| "aucun événement".to_string());
                println!(
                    "  ✓ {:<6} {:<9} signalé le {} ({}), {} arrêt(s), {} événement(s) ; {}",
                    case.id,
                    case.service,
                    case.signalement.date,
                    case.signalement.source_visit.label_fr(),
                    leaves,
                    case.events.len(),
                    last
                );
            }
            Err(e) => {
                println!("  ✗ {} : {} problème(s)", value["id"], e.issues.len());
                print_issues(&e.issues);
            }
        }
    }
    println!();
    println!("{valid} dossier(s) valide(s) sur {}.", values.len());

    // A few malformed cases, to show what a form or an import would display.
    println!();
    println!("Dossiers mal formés (chaque problème, au bon champ, sans jamais citer la valeur) :");
    let base = values[0].clone();
    let mut examples: Vec<(&str, serde_json::Value)> = Vec::new();
    let mut named = base.clone();
    named["id"] = "Jean Dupont".into();
    examples.push(("un nom à la place de l'identifiant pseudonyme", named));
    let mut dates = base.clone();
    dates["signalement"]["date"] = "12/03/2024".into();
    dates["sick_leaves"] =
        serde_json::json!([{"start": "2024-05-10", "end": "2024-05-01", "cause": "maladie"}]);
    examples.push(("dates et codes invalides", dates));
    let mut exit = base.clone();
    exit["events"] = serde_json::json!([
        {"type": "sortie", "date": "2024-10-01"},
        {"type": "suivi", "date": "2024-09-01", "still_employed": true}
    ]);
    examples.push(("sortie sans résultat, suivi avant la sortie", exit));
    for (what, value) in examples {
        let issues = validate(&value, &options);
        println!("  • {what} : {} problème(s)", issues.len());
        print_issues(&issues);
    }

    // The evaluation of the sample under two services' policies.
    let cases = cme_pdp::sample::sample_cases().expect("the sample is valid");
    for code in ["aismt13", "aist43"] {
        let policy = preset(code).expect("presets load");
        println!();
        println!(
            "Évaluation au {SAMPLE_AS_OF} selon la politique {} ({}) :",
            policy.id, policy.name
        );
        for case in &cases {
            let e = evaluate(case, &policy, SAMPLE_AS_OF).expect("sample cases evaluate");
            let alerts: Vec<&str> = e.alerts.iter().map(|a| a.code.as_str()).collect();
            println!(
                "  {:<6} {:<48} {:<32} {:<14} {:<22} {}",
                e.case_id,
                e.stage
                    .value
                    .service_label
                    .clone()
                    .unwrap_or_else(|| e.stage.value.label.clone())
                    .chars()
                    .take(48)
                    .collect::<String>(),
                e.status.value.label_fr(),
                e.category
                    .decision
                    .value
                    .map(|c| c.label_fr())
                    .unwrap_or("catégorie ?"),
                e.inclusion.decision.value.code(),
                if alerts.is_empty() {
                    String::new()
                } else {
                    format!("alertes : {}", alerts.join(", "))
                }
            );
        }
    }
    println!();
    println!("Explication complète d'un dossier (S-012, politique aismt13) :");
    println!();
    let policy = preset("aismt13").expect("presets load");
    let case = cases
        .iter()
        .find(|c| c.id == "S-012")
        .expect("S-012 is in the sample");
    print!(
        "{}",
        evaluate(case, &policy, SAMPLE_AS_OF)
            .expect("sample cases evaluate")
            .to_text_fr()
    );
}
