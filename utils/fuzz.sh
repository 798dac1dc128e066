#!/usr/bin/env bash
# Runs schemac's libFuzzer targets (test/fuzz, docs/reliability.md § Fuzzing).
#
#   utils/fuzz.sh SECONDS [TARGET...]
#
# Configures and builds build-fuzz/ when needed (clang++-14, SCHEMAC_FUZZ=ON,
# RelWithDebInfo), seeds build-fuzz/corpus/<target>/ from the lit tests
# (utils/fuzz_seed.py), then runs each target (all of FrontendFuzzer,
# DiffFuzzer and AlembicFuzzer by default) for SECONDS on that corpus and on
# the committed regression inputs of test/fuzz/regressions/<target>/. New
# inputs that reach new code are kept in build-fuzz/corpus; crashes, leaks
# and timeouts are written to build-fuzz/artifacts/<target>/, each run's
# output to build-fuzz/logs/<target>.log.
#
# Prints, per target, the executions, the coverage (libFuzzer's cov: and
# ft:) and the file of any finding, and exits 1 if any target found one.
# Environment: SCHEMAC_FUZZ_DIR (default build-fuzz), SCHEMAC_FUZZ_JOBS
# (build parallelism, default nproc), SCHEMAC_FUZZ_FLAGS (more libFuzzer
# flags, e.g. -seed=1).
set -euo pipefail

usage() {
  echo "usage: $0 SECONDS [FrontendFuzzer|DiffFuzzer|AlembicFuzzer...]" >&2
  exit 2
}

root=$(cd "$(dirname "$0")/.." && pwd)
dir=${SCHEMAC_FUZZ_DIR:-$root/build-fuzz}
all_targets=(FrontendFuzzer DiffFuzzer AlembicFuzzer)

(($# >= 1)) || usage
seconds=$1
shift
[[ $seconds =~ ^[0-9]+$ ]] || usage
targets=("$@")
((${#targets[@]})) || targets=("${all_targets[@]}")
for t in "${targets[@]}"; do
  [[ " ${all_targets[*]} " == *" $t "* ]] || usage
done

if ! command -v clang++-14 >/dev/null; then
  echo "fuzz: clang++-14 is missing (utils/setup.sh installs it)" >&2
  exit 2
fi

if [ ! -f "$dir/CMakeCache.txt" ]; then
  cmake -S "$root" -B "$dir" -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DCMAKE_C_COMPILER=clang-14 -DCMAKE_CXX_COMPILER=clang++-14 \
    -DSCHEMAC_FUZZ=ON >&2
fi
cmake --build "$dir" -j"${SCHEMAC_FUZZ_JOBS:-$(nproc)}" \
  --target "${targets[@]}" >&2

python3 "$root/utils/fuzz_seed.py" "$root" "$dir"

# UBSan reports are findings too: stop at the first, with its stack.
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-halt_on_error=1:print_stacktrace=1}

found=0
for t in "${targets[@]}"; do
  corpus=$dir/corpus/$t
  artifacts=$dir/artifacts/$t
  log=$dir/logs/$t.log
  mkdir -p "$corpus" "$artifacts" "$dir/logs"
  dict=$dir/$t.dict
  inputs=("$corpus")
  regressions=$root/test/fuzz/regressions/$t
  [ -d "$regressions" ] && inputs+=("$regressions")

  echo "fuzz: $t for ${seconds}s (log: $log)"
  status=0
  # shellcheck disable=SC2086 # SCHEMAC_FUZZ_FLAGS is a list of flags
  "$dir/bin/$t" -max_total_time="$seconds" -timeout=1 -rss_limit_mb=2048 \
    -dict="$dict" -print_final_stats=1 -artifact_prefix="$artifacts/" \
    ${SCHEMAC_FUZZ_FLAGS:-} "${inputs[@]}" >"$log" 2>&1 || status=$?

  execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
  stats=$(grep -E '^#[0-9]+.*cov: ' "$log" | tail -1 || true)
  cov=$(sed -n 's/.* cov: \([0-9]*\).*/\1/p' <<<"$stats")
  ft=$(sed -n 's/.* ft: \([0-9]*\).*/\1/p' <<<"$stats")
  corp=$(sed -n 's/.* corp: \([0-9]*\).*/\1/p' <<<"$stats")
  echo "fuzz: $t: ${execs:-?} executions, cov: ${cov:-?} ft: ${ft:-?}," \
    "corpus: ${corp:-?} inputs"
  if ((status != 0)); then
    found=1
    finding=$(sed -n 's/.*Test unit written to \(.*\)$/\1/p' "$log" | tail -1)
    echo "fuzz: $t FOUND A PROBLEM (exit $status): ${finding:-see the log}"
    grep -E -m3 'ERROR: |SUMMARY: |runtime error: ' "$log" | sed 's/^/  /' || true
    if [ -n "$finding" ]; then
      echo "  reproduce: $dir/bin/$t $finding"
    fi
  fi
done
exit $found
