//! The route inventory: every server function must ask the policy before it touches data.
//! The compiler enforces most of it (the app state is private to `context`, so the database is
//! reached through `context::Authorized`); this test reads the source of every server function
//! and fails when one does not call `context::authorize` (and is not one of the few that are
//! public by design), checks that nothing outside `context` reaches the app state, checks
//! that it found every server function the app registers, and that each has a fixed URL.

use std::path::Path;

/// Server functions that need no policy decision, and why.
const PUBLIC_BY_DESIGN: &[(&str, &str)] = &[
    ("get_viewer", "returns the caller's own identity, or Unauthenticated"),
    ("get_sign_in_options", "the sign-in page: what anonymous visitors may see"),
];

fn rust_files(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// (name, body) of every `#[server]` function in the app crate.
fn server_functions() -> Vec<(String, String)> {
    let mut files = Vec::new();
    rust_files(&Path::new(env!("CARGO_MANIFEST_DIR")).join("../app/src"), &mut files);
    let mut found = Vec::new();
    for file in files {
        let text = std::fs::read_to_string(&file).unwrap();
        for (i, _) in text.match_indices("#[server") {
            let rest = &text[i..];
            // `#[server(default)]` marks an argument, not a function.
            if rest.starts_with("#[server(default)]") {
                continue;
            }
            let sig = rest.find("pub async fn ").expect("a server fn signature");
            let name: String = rest[sig + "pub async fn ".len()..]
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_')
                .collect();
            let end = rest.find("\n}\n").unwrap_or(rest.len());
            found.push((name, rest[sig..end].to_string()));
        }
    }
    found
}

#[test]
fn every_server_function_asks_the_policy() {
    let functions = server_functions();
    assert!(functions.len() >= 8, "found {} server functions", functions.len());
    let unchecked: Vec<&str> = functions
        .iter()
        .filter(|(name, body)| {
            !body.contains("context::authorize(")
                && !PUBLIC_BY_DESIGN.iter().any(|(n, _)| n == name)
        })
        .map(|(name, _)| name.as_str())
        .collect();
    assert!(unchecked.is_empty(), "server functions without a policy check: {unchecked:?}");
}

#[test]
fn only_the_context_module_reaches_the_database_handle() {
    let mut files = Vec::new();
    rust_files(&Path::new(env!("CARGO_MANIFEST_DIR")).join("../app/src"), &mut files);
    let offending: Vec<String> = files
        .iter()
        .filter(|f| !f.ends_with("context.rs"))
        .filter(|f| {
            let text = std::fs::read_to_string(f).unwrap();
            [
                "use_context::<AppState>",
                "use_context::<crate::context::AppState>",
                ".db.run(",
                ".db.transaction(",
            ]
            .iter()
            .any(|needle| text.contains(needle))
        })
        .map(|f| f.display().to_string())
        .collect();
    assert!(offending.is_empty(), "reach the database through context::Authorized: {offending:?}");
}

#[test]
fn the_inventory_sees_every_registered_server_function() {
    // Linking the app registers its server functions; the scan must have found them all.
    let _ = app::App;
    let registered = leptos::server_fn::axum::server_fn_paths().count();
    assert_eq!(server_functions().len(), registered, "the source scan and the registry disagree");
}

#[test]
fn every_server_function_has_a_fixed_url() {
    // Without `endpoint = "<area>/<name>"` a server function's URL carries a hash of its
    // module path: moving the code would change it, and during a rolling deploy a form from
    // one instance would miss on the next.
    // The default is one segment, the name and the hash (`/api/get_packet1234…`).
    let _ = app::App;
    let unfixed: Vec<String> = leptos::server_fn::axum::server_fn_paths()
        .map(|(path, _)| path.to_string())
        .filter(|path| path.trim_start_matches("/api/").split('/').count() != 2)
        .collect();
    assert!(unfixed.is_empty(), "server functions without a fixed endpoint: {unfixed:?}");
}
