#!/usr/bin/env bash
# Installs the Debian packages and npm packages Yizhan needs. Idempotent: when everything is
# already present it only checks (a few seconds) and touches nothing.
set -euo pipefail
cd "$(dirname "$0")/.."

PACKAGES=(
  cmake ninja-build g++ clang-14 clang-format-14 pkg-config
  libboost1.81-dev libboost-json1.81-dev libboost-url1.81-dev
  libsqlite3-dev libpq-dev libpqxx-dev postgresql postgresql-15-postgis-3
  libqrencode-dev libpng-dev libjpeg-dev libcairo2-dev fonts-noto-cjk libxlsxwriter-dev libsodium-dev
  libcurl4-openssl-dev
  libfmt-dev libcli11-dev libgtest-dev libgmock-dev libbenchmark-dev
  coinor-libcbc-dev chromium poppler-utils zbar-tools libclang-rt-14-dev
  wrk sqlite3 unzip time
)
# This machine image ships Node.js with its own npm (the nodejs package); Debian's npm package
# conflicts with it, so it is only asked for where npm is absent.
command -v node >/dev/null || PACKAGES+=(nodejs)
command -v npm >/dev/null || PACKAGES+=(npm)

missing=()
for p in "${PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

if [ ${#missing[@]} -gt 0 ]; then
  SUDO=""
  [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  echo "install-deps: installing ${missing[*]}"
  $SUDO apt-get update -q
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q --no-install-recommends "${missing[@]}"
fi

# Front-end and browser-test packages from the npm registry, pinned by package-lock.json.
if [ -f web/package.json ]; then
  if [ ! -d web/node_modules ] || [ web/package-lock.json -nt web/node_modules ]; then
    (cd web && npm ci --no-audit --no-fund --loglevel=error)
  fi
fi
echo "install-deps: ok"
