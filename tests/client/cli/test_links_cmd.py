"""`tradewind storage …` and `tradewind links …` against the real link-storage test servers,
in process and as killed-and-restarted processes (200 MB files)."""

from __future__ import annotations

import os
import signal
import subprocess
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from client.profile.config import Profile
from client.store.db import Store
from tests.client.cli.fixtures import REPO_ROOT, CliResult, console_script
from tests.servers.link_fixtures import BUCKET, MiB, download_sha, write_random
from tests.servers.nextcloud import NextcloudServer
from tests.servers.s3 import ACCESS_KEY, SECRET_KEY, S3Server
from tests.servers.wsgidav_server import WsgiDavServer

# the link-storage servers come from tests/servers/link_fixtures.py (a root plugin)

ACCOUNT = "rep@example.test"
Cli = Callable[..., CliResult]


@pytest.fixture
def account(profile_dir: Path) -> Iterator[str]:
    profile = Profile.resolve()
    profile.ensure()
    store = Store.open(profile.database)
    store.add_account(ACCOUNT, imap_host="127.0.0.1", imap_port=1, smtp_host="127.0.0.1",
                      smtp_port=1, security="ssl")
    store.close()
    yield ACCOUNT


def add_args(kind: str, server: Any) -> tuple[list[str], str]:
    if kind == "nextcloud":
        return ["--kind", "nextcloud", "--url", server.url, "--username", server.user], server.password
    if kind == "s3":
        return ["--kind", "s3", "--url", server.url, "--bucket", BUCKET, "--access-key",
                ACCESS_KEY], SECRET_KEY
    return ["--kind", "webdav", "--url", server.url, "--public-url", server.public_url,
            "--username", server.user], server.password


def test_storage_add_list_test_remove(cli: Cli, account: str, nextcloud_server: NextcloudServer) -> None:
    args, secret = add_args("nextcloud", nextcloud_server)
    added = cli("storage", "add", "--account", account, *args, "--secret-stdin", "--json",
                input=secret + "\n")
    assert added.code == 0, added.err
    storage = added.json()["storage"]
    assert storage["kind"] == "nextcloud" and storage["expiry_days"] == 7
    assert secret not in added.out + added.err

    listed = cli("storage", "list", "--json").json()["storages"]
    assert [s["id"] for s in listed] == [storage["id"]]
    tested = cli("storage", "test", str(storage["id"]), "--json")
    assert tested.code == 0 and tested.json()["ok"] is True
    assert cli("storage", "remove", str(storage["id"])).code == 0
    assert cli("storage", "list", "--json").json()["storages"] == []


@pytest.mark.parametrize(("extra", "words"), [
    (["--kind", "s3", "--url", "http://127.0.0.1:9/", "--bucket", "links", "--access-key", "K",
      "--expiry-days", "30"], "at most 7 days"),
    (["--kind", "webdav", "--url", "http://127.0.0.1:9/dav/", "--username", "u"], "--public-url"),
    (["--kind", "nextcloud", "--url", "ftp://cloud/", "--username", "u"], "http://"),
])
def test_storage_add_refuses_bad_input_with_exit_2(cli: Cli, account: str, extra: list[str],
                                                   words: str) -> None:
    result = cli("storage", "add", "--account", account, *extra, "--secret-stdin", input="s\n")
    assert result.code == 2 and words in result.err and "Traceback" not in result.err


def test_storage_add_without_a_secret_on_a_pipe_exits_2(cli: Cli, account: str) -> None:
    result = cli("storage", "add", "--account", account, "--kind", "nextcloud", "--url",
                 "https://cloud.example/", "--username", "rep")
    assert result.code == 2 and "--secret-stdin" in result.err


def test_links_upload_list_revoke_and_the_json_shapes(
    cli: Cli, account: str, tmp_path: Path, s3_server: S3Server
) -> None:
    args, secret = add_args("s3", s3_server)
    assert cli("storage", "add", "--account", account, *args, "--secret-stdin",
               input=secret + "\n").code == 0
    path = tmp_path / "offer 2027.pdf"
    digest = write_random(path, 9 * MiB)

    uploaded = cli("links", "upload", str(path), "--account", account, "--recipient-domain",
                   "buyer.example", "--json")
    assert uploaded.code == 0, uploaded.err
    doc = uploaded.json()
    assert doc["reused"] is False
    link = doc["link"]
    assert {"id", "file", "size", "sha256", "url", "expires", "provider", "state"} <= set(link)
    assert (link["file"], link["size"], link["sha256"], link["provider"], link["state"]) == (
        "offer 2027.pdf", 9 * MiB, digest, "s3", "active")
    assert download_sha(link["url"]) == (200, digest)
    again = cli("links", "upload", str(path), "--account", account, "--recipient-domain",
                "buyer.example", "--json").json()
    assert again["reused"] is True and again["link"]["id"] == link["id"]

    listed = cli("links", "list", "--json").json()["links"]
    assert [(entry["id"], entry["url"], entry["state"]) for entry in listed] == [
        (link["id"], link["url"], "active")]
    assert link["url"].split("?")[0].rsplit("/", 2)[1] not in Profile.resolve().log_file.read_text()

    revoked = cli("links", "revoke", str(link["id"]), "--json")
    assert revoked.code == 0 and revoked.json()["link"]["state"] == "revoked"
    assert download_sha(link["url"])[0] == 404
    assert cli("links", "revoke", "999").code == 6


def test_purge_expired_deletes_the_file_of_an_expired_link(
    cli: Cli, account: str, tmp_path: Path, nginx_server: Any
) -> None:
    args, secret = add_args("webdav", nginx_server)
    assert cli("storage", "add", "--account", account, *args, "--secret-stdin",
               input=secret + "\n").code == 0
    path = tmp_path / "old.pdf"
    write_random(path, MiB)
    link = cli("links", "upload", str(path), "--account", account, "--json").json()["link"]
    store = Store.open(Profile.resolve().database)
    with store.transaction() as conn:
        conn.execute("UPDATE links SET expires = 1 WHERE id = ?", (link["id"],))
    store.close()

    purged = cli("links", "purge-expired", "--json")

    assert purged.code == 0 and purged.json() == {"expired": [link["id"]], "deleted": [link["id"]],
                                                  "problems": []}
    assert download_sha(link["url"])[0] == 404
    assert cli("links", "list", "--json").json()["links"][0]["state"] == "purged"


def test_upload_of_a_missing_file_exits_2_in_words(cli: Cli, account: str, tmp_path: Path,
                                                   s3_server: S3Server) -> None:
    args, secret = add_args("s3", s3_server)
    cli("storage", "add", "--account", account, *args, "--secret-stdin", input=secret + "\n")
    result = cli("links", "upload", str(tmp_path / "nope.pdf"), "--account", account)
    assert result.code == 2 and "nope.pdf is no longer on the disk" in result.err
    assert "Traceback" not in result.err


def test_wrong_credentials_exit_3_keep_the_upload_and_retry_finishes_it(
    cli: Cli, account: str, tmp_path: Path, nextcloud_server: NextcloudServer
) -> None:
    args, _ = add_args("nextcloud", nextcloud_server)
    cli("storage", "add", "--account", account, *args, "--secret-stdin", input="Wrong-pw-55\n")
    path = tmp_path / "samples.zip"
    digest = write_random(path, 2 * MiB)

    failed = cli("links", "upload", str(path), "--account", account)

    assert failed.code == 3 and "refused the user name or password" in failed.err
    assert "Wrong-pw-55" not in failed.err + failed.out and "links retry 1" in failed.err
    (upload,) = cli("links", "uploads", "--json").json()["uploads"]
    assert upload["state"] == "failed" and "refused" in upload["error"]
    from client.profile import secrets

    storage_id = cli("storage", "list", "--json").json()["storages"][0]["id"]
    secrets.set_storage_secret(storage_id, account, nextcloud_server.password)
    retried = cli("links", "retry", str(upload["id"]), "--json")
    assert retried.code == 0 and retried.json()["link"]["sha256"] == digest


# --------------------------------------------------------------- 200 MB, killed and resumed
def _run(env: dict[str, str], *args: str, input: str = "") -> subprocess.CompletedProcess[str]:
    return subprocess.run([*console_script(), *args], input=input, capture_output=True, text=True,
                          env=env, cwd=REPO_ROOT, timeout=300, check=False)


@pytest.mark.slow
@pytest.mark.parametrize(("kind", "crash_after"), [("nextcloud", 6), ("s3", 12)])
def test_a_killed_200mb_upload_resumes_without_resending_finished_parts(
    kind: str, crash_after: int, account: str, process_env: dict[str, str],
    file_200mb: tuple[Path, str], request: pytest.FixtureRequest,
) -> None:
    server = request.getfixturevalue(f"{kind}_server")
    path, digest = file_200mb
    args, secret = add_args(kind, server)
    added = _run(process_env, "storage", "add", "--account", account, *args, "--secret-stdin",
                 input=secret + "\n")
    assert added.returncode == 0, added.stderr
    crashing = dict(process_env, TRADEWIND_TEST_CRASH_AT=f"upload-part-{crash_after}")

    killed = _run(crashing, "links", "upload", str(path), "--account", account)
    assert killed.returncode == -signal.SIGKILL
    store = Store.open(Profile.resolve().database)
    confirmed = store.conn.execute("SELECT count(*), sum(size) FROM upload_parts").fetchone()
    store.close()
    assert confirmed[0] >= 1 and confirmed[1] < path.stat().st_size
    server.counter.reset()

    resumed = _run(process_env, "links", "upload", str(path), "--account", account, "--json")

    assert resumed.returncode == 0, resumed.stderr
    import json

    doc = json.loads(resumed.stdout)
    assert doc["link"]["sha256"] == digest and doc["upload_id"] == 1
    # exactly the parts the cache had not recorded as confirmed were sent again, each once
    assert server.counter.by_method.get("PUT", 0) == path.stat().st_size - confirmed[1]
    assert download_sha(doc["link"]["url"]) == (200, digest)


@pytest.mark.parametrize("kind", ["nextcloud", "s3"])
def test_killed_after_the_server_assembled_the_file_the_restart_sends_nothing_again(
    kind: str, account: str, process_env: dict[str, str], tmp_path: Path,
    request: pytest.FixtureRequest,
) -> None:
    server = request.getfixturevalue(f"{kind}_server")
    path = tmp_path / "quotation.pdf"
    digest = write_random(path, 20 * MiB)
    args, secret = add_args(kind, server)
    assert _run(process_env, "storage", "add", "--account", account, *args, "--secret-stdin",
                input=secret + "\n").returncode == 0
    crashing = dict(process_env, TRADEWIND_TEST_CRASH_AT="upload-remote-complete")
    killed = _run(crashing, "links", "upload", str(path), "--account", account)
    assert killed.returncode == -signal.SIGKILL
    server.counter.reset()

    resumed = _run(process_env, "links", "upload", str(path), "--account", account, "--json")

    assert resumed.returncode == 0, resumed.stderr
    import json

    doc = json.loads(resumed.stdout)
    assert doc["upload_id"] == 1 and doc["link"]["sha256"] == digest
    assert server.counter.by_method.get("PUT", 0) == 0
    assert download_sha(doc["link"]["url"]) == (200, digest)


@pytest.mark.slow
def test_a_killed_200mb_webdav_upload_restarts_the_file_and_the_link_serves_it(
    account: str, process_env: dict[str, str], file_200mb: tuple[Path, str],
    wsgidav_server: WsgiDavServer,
) -> None:
    path, digest = file_200mb
    args, secret = add_args("webdav", wsgidav_server)
    assert _run(process_env, "storage", "add", "--account", account, *args, "--secret-stdin",
                input=secret + "\n").returncode == 0
    proc = subprocess.Popen([*console_script(), "links", "upload", str(path), "--account", account],
                            env=process_env, cwd=REPO_ROOT, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)
    halfway = threading.Event()
    wsgidav_server.counter.reset()
    wsgidav_server.counter.on_read = lambda total: halfway.set() if total > 60 * MiB else None
    try:
        assert halfway.wait(120)
        os.kill(proc.pid, signal.SIGKILL)
    finally:
        proc.wait(30)
        wsgidav_server.counter.on_read = None

    resumed = _run(process_env, "links", "upload", str(path), "--account", account, "--json")

    assert resumed.returncode == 0, resumed.stderr
    import json

    doc = json.loads(resumed.stdout)
    assert doc["upload_id"] == 1 and doc["link"]["sha256"] == digest
    assert download_sha(doc["link"]["url"]) == (200, digest)


@pytest.mark.slow
def test_a_200mb_upload_to_nginx_serves_the_same_bytes(
    cli: Cli, account: str, file_200mb: tuple[Path, str], nginx_server: Any
) -> None:
    path, digest = file_200mb
    args, secret = add_args("webdav", nginx_server)
    assert cli("storage", "add", "--account", account, *args, "--secret-stdin",
               input=secret + "\n").code == 0
    result = cli("links", "upload", str(path), "--account", account, "--json")
    assert result.code == 0, result.err
    assert download_sha(result.json()["link"]["url"]) == (200, digest)
