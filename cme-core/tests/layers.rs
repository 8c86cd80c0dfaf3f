//! The layers of cme-core: no module imports, directly or through others,
//! a module that imports it (the import graph has no cycle), and each
//! module stays in its layer (ARCHITECTURE.md). Read from the sources: a
//! `crate::module` path outside comments is an import of that module.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// The top-level modules and the modules each one names.
fn graph() -> BTreeMap<String, BTreeSet<String>> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files: Vec<(String, String)> = Vec::new();
    let mut stack = vec![src.clone()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "rs")
                // unit-test modules (`#[cfg(test)] mod tests`) are not part
                // of the library
                && path.file_name().is_some_and(|n| n != "tests.rs")
            {
                let rel = path.strip_prefix(&src).unwrap();
                let top = rel
                    .components()
                    .next()
                    .unwrap()
                    .as_os_str()
                    .to_string_lossy()
                    .trim_end_matches(".rs")
                    .to_string();
                files.push((top, std::fs::read_to_string(&path).unwrap()));
            }
        }
    }
    let modules: BTreeSet<String> = files
        .iter()
        .map(|(m, _)| m.clone())
        .filter(|m| m != "lib")
        .collect();
    let mut edges: BTreeMap<String, BTreeSet<String>> = modules
        .iter()
        .map(|m| (m.clone(), BTreeSet::new()))
        .collect();
    for (module, text) in &files {
        if module == "lib" {
            continue;
        }
        for line in text.lines() {
            let code = line.split("//").next().unwrap_or_default();
            for (i, _) in code.match_indices("crate::") {
                let rest = &code[i + "crate::".len()..];
                let name: String = rest
                    .chars()
                    .take_while(|c| c.is_ascii_lowercase() || *c == '_')
                    .collect();
                if name != *module && modules.contains(&name) {
                    edges.get_mut(module).unwrap().insert(name);
                }
            }
        }
    }
    edges
}

/// A cycle of the graph, if there is one.
fn cycle(edges: &BTreeMap<String, BTreeSet<String>>) -> Option<Vec<String>> {
    #[derive(Clone, Copy, PartialEq)]
    enum Mark {
        New,
        Open,
        Done,
    }
    fn visit(
        m: &str,
        edges: &BTreeMap<String, BTreeSet<String>>,
        marks: &mut BTreeMap<String, Mark>,
        path: &mut Vec<String>,
    ) -> Option<Vec<String>> {
        marks.insert(m.to_string(), Mark::Open);
        path.push(m.to_string());
        for n in &edges[m] {
            match marks[n] {
                Mark::Open => {
                    let start = path.iter().position(|p| p == n).unwrap();
                    let mut c = path[start..].to_vec();
                    c.push(n.clone());
                    return Some(c);
                }
                Mark::New => {
                    if let Some(c) = visit(n, edges, marks, path) {
                        return Some(c);
                    }
                }
                Mark::Done => {}
            }
        }
        path.pop();
        marks.insert(m.to_string(), Mark::Done);
        None
    }
    let mut marks: BTreeMap<String, Mark> = edges.keys().map(|k| (k.clone(), Mark::New)).collect();
    for m in edges.keys() {
        if marks[m] == Mark::New {
            if let Some(c) = visit(m, edges, &mut marks, &mut Vec::new()) {
                return Some(c);
            }
        }
    }
    None
}

#[test]
fn the_import_graph_has_no_cycle() {
    let edges = graph();
    assert!(edges.len() > 20, "the modules were not found");
    if let Some(c) = cycle(&edges) {
        panic!("import cycle: {}", c.join(" → "));
    }
}

/// The layers, bottom up (ARCHITECTURE.md): a module may only name modules
/// of its own layer or of the layers below.
const LAYERS: &[(&str, &[&str])] = &[
    (
        "model",
        &[
            "issue", "labels", "codes", "limits", "dates", "sources", "explain", "texts", "stage",
            "case", "error", "reader", "schema",
        ],
    ),
    (
        "rules",
        &[
            "policy",
            "pathway",
            "inclusion",
            "category",
            "deadlines",
            "legal",
            "orientation",
            "process",
        ],
    ),
    ("input", &["validate"]),
    ("evaluation", &["evaluate"]),
    (
        "figures",
        &[
            "indicators",
            "publish",
            "synthetic",
            "table",
            "export",
            "impact",
            "worklists",
            "documents",
        ],
    ),
    ("entry points", &["json", "lists", "sample"]),
];

#[test]
fn each_module_imports_only_its_layer_and_below() {
    let layer_of = |m: &str| {
        LAYERS
            .iter()
            .position(|(_, ms)| ms.contains(&m))
            .unwrap_or_else(|| panic!("module {m} is in no layer of ARCHITECTURE.md"))
    };
    for (m, deps) in graph() {
        for d in deps {
            assert!(
                layer_of(&d) <= layer_of(&m),
                "{m} ({}) imports {d} ({}), a layer above",
                LAYERS[layer_of(&m)].0,
                LAYERS[layer_of(&d)].0
            );
        }
    }
}

/// The test finds a cycle when there is one (a planted edge).
#[test]
fn a_planted_cycle_is_found() {
    let mut edges = graph();
    edges.get_mut("case").unwrap().insert("validate".into());
    assert!(cycle(&edges).is_some());
}
