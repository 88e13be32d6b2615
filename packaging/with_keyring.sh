#!/usr/bin/env bash
# Run a command inside a private D-Bus session with an unlocked GNOME Keyring (a Secret Service),
# so `--selftest` finds the keyring backend a rep's Linux desktop has. Linux CI only.
# Usage: bash packaging/with_keyring.sh COMMAND [ARGS...]
set -euo pipefail
if [ -z "${_TW_IN_DBUS:-}" ]; then
    if ! command -v dbus-run-session >/dev/null || ! command -v gnome-keyring-daemon >/dev/null; then
        echo "with_keyring.sh: dbus-run-session and gnome-keyring-daemon are needed (Debian: dbus gnome-keyring)" >&2
        exit 1
    fi
    _TW_IN_DBUS=1 exec dbus-run-session -- bash "$0" "$@"
fi
# A throw-away keyring in a temporary home: the machine's own keyrings are never touched.
tmp_home="$(mktemp -d)"
trap 'rm -rf "$tmp_home"' EXIT
export HOME="$tmp_home" XDG_DATA_HOME="$tmp_home/.local/share" XDG_RUNTIME_DIR="$tmp_home/run"
mkdir -p "$XDG_RUNTIME_DIR" && chmod 700 "$XDG_RUNTIME_DIR"
eval "$(printf 'selftest\n' | gnome-keyring-daemon --unlock --components=secrets)"
export GNOME_KEYRING_CONTROL
status=0
"$@" || status=$?
if [ -n "${GNOME_KEYRING_PID:-}" ] && [ "$GNOME_KEYRING_PID" -gt 1 ]; then
    kill "$GNOME_KEYRING_PID" 2>/dev/null || true
fi
exit "$status"
