#!/usr/bin/env bash
# One-step set-up for a fresh Debian machine: installs the packages schemac
# builds and tests with (only those missing), configures and builds into
# build/. Safe to run again: nothing is reinstalled and the build is
# incremental.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
build=${SCHEMAC_BUILD_DIR:-$root/build}

packages=(cmake g++ make default-jre-headless antlr4 libantlr4-runtime-dev
          llvm-14-dev llvm-14-tools libfmt-dev libpqxx-dev libgtest-dev
          postgresql-15 python3 clang-14)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' \
    || missing+=("$p")
done

if ((${#missing[@]})); then
  echo "setup: installing ${missing[*]}" >&2
  sudo=""
  [ "$(id -u)" -ne 0 ] && sudo=sudo
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get update -qq
  $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
fi

if [ ! -f "$build/CMakeCache.txt" ]; then
  cmake -S "$root" -B "$build" -DCMAKE_BUILD_TYPE="${SCHEMAC_BUILD_TYPE:-Release}" >&2
fi
cmake --build "$build" -j"$(nproc)" >&2
