#!/usr/bin/env bash
# Fails when a C++ file listed (or under a folder listed) in scripts/format-checked.txt differs from clang-format's layout (.clang-format).
# The folders are those already formatted; the older ones join the list as each is formatted in a
# commit of its own (a whole-tree reformat would bury the history of every line).
set -euo pipefail
cd "$(dirname "$0")/.."
mapfile -t FOLDERS < <(grep -v '^#' scripts/format-checked.txt | grep -v '^$')
FORMAT=$(command -v clang-format-14 || command -v clang-format || true)
if [ -z "$FORMAT" ]; then
  echo "check-format: clang-format not found (scripts/install-deps.sh installs clang-format-14)" >&2
  exit 1
fi
files=$(find "${FOLDERS[@]}" -type f \( -name '*.cpp' -o -name '*.h' \) | sort)
if ! "$FORMAT" --dry-run --Werror $files; then
  echo "check-format: run: $FORMAT -i <file> on the files above" >&2
  exit 1
fi
echo "check-format: $(wc -w <<<"$files") files formatted"
