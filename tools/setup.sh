#!/usr/bin/env bash
# Installs everything the tests need on a fresh Debian machine with Node.js 20:
# pnpm, the lockfile's packages, and the Debian packages some tests drive for real
# (apache2 as an independent Digest server, curl as an independent Digest client,
# chromium for the browser example's tests, driven by playwright-core).
set -euo pipefail
cd "$(dirname "$0")/.."

PNPM_VERSION=12.4.2
if [ "$(pnpm --version 2>/dev/null)" != "$PNPM_VERSION" ]; then
  # Corepack cannot verify signatures against this registry; npm can install pnpm.
  npm install --global "pnpm@$PNPM_VERSION"
fi

missing=()
[ -x /usr/sbin/apache2 ] || missing+=(apache2)
command -v curl >/dev/null || missing+=(curl)
[ -x /usr/bin/chromium ] || missing+=(chromium)
if [ "${#missing[@]}" -gt 0 ]; then
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  echo "Installing Debian packages: ${missing[*]}"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

pnpm install --frozen-lockfile
