#!/usr/bin/env bash
# Build the one-folder bundle dist/Tradewind/ with PyInstaller and run its self-test.
#
#   bash packaging/build.sh            build, then dist/Tradewind/Tradewind --selftest
#   bash packaging/build.sh --no-test  build only
#
# Runs from any folder; uses the project's .venv (created by scripts/test.sh) and installs the
# `packaging` extra (PyInstaller) into it. On Linux the self-test runs offscreen inside a
# private D-Bus session with a throw-away GNOME Keyring (packaging/with_keyring.sh), as root
# with QtWebEngine's sandbox off. Windows and macOS: see packaging/README.md.
set -euo pipefail
cd "$(dirname "$0")/.."
run_test=1
[ "${1:-}" = "--no-test" ] && run_test=0

PY=.venv/bin/python
[ -x "$PY" ] || { echo "build.sh: .venv is missing; run scripts/test.sh or create it first" >&2; exit 1; }
if ! "$PY" -c 'import PyInstaller' 2>/dev/null; then
    echo "== pip install -e '.[packaging]'"
    "$PY" -m pip install -q --disable-pip-version-check -e '.[packaging]'
fi
version="$("$PY" -c 'from client.version import __version__; print(__version__)')"
start=$(date +%s)
echo "== icons"
"$PY" packaging/make_icons.py build/icons
echo "== PyInstaller: Tradewind $version"
"$PY" -m PyInstaller --noconfirm --clean --log-level WARN \
    --distpath dist --workpath build/pyinstaller packaging/tradewind.spec
end=$(date +%s)
size="$(du -sh dist/Tradewind | cut -f1)"
echo "== built dist/Tradewind in $((end - start)) s, $size"
[ "$run_test" -eq 1 ] || exit 0

echo "== dist/Tradewind/Tradewind --selftest"
export QT_QPA_PLATFORM=offscreen
if [ "$(id -u)" -eq 0 ]; then
    export QTWEBENGINE_DISABLE_SANDBOX=1  # Chromium's sandbox refuses to run as root
fi
selftest_home="$(mktemp -d)"
trap 'rm -rf "$selftest_home"' EXIT
# The bundle must not lean on the source tree: run it from elsewhere, with a clean environment.
cmd=(env -u PYTHONPATH -u PYTHON_KEYRING_BACKEND -u TRADEWIND_TEST_KEYRING
     "$PWD/dist/Tradewind/Tradewind" --selftest --profile "$selftest_home/profile")
if [ "$(uname -s)" = "Linux" ]; then
    (cd "$selftest_home" && bash "$OLDPWD/packaging/with_keyring.sh" "${cmd[@]}")
else
    (cd "$selftest_home" && "${cmd[@]}")
fi
echo "== self-test passed"
