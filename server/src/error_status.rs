//! Honest statuses for server functions. Leptos answers every server-function error with 500,
//! but a refusal, a bad form or a conflict is not a fault, and monitoring must be able to alert
//! on 5xx. This reads the error a function answered (a small JSON `AppError`) and gives the
//! response the status it stands for (`AppError::status`): 400, 401, 403, 404, 409, and 500
//! only for real faults. A request whose arguments could not be decoded is a 400 whose message
//! does not echo the decoder's words (they describe Trellis's internals, not the form).

use crate::form_success::SERVER_FN_PREFIX;
use app::error::{AppError, FieldError};
use axum::body::Body;
use axum::extract::Request;
use axum::http::{header, HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

/// An error answer is a few hundred bytes; anything larger is not one of ours.
const ERROR_BODY_LIMIT: usize = 64 * 1024;

pub async fn set_error_status(req: Request, next: Next) -> Response {
    let is_server_fn = req.uri().path().starts_with(SERVER_FN_PREFIX);
    let res = next.run(req).await;
    if !is_server_fn || res.status() != StatusCode::INTERNAL_SERVER_ERROR {
        return res;
    }
    let (mut parts, body) = res.into_parts();
    let Ok(bytes) = axum::body::to_bytes(body, ERROR_BODY_LIMIT).await else {
        return StatusCode::INTERNAL_SERVER_ERROR.into_response();
    };
    let Ok(error) = serde_json::from_slice::<AppError>(&bytes) else {
        return Response::from_parts(parts, Body::from(bytes));
    };
    let error = match error {
        AppError::Transport(_) => AppError::Invalid(vec![FieldError::new(
            "request",
            "This request could not be read. Reload the page and try again.",
        )]),
        other => other,
    };
    parts.status = error.status();
    let body = serde_json::to_vec(&error).unwrap_or_default();
    parts.headers.insert(header::CONTENT_LENGTH, HeaderValue::from(body.len()));
    Response::from_parts(parts, Body::from(body))
}
