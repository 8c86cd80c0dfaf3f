//! Reading the exports of SST business software: a CSV file as a cell's
//! software writes it, in the French conventions.
//!
//! Such a file has `;` separators, French headers of the vendor's choosing,
//! dates written `jj/mm/aaaa`, `oui`/`non`, French labels where the format
//! has a code (`Visite de pré-reprise` for `pre_reprise`), Windows-1252 or
//! UTF-8 with a byte-order mark, and columns of its own (a comment, a
//! name). It is read here into the rows of the flat table ([`crate::table`])
//! and each row by the case rules, as every table is:
//!
//! - the **encoding** is found (a byte-order mark, else UTF-8 when the bytes
//!   are valid UTF-8, else Windows-1252) or given;
//! - the **separator** is found on the header line (`;`, `,`, tab or `|`)
//!   or given;
//! - each **header** is matched once: a header of the [`Profile`] (compared
//!   without case, accents or punctuation: `DATE DE SIGNALEMENT` is `Date
//!   de signalement`), or a column name of the format; a column of the file
//!   that matches neither is ignored or refused, by choice, with one problem
//!   for the column, never one per row; a required column missing, or two
//!   columns giving the same one, refuse the file with one problem each;
//! - each **cell** is read in the conventions: a date as `jj/mm/aaaa` or
//!   `aaaa-mm-jj`, a boolean as `oui`/`non`, `vrai`/`faux`, `1`/`0`,
//!   `true`/`false`, a code as itself or as its French or English label
//!   (a NAF section by its name); anything else reaches the rules as it is
//!   written, which report it at its row and column.
//!
//! Every row is read by the same rules as any table: the valid rows give
//! their cases, every other row its problems at its row (from 0) and
//! column; nothing is dropped without a word. The line of the file of each
//! row is kept ([`CsvRead::line`]) for the person who opens the file.
//!
//! ```
//! use cme_pdp::export::{read_csv, CsvOptions, Profile};
//! let file = "N° dossier;Service;Date de signalement;Visite d'origine;Signalé par;Commentaire\n\
//!             D-1;aist43;04/03/2024;Visite de pré-reprise;Médecin du travail;rappeler lundi\n\
//!             D-2;aist43;31/02/2024;reprise;idest;\n";
//! let options = CsvOptions::new(Profile::builtin("fr").unwrap());
//! let read = read_csv(file.as_bytes(), &options);
//! assert_eq!(read.delimiter, ';');
//! assert_eq!(read.table.cases.len(), 1);
//! assert_eq!(read.table.cases[0].signalement.date.to_string(), "2024-03-04");
//! // the comment column: said once, not read
//! assert_eq!(read.header_issues[0].code.code(), "ignored_column");
//! // the second row's date: at its row and column, the line of the file given
//! let problem = &read.table.issues[0];
//! assert_eq!((problem.row, problem.column.as_str()), (1, "signalement_date"));
//! assert_eq!(problem.issue.code.code(), "invalid_date");
//! assert_eq!(read.line(problem.row), Some(3));
//! ```

use std::borrow::Cow;
use std::collections::BTreeMap;

use serde::Serialize;

use crate::codes::Code;
use crate::error::CmeError;
use crate::issue::{Issue, IssueCode, Path};
use crate::table::{read_cells, Cell, CellSource, ColumnKind, RowIssue, TableRead, COLUMNS};

/// What to do with a column of the file that matches no column of the
/// format nor of the profile.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum ExtraColumns {
    /// Not read; said once for the column (`ignored_column`, a warning).
    #[default]
    Ignore,
    /// The file is refused, with one problem for the column
    /// (`unknown_column`): nothing of it is read.
    Refuse,
}

/// How the columns of a vendor's export are named: each header of the
/// file (as the software writes it) and the column of the format it gives.
/// Kept as data (JSON or TOML), with named built-in profiles
/// ([`Profile::builtin`]). The column names of the format are always
/// recognised, whatever the profile.
///
/// ```
/// use cme_pdp::export::Profile;
/// let vendor = Profile::from_json_str(r#"{"name": "logiciel_x",
///     "columns": {"Num. dossier": "id", "Dt signal.": "signalement_date"}}"#).unwrap();
/// assert_eq!(vendor.column_for("NUM DOSSIER"), Some("id"));
/// assert_eq!(vendor.column_for("signalement_date"), Some("signalement_date"));
/// assert_eq!(vendor.column_for("Commentaire"), None);
/// let err = Profile::from_json_str(r#"{"name": "x", "columns": {"Nom": "nom"}}"#).unwrap_err();
/// assert_eq!(err.issues()[0].path.as_str(), "columns.Nom");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct Profile {
    /// Its name (`fr`, a vendor's software…).
    pub name: String,
    /// What it is for, in French.
    pub description: String,
    /// A header of the file → the column of the format it gives
    /// ([`COLUMNS`]); several headers may give the same column.
    pub columns: BTreeMap<String, String>,
    /// What to do with the other columns of the file.
    pub extra_columns: ExtraColumns,
}

/// The built-in profiles: name and JSON text.
const BUILTIN: [(&str, &str); 2] = [
    (
        "cme",
        r#"{"name": "cme", "description": "Les noms de colonnes du format (id, signalement_date…), sans autre en-tête.", "columns": {}}"#,
    ),
    ("fr", include_str!("export/profiles/fr.json")),
];

impl Profile {
    /// The names of the built-in profiles: `cme` (the column names of the
    /// format only) and `fr` (French headers, as SST software writes them).
    ///
    /// ```
    /// assert_eq!(cme_pdp::export::Profile::builtin_names(), ["cme", "fr"]);
    /// ```
    pub fn builtin_names() -> Vec<&'static str> {
        BUILTIN.iter().map(|(name, _)| *name).collect()
    }

    /// A built-in profile by name, or `None`.
    ///
    /// ```
    /// use cme_pdp::export::Profile;
    /// let fr = Profile::builtin("fr").unwrap();
    /// assert_eq!(fr.column_for("Résultat de sortie"), Some("sortie_result"));
    /// assert!(Profile::builtin("inconnu").is_none());
    /// ```
    pub fn builtin(name: &str) -> Option<Profile> {
        let (_, text) = BUILTIN.iter().find(|(n, _)| *n == name)?;
        Profile::from_json_str(text).ok()
    }

    /// A built-in profile by name, or [`CmeError::UnknownProfile`].
    ///
    /// ```
    /// let err = cme_pdp::export::Profile::named("x").unwrap_err();
    /// assert_eq!(err.code(), "unknown_profile");
    /// ```
    pub fn named(name: &str) -> Result<Profile, CmeError> {
        Profile::builtin(name).ok_or(CmeError::UnknownProfile)
    }

    /// A profile from its JSON text; every problem at its path
    /// ([`CmeError::InvalidProfile`]).
    pub fn from_json_str(text: &str) -> Result<Profile, CmeError> {
        let value = crate::reader::read_json(text)
            .map_err(|issue| CmeError::InvalidProfile(vec![issue]))?;
        Profile::from_value(value)
    }

    /// A profile from its TOML text.
    ///
    /// ```
    /// let p = cme_pdp::export::Profile::from_toml_str(
    ///     "name = \"x\"\nextra_columns = \"refuse\"\n[columns]\n\"Dossier\" = \"id\"\n").unwrap();
    /// assert_eq!(p.column_for("dossier"), Some("id"));
    /// ```
    #[cfg(feature = "toml")]
    #[cfg_attr(docsrs, doc(cfg(feature = "toml")))]
    pub fn from_toml_str(text: &str) -> Result<Profile, CmeError> {
        let value = crate::policy::toml_value(text)
            .map_err(|issue| CmeError::InvalidProfile(vec![issue]))?;
        Profile::from_value(value)
    }

    /// A profile from a JSON value, read field by field: every problem at
    /// its path (`columns.Nom`), none quoting a value.
    fn from_value(value: serde_json::Value) -> Result<Profile, CmeError> {
        use serde_json::Value;
        let mut issues = Vec::new();
        let Value::Object(map) = value else {
            return Err(CmeError::InvalidProfile(vec![Issue::new(
                IssueCode::ObjectType,
                Path::root(),
            )]));
        };
        for key in map.keys() {
            if !["name", "description", "columns", "extra_columns"].contains(&key.as_str()) {
                issues.push(Issue::new(IssueCode::UnknownField, Path::root().key(key)));
            }
        }
        let text = |key: &str, required: bool, issues: &mut Vec<Issue>| match map.get(key) {
            Some(Value::String(s)) => s.clone(),
            None if !required => String::new(),
            None => {
                issues.push(
                    Issue::new(IssueCode::MissingField, Path::root().key(key)).with("field", key),
                );
                String::new()
            }
            Some(_) => {
                issues.push(Issue::new(IssueCode::StringType, Path::root().key(key)));
                String::new()
            }
        };
        let name = text("name", true, &mut issues);
        let description = text("description", false, &mut issues);
        let extra_columns = match map.get("extra_columns") {
            None => ExtraColumns::Ignore,
            Some(Value::String(s)) if s == "ignore" => ExtraColumns::Ignore,
            Some(Value::String(s)) if s == "refuse" => ExtraColumns::Refuse,
            Some(_) => {
                issues.push(
                    Issue::new(IssueCode::UnknownCode, Path::root().key("extra_columns"))
                        .with("kind", "extra_columns")
                        .with("allowed", "ignore, refuse"),
                );
                ExtraColumns::Ignore
            }
        };
        let mut columns = BTreeMap::new();
        let mut seen: BTreeMap<String, String> = BTreeMap::new();
        match map.get("columns") {
            Some(Value::Object(entries)) => {
                for (header, column) in entries {
                    let at = Path::root().key("columns").key(header);
                    let Some(column) = column.as_str() else {
                        issues.push(Issue::new(IssueCode::StringType, at));
                        continue;
                    };
                    if !COLUMNS.iter().any(|c| c.name == column) {
                        issues.push(
                            Issue::new(IssueCode::UnknownCode, at)
                                .with("kind", "column")
                                .with("allowed", column_names()),
                        );
                        continue;
                    }
                    // Two headers that read the same must give one column.
                    match seen.insert(fold(header), column.to_string()) {
                        Some(other) if other != column => {
                            issues.push(Issue::new(IssueCode::DuplicateKey, at));
                        }
                        _ => {
                            columns.insert(header.clone(), column.to_string());
                        }
                    }
                }
            }
            None => issues.push(
                Issue::new(IssueCode::MissingField, Path::root().key("columns"))
                    .with("field", "columns"),
            ),
            Some(_) => issues.push(Issue::new(
                IssueCode::ObjectType,
                Path::root().key("columns"),
            )),
        }
        if issues.is_empty() {
            Ok(Profile {
                name,
                description,
                columns,
                extra_columns,
            })
        } else {
            Err(CmeError::InvalidProfile(issues))
        }
    }

    /// The column of the format a header of the file gives: a header of
    /// the profile or a column name of the format, compared without case,
    /// accents or punctuation.
    pub fn column_for(&self, header: &str) -> Option<&'static str> {
        let folded = fold(header);
        if folded.is_empty() {
            return None;
        }
        let from_profile = self
            .columns
            .iter()
            .find(|(h, _)| fold(h) == folded)
            .map(|(_, c)| c.as_str());
        let name = from_profile.unwrap_or(folded.as_str());
        COLUMNS
            .iter()
            .find(|c| c.name == name || fold(c.name) == folded)
            .map(|c| c.name)
    }
}

/// The column names of the format, joined as an `unknown_code` lists them.
fn column_names() -> String {
    COLUMNS
        .iter()
        .map(|c| c.name)
        .collect::<Vec<_>>()
        .join(", ")
}

/// A text compared without case, accents or punctuation: lowercase, the
/// accents of French letters dropped, every run of other characters one
/// space (`Date de  l’arrêt` and `date_de_l'arret` are `date de l arret`).
///
/// ```
/// use cme_pdp::export::fold;
/// assert_eq!(fold("Date de  l’Arrêt"), fold("date_de_l'arret"));
/// assert_eq!(fold("N° dossier"), "n dossier");
/// ```
pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut space = false;
    for c in text.chars() {
        let base: &str = match c {
            'à' | 'â' | 'ä' | 'á' | 'À' | 'Â' | 'Ä' | 'Á' => "a",
            'é' | 'è' | 'ê' | 'ë' | 'É' | 'È' | 'Ê' | 'Ë' => "e",
            'î' | 'ï' | 'í' | 'Î' | 'Ï' | 'Í' => "i",
            'ô' | 'ö' | 'ó' | 'Ô' | 'Ö' | 'Ó' => "o",
            'ù' | 'û' | 'ü' | 'ú' | 'Ù' | 'Û' | 'Ü' | 'Ú' => "u",
            'ç' | 'Ç' => "c",
            'ÿ' | 'Ÿ' => "y",
            'œ' | 'Œ' => "oe",
            'æ' | 'Æ' => "ae",
            _ => "",
        };
        if !base.is_empty() {
            if space && !out.is_empty() {
                out.push(' ');
            }
            space = false;
            out.push_str(base);
        } else if c.is_alphanumeric() {
            if space && !out.is_empty() {
                out.push(' ');
            }
            space = false;
            out.extend(c.to_lowercase());
        } else {
            space = true;
        }
    }
    out
}

/// The text encoding of a file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
#[non_exhaustive]
pub enum TextEncoding {
    /// UTF-8 (with or without a byte-order mark).
    Utf8,
    /// UTF-16 (little or big endian), found by its byte-order mark.
    Utf16,
    /// Windows-1252 (the « ANSI » of a French Windows; Latin-1 with `€`,
    /// `œ`, curly quotes).
    Windows1252,
}

impl TextEncoding {
    /// Its name: `utf-8`, `utf-16`, `windows-1252`.
    ///
    /// ```
    /// assert_eq!(cme_pdp::export::TextEncoding::Windows1252.name(), "windows-1252");
    /// ```
    pub fn name(self) -> &'static str {
        match self {
            TextEncoding::Utf8 => "utf-8",
            TextEncoding::Utf16 => "utf-16",
            TextEncoding::Windows1252 => "windows-1252",
        }
    }

    /// The encoding for a name (`utf-8`, `utf8`, `windows-1252`, `cp1252`,
    /// `latin-1`/`iso-8859-1`, read as Windows-1252 as browsers do), or
    /// `None`.
    ///
    /// ```
    /// use cme_pdp::export::TextEncoding;
    /// assert_eq!(TextEncoding::from_name("CP1252"), Some(TextEncoding::Windows1252));
    /// assert_eq!(TextEncoding::from_name("utf8"), Some(TextEncoding::Utf8));
    /// ```
    pub fn from_name(name: &str) -> Option<TextEncoding> {
        match name.to_ascii_lowercase().replace('_', "-").as_str() {
            "utf-8" | "utf8" | "utf-8-sig" => Some(TextEncoding::Utf8),
            "utf-16" | "utf16" => Some(TextEncoding::Utf16),
            "windows-1252" | "cp1252" | "latin-1" | "latin1" | "iso-8859-1" | "ansi" => {
                Some(TextEncoding::Windows1252)
            }
            _ => None,
        }
    }
}

/// How to read a file: the profile, and what to find or force.
///
/// ```
/// use cme_pdp::export::{CsvOptions, ExtraColumns, Profile};
/// let mut options = CsvOptions::new(Profile::builtin("fr").unwrap());
/// options.extra_columns = Some(ExtraColumns::Refuse);
/// options.delimiter = Some(';');
/// ```
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct CsvOptions {
    /// How the columns are named.
    pub profile: Profile,
    /// Overrides the profile's choice for the other columns.
    pub extra_columns: Option<ExtraColumns>,
    /// The encoding, found when `None`.
    pub encoding: Option<TextEncoding>,
    /// The separator, found on the header line when `None`.
    pub delimiter: Option<char>,
    /// No date of a case may be after it.
    pub as_of: Option<chrono::NaiveDate>,
}

impl CsvOptions {
    /// Options with a profile, everything else found.
    pub fn new(profile: Profile) -> CsvOptions {
        CsvOptions {
            profile,
            extra_columns: None,
            encoding: None,
            delimiter: None,
            as_of: None,
        }
    }
}

/// How a column of the file was read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct HeaderMatch {
    /// Its position in the file, from 0.
    pub position: usize,
    /// Its header, as the file writes it (cut at
    /// [`crate::limits::MAX_KEY_ECHO`] characters).
    pub header: String,
    /// The column of the format it gives, or `None` when it is not read.
    pub column: Option<&'static str>,
}

/// A file read: the table's cases and problems, how the file was read, and
/// the problems of its header.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct CsvRead {
    /// The cases of the valid rows, and every problem of the others at its
    /// row (from 0, the header not counted) and column of the format.
    pub table: TableRead,
    /// The problems of the file as a whole, once each: its encoding, its
    /// header (a column ignored or refused, a required column missing, two
    /// columns for one). When one of them is an error, no row is read.
    pub header_issues: Vec<Issue>,
    /// Each column of the file and the column of the format it gives.
    pub headers: Vec<HeaderMatch>,
    /// The encoding the file was read in.
    pub encoding: TextEncoding,
    /// Whether it began with a byte-order mark.
    pub bom: bool,
    /// The separator.
    pub delimiter: char,
    /// The number of rows (records after the header).
    pub rows: usize,
    /// The line of the file where each row begins (1 is the header).
    lines: Vec<u64>,
}

impl CsvRead {
    /// The line of the file (from 1, the header's) where row `row` begins,
    /// for a person who opens the file.
    pub fn line(&self, row: usize) -> Option<u64> {
        self.lines.get(row).copied()
    }

    /// Whether the file could be read at all (no error in its header).
    ///
    /// ```
    /// use cme_pdp::export::{read_csv, CsvOptions, Profile};
    /// let read = read_csv(b"id;service\nA-1;aist43\n", &CsvOptions::new(Profile::builtin("cme").unwrap()));
    /// assert!(!read.is_readable()); // no signalement columns
    /// assert_eq!(read.header_issues[0].code.code(), "missing_column");
    /// ```
    pub fn is_readable(&self) -> bool {
        self.header_issues.iter().all(|i| !i.severity.is_error())
    }
}

impl CsvRead {
    /// The header of the file that gives a column of the format, as the
    /// file writes it.
    pub fn header_of(&self, column: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|h| h.column == Some(column))
            .map(|h| h.header.as_str())
    }

    /// The number of rows refused (each has at least one problem that is
    /// an error; the others gave a case).
    pub fn refused(&self) -> usize {
        self.rows.saturating_sub(self.table.cases.len())
    }

    /// The reading in its JSON form, the same in every binding: how the
    /// file was read, its columns, and every problem with its row, line,
    /// column of the format and header of the file.
    ///
    /// ```
    /// use cme_pdp::export::{read_csv, CsvOptions, Profile};
    /// let file = "Identifiant;Service;Date de signalement;Visite d'origine;Signalé par\nA-1;aist43;30/02/2024;reprise;idest\n";
    /// let read = read_csv(file.as_bytes(), &CsvOptions::new(Profile::builtin("fr").unwrap()));
    /// let v = read.to_value();
    /// assert_eq!((v["rows"].as_u64(), v["valid"].as_u64(), v["refused"].as_u64()), (Some(1), Some(0), Some(1)));
    /// let problem = &v["issues"][0];
    /// assert_eq!((problem["line"].as_u64(), problem["header"].as_str()), (Some(2), Some("Date de signalement")));
    /// assert_eq!(problem["path"], "rows[0].signalement_date");
    /// ```
    pub fn to_value(&self) -> serde_json::Value {
        use serde_json::{json, Value};
        let issues: Vec<Value> = self
            .table
            .issues
            .iter()
            .map(|p| {
                let mut v = serde_json::to_value(&p.issue).unwrap_or(Value::Null);
                if let Value::Object(map) = &mut v {
                    map.insert("row".into(), json!(p.row));
                    map.insert("line".into(), json!(self.line(p.row)));
                    map.insert("column".into(), json!(p.column));
                    map.insert("header".into(), json!(self.header_of(&p.column)));
                }
                v
            })
            .collect();
        json!({
            "encoding": self.encoding.name(),
            "bom": self.bom,
            "delimiter": self.delimiter.to_string(),
            "rows": self.rows,
            "valid": self.table.cases.len(),
            "refused": self.refused(),
            "readable": self.is_readable(),
            "headers": self.headers,
            "header_issues": self.header_issues,
            "issues": issues,
        })
    }

    /// The reading told in a language, for the person who exported the
    /// file: how it was read, the columns not read, then every problem at
    /// its line and header (the French text first: `Lang::Fr`).
    ///
    /// ```
    /// use cme_pdp::export::{read_csv, CsvOptions, Profile};
    /// use cme_pdp::issue::Lang;
    /// let file = "Identifiant;Service;Date de signalement;Visite d'origine;Signalé par;Nom\nA-1;aist43;30/02/2024;reprise;idest;X\n";
    /// let read = read_csv(file.as_bytes(), &CsvOptions::new(Profile::builtin("fr").unwrap()));
    /// let text = read.to_text(Lang::Fr);
    /// assert!(text.starts_with("Fichier lu en utf-8, séparateur « ; » : 1 ligne, 0 dossier valide, 1 ligne refusée."));
    /// assert!(text.contains("ligne 2, colonne « Date de signalement » (signalement_date) : Date invalide"));
    /// assert!(read.to_text(Lang::En).contains("line 2, column “Date de signalement” (signalement_date): Invalid date"));
    /// ```
    pub fn to_text(&self, lang: crate::issue::Lang) -> String {
        use crate::issue::Lang;
        use std::fmt::Write;
        let fr = lang == Lang::Fr;
        // French puts 0 and 1 in the singular, English only 1.
        let plural = |n: usize, one: &str, many: &str| {
            let single = if fr { n <= 1 } else { n == 1 };
            format!("{n} {}", if single { one } else { many })
        };
        let message = |i: &Issue| {
            if fr {
                i.message.clone()
            } else {
                i.message_en.clone()
            }
        };
        let mut out = String::new();
        let bom = match (self.bom, fr) {
            (true, true) => " (avec BOM)",
            (true, false) => " (with a BOM)",
            _ => "",
        };
        let delimiter = if self.delimiter == '\t' {
            if fr {
                "tabulation".to_string()
            } else {
                "tab".to_string()
            }
        } else if fr {
            format!("« {} »", self.delimiter)
        } else {
            format!("“{}”", self.delimiter)
        };
        let valid = self.table.cases.len();
        let _ = if fr {
            writeln!(
                out,
                "Fichier lu en {}{bom}, séparateur {delimiter} : {}, {}, {}.",
                self.encoding.name(),
                plural(self.rows, "ligne", "lignes"),
                plural(valid, "dossier valide", "dossiers valides"),
                plural(self.refused(), "ligne refusée", "lignes refusées"),
            )
        } else {
            writeln!(
                out,
                "File read as {}{bom}, separator {delimiter}: {}, {}, {}.",
                self.encoding.name(),
                plural(self.rows, "row", "rows"),
                plural(valid, "valid case", "valid cases"),
                plural(self.refused(), "row refused", "rows refused"),
            )
        };
        let read_columns = self.headers.iter().filter(|h| h.column.is_some()).count();
        let _ = if fr {
            writeln!(
                out,
                "Colonnes : {read_columns} lues sur {}.",
                self.headers.len()
            )
        } else {
            writeln!(
                out,
                "Columns: {read_columns} read of {}.",
                self.headers.len()
            )
        };
        for issue in &self.header_issues {
            let mark = if issue.severity.is_error() {
                "✗"
            } else {
                "⚠"
            };
            let _ = writeln!(out, "  {mark} {}", message(issue));
        }
        if !self.table.issues.is_empty() {
            let _ = writeln!(out, "{}", if fr { "Problèmes :" } else { "Problems:" });
        }
        for p in &self.table.issues {
            let mark = if p.issue.severity.is_error() {
                "✗"
            } else {
                "⚠"
            };
            let line = self.line(p.row).unwrap_or_default();
            let at = match (self.header_of(&p.column), p.column.is_empty(), fr) {
                (_, true, true) => format!("ligne {line}"),
                (_, true, false) => format!("line {line}"),
                (Some(h), false, true) => format!("ligne {line}, colonne « {h} » ({})", p.column),
                (Some(h), false, false) => format!("line {line}, column “{h}” ({})", p.column),
                (None, false, true) => format!("ligne {line}, colonne {}", p.column),
                (None, false, false) => format!("line {line}, column {}", p.column),
            };
            let sep = if fr { " : " } else { ": " };
            let _ = writeln!(
                out,
                "  {mark} {at}{sep}{} [{}]",
                message(&p.issue),
                p.issue.code
            );
        }
        out
    }
}

/// The columns without which no row can be valid: a file without one of
/// them is refused once rather than every row.
pub const REQUIRED_COLUMNS: [&str; 5] = [
    "id",
    "service",
    "signalement_date",
    "source_visit",
    "signalled_by",
];

/// The most columns a file may have.
pub const MAX_FILE_COLUMNS: usize = 1024;

/// How many rows are read at a time (their cells are converted once).
const BATCH: usize = 4096;

/// Reads an export: see the [module](self). The bytes are the whole file.
pub fn read_csv(bytes: &[u8], options: &CsvOptions) -> CsvRead {
    read_csv_with_progress(bytes, options, &mut |_, _| {})
}

/// [`read_csv`], telling `progress` how far it is after each batch of rows
/// (the text read so far and the whole text, in bytes): what a command
/// line shows on a long file.
///
/// ```
/// use cme_pdp::export::{read_csv_with_progress, CsvOptions, Profile};
/// let mut seen = Vec::new();
/// let read = read_csv_with_progress(cme_pdp::sample::EXPORT_FR,
///     &CsvOptions::new(Profile::builtin("fr").unwrap()), &mut |done, total| seen.push((done, total)));
/// assert_eq!(read.rows, 50);
/// let (done, total) = *seen.last().unwrap();
/// assert_eq!(done, total);
/// ```
pub fn read_csv_with_progress(
    bytes: &[u8],
    options: &CsvOptions,
    progress: &mut dyn FnMut(u64, u64),
) -> CsvRead {
    let mut out = CsvRead {
        table: TableRead::default(),
        header_issues: Vec::new(),
        headers: Vec::new(),
        encoding: options.encoding.unwrap_or(TextEncoding::Utf8),
        bom: false,
        delimiter: options.delimiter.unwrap_or(';'),
        rows: 0,
        lines: Vec::new(),
    };
    let text = match decode(bytes, options.encoding) {
        Ok((text, encoding, bom)) => {
            out.encoding = encoding;
            out.bom = bom;
            text
        }
        Err(issue) => {
            out.header_issues.push(issue);
            return out;
        }
    };
    let delimiter = options.delimiter.unwrap_or_else(|| find_delimiter(&text));
    out.delimiter = delimiter;
    // A separator is one ASCII character (the CSV reader splits bytes): any
    // other is refused, never replaced by another.
    let Some(separator) = u8::try_from(u32::from(delimiter))
        .ok()
        .filter(|b| b.is_ascii() && !matches!(b, b'"' | b'\n' | b'\r'))
    else {
        out.header_issues.push(
            Issue::new(IssueCode::UnknownCode, Path::root().key("delimiter"))
                .with("kind", "delimiter")
                .with("allowed", "; , | \\t (ASCII)"),
        );
        return out;
    };
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(separator)
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut records = reader.records();
    let header = match records.next() {
        Some(Ok(record)) => record,
        Some(Err(e)) => {
            out.header_issues.push(malformed(&e));
            return out;
        }
        None => {
            out.header_issues
                .push(Issue::new(IssueCode::EmptyFile, Path::root()));
            return out;
        }
    };
    let Some(mapping) = match_headers(&header, options, &mut out) else {
        return out;
    };
    let mut batch = Batch {
        mapping: &mapping,
        rows: Vec::with_capacity(BATCH),
        lists: Vec::with_capacity(BATCH),
    };
    let mut lines = LineCounter {
        text: text.as_bytes(),
        byte: 0,
        line: 1,
    };
    let mut first = 0usize;
    loop {
        let next = records.next();
        let done = next.is_none();
        if let Some(next) = next {
            let row = out.rows;
            out.rows = out.rows.saturating_add(1);
            if out.rows > crate::limits::MAX_ROWS {
                if let Some(issue) = crate::table::too_many_rows(out.rows) {
                    out.table.append(TableRead {
                        issues: vec![issue],
                        ..TableRead::default()
                    });
                }
                break;
            }
            match next {
                Ok(record) => {
                    out.lines.push(lines.at(record.position()));
                    if record.len() == header.len() {
                        batch.push(record);
                        if batch.rows.len() < BATCH {
                            continue;
                        }
                    } else {
                        // Read what comes before, then say why this row is not.
                        batch.flush(first, options.as_of, &mut out.table);
                        out.table
                            .append(field_count(row, header.len(), record.len()));
                        first = row + 1;
                        continue;
                    }
                }
                Err(e) => {
                    out.lines.push(lines.at(e.position()));
                    batch.flush(first, options.as_of, &mut out.table);
                    let mut issue = malformed(&e);
                    issue.path = Path::root().key("rows").index(row);
                    out.table.append(TableRead {
                        issues: vec![RowIssue {
                            row,
                            column: String::new(),
                            issue,
                        }],
                        ..TableRead::default()
                    });
                    first = row + 1;
                    continue;
                }
            }
        }
        let read = batch.rows.len();
        batch.flush(first, options.as_of, &mut out.table);
        first += read;
        let total = text.len() as u64;
        if done {
            progress(total, total);
            break;
        }
        progress(records.reader().position().byte().min(total), total);
    }
    out.table.finish();
    with_formats(&mut out.table);
    out
}

/// The line where a record begins, counted from its byte offset (the csv
/// crate's own line count is one short after CRLF line ends, as Windows
/// software writes them): every line end before it (`\r\n`, `\n` or a lone
/// `\r`, the ends the csv crate splits records on), counted once as the
/// records come.
struct LineCounter<'t> {
    text: &'t [u8],
    byte: usize,
    line: u64,
}

impl LineCounter<'_> {
    fn at(&mut self, position: Option<&csv::Position>) -> u64 {
        let Some(mut byte) = position.and_then(|p| usize::try_from(p.byte()).ok()) else {
            return 0;
        };
        // After a CRLF, the csv crate starts the next record at its `\n`.
        while matches!(self.text.get(byte), Some(b'\r' | b'\n')) {
            byte += 1;
        }
        if byte >= self.byte {
            // A line ends as the csv crate ends a record: `\r\n` once, a
            // lone `\n`, or a lone `\r` (old Mac files, or a stray one).
            let newlines = (self.byte..byte)
                .filter(|&i| match self.text.get(i) {
                    Some(b'\n') => true,
                    Some(b'\r') => self.text.get(i + 1) != Some(&b'\n'),
                    _ => false,
                })
                .count();
            self.line = self.line.saturating_add(newlines as u64);
            self.byte = byte;
        }
        self.line
    }
}

/// The text of the file and its encoding: a byte-order mark decides; else
/// the given encoding; else UTF-8 when the bytes are valid UTF-8, and
/// Windows-1252 otherwise (every byte is a character there).
fn decode(
    bytes: &[u8],
    given: Option<TextEncoding>,
) -> Result<(Cow<'_, str>, TextEncoding, bool), Issue> {
    if let Some((encoding, bom_len)) = encoding_rs::Encoding::for_bom(bytes) {
        let rest = bytes.get(bom_len..).unwrap_or_default();
        let (text, had_errors) = encoding.decode_without_bom_handling(rest);
        let found = if encoding == encoding_rs::UTF_8 {
            TextEncoding::Utf8
        } else {
            TextEncoding::Utf16
        };
        if had_errors {
            return Err(bad_encoding(found, &text));
        }
        return Ok((text, found, true));
    }
    match given {
        Some(TextEncoding::Windows1252) => {
            let (text, _) = encoding_rs::WINDOWS_1252.decode_without_bom_handling(bytes);
            Ok((text, TextEncoding::Windows1252, false))
        }
        Some(TextEncoding::Utf16) => {
            let (text, had_errors) = encoding_rs::UTF_16LE.decode_without_bom_handling(bytes);
            if had_errors {
                return Err(bad_encoding(TextEncoding::Utf16, &text));
            }
            Ok((text, TextEncoding::Utf16, false))
        }
        Some(TextEncoding::Utf8) => match std::str::from_utf8(bytes) {
            Ok(text) => Ok((Cow::Borrowed(text), TextEncoding::Utf8, false)),
            Err(e) => {
                let before = bytes.get(..e.valid_up_to()).unwrap_or_default();
                let line = 1 + before.iter().filter(|&&b| b == b'\n').count();
                Err(Issue::new(IssueCode::InvalidEncoding, Path::root())
                    .with("encoding", TextEncoding::Utf8.name())
                    .with("line", line))
            }
        },
        None => match std::str::from_utf8(bytes) {
            Ok(text) => Ok((Cow::Borrowed(text), TextEncoding::Utf8, false)),
            Err(_) => {
                let (text, _) = encoding_rs::WINDOWS_1252.decode_without_bom_handling(bytes);
                Ok((text, TextEncoding::Windows1252, false))
            }
        },
    }
}

/// `invalid_encoding` at the line of the first replacement character.
fn bad_encoding(encoding: TextEncoding, text: &str) -> Issue {
    let before = text.split('\u{FFFD}').next().unwrap_or_default();
    let line = 1 + before.matches('\n').count();
    Issue::new(IssueCode::InvalidEncoding, Path::root())
        .with("encoding", encoding.name())
        .with("line", line)
}

/// The separator of the header line: the most frequent of `;`, `,`, tab
/// and `|` outside quotes (`;` when none is there: a file of one column).
fn find_delimiter(text: &str) -> char {
    let line = text.lines().next().unwrap_or_default();
    let mut counts = [(';', 0usize), (',', 0), ('\t', 0), ('|', 0)];
    let mut quoted = false;
    for c in line.chars() {
        if c == '"' {
            quoted = !quoted;
        } else if !quoted {
            if let Some(entry) = counts.iter_mut().find(|(d, _)| *d == c) {
                entry.1 += 1;
            }
        }
    }
    // The first of the most frequent (`;` wins a tie: the French convention).
    let mut best = (';', 0usize);
    for &(d, n) in &counts {
        if n > best.1 {
            best = (d, n);
        }
    }
    best.0
}

/// A CSV error, without its text (it may quote the file).
fn malformed(e: &csv::Error) -> Issue {
    let line = e.position().map_or(0, csv::Position::line);
    Issue::new(IssueCode::MalformedCsv, Path::root()).with("line", line)
}

/// The problem of a row whose number of fields is not the header's.
fn field_count(row: usize, expected: usize, found: usize) -> TableRead {
    let issue = Issue::new(IssueCode::FieldCount, Path::root().key("rows").index(row))
        .with("expected", expected)
        .with("found", found);
    TableRead {
        issues: vec![RowIssue {
            row,
            column: String::new(),
            issue,
        }],
        ..TableRead::default()
    }
}

/// Matches the header: for each documented column, its position in the
/// file. Records the matches and the header's problems in `out`; `None`
/// when one of them is an error (the file is not read).
fn match_headers(
    header: &csv::StringRecord,
    options: &CsvOptions,
    out: &mut CsvRead,
) -> Option<Vec<Option<usize>>> {
    let profile = &options.profile;
    let extra = options.extra_columns.unwrap_or(profile.extra_columns);
    let mut mapping: Vec<Option<usize>> = vec![None; COLUMNS.len()];
    if header.len() > MAX_FILE_COLUMNS {
        out.header_issues.push(
            Issue::new(IssueCode::TooManyItems, Path::root().key("columns"))
                .with("max", MAX_FILE_COLUMNS),
        );
        return None;
    }
    for (position, name) in header.iter().enumerate() {
        // The byte-order mark is gone; a stray one (a file joined from
        // pieces) is not part of the name.
        let name = name.trim().trim_start_matches('\u{FEFF}');
        let shown = crate::issue::echoed(name).into_owned();
        let at = Path::root().key("columns").index(position);
        let column = profile.column_for(name);
        out.headers.push(HeaderMatch {
            position,
            header: shown.clone(),
            column,
        });
        match column {
            Some(column) => {
                let index = COLUMNS.iter().position(|c| c.name == column)?;
                match mapping.get_mut(index) {
                    Some(slot @ None) => *slot = Some(position),
                    _ => out.header_issues.push(
                        Issue::new(IssueCode::DuplicateColumn, at)
                            .with("header", &shown)
                            .with("column", column),
                    ),
                }
            }
            None if name.is_empty() => {
                // An unnamed column (a trailing separator): read only when
                // it holds something, which is then a row's problem.
                out.header_issues.push(
                    Issue::new(IssueCode::IgnoredColumn, at)
                        .with("header", "")
                        .with("profile", &profile.name),
                );
            }
            None => {
                let code = match extra {
                    ExtraColumns::Ignore => IssueCode::IgnoredColumn,
                    ExtraColumns::Refuse => IssueCode::UnknownColumn,
                };
                out.header_issues.push(
                    Issue::new(code, at)
                        .with("header", &shown)
                        .with("profile", &profile.name),
                );
            }
        }
    }
    for required in REQUIRED_COLUMNS {
        let index = COLUMNS.iter().position(|c| c.name == required)?;
        if mapping.get(index).copied().flatten().is_none() {
            out.header_issues.push(
                Issue::new(IssueCode::MissingColumn, Path::root().key("columns"))
                    .with("column", required),
            );
        }
    }
    out.is_readable().then_some(mapping)
}

/// Rows of the file being read: their fields, and the list cells whose
/// labels were turned into codes.
struct Batch<'m> {
    /// For each documented column, its position in the file.
    mapping: &'m [Option<usize>],
    rows: Vec<csv::StringRecord>,
    /// For each row, the list cell (`consent_sharing_with`) rewritten in
    /// codes when it held labels.
    lists: Vec<Option<String>>,
}

/// The index of a documented column, checked when compiling.
macro_rules! column {
    ($name:literal) => {
        const {
            let i = crate::table::column_index($name);
            assert!(i < COLUMNS.len(), "undocumented column");
            i
        }
    };
}

/// The one list column.
const SHARING: usize = column!("consent_sharing_with");
/// The sector's columns.
const SECTION: usize = column!("sector_section");
const NOMENCLATURE: usize = column!("sector_nomenclature");

impl Batch<'_> {
    fn push(&mut self, record: csv::StringRecord) {
        let list = self
            .mapping
            .get(SHARING)
            .copied()
            .flatten()
            .and_then(|p| record.get(p))
            .and_then(codes_of_list);
        self.rows.push(record);
        self.lists.push(list);
    }

    /// Reads the rows held (row numbers from `first`) into `out`.
    fn flush(&mut self, first: usize, as_of: Option<chrono::NaiveDate>, out: &mut TableRead) {
        if self.rows.is_empty() {
            return;
        }
        let read = read_cells(&*self, 0..self.rows.len(), first, as_of);
        out.append(read);
        self.rows.clear();
        self.lists.clear();
    }
}

impl CellSource for Batch<'_> {
    fn cell(&self, column: usize, row: usize) -> Cell<'_> {
        if column == SHARING {
            if let Some(Some(list)) = self.lists.get(row) {
                return Cell::Text(list);
            }
        }
        let Some(raw) = self
            .mapping
            .get(column)
            .copied()
            .flatten()
            .and_then(|p| self.rows.get(row)?.get(p))
        else {
            return Cell::Null;
        };
        let Some(spec) = COLUMNS.get(column) else {
            return Cell::Null;
        };
        if column == SECTION {
            // A section is read in the row's nomenclature (letters shift
            // from J between NAF rév. 2 and NAF 2025).
            let nomenclature = match self.cell(NOMENCLATURE, row) {
                Cell::Text("naf_2025") => crate::case::Nomenclature::Naf2025,
                _ => crate::case::Nomenclature::NafRev2,
            };
            let text = raw.trim();
            if text.is_empty() {
                return Cell::Null;
            }
            return Cell::Text(section_of(nomenclature, text).unwrap_or(text));
        }
        convert(spec.name, spec.kind, raw)
    }

    fn unknown_columns(&self, _row: usize, _found: &mut dyn FnMut(&str)) {
        // Said once for the file, with its header (`ignored_column`).
    }
}

/// A cell of the file in the conventions of its column: see the
/// [module](self). What cannot be read reaches the rules as written.
///
/// ```
/// use cme_pdp::export::convert;
/// use cme_pdp::table::{Cell, ColumnKind};
/// let date = chrono::NaiveDate::from_ymd_opt(2024, 3, 4).unwrap();
/// assert_eq!(convert("sortie_date", ColumnKind::Date, " 04/03/2024 "), Cell::Date(date));
/// assert_eq!(convert("sortie_date", ColumnKind::Date, "2024-03-04"), Cell::Date(date));
/// assert_eq!(convert("sortie_date", ColumnKind::Date, "4 mars"), Cell::Text("4 mars"));
/// assert_eq!(convert("sortie_prepared", ColumnKind::Boolean, "Oui"), Cell::Boolean(true));
/// assert_eq!(convert("birth_year", ColumnKind::Integer, "1970"), Cell::Integer(1970));
/// assert_eq!(convert("sortie_result", ColumnKind::Text, "Aménagement du poste"), Cell::Text("amenagement_poste"));
/// assert_eq!(convert("sector_section", ColumnKind::Text, "construction"), Cell::Text("F"));
/// assert_eq!(convert("sortie_result", ColumnKind::Text, ""), Cell::Null);
/// ```
pub fn convert<'a>(column: &str, kind: ColumnKind, raw: &'a str) -> Cell<'a> {
    let text = raw.trim();
    if text.is_empty() {
        return Cell::Null;
    }
    match kind {
        ColumnKind::Date => parse_date(text).map_or(Cell::Text(text), Cell::Date),
        ColumnKind::Boolean => parse_bool(text).map_or(Cell::Text(text), Cell::Boolean),
        ColumnKind::Integer => text.parse::<i64>().map_or(Cell::Text(text), Cell::Integer),
        _ if column == "sector_section" => {
            Cell::Text(section_of(crate::case::Nomenclature::NafRev2, text).unwrap_or(text))
        }
        _ => code_of(column, text).map_or(Cell::Text(text), Cell::Text),
    }
}

/// The date formats read: `aaaa-mm-jj` and `jj/mm/aaaa` (also `j/m/aaaa`
/// and with dots or dashes: `04.03.2024`, `04-03-2024`), as named in the
/// `format` of an `invalid_date` problem.
pub const DATE_FORMATS: &str = "JJ/MM/AAAA, AAAA-MM-JJ";

/// A date of the file, or `None`.
///
/// ```
/// use cme_pdp::export::parse_date;
/// assert_eq!(parse_date("4/3/2024").unwrap().to_string(), "2024-03-04");
/// assert_eq!(parse_date("04.03.2024").unwrap().to_string(), "2024-03-04");
/// assert!(parse_date("31/02/2024").is_none());
/// assert!(parse_date("03/04/24").is_none()); // a two-digit year is ambiguous
/// ```
pub fn parse_date(text: &str) -> Option<chrono::NaiveDate> {
    if let Some(date) = crate::dates::parse_iso_date(text) {
        return Some(date);
    }
    let mut parts = text.split(['/', '.', '-']);
    let (day, month, year) = (parts.next()?, parts.next()?, parts.next()?);
    if parts.next().is_some()
        || !(1..=2).contains(&day.len())
        || !(1..=2).contains(&month.len())
        || year.len() != 4
        || ![day, month, year]
            .iter()
            .all(|p| p.bytes().all(|b| b.is_ascii_digit()))
    {
        return None;
    }
    chrono::NaiveDate::from_ymd_opt(year.parse().ok()?, month.parse().ok()?, day.parse().ok()?)
}

/// A boolean of the file (`oui`/`non`, `vrai`/`faux`, `o`/`n`, `1`/`0`,
/// `true`/`false`, `yes`/`no`, any case), or `None`.
///
/// ```
/// assert_eq!(cme_pdp::export::parse_bool("NON"), Some(false));
/// assert_eq!(cme_pdp::export::parse_bool("peut-être"), None);
/// ```
pub fn parse_bool(text: &str) -> Option<bool> {
    match text.to_lowercase().as_str() {
        "oui" | "o" | "vrai" | "1" | "true" | "yes" | "y" | "x" => Some(true),
        "non" | "n" | "faux" | "0" | "false" | "no" => Some(false),
        _ => None,
    }
}

/// The code a text gives in a column of codes: the code itself, or the
/// French or English label of one (compared folded), or `None`.
///
/// ```
/// use cme_pdp::export::code_of;
/// assert_eq!(code_of("source_visit", "Visite de pré-reprise"), Some("pre_reprise"));
/// assert_eq!(code_of("source_visit", "PRE_REPRISE"), Some("pre_reprise"));
/// assert_eq!(code_of("signalled_by", "Médecin du travail"), Some("medecin_du_travail"));
/// assert_eq!(code_of("id", "Visite de pré-reprise"), None);
/// ```
pub fn code_of(column: &str, text: &str) -> Option<&'static str> {
    let labels = column_labels(column)?;
    if let Some(&(code, _, _)) = labels.iter().find(|(code, _, _)| *code == text) {
        return Some(code);
    }
    let folded = fold(text);
    labels
        .iter()
        .find(|(code, fr, en)| fold(code) == folded || fold(fr) == folded || fold(en) == folded)
        .map(|&(code, _, _)| code)
}

/// A list cell (`consent_sharing_with`) rewritten in codes when one of its
/// items is a label; `None` when it is already codes (or cannot be read:
/// the rules say why).
fn codes_of_list(raw: &str) -> Option<String> {
    let items: Vec<&str> = raw
        .split([';', ',', '|'])
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .collect();
    let all_codes = items
        .iter()
        .all(|item| crate::case::Partner::from_code(item).is_some());
    if all_codes {
        return None;
    }
    let codes: Option<Vec<&str>> = items
        .iter()
        .map(|item| code_of("consent_sharing_with", item))
        .collect();
    codes.map(|codes| codes.join(";"))
}

/// The section letter a text gives in a nomenclature: the letter itself
/// (any case), the section's name (compared folded), or an APE code of NAF
/// rév. 2 (`86.10Z`, `8610Z`: its division gives the section); `None`
/// otherwise.
///
/// ```
/// use cme_pdp::case::Nomenclature::{Naf2025, NafRev2};
/// use cme_pdp::export::section_of;
/// assert_eq!(section_of(NafRev2, "q"), Some("Q"));
/// assert_eq!(section_of(NafRev2, "Santé humaine et action sociale"), Some("Q"));
/// assert_eq!(section_of(Naf2025, "Santé humaine et action sociale"), Some("R"));
/// assert_eq!(section_of(NafRev2, "86.10Z"), Some("Q"));
/// assert_eq!(section_of(NafRev2, "4120A"), Some("F"));
/// assert_eq!(section_of(Naf2025, "86.10Z"), None); // its divisions differ
/// assert_eq!(section_of(NafRev2, "V"), None);
/// ```
pub fn section_of(nomenclature: crate::case::Nomenclature, text: &str) -> Option<&'static str> {
    let upper = text.to_uppercase();
    if let Some(letter) = nomenclature.sections().iter().find(|l| **l == upper) {
        return Some(letter);
    }
    let folded = fold(text);
    let by_name = nomenclature.sections().iter().find(|l| {
        nomenclature
            .section_label(l)
            .is_some_and(|(fr, en)| fold(fr) == folded || fold(en) == folded)
    });
    if let Some(letter) = by_name {
        return Some(letter);
    }
    if nomenclature != crate::case::Nomenclature::NafRev2 {
        return None;
    }
    // An APE code: two digits of division, then the group and class
    // (`86.10Z`, `8610Z`, `86.1`).
    let compact: String = upper.chars().filter(|c| *c != '.' && *c != ' ').collect();
    let digits = compact.bytes().take_while(u8::is_ascii_digit).count();
    let rest = compact.get(digits..).unwrap_or_default();
    if !(2..=4).contains(&digits) || rest.len() > 1 || !rest.bytes().all(|b| b.is_ascii_uppercase())
    {
        return None;
    }
    let division: u32 = compact.get(..2)?.parse().ok()?;
    let section = match division {
        1..=3 => "A",
        5..=9 => "B",
        10..=33 => "C",
        35 => "D",
        36..=39 => "E",
        41..=43 => "F",
        45..=47 => "G",
        49..=53 => "H",
        55..=56 => "I",
        58..=63 => "J",
        64..=66 => "K",
        68 => "L",
        69..=75 => "M",
        77..=82 => "N",
        84 => "O",
        85 => "P",
        86..=88 => "Q",
        90..=93 => "R",
        94..=96 => "S",
        97..=98 => "T",
        99 => "U",
        _ => return None,
    };
    Some(section)
}

/// Code, French label, English label.
type Labelled = (&'static str, &'static str, &'static str);

fn labels_of<C: Code>() -> Vec<Labelled> {
    C::ALL
        .iter()
        .map(|c| (c.code(), c.label_fr(), c.label_en()))
        .collect()
}

/// The codes (with their labels) a column of the table holds, or `None`
/// for a column that holds no code.
///
/// ```
/// let results = cme_pdp::export::column_labels("sortie_result").unwrap();
/// assert!(results.iter().any(|(code, _, _)| *code == "inaptitude"));
/// assert!(cme_pdp::export::column_labels("birth_year").is_none());
/// ```
pub fn column_labels(column: &str) -> Option<Vec<Labelled>> {
    use crate::case::*;
    Some(match column {
        "sector_nomenclature" => labels_of::<Nomenclature>(),
        "sector_section" => Nomenclature::NafRev2
            .sections()
            .iter()
            .filter_map(|l| {
                let (fr, en) = Nomenclature::NafRev2.section_label(l)?;
                Some((*l, fr, en))
            })
            .collect(),
        "employer" => labels_of::<EmployerKind>(),
        "rqth" => labels_of::<RqthStatus>(),
        "sick_leave_cause" => labels_of::<SickLeaveCause>(),
        "source_visit" => labels_of::<SourceVisit>(),
        "signalled_by" => labels_of::<Signaller>(),
        "requested_by" => labels_of::<Requester>(),
        "referent_role" => labels_of::<CellRole>(),
        "sortie_result" => labels_of::<ExitResult>(),
        "category_override" => labels_of::<Category>(),
        "consent_sharing_with"
        | "action_partenaire_partner"
        | "action_partenaire_2_partner"
        | "action_partenaire_3_partner" => labels_of::<Partner>(),
        c if c.starts_with("avis_") && c.ends_with("_expertise") => labels_of::<Expertise>(),
        _ => return None,
    })
}

/// An `invalid_date` of a file names the formats the file may use.
fn with_formats(table: &mut TableRead) {
    for problem in &mut table.issues {
        let is_date = COLUMNS
            .iter()
            .any(|c| c.name == problem.column && c.kind == ColumnKind::Date);
        if is_date && problem.issue.code == IssueCode::InvalidDate {
            problem.issue = Issue::new(IssueCode::InvalidDate, problem.issue.path.clone())
                .with("format", DATE_FORMATS);
        }
    }
}

#[cfg(test)]
mod tests;
