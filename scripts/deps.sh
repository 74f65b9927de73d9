#!/usr/bin/env bash
# Installs the Debian packages docgen needs to build, run and test, skipping those present.
# Usage: scripts/deps.sh build|test
set -euo pipefail

# Boost: Beast and Asio, headers only, for `docgen serve`. jemalloc: docgen's
# memory allocator (docs/architecture.md, "Dependencies and why").
build_packages=(
  cmake g++ make pkg-config
  libpugixml-dev nlohmann-json3-dev hyphen-ru
  libdeflate-dev libharfbuzz-dev libvalijson-dev libboost-dev
  libxlsxwriter-dev libjemalloc-dev
)
# LibreOffice lays out the DOCX in Times New Roman's metric twin, Liberation Serif;
# its spreadsheet makes the workbooks the tests read. The page of `docgen serve` is
# tested in chromium, driven from Node.js by playwright-core (which the test installs
# with npm from its lock file). GNU parallel runs the sharded batch of docs/batch.md.
test_packages=(
  libgtest-dev libbenchmark-dev zlib1g-dev libzip-dev libqpdf-dev poppler-utils qpdf mupdf-tools python3-docx
  parallel
  clang libclang-rt-14-dev
  libreoffice-writer-nogui libreoffice-calc-nogui fonts-liberation chromium nodejs npm curl
)
# Packages whose command may come from elsewhere (Node.js from its own
# repository bundles npm): present when the command is.
declare -A command_of=([nodejs]=node [npm]=npm)

wanted=("${build_packages[@]}")
[ "${1:-build}" = test ] && wanted+=("${test_packages[@]}")

missing=()
for package in "${wanted[@]}"; do
  command=${command_of[$package]:-}
  [ -n "$command" ] && command -v "$command" >/dev/null && continue
  status=$(dpkg-query -W -f='${Status}' "$package" 2>/dev/null || true)
  [ "$status" = "install ok installed" ] || missing+=("$package")
done
[ ${#missing[@]} -eq 0 ] && exit 0

echo "Installing: ${missing[*]}"
sudo_cmd=()
[ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)
export DEBIAN_FRONTEND=noninteractive
# A new machine may have empty package lists.
"${sudo_cmd[@]}" apt-get update -qq
"${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
