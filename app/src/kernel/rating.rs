//! The rating scale every area reads: reviews write it, calibration moves it, charts draw it.

use super::text_enum::stored_as_text;
use serde::{Deserialize, Serialize};

/// The five-level rating scale of docs/product.md. The shares guide calibration; never a quota.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Rating {
    Exceptional,
    Strong,
    Meets,
    Developing,
    Below,
}

stored_as_text!(Rating { Exceptional => "exceptional", Strong => "strong", Meets => "meets", Developing => "developing", Below => "below" });

impl Rating {
    pub fn label(self) -> &'static str {
        match self {
            Self::Exceptional => "Exceptional",
            Self::Strong => "Strong",
            Self::Meets => "Meets Expectations",
            Self::Developing => "Developing",
            Self::Below => "Below Expectations",
        }
    }

    /// The label where space is short (a board's columns): the scale's first word.
    pub fn short_label(self) -> &'static str {
        match self {
            Self::Meets => "Meets",
            Self::Below => "Below",
            other => other.label(),
        }
    }

    pub fn definition(self) -> &'static str {
        match self {
            Self::Exceptional => "Consistently exceeds expectations, role-model performance.",
            Self::Strong => "Meets all expectations, exceeds in some areas.",
            Self::Meets => "Solid, reliable performance at the expected level.",
            Self::Developing => "New to the role or partially meeting expectations.",
            Self::Below => "Consistently falling short despite support.",
        }
    }

    /// The guideline share for calibration, in percent.
    pub fn guideline_percent(self) -> u8 {
        match self {
            Self::Exceptional => 10,
            Self::Strong => 30,
            Self::Meets => 45,
            Self::Developing => 10,
            Self::Below => 5,
        }
    }

    /// Ratings that must never come as a surprise.
    pub fn is_concern(self) -> bool {
        matches!(self, Self::Developing | Self::Below)
    }
}
