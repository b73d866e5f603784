#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Checks po/POTFILES.in against the tree: every source under src/ and ui/ with a translatable
# string must be listed (or its strings never reach translators), every listed file must exist
# (or xgettext fails), and the list must be sorted (so that concurrent edits merge cleanly).
#
# Usage: check-potfiles.sh [SOURCE_ROOT]

set -euo pipefail
export LC_ALL=C

srcroot="${1:-$(dirname "$0")/..}"
cd "$srcroot"

potfiles="po/POTFILES.in"
if [[ ! -f "$potfiles" ]]; then
  echo "$potfiles not found in $(pwd)" >&2
  exit 1
fi

listed=$(grep -v -e '^[[:space:]]*#' -e '^[[:space:]]*$' "$potfiles" | sed 's/[[:space:]]*$//')
status=0

# Marked strings: _(), N_(), C_(), NC_(), Q_() and the plural forms in C; translatable
# properties in GtkBuilder files.
c_marks='(^|[^A-Za-z0-9_])(N|C|NC|Q)?_[[:space:]]*\(|(^|[^A-Za-z0-9_])(g_d?n|n)gettext[[:space:]]*\('
ui_marks='translatable="(yes|true|1)"'

candidates=$( {
  find src ui -type f \( -name '*.c' -o -name '*.h' \) -print0 2>/dev/null | xargs -0r grep -lE "$c_marks" || true
  find src ui -type f -name '*.ui' -print0 2>/dev/null | xargs -0r grep -lE "$ui_marks" || true
} | sed 's|^\./||' | sort -u)

missing=$(comm -23 <(printf '%s\n' "$candidates" | sed '/^$/d') <(printf '%s\n' "$listed" | sort -u))
if [[ -n "$missing" ]]; then
  echo "Files with translatable strings missing from $potfiles:"
  printf '  %s\n' $missing
  status=1
fi

nonexistent=""
while IFS= read -r file; do
  [[ -z "$file" ]] && continue
  [[ -f "$file" ]] || nonexistent+="$file"$'\n'
done <<< "$listed"
if [[ -n "$nonexistent" ]]; then
  echo "Files listed in $potfiles that do not exist:"
  printf '  %s\n' $nonexistent
  status=1
fi

if [[ "$listed" != "$(printf '%s\n' "$listed" | sort)" ]]; then
  echo "$potfiles is not sorted (LC_ALL=C); expected:"
  printf '%s\n' "$listed" | sort | sed 's/^/  /'
  status=1
fi

duplicates=$(printf '%s\n' "$listed" | sort | uniq -d)
if [[ -n "$duplicates" ]]; then
  echo "Files listed twice in $potfiles:"
  printf '  %s\n' $duplicates
  status=1
fi

exit $status
