#!/usr/bin/env bash
# Installs what is missing, builds Scholia with warnings as errors, and runs the whole test
# suite headless (its own X server and D-Bus session). With --sanitize the build uses
# AddressSanitizer and UndefinedBehaviorSanitizer. Prints "N passed, N failed" last.
set -euo pipefail
cd "$(dirname "$0")/.."

builddir=_build
setup_args=(--werror)
test_args=()
if [ "${1:-}" = "--sanitize" ]; then
  builddir=_build-sanitize
  setup_args+=(-Db_sanitize=address,undefined -Db_lundef=false -Dbuildtype=debug)
  export ASAN_OPTIONS=detect_leaks=0:abort_on_error=1
  export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
  # Instrumented code runs several times slower; the tests' time limits are for a plain build.
  test_args+=(--timeout-multiplier 3)
fi

./build-aux/install-deps.sh

if [ -f "$builddir/build.ninja" ]; then
  meson setup --reconfigure "$builddir" "${setup_args[@]}" >/dev/null
else
  meson setup "$builddir" "${setup_args[@]}" >/dev/null
fi
ninja -C "$builddir"

status=0
xvfb-run -a -s "-screen 0 1280x800x24" dbus-run-session -- \
  meson test -C "$builddir" --print-errorlogs --num-processes 2 "${test_args[@]}" || status=$?

python3 build-aux/count-tests.py "$builddir/meson-logs/testlog.json"
exit $status
