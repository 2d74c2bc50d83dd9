//! The one error type of the app layer: what a server function can answer. Messages here
//! are shown to people, so they are plain and never carry internal detail; the detail goes
//! to the log, tied to the request id that [`AppError::Internal`] shows.

use leptos::server_fn::codec::JsonEncoding;
use leptos::server_fn::error::{FromServerFnError, ServerFnErrorErr};
use serde::{Deserialize, Serialize};

/// A problem with one form field, shown next to it and in the error summary.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldError {
    /// The form field's `name` (and the input's id), so the summary can link to it.
    pub field: String,
    pub message: String,
}

impl FieldError {
    pub fn new(field: impl Into<String>, message: impl Into<String>) -> Self {
        Self { field: field.into(), message: message.into() }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
pub enum AppError {
    #[error("Please sign in to continue.")]
    Unauthenticated,
    #[error("You do not have access to this.")]
    Forbidden,
    #[error("We could not find that.")]
    NotFound,
    #[error("There is a problem with what you entered.")]
    Invalid(Vec<FieldError>),
    /// Somebody else saved first; nothing was changed.
    #[error("{0}")]
    Conflict(String),
    #[error("Something went wrong on our side. If it keeps happening, quote reference {0}.")]
    Internal(String),
    /// The request never reached the server function (network, decoding).
    #[error("We could not reach Trellis. Check your connection and try again.")]
    Transport(String),
}

impl AppError {
    /// The one "someone else saved first" conflict: a compare-and-set on `what` found a newer
    /// version, so nothing was written. Worded for forms and for buttons alike, and for records
    /// only their author edits (the newer version is then their own, from another tab).
    pub fn stale(what: &str) -> Self {
        Self::Conflict(format!(
            "Someone else changed this {what} since you opened it, or you did in another tab or on another device, so nothing here was saved. Reload to see the newer version; copy anything you typed first."
        ))
    }

    pub fn invalid(field: &str, message: impl Into<String>) -> Self {
        Self::Invalid(vec![FieldError::new(field, message)])
    }

    /// `Invalid` with every problem found, or Ok when there were none.
    pub fn check_fields(errors: Vec<FieldError>) -> Result<(), Self> {
        if errors.is_empty() {
            Ok(())
        } else {
            Err(Self::Invalid(errors))
        }
    }

    /// The HTTP status this error stands for: 500 only for a real fault, so monitoring can
    /// alert on 5xx. Pages (`ui::LoadError`) and server functions (the server's
    /// `error_status` layer) both answer with it.
    pub fn status(&self) -> http::StatusCode {
        use http::StatusCode;
        match self {
            Self::NotFound => StatusCode::NOT_FOUND,
            Self::Forbidden => StatusCode::FORBIDDEN,
            Self::Unauthenticated => StatusCode::UNAUTHORIZED,
            // A request that could not be decoded reached no function: the client's fault.
            Self::Invalid(_) | Self::Transport(_) => StatusCode::BAD_REQUEST,
            Self::Conflict(_) => StatusCode::CONFLICT,
            Self::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    pub fn field_errors(&self) -> &[FieldError] {
        match self {
            Self::Invalid(fields) => fields,
            _ => &[],
        }
    }

    pub fn field_error(&self, field: &str) -> Option<String> {
        self.field_errors().iter().find(|f| f.field == field).map(|f| f.message.clone())
    }

    /// Logs the real cause and returns the generic error people see, with a reference.
    #[cfg(feature = "ssr")]
    pub fn internal(cause: impl std::fmt::Display) -> Self {
        let reference = crate::context::request_id().unwrap_or_else(|| "none".into());
        tracing::error!(request_id = %reference, error = %cause, "internal error");
        Self::Internal(reference)
    }
}

impl FromServerFnError for AppError {
    type Encoder = JsonEncoding;

    fn from_server_fn_error(value: ServerFnErrorErr) -> Self {
        Self::Transport(value.to_string())
    }
}

#[cfg(feature = "ssr")]
impl From<crate::db::DbError> for AppError {
    fn from(err: crate::db::DbError) -> Self {
        Self::internal(err)
    }
}

#[cfg(feature = "ssr")]
impl From<diesel::result::Error> for AppError {
    fn from(err: diesel::result::Error) -> Self {
        match err {
            diesel::result::Error::NotFound => Self::NotFound,
            other => Self::internal(other),
        }
    }
}
