#!/usr/bin/env bash
# Starts Trellis for the browser tests: a new SQLite database with the demo company.
# With TRELLIS_E2E_OIDC_ISSUER set, company SSO is configured against that provider (which
# turns demo sign-in off); the script waits until the provider answers discovery.
set -euo pipefail
cd "$(dirname "$0")"
port="${TRELLIS_E2E_PORT:-3100}"
bin="${TRELLIS_BIN:-../target/debug/trellis}"
dir=".tmp/$port"
rm -rf "$dir" && mkdir -p "$dir"
export DATABASE_URL="$dir/e2e.db"
export LEPTOS_SITE_ADDR="127.0.0.1:${port}"
export LEPTOS_SITE_ROOT="${LEPTOS_SITE_ROOT:-../target/site}"
export RUST_LOG="${RUST_LOG:-warn}"
# The suite signs in far faster than people do, from one address: sign-in limits are for
# people, so the test server raises them (the integration tests hold the limits themselves).
export TRELLIS_SIGN_IN_LIMIT=100000
export TRELLIS_SIGN_IN_FAILURES=10000
if [ -n "${TRELLIS_E2E_OIDC_ISSUER:-}" ]; then
  export TRELLIS_OIDC_ISSUER="$TRELLIS_E2E_OIDC_ISSUER"
  export TRELLIS_OIDC_CLIENT_ID="trellis-e2e"
  export TRELLIS_OIDC_CLIENT_SECRET="trellis-e2e-secret"
  for _ in $(seq 1 60); do
    node -e "fetch(process.argv[1]).then(r => process.exit(r.ok ? 0 : 1), () => process.exit(1))" \
      "$TRELLIS_OIDC_ISSUER/.well-known/openid-configuration" && break
    sleep 0.5
  done
fi
exec "$bin" serve --demo
