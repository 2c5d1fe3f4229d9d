#!/usr/bin/env bash
# Installs the Debian packages the unit tests need, before `node --test out/` runs (npm test calls
# this first; the end-to-end suite's own packages stay in scripts/setup-e2e.sh):
#   - php-cli: real PHP, the oracle for the PHP-dump tests (test/php/gen.php prints print_r,
#     var_dump and var_export of generated values);
#   - php-xdebug: xdebug's var_dump forms (the CLI text form and the HTML form);
#   - attr: setfattr/getfattr, with which the write tests give a file extended attributes and
#     check that --fix keeps them (set and read independently of the addon that copies them).
# Idempotent: apt-get runs only when a package is missing, and then `apt-get update` first.
# Run as root, or with sudo available. Usage: bash scripts/setup-deps.sh
set -euo pipefail

log() { printf '[setup-deps] %s\n' "$*"; }

SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then SUDO="sudo"; else
    log "not root and no sudo: apt-get steps may fail"; fi
fi

APT_PACKAGES=(php-cli php-xdebug attr)
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
  log "Debian packages installed"
fi
command -v php >/dev/null || { log "ERROR: php missing after install"; exit 1; }
log "$(php -r 'echo "php ", PHP_VERSION;')"
if php -d zend_extension=xdebug.so -r 'exit(extension_loaded("xdebug") ? 0 : 1);' >/dev/null 2>&1; then
  log "xdebug $(php -d zend_extension=xdebug.so -r 'echo phpversion("xdebug");' 2>/dev/null)"
else
  log "ERROR: the xdebug extension does not load (php -d zend_extension=xdebug.so)"; exit 1
fi
