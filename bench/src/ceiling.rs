//! The ceiling for the benchmark: the cheapest possible axum answer on this machine, a
//! prebuilt HTML string of a given size. Trellis's throughput is reported as a share of it,
//! because on a shared 2-core machine ratios measured in one run hold where absolute
//! numbers do not.
//!
//!   trellis-ceiling ADDR BYTES

use axum::response::Html;
use axum::routing::get;
use axum::Router;

#[tokio::main]
async fn main() {
    let mut args = std::env::args().skip(1);
    let addr = args.next().unwrap_or_else(|| "127.0.0.1:3900".into());
    let bytes: usize = args.next().and_then(|b| b.parse().ok()).unwrap_or(12_000);
    let mut page = String::from("<!DOCTYPE html><html><head><title>ceiling</title></head><body>");
    while page.len() < bytes.saturating_sub(14) {
        page.push_str("<p>Trellis</p>");
    }
    page.push_str("</body></html>");
    let page: &'static str = Box::leak(page.into_boxed_str());
    let app = Router::new().fallback(get(move || async move { Html(page) }));
    let listener = tokio::net::TcpListener::bind(&addr).await.expect("bind");
    eprintln!("ceiling serving {} bytes on http://{addr}", page.len());
    axum::serve(listener, app).await.expect("serve");
}
