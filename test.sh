#!/usr/bin/env bash
# Runs every test: Rust unit tests, integration tests on SQLite and PostgreSQL, and the
# browser tests in Chromium. Installs any missing tool first. PostgreSQL must be reachable
# (default postgres://postgres@127.0.0.1:5432/postgres, or TRELLIS_TEST_POSTGRES_URL): the
# PostgreSQL tests fail, never skip, without it.
set -euo pipefail
cd "$(dirname "$0")"
source scripts/ensure-tools.sh
ensure_test_tools

# Debug builds compile Leptos with `--cfg erase_components`, exactly as `cargo leptos build`
# does, so the lints, the tests and the site share one set of compiled dependencies instead
# of building them twice. cargo-leptos adds the flag itself (it would double an inherited
# one), hence `env -u RUSTFLAGS` below.
export RUSTFLAGS="--cfg erase_components"

say "Format and lints (rustfmt; clippy on the server build and the browser build)"
cargo fmt --all --check
cargo clippy -p app --features ssr --all-targets -- -D warnings
cargo clippy -p server -p bench --all-targets -- -D warnings
cargo clippy -p frontend --target wasm32-unknown-unknown -- -D warnings

say "Unit tests (app: domain rules, policy, formatting, demo generator)"
cargo test -p app --features ssr
say "Integration tests on SQLite and PostgreSQL (server)"
cargo test -p server

say "Building the site for the browser tests"
env -u RUSTFLAGS cargo leptos build
say "Browser tests in Chromium"
(cd end2end && TRELLIS_BIN=../target/debug/trellis npx playwright test)

# The benchmark harness in smoke mode, so it keeps working; its figures mean nothing.
say "Benchmark harness (smoke run)"
cargo build -p bench
node bench/run.mjs --smoke > /dev/null
