"""The installer recipes that only run on Windows and macOS runners, checked here as far as
Linux can: the Inno Setup registration, the plists, the Windows version resource, the CI
workflow, and that the Linux build script is what .ci/run reaches."""

from __future__ import annotations

import ast
import plistlib
import re
import subprocess
import sys
from pathlib import Path

import yaml

from client.version import __version__

ROOT = Path(__file__).resolve().parents[2]
PACKAGING = ROOT / "packaging"


def _iss() -> str:
    return (PACKAGING / "windows" / "tradewind.iss").read_text(encoding="utf-8")


def _registry_lines() -> list[str]:
    text = _iss()
    section = text.split("[Registry]", 1)[1].split("\n[", 1)[0]
    return [line for line in section.splitlines() if line.startswith("Root: HKCU")]


def _defines() -> dict[str, str]:
    return dict(re.findall(r'^#define (\w+) "([^"]*)"', _iss(), flags=re.M))


def _expand(line: str) -> str:
    for name, value in _defines().items():
        line = line.replace("{#" + name + "}", value)
    return line


def test_iss_is_per_user_with_start_menu_uninstaller_icon_and_version() -> None:
    text = _iss()
    assert "PrivilegesRequired=lowest" in text and "{localappdata}\\Programs" in text
    assert "{userprograms}\\{#AppName}" in text and "{uninstallexe}" in text
    assert "SetupIconFile=" in text and "UninstallDisplayIcon=" in text
    assert "AppVersion={#AppVersion}" in text and "VersionInfoVersion={#AppVersion}" in text


def test_iss_registers_the_mail_client_and_the_file_types() -> None:
    lines = [_expand(line) for line in _registry_lines()]
    joined = "\n".join(lines)
    cap = "Software\\Clients\\Mail\\Tradewind\\Capabilities"
    assert "Clients\\Mail\\Tradewind" in joined
    assert any(f'"{cap}\\URLAssociations"' in li and 'ValueName: "mailto"' in li for li in lines)
    assert any('"Software\\RegisteredApplications"' in li and f'ValueData: "{cap}"' in li
               for li in lines)
    for ext in (".eml", ".ics"):
        assert any(f'"{cap}\\FileAssociations"' in li and f'ValueName: "{ext}"' in li
                   for li in lines)
        assert any(f"Software\\Classes\\{ext}\\OpenWithProgids" in li for li in lines)
    commands = [li for li in lines if li.split('Subkey: "')[1].split('"')[0]
                .endswith("shell\\open\\command") and "Software\\Classes\\" in li]
    assert len(commands) == 3  # mailto, .eml, .ics ProgIDs
    for li in commands:  # Inno doubles quotes: ""%1"" is "%1" in the registry
        assert '""%1""' in li and "\\Tradewind.exe" in li and " open " in li
    assert any("URL Protocol" in li for li in lines)


def test_iss_uninstall_keeps_the_profile_unless_asked() -> None:
    code = _iss().split("[Code]", 1)[1]
    assert "usPostUninstall" in code and "UninstallSilent()" in code
    assert "MB_DEFBUTTON2" in code  # "No" (keep) is the default answer
    assert code.index("MsgBox(") < code.index("DelTree(")


def test_iss_translations_exist_for_every_custom_message() -> None:
    text = _iss()
    english = set(re.findall(r"^en\.(\w+)=", text, flags=re.M))
    chinese = set(re.findall(r"^zh_CN\.(\w+)=", text, flags=re.M))
    assert english and english == chinese
    # Chinese (language and messages) only when the compiler has its .isl, so iscc never fails
    languages = text.split("[Languages]", 1)[1].split("\n[", 1)[0]
    assert '#if HaveChinese\nName: "zh_CN"' in languages
    messages = text.split("[CustomMessages]", 1)[1].split("\n[", 1)[0]
    assert messages.index("#if HaveChinese") < messages.index("zh_CN.")


def test_info_plist_declares_mailto_eml_ics_and_high_resolution() -> None:
    with open(PACKAGING / "macos" / "Info.plist", "rb") as handle:
        info = plistlib.load(handle)
    assert info["CFBundleIdentifier"] == "com.tradewind.client"
    assert info["NSHighResolutionCapable"] is True and info["CFBundleIconFile"].endswith(".icns")
    assert [s for t in info["CFBundleURLTypes"] for s in t["CFBundleURLSchemes"]] == ["mailto"]
    extensions = {e for t in info["CFBundleDocumentTypes"] for e in t["CFBundleTypeExtensions"]}
    assert extensions == {"eml", "ics"}
    assert all(t["LSHandlerRank"] == "Alternate" for t in info["CFBundleDocumentTypes"])


def test_entitlements_are_those_qtwebengine_needs_and_no_more() -> None:
    with open(PACKAGING / "macos" / "entitlements.plist", "rb") as handle:
        entitlements = plistlib.load(handle)
    assert entitlements == {
        "com.apple.security.cs.allow-jit": True,
        "com.apple.security.cs.allow-unsigned-executable-memory": True,
        "com.apple.security.cs.disable-library-validation": True,
        "com.apple.security.network.client": True,
    }


def test_dmg_script_signs_with_hardened_runtime_only_with_credentials() -> None:
    script = (PACKAGING / "macos" / "build_dmg.sh").read_text()
    assert '--options runtime --entitlements "$entitlements"' in script
    assert 'if [ -n "${MACOS_SIGN_IDENTITY:-}" ]' in script
    assert "xcrun notarytool submit" in script and "xcrun stapler staple" in script
    assert script.index("QtWebEngineProcess.app") < script.index("-name '*.framework'")
    done = subprocess.run(["bash", "-n", str(PACKAGING / "macos" / "build_dmg.sh")],
                          capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr


def test_windows_version_resource() -> None:
    sys.path.insert(0, str(PACKAGING / "windows"))
    try:
        from version_info import version_file_text, version_tuple
    finally:
        sys.path.pop(0)
    assert version_tuple("1.2.3") == (1, 2, 3, 0) and version_tuple("2.0rc1") == (2, 0, 0, 0)
    text = version_file_text(__version__)
    ast.parse(text, mode="eval")  # PyInstaller evaluates it as one expression
    assert f"'ProductVersion', '{__version__}'" in text
    assert f"filevers={version_tuple(__version__)!r}" in text


def test_workflow_builds_installs_and_selftests_on_windows_and_macos() -> None:
    workflow = yaml.safe_load((ROOT / ".github" / "workflows" / "installers.yml").read_text())
    jobs = workflow["jobs"]
    assert jobs["windows"]["runs-on"].startswith("windows")
    assert jobs["macos"]["runs-on"].startswith("macos")
    windows = "\n".join(step.get("run", "") for step in jobs["windows"]["steps"])
    macos = "\n".join(step.get("run", "") for step in jobs["macos"]["steps"])
    assert "packaging\\windows\\tradewind.iss" in windows and "/VERYSILENT" in windows
    assert "Programs\\Tradewind\\tradewind-cli.exe\" --selftest" in windows.replace("$app", "Programs\\Tradewind")
    assert "packaging/macos/build_dmg.sh" in macos and "hdiutil attach" in macos
    assert "Applications/Tradewind.app/Contents/MacOS/Tradewind\" --selftest" in macos


def test_spec_is_one_folder_and_collects_the_data() -> None:
    spec = (PACKAGING / "tradewind.spec").read_text()
    assert "COLLECT(" in spec and "onefile" not in spec.lower()
    for needed in ('collect_submodules("holidays")', 'collect_data_files("babel")',
                   'collect_data_files("tzdata")', '"resources"', 'copy_metadata("tradewind")',
                   '"keyrings.alt"'):
        assert needed in spec


def test_ci_runs_the_bundle_build_from_the_test_script() -> None:
    assert (ROOT / ".ci" / "run").read_text().strip().splitlines()[-1] == "exec bash scripts/test.sh"
    script = (ROOT / "scripts" / "test.sh").read_text()
    assert "bash packaging/build.sh" in script
    assert 'TRADEWIND_SKIP_BUNDLE' in script and '"${CI:-}" != "true"' in script
    # before pytest, so that pytest's summary is the closing line of the CI run
    assert script.index("bash packaging/build.sh") < script.index("PYTEST=(")


def _run_ca_hook(monkeypatch, paths) -> str | None:  # type: ignore[no-untyped-def]
    import os
    import runpy
    import ssl
    import types

    monkeypatch.delenv("SSL_CERT_FILE", raising=False)
    monkeypatch.delenv("SSL_CERT_DIR", raising=False)
    monkeypatch.setattr(ssl, "get_default_verify_paths", lambda: paths)
    fake = types.ModuleType("certifi")
    fake.where = lambda: "/bundle/certifi/cacert.pem"  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "certifi", fake)
    runpy.run_path(str(PACKAGING / "rth_ca_store.py"))
    return os.environ.get("SSL_CERT_FILE")


def test_ca_hook_uses_certifi_only_where_openssl_finds_no_store(monkeypatch, tmp_path) -> None:  # type: ignore[no-untyped-def]
    import ssl

    def paths(cafile: Path, capath: Path) -> ssl.DefaultVerifyPaths:
        return ssl.DefaultVerifyPaths(str(cafile), str(capath), "SSL_CERT_FILE", "",
                                      "SSL_CERT_DIR", "")

    # a Mac: the build machine's OpenSSL folder does not exist
    assert _run_ca_hook(monkeypatch, paths(tmp_path / "nope.pem", tmp_path / "nope")) == \
        "/bundle/certifi/cacert.pem"
    # Linux: the system bundle exists and is kept
    (tmp_path / "ca.pem").write_text("x")
    assert _run_ca_hook(monkeypatch, paths(tmp_path / "ca.pem", tmp_path / "nope")) is None
    spec = (PACKAGING / "tradewind.spec").read_text()
    assert 'runtime_hooks=[str(root / "packaging" / "rth_ca_store.py")]' in spec
