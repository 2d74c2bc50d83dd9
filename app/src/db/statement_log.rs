//! Every SQL statement with how long it took, for finding which query makes a page slow:
//! `RUST_LOG=trellis::sql=debug`. Off by default, and then it costs nothing: connections are
//! only instrumented when the filter asks for it at start-up.

use diesel::connection::{Instrumentation, InstrumentationEvent};
use std::time::Instant;

/// The log target (`RUST_LOG=trellis::sql=debug`).
pub const TARGET: &str = "trellis::sql";

/// Instruments every connection opened from now on, if the log filter wants statements.
pub fn install_if_enabled() {
    if tracing::enabled!(target: TARGET, tracing::Level::DEBUG) {
        // Fails only if diesel's global lock is poisoned; the log is a diagnostic.
        let _ = diesel::connection::set_default_instrumentation(|| {
            Some(Box::new(StatementTimer { started: None }))
        });
    }
}

/// One connection's timer: a connection runs one statement at a time.
struct StatementTimer {
    started: Option<Instant>,
}

impl Instrumentation for StatementTimer {
    fn on_connection_event(&mut self, event: InstrumentationEvent<'_>) {
        match event {
            InstrumentationEvent::StartQuery { .. } => self.started = Some(Instant::now()),
            InstrumentationEvent::FinishQuery { query, error, .. } => {
                let micros = self.started.take().map_or(0, |t| t.elapsed().as_micros() as u64);
                tracing::debug!(target: TARGET, micros, failed = error.is_some(), "{query}");
            }
            _ => {}
        }
    }
}
