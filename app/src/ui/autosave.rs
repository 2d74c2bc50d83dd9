//! Drafts saved on the server as people type: a pause in typing saves, one save at a time,
//! each against the version it started from, so a stale tab or second device gets a conflict
//! instead of overwriting newer work. The status line says what happened in plain words.

use crate::error::AppError;
use chrono::NaiveDateTime;
use leptos::prelude::*;
use std::time::Duration;

/// How long a pause in typing triggers a save.
const PAUSE: Duration = Duration::from_millis(800);

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SaveOutcome {
    /// Everything typed is on the server (saved at, if ever).
    Clean(Option<NaiveDateTime>),
    Dirty,
    Saving,
    /// Someone saved a newer version elsewhere: nothing more is saved from this page.
    Conflict(String),
    Failed(String),
}

#[derive(Clone, Copy)]
pub struct Autosave {
    /// The version of the draft this page last saw: sent with every save and submit.
    pub version: RwSignal<i32>,
    pub outcome: RwSignal<SaveOutcome>,
    edits: RwSignal<u32>,
    sent: StoredValue<u32>,
    timer: StoredValue<Option<TimeoutHandle>>,
}

impl Autosave {
    pub fn new(version: i32, saved_at: Option<NaiveDateTime>) -> Self {
        Self {
            version: RwSignal::new(version),
            outcome: RwSignal::new(SaveOutcome::Clean(saved_at)),
            edits: RwSignal::new(0),
            sent: StoredValue::new(0),
            timer: StoredValue::new(None),
        }
    }

    /// Call on every edit: `save(version)` runs after a pause in typing.
    pub fn touch(self, save: impl Fn(i32) + Copy + 'static) {
        if matches!(self.outcome.get_untracked(), SaveOutcome::Conflict(_)) {
            return;
        }
        self.edits.update(|e| *e += 1);
        if self.outcome.get_untracked() != SaveOutcome::Saving {
            self.outcome.set(SaveOutcome::Dirty);
        }
        self.schedule(save);
    }

    fn schedule(self, save: impl Fn(i32) + Copy + 'static) {
        if let Some(handle) = self.timer.get_value() {
            handle.clear();
        }
        let handle = set_timeout_with_handle(move || self.flush(save), PAUSE).ok();
        self.timer.set_value(handle);
    }

    fn flush(self, save: impl Fn(i32) + Copy + 'static) {
        match self.outcome.get_untracked() {
            // One save at a time: the next starts from the version this one returns.
            SaveOutcome::Saving => self.schedule(save),
            SaveOutcome::Conflict(_) => {}
            _ => {
                self.sent.set_value(self.edits.get_untracked());
                self.outcome.set(SaveOutcome::Saving);
                save(self.version.get_untracked());
            }
        }
    }

    /// Call with each answer of the save action.
    pub fn settle(self, result: Result<(i32, NaiveDateTime), AppError>) {
        match result {
            Ok((version, at)) => {
                self.version.set(version);
                let caught_up = self.edits.get_untracked() == self.sent.get_value();
                self.outcome.set(if caught_up {
                    SaveOutcome::Clean(Some(at))
                } else {
                    SaveOutcome::Dirty
                });
            }
            Err(AppError::Conflict(message)) => self.outcome.set(SaveOutcome::Conflict(message)),
            // Field errors are shown on the fields by the form; the draft stays unsaved.
            Err(AppError::Invalid(_)) => self.outcome.set(SaveOutcome::Failed(
                "Some answers need a change before they can be saved.".into(),
            )),
            Err(other) => self.outcome.set(SaveOutcome::Failed(other.to_string())),
        }
    }

    /// Whether everything typed is saved (a submit sends the saved draft).
    pub fn is_clean(self) -> bool {
        matches!(self.outcome.get(), SaveOutcome::Clean(_))
    }
}

/// The line under a draft form: "Draft saved at 14:02", "Saving…", or the conflict with a
/// way to load the newer draft.
#[component]
pub fn SaveStatus(autosave: Autosave) -> impl IntoView {
    move || {
        match autosave.outcome.get() {
        SaveOutcome::Clean(Some(at)) => view! { <p class="save-status" role="status">{format!("Draft saved at {} UTC on {}", at.format("%H:%M"), at.format("%-d %b"))}</p> }.into_any(),
        SaveOutcome::Clean(None) => view! { <p class="save-status" role="status">"Your draft is saved on the server as you type."</p> }.into_any(),
        SaveOutcome::Dirty => view! { <p class="save-status" role="status">"Unsaved changes"</p> }.into_any(),
        SaveOutcome::Saving => view! { <p class="save-status" role="status">"Saving…"</p> }.into_any(),
        SaveOutcome::Failed(message) => view! { <p class="save-status save-status--error" role="alert">{format!("Not saved: {message}")}</p> }.into_any(),
        SaveOutcome::Conflict(message) => view! {
            <div class="notice notice--warn" role="alert">
                <p><strong>"A newer version of this draft exists."</strong></p>
                <p>{message}</p>
                <p><a href="" class="btn btn--secondary" rel="external">"Load the latest draft"</a></p>
            </div>
        }
        .into_any(),
    }
    }
}
