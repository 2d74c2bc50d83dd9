//! Pages are rendered to their end even when the browser stops listening.
//!
//! A browser that navigates away, or a load generator that ends its run, closes its connection
//! mid-render, and hyper then drops the response (or the handler's future). Leptos keeps each
//! page's reactive owner in that response, so dropping it disposes the page's resources at once;
//! but a `<Suspense>` has already spawned a task of its own that walks the page once more, and
//! that walk awaits a resource which is now gone: Leptos panics ("you tried to access a reactive
//! value ... but it has already been disposed"; leptos-rs/leptos#3595, open). The panic only
//! kills that task, yet a log with panics in it hides real ones, and the benchmark fails on any.
//!
//! So page renders run in a task of their own and an abandoned response body is read to its
//! end in the background, dropping what it reads: the owner then goes away only once the page
//! is complete, as it does for every answered request. The cost is finishing a render nobody
//! reads, bounded by [`ABANDONED_RENDER_LIMIT`].

use axum::body::{Body, Bytes};
use axum::extract::Request;
use axum::http::{Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use http_body::{Body as HttpBody, Frame, SizeHint};
use http_body_util::BodyExt;
use std::pin::Pin;
use std::task::{Context, Poll};
use std::time::Duration;
use tracing::Instrument;

/// An abandoned render still going after this is dropped anyway: a page renders in
/// milliseconds, so one that has not finished by then is stuck, not slow.
const ABANDONED_RENDER_LIMIT: Duration = Duration::from_secs(30);

pub async fn render_to_the_end(req: Request, next: Next) -> Response {
    if !renders_a_page(&req) {
        return next.run(req).await;
    }
    // Spawned, so that a dropped handler future (the client left before the first byte) does
    // not drop the render with it.
    match tokio::spawn(next.run(req).in_current_span()).await {
        Ok(res) => res.map(|body| Body::new(ReadToTheEnd { body: Some(body) })),
        // The handler panicked; the panic hook has logged it.
        Err(_) => StatusCode::INTERNAL_SERVER_ERROR.into_response(),
    }
}

/// Pages are what GET renders; the site's files under /pkg are streamed from disk and are
/// better dropped than read to the end.
fn renders_a_page(req: &Request) -> bool {
    (req.method() == Method::GET || req.method() == Method::HEAD)
        && !req.uri().path().starts_with("/pkg/")
}

/// A response body that, dropped before its end, is read to its end in the background.
struct ReadToTheEnd {
    /// `None` once the body has ended (or failed): nothing is left to read.
    body: Option<Body>,
}

impl HttpBody for ReadToTheEnd {
    type Data = Bytes;
    type Error = axum::Error;

    fn poll_frame(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<Bytes>, axum::Error>>> {
        let Some(body) = self.body.as_mut() else {
            return Poll::Ready(None);
        };
        let polled = Pin::new(body).poll_frame(cx);
        if matches!(polled, Poll::Ready(None) | Poll::Ready(Some(Err(_)))) {
            self.body = None;
        }
        polled
    }

    fn is_end_stream(&self) -> bool {
        self.body.as_ref().is_none_or(HttpBody::is_end_stream)
    }

    fn size_hint(&self) -> SizeHint {
        self.body.as_ref().map_or_else(|| SizeHint::with_exact(0), HttpBody::size_hint)
    }
}

impl Drop for ReadToTheEnd {
    fn drop(&mut self) {
        let Some(mut body) = self.body.take().filter(|b| !b.is_end_stream()) else {
            return;
        };
        // Outside a runtime (a test dropping a response by hand) there is nothing to spawn on.
        let Ok(runtime) = tokio::runtime::Handle::try_current() else {
            return;
        };
        runtime.spawn(tokio::time::timeout(ABANDONED_RENDER_LIMIT, async move {
            while let Some(Ok(_)) = body.frame().await {}
        }));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::routing::get;
    use axum::Router;
    use tokio::sync::{mpsc, oneshot};
    use tower::ServiceExt;

    fn page() -> Request {
        Request::get("/people").body(Body::empty()).expect("request")
    }

    /// A router whose page is `render`, run once (handlers must be cloneable; this one is
    /// only called once per test).
    fn rendered_by<F>(render: impl FnOnce() -> F + Send + 'static) -> Router
    where
        F: std::future::Future<Output = Response> + Send + 'static,
    {
        let once = std::sync::Arc::new(std::sync::Mutex::new(Some(render)));
        let handler = move || {
            let render = once.lock().unwrap().take().expect("one request");
            render()
        };
        Router::new()
            .route("/people", get(handler))
            .layer(axum::middleware::from_fn(render_to_the_end))
    }

    /// The client leaves before the first byte: the handler still runs to its end.
    #[tokio::test]
    async fn a_handler_whose_client_left_runs_to_its_end() {
        let (gate_tx, gate_rx) = oneshot::channel::<()>();
        let (done_tx, done_rx) = oneshot::channel::<()>();
        let router = rendered_by(move || async move {
            gate_rx.await.ok();
            done_tx.send(()).ok();
            "page".into_response()
        });
        let mut answer = Box::pin(router.oneshot(page()));
        // Start the request, then hang up before it answers.
        assert!(futures::poll!(answer.as_mut()).is_pending());
        drop(answer);
        gate_tx.send(()).expect("the handler is still waiting");
        // `done_tx` is dropped unsent if the handler was dropped with the request.
        done_rx.await.expect("the handler ran to its end");
    }

    /// The client leaves after the first chunk: the rest of the body is still read.
    #[tokio::test]
    async fn a_body_whose_client_left_is_read_to_its_end() {
        let (chunks_tx, chunks_rx) = mpsc::channel::<&'static str>(1);
        let (done_tx, done_rx) = oneshot::channel::<()>();
        let chunks =
            futures::stream::unfold((chunks_rx, Some(done_tx)), |(mut rx, mut done)| async move {
                match rx.recv().await {
                    Some(chunk) => Some((Ok::<_, std::io::Error>(chunk), (rx, done))),
                    None => {
                        done.take().map(|d| d.send(()));
                        None
                    }
                }
            });
        let router = rendered_by(move || async move { Body::from_stream(chunks).into_response() });
        chunks_tx.send("<html>").await.unwrap();
        let mut body = router.oneshot(page()).await.unwrap().into_body();
        let first = body.frame().await.unwrap().unwrap().into_data().unwrap();
        assert_eq!(first, "<html>");
        drop(body);
        chunks_tx.send("</html>").await.expect("the body is still being read");
        drop(chunks_tx);
        // `done_tx` is dropped unsent if the body was dropped before its end.
        done_rx.await.expect("the body was read to its end");
    }
}
