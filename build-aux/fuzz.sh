#!/usr/bin/env bash
# Builds the libFuzzer targets of tests/fuzz with clang (ASan + UBSan) in _build-fuzz and runs
# each for SECONDS (default 60) from its seed corpus with its dictionary. A crash, a sanitizer
# error, a property a target checks, a hang longer than 10 s or more than 2 GB of memory fails
# the run: the input is kept in _build-fuzz/fuzz-artifacts/ and its path printed. But a hang of
# fuzz-import-pdf is only a warning (poppler's; the product bounds it, see below). Prints the
# executions of each target and "fuzz: N passed, N failed" last; _build-fuzz/fuzz-log.json
# holds the same results in the form of meson's testlog.json for build-aux/count-tests.py.
#
#   build-aux/fuzz.sh [SECONDS] [TARGET…]     e.g. build-aux/fuzz.sh 300 fuzz-import-md
#   FUZZ_SEED=N to vary the fuzzers' random seed (fixed by default, so that a run can be
#   repeated on the same machine).
set -euo pipefail
cd "$(dirname "$0")/.."

seconds=${1:-60}
shift || true
seed=${FUZZ_SEED:-20260}
builddir=_build-fuzz
log_json="$builddir/fuzz-log.json"
rm -f "$log_json"  # results of an earlier run must not count for this one
all_targets=(fuzz-import-txt fuzz-import-md fuzz-import-html fuzz-import-docx fuzz-import-odt
             fuzz-import-pdf fuzz-w3c fuzz-anchor fuzz-search)
targets=("${all_targets[@]}")
[ $# -gt 0 ] && targets=("$@")

dictionary_of () {
  case "$1" in
    fuzz-import-md) echo tests/fuzz/markdown.dict ;;
    fuzz-import-html) echo tests/fuzz/html.dict ;;
    fuzz-import-docx | fuzz-import-odt) echo tests/fuzz/xml.dict ;;
    fuzz-import-pdf) echo tests/fuzz/pdf.dict ;;
    fuzz-w3c) echo tests/fuzz/json.dict ;;
    fuzz-search) echo tests/fuzz/fts5.dict ;;
  esac
}

# Poppler can spend minutes on a small crafted PDF (reported as a warning): 4 KB reach its
# slow paths (the textbomb of issue 10 is 2 KB), and every input that keeps poppler busy for seconds costs executions of the others.
extra_options_of () {
  case "$1" in
    fuzz-import-pdf) echo -max_len=4096 ;;
  esac
}

./build-aux/install-deps.sh
fuzz_packages=(clang libclang-rt-14-dev)
missing=()
for package in "${fuzz_packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$package")
  fi
done
if [ ${#missing[@]} -gt 0 ]; then
  sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  echo "Installing: ${missing[*]}"
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get update -q
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}"
fi

setup_args=(-Dfuzzing=true -Db_lundef=false)
mkdir -p "$builddir"
if [ -f "$builddir/build.ninja" ]; then
  build_ok=true
  CC=clang meson setup --reconfigure "$builddir" "${setup_args[@]}" >/dev/null || build_ok=false
else
  build_ok=true
  CC=clang meson setup "$builddir" "${setup_args[@]}" >/dev/null || build_ok=false
fi
if $build_ok; then
  ninja -C "$builddir" ${FUZZ_JOBS:+-j "$FUZZ_JOBS"} fuzz || build_ok=false
fi
if ! $build_ok; then
  echo '{"name": "fuzz-build", "result": "FAIL", "stdout": ""}' > "$log_json"
  echo "fuzz: the fuzz targets did not build"
  echo "fuzz: 0 passed, 1 failed"
  exit 1
fi

corpus="$builddir/fuzz-corpus"
artifacts="$builddir/fuzz-artifacts"
logs="$builddir/fuzz-logs"
mkdir -p "$corpus" "$artifacts" "$logs"
python3 tests/fuzz/make-seeds.py "$corpus"

# GLib's caches look like leaks at exit. (A critical aborts: tests/fuzz/fuzz-support.c.)
export ASAN_OPTIONS=detect_leaks=0
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1

echo "fuzz: ${#targets[@]} targets, ${seconds} s each, -seed=$seed"
: > "$log_json"
passed=0
failed=0
summary=()
for target in "${targets[@]}"; do
  log="$logs/$target.log"
  options=(-timeout=10 -rss_limit_mb=2048 -print_final_stats=1 -artifact_prefix="$artifacts/$target-")
  dictionary=$(dictionary_of "$target")
  [ -n "$dictionary" ] && options+=(-dict="$dictionary")
  options+=($(extra_options_of "$target"))
  tmp="$builddir/fuzz-tmp/$target"
  rm -rf "$tmp"
  mkdir -p "$tmp"

  echo "fuzz: $target (log: $log)"
  : > "$log"
  runs=0
  timeouts=()
  started=$SECONDS
  attempt=0
  while :; do
    status=0
    remaining=$((seconds - (SECONDS - started)))
    [ "$remaining" -lt 1 ] && remaining=1
    # Poppler reports each syntax error of a damaged PDF on stderr: thousands a second.
    TMPDIR="$tmp" "$builddir/tests/fuzz/$target" "${options[@]}" -max_total_time="$remaining" \
      -seed=$((seed + attempt)) "$corpus/$target" 2>&1 \
      | grep -av '^Syntax \(Error\|Warning\)\|^Internal Error' > "$log.run" || status=${PIPESTATUS[0]}
    cat "$log.run" >> "$log"
    attempt_runs=$(sed -n 's/^stat::number_of_executed_units: *\([0-9]*\).*/\1/p' "$log.run" | tail -n 1)
    [ -z "$attempt_runs" ] && attempt_runs=$(sed -n 's/^Done \([0-9]*\) runs.*/\1/p; s/^#\([0-9]*\).*DONE.*/\1/p' "$log.run" | tail -n 1)
    runs=$((runs + ${attempt_runs:-0}))
    # A PDF that keeps poppler busy beyond the timeout is not a failure of Scholia's: the product
    # reads PDFs in a helper process that it kills after a time limit (scholia-pdf-reader.c).
    # The input is kept and reported, and the fuzzer goes on for the rest of its time with
    # another seed, so that one slow PDF does not end the target's run.
    if [ "$status" -ne 0 ] && [ "$target" = fuzz-import-pdf ] \
       && grep -aq 'ERROR: libFuzzer: timeout' "$log.run" \
       && ! grep -aq '^SUMMARY: [A-Za-z]*Sanitizer\|^fuzz: ' "$log.run"; then
      timeout_input=$(sed -n "s/.*Test unit written to \(.*\)$/\1/p" "$log.run" | tail -n 1)
      timeouts+=("${timeout_input:-?}")
      echo "fuzz: warning: $target timed out (poppler, bounded by the product's time limit); input saved as ${timeout_input:-?}"
      attempt=$((attempt + 1))
      if [ $((SECONDS - started)) -lt "$seconds" ]; then
        continue
      fi
      status=0
    fi
    break
  done
  rm -f "$log.run"
  rm -rf "$tmp"

  note=""
  [ ${#timeouts[@]} -gt 0 ] && note=" (warning: ${#timeouts[@]} timeout(s) in poppler: ${timeouts[*]})"
  if [ "$status" -eq 0 ]; then
    passed=$((passed + 1))
    result=OK
    summary+=("$(printf '%-18s %10s runs  passed%s' "$target" "$runs" "$note")")
  else
    failed=$((failed + 1))
    result=FAIL
    artifact=$(sed -n "s/.*Test unit written to \(.*\)$/\1/p" "$log" | tail -n 1)
    # What went wrong: a sanitizer's summary, a property the target checks, or libFuzzer's
    # timeout or out-of-memory.
    kind=$( (grep -a -m1 '^SUMMARY: [A-Za-z]*Sanitizer' "$log" ||
             grep -a -m1 '^fuzz: ' "$log" ||
             grep -a -m1 'ERROR: libFuzzer: ' "$log" || true) | cut -c1-240)
    summary+=("$(printf '%-18s %10s runs  FAILED: %s; input: %s%s' "$target" "$runs" "${kind:-exit $status}" "${artifact:-none}" "$note")")
    echo "fuzz: $target failed (${kind:-exit status $status}); input saved as ${artifact:-?}; log $log"
    grep -a -m1 -A12 '^==[0-9]*==ERROR\|^fuzz: .*failed\|ALARM: working on the last Unit' "$log" || true
  fi
  printf '{"name": "%s", "result": "%s", "executions": %s, "stdout": ""}\n' "$target" "$result" "$runs" >> "$log_json"
done

echo
printf '%s\n' "${summary[@]}"
echo "fuzz: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
