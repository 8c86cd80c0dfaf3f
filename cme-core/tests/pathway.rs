//! Pathway invariants (property tests), sources of every decision, and the
//! French explanation of every sample case under every preset (snapshots).
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use chrono::{Days, NaiveDate};
use cme_pdp::case::{Case, Consent, Event, ExitResult, Expertise, Partner};
use cme_pdp::codes::Code;
use cme_pdp::evaluate::{evaluate, Status};
use cme_pdp::pathway::{replay, replay_events, stage_of, try_add_event, Stage};
use cme_pdp::policy::{preset, preset_codes, presets};
use cme_pdp::sample::{sample_cases, SAMPLE_AS_OF};
use proptest::prelude::*;

fn day(n: u64) -> NaiveDate {
    NaiveDate::from_ymd_opt(2023, 1, 2).unwrap() + Days::new(n)
}

fn arb_event() -> impl Strategy<Value = Event> {
    let date = (0u64..400).prop_map(day);
    let partner = prop::sample::select(Partner::ALL.to_vec());
    let expertise = prop::sample::select(Expertise::ALL.to_vec());
    let result = prop::option::of(prop::sample::select(ExitResult::ALL.to_vec()));
    prop_oneof![
        date.clone().prop_map(|date| Event::Contact { date }),
        date.clone().prop_map(|date| Event::AbsenceReponse { date }),
        date.clone()
            .prop_map(|date| Event::RefusAccompagnement { date }),
        (date.clone(), prop::option::of(any::<bool>())).prop_map(|(date, simple_solution)| {
            Event::AnalyseDemande {
                date,
                simple_solution,
            }
        }),
        date.clone().prop_map(|date| Event::ReferentDesigne {
            date,
            role: None,
            referent: None
        }),
        date.clone()
            .prop_map(|date| Event::EntretienQualification { date }),
        (date.clone(), expertise.clone())
            .prop_map(|(date, expertise)| Event::AvisAttendu { date, expertise }),
        (date.clone(), expertise).prop_map(|(date, expertise)| Event::AvisRecu { date, expertise }),
        date.clone()
            .prop_map(|date| Event::CommissionPleniere { date }),
        date.clone().prop_map(|date| Event::PlanPropose { date }),
        date.clone().prop_map(|date| Event::PlanAccepte { date }),
        date.clone().prop_map(|date| Event::PlanRefuse { date }),
        (date.clone(), partner)
            .prop_map(|(date, partner)| Event::ActionPartenaire { date, partner }),
        (date.clone(), result).prop_map(|(date, result)| Event::Sortie {
            date,
            result,
            dismissal: None,
            prepared: None
        }),
        (date.clone(), prop::option::of(any::<bool>())).prop_map(|(date, still_employed)| {
            Event::Suivi {
                date,
                still_employed,
            }
        }),
        date.prop_map(|date| Event::Reouverture { date }),
    ]
}

fn arb_consents() -> impl Strategy<Value = Vec<Consent>> {
    prop::collection::vec(
        (
            0u64..200,
            any::<bool>(),
            prop::collection::vec(prop::sample::select(Partner::ALL.to_vec()), 0..4),
            prop::option::of(0u64..400),
        )
            .prop_map(|(given, accompaniment, mut sharing_with, withdrawn)| {
                sharing_with.sort();
                sharing_with.dedup();
                let mut c = Consent::new(day(given), accompaniment);
                c.sharing_with = sharing_with;
                c.withdrawn_on = withdrawn.map(|w| day(given.max(w)));
                c
            }),
        0..3,
    )
}

fn base_case() -> Case {
    sample_cases().unwrap().remove(3)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, .. ProptestConfig::default() })]

    /// No sequence of events panics; the state reached is consistent.
    #[test]
    fn any_event_sequence_gives_a_consistent_state(
        events in prop::collection::vec(arb_event(), 0..25),
        consents in arb_consents(),
        signalement in 0u64..50,
    ) {
        let r = replay_events(day(signalement), &events, &consents, 2);
        let s = &r.state;
        let refused: Vec<usize> = r.refused.iter().map(|i| {
            let p = i.path.as_str();
            p["events[".len()..p.find(']').unwrap()].parse().unwrap()
        }).collect();
        let accepted: Vec<&Event> = events.iter().enumerate()
            .filter(|(i, _)| !refused.contains(i)).map(|(_, e)| e).collect();
        // the stage is the furthest stage reached (canonical order here),
        // the history holds each stage reached once, in date order, and
        // every stage of an accepted event is in it
        let furthest = accepted.iter().map(|e| stage_of(e.event_type())).max().unwrap_or(Stage::Signalement).max(Stage::Signalement);
        let reached_max = s.history.iter().map(|h| h.stage).max().unwrap();
        // a re-opening brings the case back to the signalement
        let reopened = !s.reopenings.is_empty();
        prop_assert!(reopened || s.stage == reached_max);
        prop_assert!(reopened || s.stage >= furthest);
        if s.stage == Stage::Inclusion && !reopened {
            // Inclusion is reached when the criteria hold, never by an event.
            prop_assert!(furthest < Stage::Inclusion);
        }
        for e in &accepted {
            prop_assert!(s.reached(stage_of(e.event_type())));
        }
        for (i, w) in s.history.iter().enumerate() {
            prop_assert!(s.history[..i].iter().all(|h| h.stage != w.stage), "a stage twice in the history");
        }
        for w in s.history.windows(2) {
            prop_assert!(w[0].date <= w[1].date);
        }
        // nothing before the signalement was accepted
        prop_assert!(accepted.iter().all(|e| e.date() >= day(signalement)));
        // follow-ups only after an exit, the exit has a result
        if !s.follow_ups.is_empty() {
            let exit = s.exit.as_ref().expect("follow-up without exit");
            prop_assert!(s.follow_ups.iter().all(|(d, _)| *d >= exit.date));
        }
        // at most one exit accepted, and nothing but follow-ups after it
        let is_exit = |e: &&&Event| matches!(e, Event::Sortie { .. });
        let exits = accepted.iter().filter(is_exit).count();
        // one exit per opening of the case
        prop_assert!(exits <= 1 + s.reopenings.len());
        prop_assert_eq!(exits, s.previous_exits.len() + usize::from(s.exit.is_some()));
        if let (Some(exit), false) = (&s.exit, reopened) {
            let after_exit_ok = accepted
                .iter()
                .all(|e| e.date() <= exit.date || matches!(e, Event::Suivi { .. }));
            prop_assert!(after_exit_ok, "an event other than a follow-up after the exit");
        }
        // an accepted plan had the worker's consent that day
        if let Some(d) = s.plan_accepted {
            prop_assert!(consents.iter().any(|c| c.accompaniment && c.in_force_on(d)));
        }
        // every partner acted with had a sharing consent
        prop_assert!(s.partners.iter().all(|p| consents.iter().any(|c| c.sharing_with.contains(p))));
        // refused + accepted = all
        prop_assert_eq!(refused.len() + accepted.len(), events.len());
    }

    /// A refused event leaves the case exactly as it was; an accepted one is
    /// appended and creates no new refusal.
    #[test]
    fn adding_an_event_is_all_or_nothing(events in prop::collection::vec(arb_event(), 1..12)) {
        let mut case = base_case();
        case.signalement.date = day(0);
        case.events.clear();
        let mut consent = Consent::new(day(0), true);
        consent.sharing_with = vec![Partner::CapEmploi];
        case.consents = vec![consent];
        let policy = preset("aismt13").unwrap();
        for event in events {
            let before = case.clone();
            match try_add_event(&mut case, event.clone()) {
                Ok(()) => {
                    prop_assert_eq!(case.events.len(), before.events.len() + 1);
                    prop_assert!(replay(&case, &policy).refused.is_empty());
                }
                Err(issue) => {
                    prop_assert_eq!(&case, &before);
                    prop_assert!(issue.path.as_str().starts_with("events["));
                    prop_assert!(!issue.message.is_empty());
                }
            }
        }
    }

    /// One statement of each timeline rule: on any list of events (in any
    /// order, same-day events included), validation reports a pathway
    /// problem on an event exactly when the pathway refuses that event, and
    /// the pathway's code and path are among validation's issues.
    #[test]
    fn validation_reports_exactly_what_the_pathway_refuses(
        events in prop::collection::vec(arb_event(), 0..20),
        consents in arb_consents(),
        signalement in 0u64..60,
    ) {
        use cme_pdp::validate::{validate, ValidateOptions, PATHWAY_CODES};
        let mut case = base_case();
        case.signalement.date = day(signalement);
        case.events = events;
        case.consents = consents;
        case.sick_leaves.clear();
        let issues = validate(&serde_json::to_value(&case).unwrap(), &ValidateOptions::default());
        // Only cases whose other parts are valid: the timeline is the question.
        prop_assume!(issues.iter().all(|i| PATHWAY_CODES.contains(&i.code)));
        let refused = replay(&case, &preset("aismt13").unwrap()).refused;
        let event_of = |p: &cme_pdp::issue::Path| cme_pdp::pathway::refused_event(p).map(|(i, _)| i);
        let mut reported: Vec<usize> = issues.iter().filter_map(|i| event_of(&i.path)).collect();
        reported.sort_unstable();
        reported.dedup();
        let mut refused_events: Vec<usize> = refused.iter().filter_map(|i| event_of(&i.path)).collect();
        refused_events.sort_unstable();
        prop_assert_eq!(&reported, &refused_events);
        for r in &refused {
            prop_assert!(
                issues.iter().any(|i| i.code == r.code && i.path == r.path),
                "refused {} at {} but validation says {:?}", r.code.code(), r.path.as_str(),
                issues.iter().map(|i| (i.code.code(), i.path.as_str())).collect::<Vec<_>>()
            );
        }
    }

    /// Evaluating any case as of any date never panics, and a case never
    /// evaluated before its signalement.
    #[test]
    fn evaluate_never_panics(events in prop::collection::vec(arb_event(), 0..15), consents in arb_consents(), as_of in 0u64..900) {
        let mut case = base_case();
        case.signalement.date = day(0);
        case.events = events;
        case.consents = consents;
        case.sick_leaves.clear();
        for policy in presets().unwrap() {
            if let Ok(e) = evaluate(&case, &policy, day(as_of)) {
                let exited = matches!(e.status.value, Status::SortiePositive | Status::SortieNegative | Status::SortieNeutre);
                // an exit, or a worker who entered and stopped answering
                // (DOMAIN.md §5: that is an exit too, never a refusal)
                let exit_event = e.stage.value.stage >= Stage::Sortie;
                let stopped = e.status.reasons.iter().any(|r| r.code == "sortie_perdu_de_vue");
                prop_assert_eq!(exited, exit_event || stopped);
                prop_assert!(!(exit_event && stopped));
                prop_assert!(e.stage.value.since <= day(as_of));
                prop_assert!(!e.to_text_fr().is_empty());
            }
        }
    }
}

#[test]
fn every_decision_names_its_source() {
    for policy in presets().unwrap() {
        for case in sample_cases().unwrap() {
            let e = evaluate(&case, &policy, SAMPLE_AS_OF).unwrap();
            let decisions = [
                ("stage", &e.stage.reasons, &e.stage.sources),
                ("status", &e.status.reasons, &e.status.sources),
                (
                    "category",
                    &e.category.decision.reasons,
                    &e.category.decision.sources,
                ),
                (
                    "inclusion",
                    &e.inclusion.decision.reasons,
                    &e.inclusion.decision.sources,
                ),
            ];
            for (name, reasons, sources) in decisions {
                assert!(
                    !reasons.is_empty(),
                    "{} {} {name}: no reason",
                    case.id,
                    policy.id
                );
                assert!(
                    !sources.is_empty(),
                    "{} {} {name}: no source",
                    case.id,
                    policy.id
                );
                for r in reasons {
                    assert!(
                        !r.sources.is_empty(),
                        "{} {name}: reason {} without source",
                        case.id,
                        r.code
                    );
                }
            }
            if let Some(t) = &e.targeting {
                assert!(!t.sources.is_empty());
            }
            for a in &e.alerts {
                assert!(!a.sources.is_empty(), "{} alert {}", case.id, a.code);
            }
            for s in &e.next_steps {
                assert!(!s.sources.is_empty(), "{} step {}", case.id, s.code);
            }
            assert_eq!(e.as_of, SAMPLE_AS_OF);
            assert_eq!(e.policy.content_hash, policy.content_hash());
        }
    }
}

#[test]
fn the_sample_is_accepted_by_the_pathway() {
    let policy = preset("aismt13").unwrap();
    for case in sample_cases().unwrap() {
        assert!(replay(&case, &policy).refused.is_empty(), "{}", case.id);
    }
}

#[test]
fn explanations_of_the_sample_under_every_preset() {
    for code in preset_codes() {
        let policy = preset(code).unwrap();
        let text: String = sample_cases()
            .unwrap()
            .iter()
            .map(|c| evaluate(c, &policy, SAMPLE_AS_OF).unwrap().to_text_fr())
            .collect::<Vec<_>>()
            .join("\n");
        insta::assert_snapshot!(format!("explanations_{code}"), text);
    }
}
