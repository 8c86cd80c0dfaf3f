//! Times a publication bundle (total, two breakdowns and their cross) over
//! a synthetic population: `cargo run --release -p cme-pdp --example
//! publication_cost -- 1000000 secteur pathologie`.
use cme_pdp::codes::Code;
use cme_pdp::indicators::{Accumulator, Dimension, Period, ReportSpec};
use cme_pdp::policy::preset;
use cme_pdp::publish::{audit, publish_bundle, PublishOptions};
use cme_pdp::synthetic::{population, PopulationOptions};

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let n: usize = args.get(1).and_then(|s| s.parse().ok()).unwrap_or(2000);
    let dim = |i: usize, default: Dimension| {
        args.get(i)
            .and_then(|c| Dimension::ALL.iter().find(|d| d.code() == c).copied())
            .unwrap_or(default)
    };
    let (d1, d2) = (dim(2, Dimension::Sector), dim(3, Dimension::Pathology));
    let t = std::time::Instant::now();
    let cases = population(n, 7, &PopulationOptions::default());
    let bundle = [vec![], vec![d1], vec![d2], vec![d1, d2]];
    let mut accs: Vec<Accumulator> = bundle
        .iter()
        .map(|by| {
            Accumulator::new(
                ReportSpec::new(Period::year(2023), by.clone()),
                preset("aismt13").unwrap_or_else(|_| std::process::exit(2)),
            )
        })
        .collect();
    for c in &cases {
        for a in &mut accs {
            a.add(c);
        }
    }
    let reports: Vec<_> = accs.iter().map(Accumulator::finish).collect();
    println!(
        "{n} cases, {} × {}: counted in {:.2?}",
        d1.code(),
        d2.code(),
        t.elapsed()
    );
    for k in [1usize, 2, 4] {
        let t = std::time::Instant::now();
        let Ok(p) = publish_bundle(reports.get(..k).unwrap_or(&[]), &PublishOptions::new(11))
        else {
            println!("bundle of {k}: refused");
            continue;
        };
        let published = t.elapsed();
        let t = std::time::Instant::now();
        let Ok(a) = audit(&p) else { continue };
        println!(
            "bundle of {k} report(s), {} cells: publish (suppression and audit) {published:.2?}, audit alone {:.2?}; {} hidden counts, audit passed: {}",
            p.iter().map(|r| r.cells.len() + 1).sum::<usize>(),
            t.elapsed(),
            a.hidden.len(),
            a.passed
        );
    }
}
