#!/usr/bin/env bash
# Fails (listing the files) if any C++ file of the repository differs from .clang-format
# (clang-format 14, Debian 12). Fix with: clang-format -i FILE...
set -euo pipefail
cd "$(dirname "$0")/.."
CLANG_FORMAT=${CLANG_FORMAT:-clang-format}
bad=()
while IFS= read -r f; do
  "$CLANG_FORMAT" --dry-run -Werror "$f" > /dev/null 2>&1 || bad+=("$f")
done < <(git ls-files '*.cpp' '*.h' | grep -v '^tests/fuzz/corpus/')
if [ ${#bad[@]} -ne 0 ]; then
  echo "check_format: ${#bad[@]} file(s) differ from .clang-format (clang-format -i to fix):"
  printf '  %s\n' "${bad[@]}"
  exit 1
fi
echo "check_format: every C++ file matches .clang-format"
