#!/usr/bin/env bash
# Everything a fresh Debian/Ubuntu machine needs for bulletin: system packages (CJK fonts,
# poppler for PDF checks, chromium for the browser test, LibreOffice Writer to open the Word
# bulletin in the tests) and the locked Python environment.
set -euo pipefail
cd "$(dirname "$0")/.."

APT_PACKAGES="fonts-noto-cjk poppler-utils chromium libreoffice-writer-nogui"
missing=""
for p in $APT_PACKAGES; do
  dpkg -s "$p" >/dev/null 2>&1 || missing="$missing $p"
done
if [ -n "$missing" ]; then
  echo "==> installing system packages:$missing"
  SUDO=""; [ "$(id -u)" = 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq $missing >/dev/null
fi

PYTHON="${PYTHON:-python3}"
if ! command -v uv >/dev/null 2>&1; then
  echo "==> installing uv"
  "$PYTHON" -m pip install -q uv
fi
UV="$(command -v uv || echo "$PYTHON -m uv")"
if [ ! -x .venv/bin/python ]; then
  echo "==> creating .venv"
  $UV venv -q .venv -p "$PYTHON"
fi
echo "==> installing locked Python packages (requirements.lock)"
# --compile-bytecode: uv does not write .pyc files by default, and where Python may not
# write them either (PYTHONDONTWRITEBYTECODE, a read-only venv) every run compiled polars,
# pydantic, typer and rich from source again: ~0.55 s of the start-up of each command.
$UV pip sync -q --compile-bytecode -p .venv/bin/python requirements.lock
$UV pip install -q --compile-bytecode -p .venv/bin/python --no-deps -e .
echo "==> environment ready"
