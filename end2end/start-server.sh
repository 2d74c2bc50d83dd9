#!/usr/bin/env bash
# Starts Trellis for the browser tests: a new SQLite database with the demo company.
set -euo pipefail
cd "$(dirname "$0")"
port="${TRELLIS_E2E_PORT:-3100}"
bin="${TRELLIS_BIN:-../target/debug/trellis}"
rm -rf .tmp && mkdir -p .tmp
export DATABASE_URL=".tmp/e2e.db"
export LEPTOS_SITE_ADDR="127.0.0.1:${port}"
export LEPTOS_SITE_ROOT="${LEPTOS_SITE_ROOT:-../target/site}"
export RUST_LOG="${RUST_LOG:-warn}"
exec "$bin" serve --demo
