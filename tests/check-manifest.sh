#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Checks a Flatpak manifest offline. flatpak-builder exits 0 on unknown keys and only warns on
# stderr, so any stderr output counts as a failure: it is how typos in the manifest show up.
#
# Usage: check-manifest.sh MANIFEST

set -euo pipefail

if [[ $# -ne 1 ]]; then
  echo "Usage: $0 MANIFEST" >&2
  exit 2
fi

manifest="$1"
errors=$(mktemp)
trap 'rm -f "$errors"' EXIT

status=0
"${FLATPAK_BUILDER:-flatpak-builder}" --show-manifest "$manifest" > /dev/null 2> "$errors" || status=$?

if [[ $status -ne 0 ]]; then
  echo "flatpak-builder could not parse $manifest (exit status $status):"
  cat "$errors"
  exit 1
fi

if [[ -s "$errors" ]]; then
  echo "flatpak-builder complained about $manifest:"
  cat "$errors"
  exit 1
fi

echo "$manifest: OK"
