#!/usr/bin/env bash
# Installs what building and testing Trellis needs, reusing whatever is already installed at
# the right version. Sourced by ./run.sh and ./test.sh; safe to run again and again.
#   ensure_build_tools   wasm target, cargo-leptos, wasm-bindgen, wasm-opt (npm binaryen), libpq
#   ensure_test_tools    the above, plus rustfmt and clippy, Chromium for the browser tests
set -euo pipefail

TRELLIS_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
CARGO_LEPTOS_VERSION="0.3.10"   # 0.3.11 needs a newer rustc than 1.95
export PATH="$HOME/.cargo/bin:$TRELLIS_ROOT/end2end/node_modules/.bin:$PATH"

# Each step says how long the run has taken so far, so a slow phase shows in CI's log.
say() { printf '\033[1m==> [%dm%02ds] %s\033[0m\n' $((SECONDS / 60)) $((SECONDS % 60)) "$*" >&2; }

# The wasm-bindgen CLI must match the library version in Cargo.lock exactly.
wasm_bindgen_version() {
  awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' "$TRELLIS_ROOT/Cargo.lock"
}

# Prebuilt copies of the two slow-to-compile tools, when this machine has them (they are
# only a shortcut: without them the tools are built from crates.io).
shared_tool() {
  local candidate="$TRELLIS_ROOT/../shared/tools/bin/$1"
  [ -x "$candidate" ] && echo "$candidate"
}

as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else
    echo "error: '$*' needs root; run it yourself, then try again" >&2; return 1; fi
}

apt_install() {
  say "Installing $* (Debian packages)"
  as_root apt-get update -qq
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq "$@" >/dev/null
}

ensure_tool() { # name wanted-version install-command...
  local name="$1" want="$2"; shift 2
  if command -v "$name" >/dev/null && "$name" --version 2>/dev/null | grep -q " $want\$\| $want "; then return; fi
  local shared; shared="$(shared_tool "$name" || true)"
  if [ -n "$shared" ] && "$shared" --version 2>/dev/null | grep -q " $want"; then
    say "Using the prebuilt $name $want"
    mkdir -p "$HOME/.cargo/bin" && cp "$shared" "$HOME/.cargo/bin/$name"
    return
  fi
  say "Building $name $want from crates.io (this takes a while, once)"
  "$@"
}

# `cargo install` for build tools: they run for seconds per build, so they are compiled for
# compile time rather than speed. cargo-leptos' own manifest asks for fat LTO in one codegen
# unit, which alone takes most of 20 minutes on two cores; Cargo's profile settings from the
# environment override a manifest's.
install_tool() {
  CARGO_PROFILE_RELEASE_LTO=false CARGO_PROFILE_RELEASE_CODEGEN_UNITS=16 \
    CARGO_PROFILE_RELEASE_OPT_LEVEL=1 CARGO_PROFILE_RELEASE_DEBUG=false cargo install "$@"
}

ensure_build_tools() {
  command -v cargo >/dev/null || { echo "error: Rust is not installed: see https://rustup.rs" >&2; return 1; }
  command -v npm >/dev/null || { echo "error: Node.js and npm are needed (Debian: apt-get install nodejs npm)" >&2; return 1; }
  if ! rustup target list --installed | grep -q '^wasm32-unknown-unknown$'; then
    say "Adding the wasm32-unknown-unknown target"
    rustup target add wasm32-unknown-unknown
  fi
  ensure_tool cargo-leptos "$CARGO_LEPTOS_VERSION" install_tool cargo-leptos --version "$CARGO_LEPTOS_VERSION" --locked
  local wb; wb="$(wasm_bindgen_version)"
  # No --locked: one of its locked dependencies is no longer on crates.io.
  ensure_tool wasm-bindgen "$wb" install_tool wasm-bindgen-cli --version "$wb"
  # libpq for diesel's PostgreSQL backend.
  if ! ldconfig -p 2>/dev/null | grep -q 'libpq\.so '; then apt_install libpq-dev; fi
  # npm packages: Playwright, axe-core and binaryen's wasm-opt (for release builds).
  local stamp="$TRELLIS_ROOT/end2end/node_modules/.trellis-installed"
  if [ ! -f "$stamp" ] || [ "$TRELLIS_ROOT/end2end/package-lock.json" -nt "$stamp" ]; then
    say "Installing npm packages in end2end/"
    (cd "$TRELLIS_ROOT/end2end" && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund --loglevel=error)
    touch "$stamp"
  fi
}

ensure_test_tools() {
  ensure_build_tools
  # The format and lint gate.
  for component in rustfmt clippy; do
    if ! rustup component list --installed | grep -q "^$component"; then
      say "Adding the $component component"
      rustup component add "$component"
    fi
  done
  if [ -z "${CHROMIUM_PATH:-}" ]; then
    if ! command -v chromium >/dev/null; then apt_install chromium; fi
    export CHROMIUM_PATH="$(command -v chromium)"
  fi
  ensure_bench_tools
}

# The benchmark's load generator (wrk) and the PostgreSQL client that creates its databases.
ensure_bench_tools() {
  command -v wrk >/dev/null || apt_install wrk
  command -v psql >/dev/null || apt_install postgresql-client
}
