//! Stable codes for the terms of art of the domain.
//!
//! Every enumerated value of the interchange format (a sick-leave cause, a
//! source visit, an exit result…) is a *code*: a stable `snake_case` French
//! term of art (`pre_reprise`, `maladie_professionnelle`, `sans_suite`) with a
//! French label. Codes never change once published; labels may be reworded.
//! `DOMAIN.md` is the glossary.
//!
//! ```
//! use cme_core::codes::Code;
//! use cme_core::case::SickLeaveCause;
//!
//! let cause = SickLeaveCause::from_code("maladie_professionnelle").unwrap();
//! assert_eq!(cause.label_fr(), "Maladie professionnelle");
//! assert!(SickLeaveCause::from_code("Maladie professionnelle").is_none());
//! ```

/// A closed list of stable codes with French labels.
///
/// ```
/// use cme_core::codes::Code;
/// use cme_core::case::Category;
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
/// variant's documentation and its `label_fr`.
macro_rules! code_enum {
    (
        $(#[$meta:meta])*
        $vis:vis enum $name:ident : $kind:literal {
            $( $var:ident = $code:literal, $label:literal; )+
        }
    ) => {
        $(#[$meta])*
        #[derive(
            Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord,
            serde::Serialize, serde::Deserialize,
        )]
        #[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
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
        }

        impl core::fmt::Display for $name {
            fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
                f.write_str($crate::codes::Code::code(*self))
            }
        }
    };
}

pub(crate) use code_enum;
