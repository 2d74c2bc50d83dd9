#!/usr/bin/env bash
# Builds Trellis (release) and serves it on http://127.0.0.1:3000 with the demo company in
# an embedded SQLite database (data/trellis.db). Installs any missing build tool first.
set -euo pipefail
cd "$(dirname "$0")"
source scripts/ensure-tools.sh
ensure_build_tools
say "Building Trellis (release)"
cargo leptos build --release
node scripts/precompress.mjs target/site/pkg
export DATABASE_URL="${DATABASE_URL:-data/trellis.db}"
export LEPTOS_SITE_ROOT="${LEPTOS_SITE_ROOT:-target/site}"
export LEPTOS_SITE_ADDR="${LEPTOS_SITE_ADDR:-127.0.0.1:3000}"
say "Serving on http://$LEPTOS_SITE_ADDR (Ctrl-C stops)"
exec target/release/trellis serve --demo "$@"
