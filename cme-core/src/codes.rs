//! Stable codes for the terms of art of the domain.
//!
//! Every enumerated value of the interchange format (a sick-leave cause, a
//! source visit, an exit result…) is a *code*: a stable `snake_case` French
//! term of art (`pre_reprise`, `maladie_professionnelle`, `sans_suite`) with a
//! French label. Codes never change once published; labels may be reworded.
//! `DOMAIN.md` is the glossary.
//!
//! ```
//! use cme_pdp::codes::Code;
//! use cme_pdp::case::SickLeaveCause;
//!
//! let cause = SickLeaveCause::from_code("maladie_professionnelle").unwrap();
//! assert_eq!(cause.label_fr(), "Maladie professionnelle");
//! assert!(SickLeaveCause::from_code("Maladie professionnelle").is_none());
//! ```

/// A closed list of stable codes with French labels.
///
/// ```
/// use cme_pdp::codes::Code;
/// use cme_pdp::case::Category;
///
/// let all: Vec<&str> = Category::ALL.iter().map(|c| c.code()).collect();
/// assert_eq!(all, ["sans_suite", "info_conseils", "facilitation", "ingenierie"]);
/// ```
pub trait Code: Copy + Eq + Sized + 'static {
    /// Name of the list, e.g. `sick_leave_cause`; used in error parameters.
    const KIND: &'static str;
    /// Every value, in the documented order.
    const ALL: &'static [Self];
    /// The stable code.
    fn code(self) -> &'static str;
    /// The French label.
    fn label_fr(self) -> &'static str;
    /// The English label.
    ///
    /// ```
    /// use cme_pdp::codes::Code;
    /// assert_eq!(cme_pdp::case::Category::Ingenierie.label_en(), "Engineering (ingénierie)");
    /// ```
    fn label_en(self) -> &'static str;
    /// The value for a code, or `None` when the code is unknown (codes are
    /// case-sensitive).
    fn from_code(code: &str) -> Option<Self> {
        Self::ALL.iter().copied().find(|c| c.code() == code)
    }
    /// Every code of the list joined by `", "`, as shown in error messages.
    fn codes_joined() -> String {
        Self::ALL
            .iter()
            .map(|c| c.code())
            .collect::<Vec<_>>()
            .join(", ")
    }
}

/// Declares a code enum: serde names are the codes, the French label is the
/// variant's documentation and its `label_fr`, the English one its `label_en`.
macro_rules! code_enum {
    (
        $(#[$meta:meta])*
        $vis:vis enum $name:ident : $kind:literal {
            $( $var:ident = $code:literal, $label:literal, $en:literal; )+
        }
    ) => {
        $(#[$meta])*
        #[derive(
            Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord,
            serde::Serialize, serde::Deserialize,
        )]
        #[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
        // A code list grows: a new code is a minor version, so code outside
        // this crate matches with a wildcard arm.
        #[non_exhaustive]
        $vis enum $name {
            $(
                #[doc = $label]
                #[serde(rename = $code)]
                $var,
            )+
        }

        impl $crate::codes::Code for $name {
            const KIND: &'static str = $kind;
            const ALL: &'static [Self] = &[$($name::$var),+];
            fn code(self) -> &'static str {
                match self { $($name::$var => $code),+ }
            }
            fn label_fr(self) -> &'static str {
                match self { $($name::$var => $label),+ }
            }
            fn label_en(self) -> &'static str {
                match self { $($name::$var => $en),+ }
            }
            // A match rather than a search of `ALL`: a code is read for
            // every code field of every row of a table.
            fn from_code(code: &str) -> Option<Self> {
                match code {
                    $($code => Some($name::$var),)+
                    _ => None,
                }
            }
        }

        impl core::fmt::Display for $name {
            fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
                f.write_str($crate::codes::Code::code(*self))
            }
        }
    };
}

pub(crate) use code_enum;

/// One entry of a code list: the stable code and its French label.
///
/// ```
/// let lists = cme_pdp::lists::case_code_lists();
/// let causes = lists.iter().find(|l| l.kind == "sick_leave_cause").unwrap();
/// assert_eq!(causes.entries[0].code, "maladie_non_professionnelle");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[non_exhaustive]
pub struct CodeEntry {
    /// The stable code.
    pub code: &'static str,
    /// The French label.
    pub label: &'static str,
}

/// A closed list of codes, named by its kind (`source_visit`…).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[non_exhaustive]
pub struct CodeList {
    /// The name of the list ([`Code::KIND`]).
    pub kind: &'static str,
    /// Every code of the list, in the documented order.
    pub entries: Vec<CodeEntry>,
}

/// The code list of one code type, with its French labels.
///
/// ```
/// use cme_pdp::{case::Category, codes::list};
/// assert_eq!(list::<Category>().entries.len(), 4);
/// ```
pub fn list<C: Code>() -> CodeList {
    CodeList {
        kind: C::KIND,
        entries: C::ALL
            .iter()
            .map(|c| CodeEntry {
                code: c.code(),
                label: c.label_fr(),
            })
            .collect(),
    }
}
