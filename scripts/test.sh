#!/usr/bin/env bash
# The one test command (README): ./scripts/test.sh [extra pytest args]
#
# Works on a fresh Debian 12 machine as root with no display: installs the Debian packages the
# tests need when any is missing (without letting their services start), creates .venv if
# missing, installs the project with its test extras when pyproject.toml changed, then runs
# ruff, mypy (client and ui), the PyInstaller bundle and its self-test (packaging/build.sh; skipped with
# TRADEWIND_SKIP_BUNDLE=1, never when CI=true) and pytest.
# Exits non-zero when any of them fails.
set -uo pipefail
cd "$(dirname "$0")/.."

PYTHON="${PYTHON:-python3}"
DEB_PACKAGES=(
    dovecot-imapd dovecot-lmtpd xvfb xauth libxcb-icccm4 libxcb-keysyms1 libxcb-cursor0
    libxkbcommon-x11-0 libegl1 libgl1 libnss3 libxcomposite1 libxdamage1 libxrandr2 libxtst6
    libasound2 libxkbfile1 fonts-noto-cjk isync nginx libnginx-mod-http-dav-ext
    # PySide6's own libraries load these; a minimal Debian 12 lacks them (found in a chroot).
    libglib2.0-0 libdbus-1-3 libfontconfig1 libxcb-shape0
    # Libraries of the unpacked Cyrus IMAP test server (see install_cyrus_testbed).
    libpcre3 libxapian30 libical3
    # pdftotext, pdffonts, pdfinfo, pdfimages: the PDF quotation tests (tests/client/quotes)
    poppler-utils
    # The bundle's self-test needs a Secret Service keyring (packaging/with_keyring.sh).
    dbus gnome-keyring
)
# Cyrus IMAP, the second real test server: cyrus-imapd conflicts with dovecot-imapd as a
# package, so its .debs are unpacked under the repo (git-ignored) instead of installed.
CYRUS_DEBS=(cyrus-common cyrus-imapd sasl2-bin)
CYRUS_DIR=.testbed/cyrus

log() { printf '== %s\n' "$*"; }

install_debian_packages() {
    local missing=() pkg
    if [ ! -x .venv/bin/python ] && ! "$PYTHON" -c 'import ensurepip, venv' 2>/dev/null; then
        DEB_PACKAGES+=(python3 python3-venv)
    fi
    for pkg in "${DEB_PACKAGES[@]}"; do
        if [ "$(dpkg-query -W -f='${db:Status-Status}' "$pkg" 2>/dev/null)" != "installed" ]; then
            missing+=("$pkg")
        fi
    done
    [ "${#missing[@]}" -eq 0 ] && return 0
    if [ "$(id -u)" -ne 0 ] || ! command -v apt-get >/dev/null; then
        log "missing Debian packages (install them as root): ${missing[*]}"
        return 0
    fi
    log "installing Debian packages: ${missing[*]}"
    # Keep package scripts from starting system dovecot/nginx services that would grab ports.
    local made_policy=0
    if [ ! -e /usr/sbin/policy-rc.d ]; then
        printf '#!/bin/sh\nexit 101\n' >/usr/sbin/policy-rc.d
        chmod 755 /usr/sbin/policy-rc.d
        made_policy=1
    fi
    local rc=0
    export DEBIAN_FRONTEND=noninteractive
    apt-get -o DPkg::Lock::Timeout=600 update -q \
        && apt-get -o DPkg::Lock::Timeout=600 install -y -q "${missing[@]}" \
        || rc=$?
    [ "$made_policy" -eq 1 ] && rm -f /usr/sbin/policy-rc.d
    if [ "$rc" -ne 0 ]; then
        log "apt-get failed ($rc)"
        exit "$rc"
    fi
}

install_cyrus_testbed() {
    local stamp="$CYRUS_DIR/.unpacked" wanted tmp deb
    wanted="$(apt-cache policy "${CYRUS_DEBS[@]}" 2>/dev/null | awk '/Candidate:/ {print $2}' | tr '\n' ' ')"
    if [ -f "$stamp" ] && [ -x "$CYRUS_DIR/usr/lib/cyrus/bin/master" ] \
        && { [ -z "${wanted// /}" ] || [ "$(cat "$stamp")" = "$wanted" ]; }; then
        return 0
    fi
    if ! command -v apt-get >/dev/null || ! command -v dpkg-deb >/dev/null; then
        log "cannot unpack the Cyrus test server: apt-get and dpkg-deb are needed (Debian 12)"
        exit 1
    fi
    log "unpacking the Cyrus test server into $CYRUS_DIR: ${CYRUS_DEBS[*]}"
    tmp="$(mktemp -d)"
    if ! (cd "$tmp" && apt-get download -q "${CYRUS_DEBS[@]}"); then
        apt-get -o DPkg::Lock::Timeout=600 update -q >/dev/null
        if ! (cd "$tmp" && apt-get download -q "${CYRUS_DEBS[@]}"); then
            rm -rf "$tmp"
            log "FAILED: apt-get download ${CYRUS_DEBS[*]} (is the network or a mirror reachable?)"
            exit 1
        fi
    fi
    rm -rf "$CYRUS_DIR"
    mkdir -p "$CYRUS_DIR"
    for deb in "$tmp"/*.deb; do
        dpkg-deb -x "$deb" "$CYRUS_DIR" || { rm -rf "$tmp"; log "FAILED: dpkg-deb -x $deb"; exit 1; }
    done
    rm -rf "$tmp"
    echo "$wanted" >"$stamp"
}

install_python_env() {
    if [ ! -x .venv/bin/python ]; then
        log "creating .venv with $PYTHON"
        "$PYTHON" -m venv .venv || exit 1
    fi
    local stamp=.venv/.tradewind-installed wanted
    wanted="$(sha256sum pyproject.toml | cut -d' ' -f1)"
    if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$wanted" ] && [ -x .venv/bin/pytest ]; then
        return 0
    fi
    log "pip install -e '.[test]'"
    .venv/bin/python -m pip install -q --disable-pip-version-check -e '.[test]' || exit 1
    echo "$wanted" >"$stamp"
}

install_debian_packages
install_cyrus_testbed
install_python_env

status=0
failed=()
log "ruff check client ui tests"
.venv/bin/ruff check client ui tests || { status=1; failed+=(ruff); }
log "mypy client ui"
.venv/bin/mypy client ui || { status=1; failed+=(mypy); }

# The installable product: the one-folder bundle and its self-test (a separate step whose
# failure fails the run). About a minute here; see packaging/README.md. It runs before pytest
# so that pytest's summary stays the run's closing line.
if [ "${TRADEWIND_SKIP_BUNDLE:-}" = "1" ] && [ "${CI:-}" != "true" ]; then
    log "bundle: skipped (TRADEWIND_SKIP_BUNDLE=1)"
else
    log "bash packaging/build.sh (bundle + --selftest)"
    bash packaging/build.sh || { status=1; failed+=("bundle self-test"); }
fi

# --foreground keeps pytest in the terminal's process group so Ctrl-C reaches it.
log "pytest $*"
PYTEST=(timeout --foreground --kill-after=30 "${TRADEWIND_TEST_TIMEOUT:-2400}" .venv/bin/pytest --durations=15 "$@")
if [ -z "${DISPLAY:-}" ] && command -v xvfb-run >/dev/null; then
    # Qt tests use the offscreen platform; a virtual display is there for any that need X.
    xvfb-run -a -s "-screen 0 1440x900x24 -nolisten tcp" "${PYTEST[@]}"
else
    "${PYTEST[@]}"
fi
pytest_rc=$?
if [ "$pytest_rc" -ne 0 ]; then
    status=$pytest_rc
    failed+=("pytest (exit code $pytest_rc)")
fi
if [ "$status" -ne 0 ]; then
    log "FAILED: ${failed[*]}"
fi
exit "$status"
