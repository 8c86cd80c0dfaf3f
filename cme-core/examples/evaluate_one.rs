//! Prints the French evaluation of one sample case under one preset.
//!
//! Run: `cargo run -q -p cme-pdp --example evaluate_one -- S-012 aismt13 [2025-06-30]`
use cme_pdp::evaluate::evaluate;
use cme_pdp::policy::preset;
use cme_pdp::sample::{sample_cases, SAMPLE_AS_OF};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let id = args.first().map(String::as_str).unwrap_or("S-012");
    let policy = preset(args.get(1).map(String::as_str).unwrap_or("aismt13"))?;
    let as_of = match args.get(2) {
        Some(d) => cme_pdp::error::parse_as_of(d)?,
        None => SAMPLE_AS_OF,
    };
    let cases = sample_cases()?;
    let case = cases
        .iter()
        .find(|c| c.id == id)
        .ok_or("no sample case with that id")?;
    print!("{}", evaluate(case, &policy, as_of)?.to_text_fr());
    Ok(())
}
