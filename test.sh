#!/usr/bin/env bash
# Runs every test: Rust unit tests, integration tests on SQLite and PostgreSQL, and the
# browser tests in Chromium. Installs any missing tool first. PostgreSQL must be reachable
# (default postgres://postgres@127.0.0.1:5432/postgres, or TRELLIS_TEST_POSTGRES_URL): the
# PostgreSQL tests fail, never skip, without it.
set -euo pipefail
cd "$(dirname "$0")"
source scripts/ensure-tools.sh
ensure_test_tools

say "Unit tests (app: domain rules, policy, formatting, demo generator)"
cargo test -p app --features ssr
say "Integration tests on SQLite and PostgreSQL (server)"
# One test at a time: with tests running in parallel, each on its own tokio runtime, a page
# render now and then waits forever for a wake-up that never comes (seen in about one run of
# six; never in a dozen serial runs). It points at state shared between runtimes in one
# process, which the server (one runtime) never has; serial runs cost about a minute.
cargo test -p server -- --test-threads=1

say "Building the site for the browser tests"
cargo leptos build
say "Browser tests in Chromium"
(cd end2end && TRELLIS_BIN=../target/debug/trellis npx playwright test)

# The benchmark harness in smoke mode, so it keeps working; its figures mean nothing.
say "Benchmark harness (smoke run)"
cargo build -p bench
node bench/run.mjs --smoke > /dev/null
