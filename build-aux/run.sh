#!/usr/bin/env bash
# Installs what is missing, builds Scholia and launches it. Arguments are passed to scholia,
# e.g. ./build-aux/run.sh --library ~/seminar.sqlite3
set -euo pipefail
cd "$(dirname "$0")/.."

./build-aux/install-deps.sh
if [ ! -f _build/build.ninja ]; then
  meson setup _build >/dev/null
fi
ninja -C _build
# Run from the build tree: the GSettings schema and the PDF reader are built there.
GSETTINGS_SCHEMA_DIR="$PWD/_build/data" \
  SCHOLIA_PDF_HELPER="$PWD/_build/src/pdf-helper/scholia-pdf-text" \
  exec ./_build/src/scholia "$@"
