#!/usr/bin/env bash
# Runs every test: Rust unit tests, integration tests on SQLite and PostgreSQL, and the
# browser tests in Chromium. Installs any missing tool first. PostgreSQL must be reachable
# (default postgres://postgres@127.0.0.1:5432/postgres, or TRELLIS_TEST_POSTGRES_URL): the
# PostgreSQL tests fail, never skip, without it.
set -euo pipefail
cd "$(dirname "$0")"
source scripts/ensure-tools.sh
ensure_test_tools

# Every host crate in one selection, with the server's features and the tests' dependencies:
# cargo resolves features per command, so separate commands for app, server and bench each
# compiled the whole dependency tree again (CI spent 15 of its 66 minutes linting and 20
# rebuilding for the browser tests). With one selection the tree is checked once for the
# lints and built once for the tests, the browser tests' server and the benchmark helper.
HOST=(-p app -p server -p bench --features app/ssr)
# cargo-leptos compiles debug builds with `--cfg erase_components` (type-erased views: a debug
# wasm a browser loads quickly), which changes the hydration markers the server writes. The
# same flag here makes the server that `cargo test` builds the one the browser tests run beside
# that bundle, so the tree is not compiled a second time for them.
export RUSTFLAGS="--cfg erase_components"

say "Format and lints (rustfmt; clippy on the server build and the browser build)"
cargo fmt --all --check
cargo clippy "${HOST[@]}" --all-targets -- -D warnings
cargo clippy -p frontend --target wasm32-unknown-unknown -- -D warnings

say "Building the server, the tests and the benchmark helper"
cargo build "${HOST[@]}" --all-targets
say "Unit tests (app: domain rules, policy, formatting, demo generator) and integration tests on SQLite and PostgreSQL (server)"
cargo test "${HOST[@]}"

# The server built above serves the browser tests; cargo-leptos adds the browser bundle.
say "Building the browser bundle for the browser tests"
cargo leptos build --frontend-only
say "Browser tests in Chromium"
(cd end2end && TRELLIS_BIN=../target/debug/trellis npx playwright test)

# The benchmark harness in smoke mode, so it keeps working; its figures mean nothing.
say "Benchmark harness (smoke run)"
node bench/run.mjs --smoke > /dev/null
