//! Success after a plain form post. Without JavaScript a form posts to its server function,
//! which answers with a redirect back to the page; Leptos writes a failure into that URL
//! (`__err`, shown as field errors) but not a success, so the page could not say "Manager
//! changed." This marks the success the same way (`__done=<the function's path>`), and
//! `app::ui::succeeded` reads it. A failure goes back to the form's error summary
//! (`#error-summary`): the reloaded page opens where the person was looking, at what to fix.

use app::ui::{DONE_PARAM, ERROR_SUMMARY_ID};
use axum::extract::Request;
use axum::http::{header, HeaderValue, Method};
use axum::middleware::Next;
use axum::response::Response;

/// Server functions are served under this prefix (`#[server(endpoint = "<area>/<name>")]`).
pub(crate) const SERVER_FN_PREFIX: &str = "/api/";

pub async fn mark_form_success(req: Request, next: Next) -> Response {
    // Only a browser's own form post asks for HTML; the app's fetch calls do not.
    let accepts_html = req
        .headers()
        .get(header::ACCEPT)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|accept| accept.contains("text/html"));
    let path = req.uri().path().to_owned();
    let is_form_post =
        req.method() == Method::POST && path.starts_with(SERVER_FN_PREFIX) && accepts_html;
    let mut res = next.run(req).await;
    if !is_form_post || !res.status().is_redirection() {
        return res;
    }
    let marked = res
        .headers()
        .get(header::LOCATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|location| marked_location(location, &path))
        .and_then(|location| HeaderValue::from_str(&location).ok());
    if let Some(location) = marked {
        res.headers_mut().insert(header::LOCATION, location);
    }
    res
}

/// `location` with `__done=<function path>` in its query, or, when it reports an error, with
/// the error summary as its fragment. Keeps the location absolute or relative as it was; any
/// earlier success mark is replaced.
fn marked_location(location: &str, function_path: &str) -> Option<String> {
    edit_location(location, |url| {
        if url.query_pairs().any(|(key, _)| key == "__err") {
            url.set_fragment(Some(ERROR_SUMMARY_ID));
        } else {
            let kept: Vec<(String, String)> = url
                .query_pairs()
                .filter(|(key, _)| key != DONE_PARAM)
                .map(|(k, v)| (k.into_owned(), v.into_owned()))
                .collect();
            url.query_pairs_mut().clear().extend_pairs(kept).append_pair(DONE_PARAM, function_path);
        }
    })
}

/// A redirect's `location` changed by `edit`, relative or absolute as it was.
pub(crate) fn edit_location(location: &str, edit: impl FnOnce(&mut url::Url)) -> Option<String> {
    const BASE: &str = "http://relative.invalid";
    let relative = !location.contains("://");
    let mut url = if relative {
        url::Url::parse(BASE).ok()?.join(location).ok()?
    } else {
        url::Url::parse(location).ok()?
    };
    edit(&mut url);
    Some(if relative { url.as_str().trim_start_matches(BASE).to_string() } else { url.into() })
}

#[cfg(test)]
mod tests {
    use super::marked_location;

    #[test]
    fn a_redirect_back_to_the_page_is_marked_with_the_function() {
        assert_eq!(
            marked_location("http://127.0.0.1:3000/people/5", "/api/org/change_manager").as_deref(),
            Some("http://127.0.0.1:3000/people/5?__done=%2Fapi%2Forg%2Fchange_manager")
        );
    }

    #[test]
    fn a_relative_redirect_stays_relative_and_keeps_its_query() {
        assert_eq!(
            marked_location("/people?q=tom&__done=old", "/api/x").as_deref(),
            Some("/people?q=tom&__done=%2Fapi%2Fx")
        );
    }

    #[test]
    fn a_failure_goes_back_to_the_error_summary_unmarked() {
        assert_eq!(
            marked_location("/people/5?__path=/api/x&__err=abc", "/api/x").as_deref(),
            Some("/people/5?__path=/api/x&__err=abc#error-summary")
        );
    }
}
