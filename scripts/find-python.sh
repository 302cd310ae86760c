#!/usr/bin/env sh
# Print the path of the newest Python >= 3.12 on this machine, or explain and fail.
# pyenv shims answer `command -v` even when no version is selected, so every
# candidate is run once before it is trusted.
ok() { "$1" -c 'import sys; sys.exit(sys.version_info < (3, 12))' >/dev/null 2>&1; }
for name in python3.14 python3.13 python3.12 python3; do
  if command -v "$name" >/dev/null 2>&1 && ok "$name"; then command -v "$name"; exit 0; fi
done
if command -v pyenv >/dev/null 2>&1; then
  for py in $(ls -d "$(pyenv root)"/versions/3.1[2-9]*/bin/python3 2>/dev/null | sort -V -r); do
    if ok "$py"; then echo "$py"; exit 0; fi
  done
fi
echo "error: ai-alliances needs Python >= 3.12 (falkordblite requires it)." >&2
echo "       Install python3.13 or python3.12 and put it on the PATH (or set PYTHON=/path/to/python3)." >&2
exit 1
