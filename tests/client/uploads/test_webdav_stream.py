"""The plain WebDAV upload sent straight from the file (`client.uploads.plain_http`): against
nginx and wsgidav, the bytes arrive whole with their SHA-256 and progress; a file that shrinks
while it is sent, a password refused in the middle of a large body and the system's HTTP proxy
are handled; the `links upload` process does not load requests."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from client.profile.config import Profile
from client.store.db import Store
from client.uploads import config, records
from client.uploads.engine import FileChanged, Progress, UploadEngine
from client.uploads.provider import AuthError
from tests.client.cli.fixtures import REPO_ROOT
from tests.client.uploads.conftest import ACCOUNT, StorageMaker
from tests.servers.link_fixtures import MiB, download_sha, write_random
from tests.servers.nginx_dav import NginxDav


@pytest.mark.parametrize("kind", ["nginx", "wsgidav"])
def test_the_file_arrives_whole_with_its_sha256_and_progress_to_the_end(
    kind: str, tmp_path: Path, engine: UploadEngine, add_storage: StorageMaker
) -> None:
    storage = add_storage(kind)
    path = tmp_path / "catalogue 2027.pdf"
    size = 40 * MiB + 17  # several send slices and a ragged end
    digest = write_random(path, size)
    seen: list[Progress] = []

    result = engine.upload(storage, path, progress=seen.append)

    assert result.upload.sha256 == digest
    assert download_sha(result.link.url) == (200, digest)
    done = [p.done for p in seen]
    assert done == sorted(done) and len(done) >= 5
    assert seen[-1].done == seen[-1].total == size


def test_a_file_that_shrinks_while_it_is_sent_fails_in_words_and_leaves_nothing(
    tmp_path: Path, store: Store, engine: UploadEngine, add_storage: StorageMaker,
    nginx_server: NginxDav,
) -> None:
    storage = add_storage("nginx")
    path = tmp_path / "factory-video.mp4"
    write_random(path, 64 * MiB)
    before = {p for p in nginx_server.root.rglob("*") if p.is_file()}

    def shrink(progress: Progress) -> None:
        if progress.done >= 8 * MiB and path.stat().st_size > 10 * MiB:
            with open(path, "r+b") as handle:
                handle.truncate(10 * MiB)

    with pytest.raises(FileChanged) as raised:
        engine.upload(storage, path, progress=shrink)

    assert "factory-video.mp4" in str(raised.value) and "shorter" in str(raised.value)
    (failed,) = records.uploads_where(store, "1", ())
    assert failed.state == "failed" and failed.last_error == str(raised.value)
    assert failed.sha256 is None
    after = {p for p in nginx_server.root.rglob("*") if p.is_file() and p.parent.name != "body"}
    assert after - before == set()  # the partial file was deleted


@pytest.mark.parametrize("kind", ["nginx", "wsgidav"])
def test_a_password_refused_mid_body_is_an_auth_error_not_a_dropped_line(
    kind: str, tmp_path: Path, store: Store, engine: UploadEngine, add_storage: StorageMaker
) -> None:
    storage = add_storage(kind)
    path = tmp_path / "drawings.dwg"
    write_random(path, 48 * MiB)  # far more than the socket buffers: the server answers first
    engine.upload(storage, path)  # the folders exist and a first file went through
    from client.profile import secrets

    secrets.set_storage_secret(storage.id, ACCOUNT, "wrong-Secret-5512")
    other = tmp_path / "drawings-2.dwg"
    write_random(other, 48 * MiB, seed=b"second")

    with pytest.raises(AuthError) as raised:
        engine.upload(storage, other)

    assert "refused" in str(raised.value) and "wrong-Secret" not in str(raised.value)


def test_the_upload_goes_through_the_systems_http_proxy(
    tmp_path: Path, store: Store, engine: UploadEngine, nginx_server: NginxDav,
    make_fault_proxy: object, monkeypatch: pytest.MonkeyPatch,
) -> None:
    port = int(nginx_server.url.split(":")[2].split("/")[0])
    proxy = make_fault_proxy(port)  # type: ignore[operator]  # forwards to nginx
    for name in ("https_proxy", "HTTPS_PROXY", "all_proxy", "ALL_PROXY", "no_proxy", "NO_PROXY",
                 "HTTP_PROXY"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("http_proxy", f"http://{proxy.host}:{proxy.port}")
    # a host no resolver knows: only the proxy can carry the requests
    url = nginx_server.url.replace(f"127.0.0.1:{port}", "dav.tradewind.invalid")
    storage = config.add_storage(store, ACCOUNT, config.StorageSpec(
        "webdav", url, public_url=nginx_server.public_url, username=nginx_server.user),
        nginx_server.password)
    path = tmp_path / "price list.xlsx"
    digest = write_random(path, 12 * MiB)

    result = engine.upload(storage, path)

    assert result.upload.sha256 == digest
    assert download_sha(result.link.url) == (200, digest)


_UPLOAD_AND_LIST_MODULES = r"""
import io, json, sys
from client.cli.main import main
out = io.StringIO()
code = main(sys.argv[1:], stdout=out, stderr=io.StringIO())
print(json.dumps({"code": code, "out": out.getvalue(), "modules": sorted(sys.modules)}))
"""


def test_a_webdav_upload_process_does_not_load_requests(
    tmp_path: Path, process_env: dict[str, str], nginx_server: NginxDav
) -> None:
    def run(*argv: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-c", _UPLOAD_AND_LIST_MODULES, *argv],
                              input=stdin, env=process_env, cwd=REPO_ROOT, capture_output=True,
                              text=True, timeout=120, check=False)

    store = Store.open(Profile.resolve().database)
    store.add_account(ACCOUNT, imap_host="127.0.0.1", smtp_host="127.0.0.1")
    store.close()
    added = run("storage", "add", "--account", ACCOUNT, "--kind", "webdav", "--url",
                nginx_server.url, "--public-url", nginx_server.public_url, "--username",
                nginx_server.user, "--secret-stdin", stdin=nginx_server.password + "\n")
    assert added.returncode == 0 and json.loads(added.stdout)["code"] == 0, added.stderr
    path = tmp_path / "offer.pdf"
    digest = write_random(path, 3 * MiB)

    proc = run("links", "upload", str(path), "--account", ACCOUNT, "--json")

    assert proc.returncode == 0, proc.stderr
    report = json.loads(proc.stdout)
    assert report["code"] == 0
    assert json.loads(report["out"])["link"]["sha256"] == digest
    assert "client.uploads.plain_http" in report["modules"]
    assert "requests" not in report["modules"] and "urllib3" not in report["modules"]


@pytest.mark.parametrize("kind", ["nginx", "wsgidav"])
def test_without_os_sendfile_the_body_goes_from_one_reused_buffer(
    kind: str, tmp_path: Path, engine: UploadEngine, add_storage: StorageMaker,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # what Windows and a TLS socket take (socket.sendfile would fall back to 8 KiB reads)
    import os

    monkeypatch.delattr(os, "sendfile")
    storage = add_storage(kind)
    path = tmp_path / "samples.zip"
    size = 9 * MiB + 5
    digest = write_random(path, size)
    seen: list[Progress] = []

    result = engine.upload(storage, path, progress=seen.append)

    assert result.upload.sha256 == digest
    assert download_sha(result.link.url) == (200, digest)
    assert len(seen) >= 9 and seen[-1].done == size  # one report per 1 MiB buffer
