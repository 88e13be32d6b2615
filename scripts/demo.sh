#!/usr/bin/env bash
# The README's run command: install Tradewind into .venv and start it on the demo profile.
#
#   bash scripts/demo.sh [--profile DIR]      (extra options go to `tradewind --demo`)
#
# As root on Debian/Ubuntu it first installs the runtime libraries Qt needs when any is missing
# (optional elsewhere: on Windows/macOS or a desktop Linux they are already there). Creates
# .venv with Python 3.11+ if missing, installs the project (pip install -e .), then runs
# `tradewind --demo`, which builds the bundled offline demo mailbox in a fresh temporary
# profile (or in --profile DIR) without touching the network.
set -euo pipefail
cd "$(dirname "$0")/.."

PYTHON="${PYTHON:-python3}"
RUNTIME_PACKAGES=(
    libxcb-icccm4 libxcb-keysyms1 libxcb-cursor0 libxkbcommon-x11-0 libegl1 libgl1 libnss3
    libxcomposite1 libxdamage1 libxrandr2 libxtst6 libasound2 libxkbfile1 fonts-noto-cjk
)

log() { printf '== %s\n' "$*"; }

install_runtime_libraries() {
    [ -f /etc/debian_version ] && command -v dpkg-query >/dev/null || return 0
    local missing=() pkg
    if [ ! -x .venv/bin/python ] && ! "$PYTHON" -c 'import ensurepip, venv' 2>/dev/null; then
        RUNTIME_PACKAGES+=(python3-venv)
    fi
    for pkg in "${RUNTIME_PACKAGES[@]}"; do
        if [ "$(dpkg-query -W -f='${db:Status-Status}' "$pkg" 2>/dev/null)" != "installed" ]; then
            missing+=("$pkg")
        fi
    done
    [ "${#missing[@]}" -eq 0 ] && return 0
    if [ "$(id -u)" -ne 0 ] || ! command -v apt-get >/dev/null; then
        log "these Debian packages may be missing for the desktop app: ${missing[*]}"
        return 0
    fi
    log "installing Debian packages: ${missing[*]}"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}"
}

check_python() {
    if ! "$PYTHON" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
        echo "Tradewind needs Python 3.11 or newer; set PYTHON=/path/to/python3.11 and retry." >&2
        exit 1
    fi
}

install_runtime_libraries
if [ ! -x .venv/bin/python ]; then
    check_python
    log "creating .venv"
    "$PYTHON" -m venv .venv
fi
log "installing Tradewind into .venv"
.venv/bin/python -m pip install --quiet --disable-pip-version-check -e .
if [ -z "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ] && [ "$(uname -s)" = "Linux" ]; then
    log "no DISPLAY: the window needs a desktop session (or try QT_QPA_PLATFORM=offscreen)"
fi
log "starting Tradewind on the demo profile"
exec .venv/bin/tradewind --demo "$@"
