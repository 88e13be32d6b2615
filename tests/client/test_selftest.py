"""`tradewind --selftest`: every check passes in a whole installation, and a missing piece
makes it exit 1 with the reason in words (text and --json); `--version` names the version."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import keyring
import pytest
from keyring.backends import fail

from client import selftest
from client.cli.main import main
from client.version import __version__

REPO_ROOT = Path(__file__).resolve().parents[2]


def _run(*args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(args), stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


def test_version() -> None:
    code, out, _err = _run("--version")
    assert code == 0 and out.strip() == f"Tradewind {__version__}"


def test_core_checks_pass_in_this_installation() -> None:
    checks = selftest.core_checks()
    assert [c.name for c in checks] == ["import client", "cache", "data files", "keyring"]
    assert all(c.ok for c in checks), [c for c in checks if not c.ok]


def test_a_refused_keyring_fails_with_the_reason(monkeypatch: pytest.MonkeyPatch) -> None:
    keyring.set_keyring(fail.Keyring())
    monkeypatch.setattr(selftest, "desktop_checks", lambda: [])
    code, out, _err = _run("--selftest", "--json")
    doc = json.loads(out)
    assert code == 1 and doc["ok"] is False and doc["version"] == __version__
    [failed] = [c for c in doc["checks"] if not c["ok"]]
    assert failed["name"] == "keyring" and "keyring" in failed["detail"]


def test_missing_data_files_are_named(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    (tmp_path / "demo").mkdir()
    monkeypatch.setattr("client.profile.paths.resources_dir", lambda: tmp_path)
    check = selftest.data_files()
    assert not check.ok
    assert "Qt translations missing" in check.detail and "templates missing" in check.detail


def test_a_module_that_fails_to_import_is_named(monkeypatch: pytest.MonkeyPatch,
                                                tmp_path: Path) -> None:
    package = tmp_path / "twbroken"
    package.mkdir()
    (package / "__init__.py").write_text("")
    (package / "good.py").write_text("X = 1\n")
    (package / "bad.py").write_text("raise ImportError('libfoo.so is missing')\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    check = selftest.import_all("twbroken")
    assert not check.ok and "twbroken.bad" in check.detail and "libfoo.so" in check.detail


def test_text_output_marks_each_failure(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(selftest, "desktop_checks",
                        lambda: [selftest.Check("reader", False, "QtWebEngineProcess missing")])
    code, out, _err = _run("--selftest")
    assert code == 1
    assert "FAIL reader: QtWebEngineProcess missing" in out and "FAILED" in out
    assert "ok   cache:" in out


def test_whole_selftest_with_the_reader_offscreen(tmp_path: Path) -> None:
    """The real thing in a fresh process, as the bundle runs it (the keyring is the test
    suite's file keyring, accepted only from this source tree)."""
    env = {"PATH": "/usr/bin:/bin", "QT_QPA_PLATFORM": "offscreen",
           "QTWEBENGINE_DISABLE_SANDBOX": "1", "HOME": str(tmp_path),
           "PYTHONPATH": str(REPO_ROOT),
           "PYTHON_KEYRING_BACKEND": "tests.support.file_keyring.FileKeyring",
           "TRADEWIND_TEST_KEYRING": str(tmp_path / "keyring.json")}
    done = subprocess.run([sys.executable, "-m", "client.cli", "--selftest", "--json"],
                          cwd=REPO_ROOT, env=env, capture_output=True, text=True, timeout=240,
                          check=False)
    doc = json.loads(done.stdout)
    assert [(c["name"], c["ok"]) for c in doc["checks"]] == [
        ("import client", True), ("cache", True), ("data files", True), ("keyring", True),
        ("import ui", True), ("reader", True)], done.stderr[-2000:]
    assert done.returncode == 0


def test_an_empty_ca_store_fails(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """What a bundle on a Mac would meet without its CA hook: OpenSSL finds no roots."""
    import ssl

    empty = tmp_path / "no-certs"
    empty.mkdir()
    monkeypatch.setenv("SSL_CERT_FILE", str(tmp_path / "missing.pem"))
    monkeypatch.setenv("SSL_CERT_DIR", str(empty))
    monkeypatch.setattr(ssl, "get_default_verify_paths", lambda: ssl.DefaultVerifyPaths(
        str(tmp_path / "missing.pem"), str(empty), "SSL_CERT_FILE", "", "SSL_CERT_DIR", ""))
    check = selftest.data_files()
    assert not check.ok and "CA certificates" in check.detail
