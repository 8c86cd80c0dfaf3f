//! The `uniffi-bindgen` of this workspace: generates the Kotlin, Swift and
//! Python bindings of `cme-ffi` from the built library (library mode).
//!
//! Kotlin gets two finishing touches uniffi has no setting for, so that Java
//! sees what the documentation promises:
//! - `@file:JvmName("Cme")`: the top-level functions are static methods of
//!   the class `fr.cme.Cme` (`Cme.validate(...)`), not of `Cme_uniffiKt`;
//! - an exception's `message` (Java's `getMessage()`) is its French message
//!   (`messageFr`) instead of a dump of every field.
//!
//! If a new uniffi writes the file differently, the touch-up fails loudly
//! (exit status 2) instead of shipping bindings without it.

use std::path::{Path, PathBuf};

/// The generated Kotlin source of the library, under the output folder.
const KOTLIN_FILE: &str = "fr/cme/cme_uniffi.kt";
/// The file annotation uniffi writes first, before which ours goes.
const SUPPRESS_LINE: &str = "@file:Suppress(\"NAME_SHADOWING\")";
/// The start of the line that builds each error variant's message.
const MESSAGE_LINE: &str = "get() = \"code=${ `code` }";

fn main() {
    let args: Vec<String> = std::env::args().collect();
    uniffi::uniffi_bindgen_main();
    if let Some(out_dir) = kotlin_out_dir(&args) {
        if let Err(why) = finish_kotlin(&out_dir.join(KOTLIN_FILE)) {
            eprintln!("uniffi-bindgen (cme): {why}");
            std::process::exit(2);
        }
    }
}

/// The output folder of a `generate --language kotlin` call.
fn kotlin_out_dir(args: &[String]) -> Option<PathBuf> {
    let value = |names: &[&str]| {
        args.iter()
            .position(|a| names.contains(&a.as_str()))
            .and_then(|i| args.get(i + 1))
            .cloned()
            .or_else(|| {
                args.iter().find_map(|a| {
                    names
                        .iter()
                        .find_map(|n| a.strip_prefix(&format!("{n}=")).map(String::from))
                })
            })
    };
    let generating = args.iter().any(|a| a == "generate");
    let kotlin = value(&["--language", "-l"]).is_some_and(|l| l == "kotlin");
    match (generating, kotlin) {
        (true, true) => value(&["--out-dir", "-o"]).map(PathBuf::from),
        _ => None,
    }
}

/// Adds the facade name and the French messages to the generated file.
fn finish_kotlin(path: &Path) -> Result<(), String> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    let finished = touch_up(&text)?;
    std::fs::write(path, finished).map_err(|e| format!("cannot write {}: {e}", path.display()))
}

/// The touched-up text, or why it could not be done.
fn touch_up(text: &str) -> Result<String, String> {
    if text.contains("@file:JvmName(") {
        return Ok(text.to_string());
    }
    let mut out = String::with_capacity(text.len() + 64);
    let (mut facade, mut messages) = (0, 0);
    for line in text.split_inclusive('\n') {
        let trimmed = line.trim_start();
        if trimmed.trim_end() == SUPPRESS_LINE {
            out.push_str("@file:JvmName(\"Cme\")\n");
            facade += 1;
            out.push_str(line);
        } else if trimmed.starts_with(MESSAGE_LINE) {
            let indent = line.get(..line.len() - trimmed.len()).unwrap_or("");
            out.push_str(indent);
            out.push_str("get() = `messageFr`\n");
            messages += 1;
        } else {
            out.push_str(line);
        }
    }
    if facade != 1 || messages == 0 {
        return Err(format!(
            "the generated Kotlin has an unexpected shape ({facade} file annotation line, \
             {messages} error messages found): update src/bin/uniffi-bindgen.rs"
        ));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_touch_up_names_the_facade_and_uses_the_french_message() {
        let generated = "// header\n@file:Suppress(\"NAME_SHADOWING\")\npackage fr.cme\n\
            class X : CmeException() {\n    override val message\n        get() = \"code=${ `code` }, path=${ `path` }\"\n}\n";
        let out = touch_up(generated).unwrap_or_default();
        assert!(out.contains("@file:JvmName(\"Cme\")\n@file:Suppress"));
        assert!(out.contains("        get() = `messageFr`\n"));
        assert!(!out.contains("code=${"));
        // Run twice, unchanged.
        assert_eq!(touch_up(&out).unwrap_or_default(), out);
    }

    #[test]
    fn an_unexpected_shape_is_an_error() {
        assert!(touch_up("package fr.cme\n").is_err());
    }

    #[test]
    fn the_output_folder_is_found_in_both_spellings() {
        let args = |a: &[&str]| a.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        let spaced = args(&["x", "generate", "--language", "kotlin", "--out-dir", "o"]);
        assert_eq!(kotlin_out_dir(&spaced), Some(PathBuf::from("o")));
        let joined = args(&["x", "generate", "--language=kotlin", "--out-dir=o"]);
        assert_eq!(kotlin_out_dir(&joined), Some(PathBuf::from("o")));
        let python = args(&["x", "generate", "--language", "python", "--out-dir", "o"]);
        assert_eq!(kotlin_out_dir(&python), None);
    }
}
