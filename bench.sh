#!/usr/bin/env bash
# The benchmark: release build, then bench/run.mjs for SQLite and PostgreSQL at 500, 5,000
# and 50,000 people (about 12 minutes). Options pass through, e.g. --sizes 500,5000 or
# --dbs sqlite --duration 5. Writes bench/results/latest.json and prints the tables that
# docs/performance.md records.
set -euo pipefail
cd "$(dirname "$0")"
source scripts/ensure-tools.sh
ensure_test_tools
ensure_bench_tools
say "Building Trellis and the ceiling server (release)"
cargo leptos build --release
node scripts/precompress.mjs target/site/pkg
cargo build --release -p bench
say "Benchmarking"
node bench/run.mjs "$@"
