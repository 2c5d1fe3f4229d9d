#!/usr/bin/env bash
# Installs what the end-to-end suite needs to run the extension in a real VS Code on a machine
# that reaches only the npm registry and Debian's packages (see test/e2e/run-code-server.mjs):
#   - Debian packages: chromium (the browser), libkrb5-dev (to build code-server's `kerberos`
#     native module), ripgrep (its binary stands in for the one @vscode/ripgrep would download),
#     fonts-noto-mono (a monospace font with Vietnamese glyphs, for the editor in screenshots);
#   - code-server@4.100.3 (= VS Code 1.100.3, the last line that accepts Node 20) into
#     .vscode-test/code-server/, which git ignores. It is deliberately not a dependency in
#     package.json.
# Idempotent: each step is skipped when its result is already there. Run as root (or with sudo
# available for apt-get). Usage: bash scripts/setup-e2e.sh
set -euo pipefail

CODE_SERVER_VERSION=4.100.3
RIPGREP_PKG_VERSION=1.15.11          # @vscode/ripgrep version bundled by code-server 4.100.3
RIPGREP_ASSET=ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
INSTALL_DIR="$ROOT/.vscode-test/code-server"
MARKER="$INSTALL_DIR/.installed-$CODE_SERVER_VERSION"
TMP_BASE="${TMPDIR:-/tmp}"
START=$(date +%s)

log() { printf '[setup-e2e] %s\n' "$*"; }
elapsed() { echo "$(( $(date +%s) - START ))s"; }

SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then SUDO="sudo"; else
    log "not root and no sudo: apt-get steps may fail"; fi
fi

# --- 1. Debian packages ------------------------------------------------------------------------
APT_PACKAGES=(chromium libkrb5-dev ripgrep fonts-noto-mono)
missing=()
for p in "${APT_PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
    missing+=("$p")
  fi
done
if [ ${#missing[@]} -eq 0 ]; then
  log "Debian packages already installed: ${APT_PACKAGES[*]}"
else
  log "installing Debian packages: ${missing[*]} (apt-get update first)"
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  log "Debian packages installed ($(elapsed))"
fi
[ -x /usr/bin/chromium ] || { log "ERROR: /usr/bin/chromium missing after install"; exit 1; }
command -v rg >/dev/null || { log "ERROR: rg missing after install"; exit 1; }

# --- 2. code-server ----------------------------------------------------------------------------
installed_version() {
  node -p "require('$INSTALL_DIR/node_modules/code-server/package.json').version" 2>/dev/null || true
}
if [ -f "$MARKER" ] && [ "$(installed_version)" = "$CODE_SERVER_VERSION" ] \
   && [ -x "$INSTALL_DIR/node_modules/.bin/code-server" ]; then
  log "code-server $CODE_SERVER_VERSION already installed in ${INSTALL_DIR#$ROOT/}"
else
  # @vscode/ripgrep's post-install would download rg from GitHub; it first looks for a cached
  # asset in $TMPDIR/vscode-ripgrep-cache-<version>/. Give it a tarball of Debian's rg.
  CACHE_DIR="$TMP_BASE/vscode-ripgrep-cache-$RIPGREP_PKG_VERSION"
  if [ ! -s "$CACHE_DIR/$RIPGREP_ASSET" ]; then
    log "preparing ripgrep cache tarball in $CACHE_DIR"
    mkdir -p "$CACHE_DIR"
    STAGE="$(mktemp -d "$TMP_BASE/rg-stage.XXXXXX")"
    cp "$(command -v rg)" "$STAGE/rg"
    tar -czf "$CACHE_DIR/$RIPGREP_ASSET.partial" -C "$STAGE" rg
    mv "$CACHE_DIR/$RIPGREP_ASSET.partial" "$CACHE_DIR/$RIPGREP_ASSET"
    rm -rf "$STAGE"
  fi

  log "installing code-server@$CODE_SERVER_VERSION into ${INSTALL_DIR#$ROOT/} (takes a minute or two)"
  rm -rf "$INSTALL_DIR"
  mkdir -p "$INSTALL_DIR"
  # A package.json of its own, so npm treats this folder as the project root and never touches
  # the extension's package.json or lock file.
  printf '{ "name": "e2e-code-server", "private": true }\n' > "$INSTALL_DIR/package.json"
  (
    cd "$INSTALL_DIR"
    export npm_config_unsafe_perm=true   # root: let code-server's post-install run
    export npm_config_yes=true           # node-pty's post-install runs `npx node-gyp`
    export TMPDIR="$TMP_BASE"
    npm install --no-audit --no-fund --no-save --no-package-lock --loglevel=error \
      "code-server@$CODE_SERVER_VERSION"
  )
  v="$(installed_version)"
  if [ "$v" != "$CODE_SERVER_VERSION" ]; then
    log "ERROR: code-server install failed (found version '${v:-none}')"; exit 1
  fi
  touch "$MARKER"
  log "code-server installed ($(elapsed))"
fi

log "code-server: $("$INSTALL_DIR/node_modules/.bin/code-server" --version 2>/dev/null | grep -m1 "with Code")"
log "chromium: $(/usr/bin/chromium --version 2>/dev/null || echo '?')"
log "done in $(elapsed)"
