#!/usr/bin/env bash
# macOS: sign Tradewind.app (hardened runtime + entitlements), wrap it in a .dmg, notarise and
# staple. Run on a Mac after `bash packaging/build.sh --no-test` made dist/Tradewind.app.
#
#   bash packaging/macos/build_dmg.sh      -> dist/Tradewind-VERSION.dmg
#
# Signing and notarisation run only when their credentials exist (else an unsigned dmg is
# made, for testing; Gatekeeper will warn on other Macs):
#   MACOS_SIGN_IDENTITY     "Developer ID Application: Company (TEAMID)" in the login keychain
#   MACOS_NOTARY_PROFILE    a `xcrun notarytool store-credentials` profile name, or
#   MACOS_NOTARY_APPLE_ID, MACOS_NOTARY_TEAM_ID, MACOS_NOTARY_PASSWORD (app-specific password)
set -euo pipefail
cd "$(dirname "$0")/../.."
[ "$(uname -s)" = "Darwin" ] || { echo "build_dmg.sh: run this on macOS" >&2; exit 1; }
app=dist/Tradewind.app
[ -d "$app" ] || { echo "build_dmg.sh: $app is missing; run packaging/build.sh first" >&2; exit 1; }
version="$(.venv/bin/python -c 'from client.version import __version__; print(__version__)')"
dmg="dist/Tradewind-$version.dmg"
entitlements=packaging/macos/entitlements.plist

if [ -n "${MACOS_SIGN_IDENTITY:-}" ]; then
    echo "== codesign (hardened runtime) with $MACOS_SIGN_IDENTITY"
    # Inside out (no --deep): libraries, then QtWebEngineProcess.app (inside
    # QtWebEngineCore.framework, with the entitlements), then the frameworks that seal it,
    # then the app.
    find "$app/Contents" -type f \( -name '*.dylib' -o -name '*.so' \) -print0 |
        xargs -0 codesign --force --timestamp --options runtime --sign "$MACOS_SIGN_IDENTITY"
    helper="$(find "$app/Contents" -type d -name 'QtWebEngineProcess.app' | head -n 1)"
    if [ -z "$helper" ]; then
        echo "build_dmg.sh: QtWebEngineProcess.app is missing from $app" >&2
        exit 1
    fi
    codesign --force --timestamp --options runtime --entitlements "$entitlements" \
        --sign "$MACOS_SIGN_IDENTITY" "$helper"
    find "$app/Contents" -type d -name '*.framework' -prune -print0 |
        xargs -0 -I{} codesign --force --timestamp --options runtime --sign "$MACOS_SIGN_IDENTITY" {}
    codesign --force --timestamp --options runtime --entitlements "$entitlements" \
        --sign "$MACOS_SIGN_IDENTITY" "$app"
    codesign --verify --deep --strict --verbose=2 "$app"
else
    echo "== MACOS_SIGN_IDENTITY not set: the app and dmg stay unsigned"
fi

echo "== $dmg"
rm -f "$dmg"
staging="$(mktemp -d)"
trap 'rm -rf "$staging"' EXIT
cp -R "$app" "$staging/"
ln -s /Applications "$staging/Applications"
hdiutil create -volname "Tradewind $version" -srcfolder "$staging" -fs HFS+ -format UDZO -ov "$dmg"

if [ -n "${MACOS_SIGN_IDENTITY:-}" ]; then
    codesign --force --timestamp --sign "$MACOS_SIGN_IDENTITY" "$dmg"
    notary=()
    if [ -n "${MACOS_NOTARY_PROFILE:-}" ]; then
        notary=(--keychain-profile "$MACOS_NOTARY_PROFILE")
    elif [ -n "${MACOS_NOTARY_APPLE_ID:-}" ] && [ -n "${MACOS_NOTARY_TEAM_ID:-}" ] \
            && [ -n "${MACOS_NOTARY_PASSWORD:-}" ]; then
        notary=(--apple-id "$MACOS_NOTARY_APPLE_ID" --team-id "$MACOS_NOTARY_TEAM_ID"
                --password "$MACOS_NOTARY_PASSWORD")
    fi
    if [ "${#notary[@]}" -gt 0 ]; then
        echo "== notarise and staple"
        xcrun notarytool submit "$dmg" "${notary[@]}" --wait
        xcrun stapler staple "$dmg"
        xcrun stapler validate "$dmg"
        spctl --assess --type open --context context:primary-signature --verbose "$dmg"
    else
        echo "== no notarisation credentials: signed but not notarised"
    fi
fi
echo "== made $dmg"
