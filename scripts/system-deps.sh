#!/usr/bin/env bash
# Install the Debian packages the project needs, only where missing.
#   build: Pango for WeasyPrint, HarfBuzz subsetting (3x faster PDF fonts)
#   test:  the above, plus Chromium for browser tests and poppler-utils to read PDFs back
set -euo pipefail
profile="${1:-build}"
packages=(libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core)
if [ "$profile" = test ]; then
  packages+=(chromium poppler-utils)
fi
missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
[ ${#missing[@]} -eq 0 ] && exit 0
echo "Installing Debian packages: ${missing[*]}"
if [ "$(id -u)" -eq 0 ]; then sudo=""; elif command -v sudo >/dev/null; then sudo="sudo"; else
  echo "error: need root (or sudo) to install: ${missing[*]}" >&2; exit 1
fi
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -q
$sudo apt-get install -y -q --no-install-recommends "${missing[@]}"
