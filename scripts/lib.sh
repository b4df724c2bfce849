# Shared by scripts/setup, scripts/serve, scripts/test and scripts/figures. Source it; do not run it.
#
# It sets the environment every build and test step relies on (PATH with cargo's and npm's
# binaries, the pinned tool versions, Trunk's and wasm-bindgen-test's settings) and defines
# `setup_all`, which installs whatever is missing. Each install step is skipped when its tool
# is already present at the right version, so a second run takes a second or two.

VPCPLAY_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export VPCPLAY_ROOT

# Pinned versions. wasm-bindgen-cli must equal the wasm-bindgen crate in Cargo.lock; we read it
# from there so that a dependency bump cannot silently leave the CLI behind.
TRUNK_VERSION="0.21.14"
WASM_BINDGEN_DEFAULT="0.2.130"
WASM_TARGET="wasm32-unknown-unknown"

export CARGO_HOME="${CARGO_HOME:-$HOME/.cargo}"
export PATH="$VPCPLAY_ROOT/node_modules/.bin:$CARGO_HOME/bin:$PATH"
# Trunk must never reach out to the network: no version check, and tools come from PATH.
export TRUNK_SKIP_VERSION_CHECK=true
# wasm-bindgen-test-runner drives this chromedriver (headless by default).
export CHROMEDRIVER="${CHROMEDRIVER:-/usr/bin/chromedriver}"
# Used by the e2e suite and the figures script.
export VPCPLAY_CHROMIUM="${VPCPLAY_CHROMIUM:-/usr/bin/chromium}"

log() { printf '%s\n' "$*"; }
die() { printf 'error: %s\n' "$*" >&2; exit 1; }

# One line per setup step: "setup: <what> ... present (<detail>)" or "... installing".
step() { printf 'setup: %-36s %s\n' "$1" "$2"; }

wasm_bindgen_version() {
    local lock="$VPCPLAY_ROOT/Cargo.lock" v=""
    if [[ -f "$lock" ]]; then
        v="$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' "$lock")"
    fi
    printf '%s' "${v:-$WASM_BINDGEN_DEFAULT}"
}

# Runs a command as root: directly when we are root (CI), through sudo otherwise.
as_root() {
    if [[ "$(id -u)" -eq 0 ]]; then "$@"; else sudo "$@"; fi
}

setup_wasm_target() {
    command -v rustup >/dev/null || die "rustup not found: install Rust with rustup first"
    if rustup target list --installed | grep -qx "$WASM_TARGET"; then
        step "rust target $WASM_TARGET" "present"
    else
        step "rust target $WASM_TARGET" "installing"
        rustup target add "$WASM_TARGET"
    fi
}

setup_trunk() {
    local have=""
    have="$(trunk --version 2>/dev/null || true)"
    if [[ "$have" == "trunk $TRUNK_VERSION" ]]; then
        step "trunk" "present ($TRUNK_VERSION)"
    else
        step "trunk" "installing $TRUNK_VERSION (found: ${have:-none}; takes ~5 min)"
        cargo install trunk --version "$TRUNK_VERSION" --locked
    fi
}

setup_wasm_bindgen() {
    local want have_cli have_runner
    want="$(wasm_bindgen_version)"
    have_cli="$(wasm-bindgen --version 2>/dev/null || true)"
    have_runner="$(wasm-bindgen-test-runner --version 2>/dev/null || true)"
    if [[ "$have_cli" == "wasm-bindgen $want" && "$have_runner" == *" $want"* ]]; then
        step "wasm-bindgen-cli" "present ($want)"
    else
        step "wasm-bindgen-cli" "installing $want (found: ${have_cli:-none}; takes ~2 min)"
        # Not --locked: the 0.2.130 lockfile pins crates that no longer build on current rustc.
        cargo install wasm-bindgen-cli --version "$want" --force
    fi
}

setup_chromium() {
    if [[ -x "$VPCPLAY_CHROMIUM" && -x "$CHROMEDRIVER" ]]; then
        step "chromium + chromedriver" "present ($("$CHROMEDRIVER" --version 2>/dev/null | awk '{print $2}'))"
    else
        step "chromium + chromedriver" "installing from Debian's packages"
        as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq
        as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver >/dev/null
        [[ -x "$VPCPLAY_CHROMIUM" && -x "$CHROMEDRIVER" ]] \
            || die "chromium or chromedriver still missing after apt-get install"
    fi
}

# `npm ci` in a folder unless its node_modules was installed from the same lockfile.
# The stamp holds the lockfile's hash, so an edited lockfile reinstalls.
npm_ci_in() {
    local dir="$1" label="$2" stamp hash
    command -v npm >/dev/null || die "npm not found: install Node.js 20 and npm"
    [[ -f "$dir/package-lock.json" ]] || die "$dir/package-lock.json missing"
    stamp="$dir/node_modules/.vpcplay-lock.sha256"
    hash="$(sha256sum "$dir/package-lock.json" | cut -d' ' -f1)"
    if [[ -f "$stamp" && "$(cat "$stamp")" == "$hash" ]]; then
        step "$label" "present"
    else
        step "$label" "npm ci"
        (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error >/dev/null)
        printf '%s\n' "$hash" >"$stamp"
    fi
}

# Downloads every crate in Cargo.lock, for every target, so that later builds (Trunk's
# included, which may run cargo with --offline) never need the network.
setup_crates() {
    step "crates" "cargo fetch --locked"
    (cd "$VPCPLAY_ROOT" && cargo fetch --locked --quiet)
}

setup_all() {
    setup_wasm_target
    setup_trunk
    setup_wasm_bindgen
    setup_chromium
    npm_ci_in "$VPCPLAY_ROOT" "npm: binaryen (wasm-opt)"
    npm_ci_in "$VPCPLAY_ROOT/e2e" "npm: e2e (playwright-core, axe-core)"
    setup_crates
    local opt
    opt="$(wasm-opt --version 2>/dev/null || true)"
    [[ "$opt" == "wasm-opt version "* ]] || die "wasm-opt not runnable from node_modules/.bin (got: ${opt:-nothing})"
}
