#!/usr/bin/env bash
# Create .venv with Python 3.10 and the pinned dependencies; a no-op when already up to date.
# The venv lives in a per-lock-file cache (~/.cache/outreach-assistant) so fresh clones reuse it.
set -euo pipefail
cd "$(dirname "$0")/.."

find_python310() {
  local candidates=()
  [ -n "${PYTHON:-}" ] && candidates+=("$PYTHON")
  command -v python3.10 >/dev/null 2>&1 && candidates+=("$(command -v python3.10)")
  if command -v pyenv >/dev/null 2>&1; then
    local v
    for v in $(pyenv versions --bare 2>/dev/null | grep -E '^3\.10(\.|$)' | sort -V -r); do
      candidates+=("$(pyenv root)/versions/$v/bin/python")
    done
  fi
  local p
  for p in "${PYENV_ROOT:-$HOME/.pyenv}"/versions/3.10*/bin/python /usr/local/bin/python3.10 /usr/bin/python3.10; do
    [ -x "$p" ] && candidates+=("$p")
  done
  for p in "${candidates[@]}"; do
    if [ -x "$p" ] && "$p" -c 'import sys, venv; sys.exit(sys.version_info[:2] != (3, 10))' 2>/dev/null; then
      echo "$p"; return 0
    fi
  done
  return 1
}

lock_hash=$(cat requirements/base.in requirements/lock.txt | sha256sum | cut -c1-16)
cache_root="${OUTREACH_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/outreach-assistant}"
venv="$cache_root/venv-$lock_hash"
stamp="$venv/.installed"

if [ -f "$stamp" ] && [ "$(readlink .venv 2>/dev/null)" = "$venv" ]; then
  exit 0
fi

if [ ! -f "$stamp" ]; then
  if ! py=$(find_python310); then
    cat >&2 <<'MSG'
error: Python 3.10 was not found, and rasa 3.6 needs Python >=3.8,<3.11.
Install it (for example `pyenv install 3.10.13`, or your system's python3.10 package with venv),
or point to it with `make PYTHON=/path/to/python3.10 ...`.
MSG
    exit 1
  fi
  echo "bootstrap: creating $venv with $py (takes a few minutes, about 2.7 GB, once per lock file)"
  rm -rf "$venv"
  mkdir -p "$cache_root"
  "$py" -m venv "$venv"
  "$venv/bin/python" -m pip install --quiet --upgrade "pip<25" wheel
  "$venv/bin/python" -m pip install --quiet -r requirements/base.in -c requirements/lock.txt
  touch "$stamp"
fi
if [ -d .venv ] && [ ! -L .venv ]; then rm -rf .venv; fi
ln -sfn "$venv" .venv
echo "bootstrap: .venv -> $venv"
