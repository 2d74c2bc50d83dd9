//! What someone typed survives a refused form post without JavaScript.
//!
//! Without JavaScript a form posts to its server function, which answers a refusal by sending
//! the browser back to the page with the error (`__err`). That page is rendered afresh, so
//! every field would be empty again: a manager's half-written assessment, a chosen Keep or
//! Revert. Here the refused post's fields are kept (in the database, for this person, read
//! once, for ten minutes: the page may be served by another instance) and the page the
//! browser is sent back to carries `__kept=<id>`; when it is rendered, the fields of the form
//! that was posted get their values back. With JavaScript the form never leaves the page and
//! the `KeepTyped` island keeps what was typed.

use crate::router::ServerState;
use app::kernel::{PersonId, Viewer};
use axum::body::{to_bytes, Body};
use axum::extract::{Request, State};
use axum::http::{header, HeaderValue, Method};
use axum::middleware::Next;
use axum::response::Response;
use lol_html::html_content::ContentType;
use lol_html::{element, rewrite_str, RewriteStrSettings};
use std::collections::HashMap;

/// The query parameter naming the kept fields.
pub const KEPT_PARAM: &str = "__kept";
/// The largest form kept (the server takes no larger body) and the largest page rewritten.
const MAX_FORM_BYTES: usize = 1024 * 1024;
const MAX_PAGE_BYTES: usize = 8 * 1024 * 1024;

pub async fn keep_refused_forms(
    State(state): State<ServerState>,
    req: Request,
    next: Next,
) -> Response {
    let person = req.extensions().get::<Viewer>().map(|v| v.person_id);
    let Some(person) = person else { return next.run(req).await };
    if is_plain_form_post(&req) {
        keep_if_refused(&state, person, req, next).await
    } else if req.method() == Method::GET {
        let kept = req
            .uri()
            .query()
            .and_then(|q| url::form_urlencoded::parse(q.as_bytes()).find(|(k, _)| k == KEPT_PARAM))
            .map(|(_, v)| v.into_owned());
        let res = next.run(req).await;
        match kept {
            Some(id) => restore_into(&state, person, &id, res).await,
            None => res,
        }
    } else {
        next.run(req).await
    }
}

/// A browser's own form post to a server function: it asks for HTML and sends a form.
fn is_plain_form_post(req: &Request) -> bool {
    let header_has = |name, text: &str| {
        req.headers().get(name).and_then(|v| v.to_str().ok()).is_some_and(|v| v.contains(text))
    };
    req.method() == Method::POST
        && req.uri().path().starts_with(crate::form_success::SERVER_FN_PREFIX)
        && header_has(header::ACCEPT, "text/html")
        && header_has(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
}

async fn keep_if_refused(
    state: &ServerState,
    person: PersonId,
    req: Request,
    next: Next,
) -> Response {
    let action = req.uri().path().to_string();
    let (parts, body) = req.into_parts();
    let Ok(bytes) = to_bytes(body, MAX_FORM_BYTES).await else {
        return Response::builder()
            .status(axum::http::StatusCode::PAYLOAD_TOO_LARGE)
            .body(Body::from("This form is larger than Trellis accepts."))
            .unwrap_or_default();
    };
    let fields: Vec<(String, String)> = url::form_urlencoded::parse(&bytes)
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect();
    let mut res = next.run(Request::from_parts(parts, Body::from(bytes))).await;
    let refused_location = res
        .headers()
        .get(header::LOCATION)
        .and_then(|v| v.to_str().ok())
        .filter(|location| res.status().is_redirection() && location.contains("__err="))
        .map(str::to_string);
    let Some(location) = refused_location else { return res };
    let id = app::auth::sessions::new_token();
    let stored = {
        let id = id.clone();
        let now = chrono::Utc::now().naive_utc();
        state
            .app
            .db
            .run(move |c| {
                app::kernel::kept_forms::keep(c, &id, person, &action, &fields, now)
                    .map_err(app::db::DbError::from)
            })
            .await
    };
    match stored {
        Ok(_) => {
            if let Some(marked) =
                with_kept(&location, &id).and_then(|l| HeaderValue::from_str(&l).ok())
            {
                res.headers_mut().insert(header::LOCATION, marked);
            }
        }
        // The refusal still reaches the person; only the typed values are not kept.
        Err(e) => tracing::error!(error = %e, "keeping a refused form failed"),
    }
    res
}

/// `location` with `__kept=<id>` in its query, relative or absolute as it was.
fn with_kept(location: &str, id: &str) -> Option<String> {
    crate::form_success::edit_location(location, |url| {
        url.query_pairs_mut().append_pair(KEPT_PARAM, id);
    })
}

/// Takes the kept fields (once, only the person's own, only while fresh) and puts them into
/// the page's form that was posted.
async fn restore_into(state: &ServerState, person: PersonId, id: &str, res: Response) -> Response {
    let is_html = res
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|t| t.starts_with("text/html"));
    if !is_html {
        return res;
    }
    let id = id.to_string();
    let now = chrono::Utc::now().naive_utc();
    let taken = state
        .app
        .db
        .run(move |c| {
            app::kernel::kept_forms::take(c, &id, person, now).map_err(app::db::DbError::from)
        })
        .await;
    let Ok(Some((action, fields))) = taken else { return res };
    let (mut parts, body) = res.into_parts();
    let Ok(bytes) = to_bytes(body, MAX_PAGE_BYTES).await else {
        return Response::from_parts(parts, Body::empty());
    };
    let page = String::from_utf8_lossy(&bytes);
    let body = match restore(&page, &action, &fields) {
        Ok(rewritten) => Body::from(rewritten),
        Err(e) => {
            tracing::error!(error = %e, "restoring a refused form failed");
            Body::from(bytes)
        }
    };
    parts.headers.remove(header::CONTENT_LENGTH);
    Response::from_parts(parts, body)
}

/// A CSS attribute value, quoted.
fn quoted(value: &str) -> String {
    format!("\"{}\"", value.replace('\\', "\\\\").replace('"', "\\\""))
}

/// `page` with the fields of the form posting to `action` set to `fields`: text inputs get
/// their value, text areas their text, the chosen radio button, boxes and options are
/// selected and the others not. Hidden inputs (versions, ids) keep what the page says now.
pub fn restore(
    page: &str,
    action: &str,
    fields: &[(String, String)],
) -> Result<String, lol_html::errors::RewritingError> {
    let form = format!("form[action={}]", quoted(action));
    let mut by_name: HashMap<String, Vec<String>> = HashMap::new();
    for (name, value) in fields {
        by_name.entry(name.clone()).or_default().push(value.clone());
    }
    // The handlers own what they read (the rewriter keeps them for the whole page).
    let values = std::rc::Rc::new(by_name);
    let (inputs, areas) = (values.clone(), values.clone());
    // The nth field of a name gets the nth value posted under it.
    let mut seen: HashMap<String, usize> = HashMap::new();
    let mut handlers = vec![
        element!(format!("{form} input[name]"), move |el| {
            let values = &inputs;
            let name = el.get_attribute("name").unwrap_or_default();
            let kind = el.get_attribute("type").unwrap_or_else(|| "text".into()).to_lowercase();
            let posted = values.get(&name);
            match kind.as_str() {
                "hidden" | "submit" | "button" | "reset" | "file" | "image" | "password" => {}
                "radio" | "checkbox" => {
                    let value = el.get_attribute("value").unwrap_or_else(|| "on".into());
                    if posted.is_some_and(|vs| vs.contains(&value)) {
                        el.set_attribute("checked", "")?;
                    } else {
                        el.remove_attribute("checked");
                    }
                }
                _ => {
                    let n = seen.entry(name.clone()).or_default();
                    if let Some(value) = posted.and_then(|vs| vs.get(*n)) {
                        el.set_attribute("value", value)?;
                    }
                    *n += 1;
                }
            }
            Ok(())
        }),
        element!(format!("{form} textarea[name]"), move |el| {
            let name = el.get_attribute("name").unwrap_or_default();
            if let Some(value) = areas.get(&name).and_then(|vs| vs.first()) {
                el.set_inner_content(value, ContentType::Text);
            }
            Ok(())
        }),
    ];
    // Options know their value, not their select's name: one handler per posted name.
    for (name, posted) in values.iter() {
        let posted = posted.clone();
        handlers.push(element!(
            format!("{form} select[name={}] option", quoted(name)),
            move |el| {
                let value = el.get_attribute("value").unwrap_or_default();
                if posted.contains(&value) {
                    el.set_attribute("selected", "")?;
                } else {
                    el.remove_attribute("selected");
                }
                Ok(())
            }
        ));
    }
    rewrite_str(
        page,
        RewriteStrSettings { element_content_handlers: handlers, ..RewriteStrSettings::new() },
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    const PAGE: &str = r#"<form action="/api/x"><input type="hidden" name="version" value="3">
<input name="title" value=""><input type="email" name="emails" value=""><input type="email" name="emails" value="">
<textarea name="notes">old</textarea>
<input type="radio" name="outcome" value="kept" checked><input type="radio" name="outcome" value="reverted">
<input type="checkbox" name="confirm" value="yes">
<select name="rating"><option value="" selected>Choose</option><option value="meets">Meets</option></select>
</form><form action="/api/other"><input name="title" value="untouched"></form>"#;

    fn fields(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
        pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect()
    }

    #[test]
    fn the_posted_form_gets_every_kind_of_field_back() {
        let posted = fields(&[
            ("version", "2"),
            ("title", "A <b>bold</b> \"title\""),
            ("emails", "a@x.example"),
            ("emails", "b@x.example"),
            ("notes", "Line one\n</textarea><script>"),
            ("outcome", "reverted"),
            ("confirm", "yes"),
            ("rating", "meets"),
        ]);
        let page = restore(PAGE, "/api/x", &posted).unwrap();
        assert!(
            page.contains(r#"name="version" value="3""#),
            "hidden fields keep the page's: {page}"
        );
        assert!(page.contains(r#"value="A <b>bold</b> &quot;title&quot;""#), "{page}");
        assert!(page.contains(r#"value="a@x.example""#) && page.contains(r#"value="b@x.example""#));
        assert!(page.contains("Line one\n&lt;/textarea&gt;&lt;script&gt;</textarea>"), "{page}");
        assert!(
            page.contains(r#"value="kept">"#) && page.contains(r#"value="reverted" checked"#),
            "{page}"
        );
        assert!(page.contains(r#"value="yes" checked"#));
        assert!(
            page.contains(r#"<option value="">Choose"#)
                && page.contains(r#"value="meets" selected"#)
        );
        assert!(page.contains(r#"value="untouched""#), "another form is left alone");
    }

    #[test]
    fn a_box_left_unticked_comes_back_unticked() {
        let page = restore(PAGE, "/api/x", &fields(&[("title", "x")])).unwrap();
        assert!(!page.contains("checked"), "{page}");
    }

    #[test]
    fn the_mark_keeps_a_relative_location_relative() {
        assert_eq!(
            with_kept("/people/5?__err=x#error-summary", "abc").as_deref(),
            Some("/people/5?__err=x&__kept=abc#error-summary")
        );
    }
}
