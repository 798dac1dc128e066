#!/usr/bin/env bash
# The whole test suite (lit + unit tests, as the README's test command runs
# it) on an AddressSanitizer + UndefinedBehaviorSanitizer build of schemac,
# in build-asan/ (or $SCHEMAC_ASAN_BUILD_DIR). Any sanitizer report makes
# the process that hit it fail, and so its test. Run after utils/setup.sh
# (which installs the dependencies).
#
# Leak detection is off here: the driver keeps its compiled schemas until
# exit on purpose (freeing them is wasted time); leaks in the library code
# are the fuzzers' to find (utils/fuzz.sh, with LeakSanitizer on).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${SCHEMAC_ASAN_BUILD_DIR:-$root/build-asan}
flags="-fsanitize=address,undefined -fno-sanitize-recover=undefined -fno-omit-frame-pointer"

start=$(date +%s)
if [ ! -f "$build/CMakeCache.txt" ]; then
  cmake -S "$root" -B "$build" -DCMAKE_BUILD_TYPE=Debug \
    -DCMAKE_CXX_FLAGS_DEBUG="-O1 -g1" \
    -DCMAKE_CXX_FLAGS="$flags" \
    -DCMAKE_EXE_LINKER_FLAGS="-fsanitize=address,undefined" >&2
fi
cmake --build "$build" -j"$(nproc)" >&2
built=$(date +%s)
echo "sanitize: build took $((built - start)) s" >&2

export ASAN_OPTIONS=detect_leaks=0:abort_on_error=0:halt_on_error=1
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
status=0
ctest --test-dir "$build" -j"$(nproc)" --output-on-failure || status=$?
echo "sanitize: tests took $(( $(date +%s) - built )) s" >&2
exit $status
