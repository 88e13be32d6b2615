"""A rep whose Tradewind speaks Chinese gets the link-upload errors in Chinese (client.uploads
messages go through client.i18n), from the engine against the real servers and from the CLI;
English stays English. Every message id of client/uploads has a Chinese translation."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_file

from client import i18n
from client.store.db import Store
from client.uploads import config
from client.uploads.engine import FileChanged, UploadEngine
from client.uploads.provider import AuthError
from tests.client.cli.fixtures import CliResult
from tests.client.uploads.conftest import ACCOUNT, StorageMaker
from tests.servers.link_fixtures import MiB, write_random
from tests.servers.nextcloud import NextcloudServer

REPO = Path(__file__).resolve().parents[3]


@pytest.fixture
def chinese() -> Iterator[None]:
    i18n.set_language("zh_CN")
    yield
    i18n.set_language("en")


def test_wrong_credentials_are_refused_in_chinese_and_recorded_so(
    chinese: None, tmp_path: Path, store: Store, engine: UploadEngine, add_storage: StorageMaker
) -> None:
    storage = add_storage("nginx", secret="wrong-Secret-7781")
    path = tmp_path / "offer.pdf"
    write_random(path, 1 * MiB)

    with pytest.raises(AuthError) as raised:
        engine.upload(storage, path)

    message = str(raised.value)
    assert message.startswith("创建文件夹失败：服务器 ") and "拒绝了用户名或密码（401）" in message
    assert "wrong-Secret-7781" not in message
    record = engine.get(raised.value.upload_id)  # type: ignore[arg-type]
    assert record.state == "failed" and record.last_error == message  # kept for the retry


def test_bad_input_is_refused_in_chinese_and_in_english(
    tmp_path: Path, store: Store, engine: UploadEngine, add_storage: StorageMaker
) -> None:
    storage = add_storage("nginx")
    missing = tmp_path / "catalogue.pdf"
    spec = config.StorageSpec("webdav", "ftp://files.example", public_url="https://x.example/",
                              username="rep")
    i18n.set_language("zh_CN")
    try:
        with pytest.raises(FileChanged, match="文件 catalogue.pdf 已不在磁盘上。"):
            engine.upload(storage, missing)
        with pytest.raises(config.StorageConfigError, match="必须是 http:// 或 https:// 地址"):
            config.add_storage(store, ACCOUNT, spec, "secret")
    finally:
        i18n.set_language("en")
    with pytest.raises(FileChanged, match="The file catalogue.pdf is no longer on the disk."):
        engine.upload(storage, missing)


def test_the_cli_says_it_in_chinese(cli: Callable[..., CliResult], tmp_path: Path,
                                    nextcloud_server: NextcloudServer,
                                    profile_dir: Path) -> None:
    from client.profile.config import Profile

    profile = Profile.resolve()
    profile.ensure()
    with Store.open(profile.database) as store:
        store.add_account(ACCOUNT, imap_host="127.0.0.1", imap_port=1, smtp_host="127.0.0.1",
                          smtp_port=1, security="ssl")
    cli("storage", "add", "--account", ACCOUNT, "--kind", "nextcloud", "--url",
        nextcloud_server.url, "--username", nextcloud_server.user, "--secret-stdin",
        input="Wrong-pw-55\n")
    path = tmp_path / "samples.zip"
    write_random(path, 1 * MiB)

    failed = cli("--lang", "zh_CN", "links", "upload", str(path), "--account", ACCOUNT)

    assert failed.code == 3 and "拒绝了用户名或密码" in failed.err
    assert "Traceback" not in failed.err and "Wrong-pw-55" not in failed.err
    bad = cli("--lang", "zh_CN", "storage", "add", "--account", ACCOUNT, "--kind", "webdav",
              "--url", "https://x.example/", "--username", "rep", "--secret-stdin", input="x\n")
    assert bad.code == 2 and "WebDAV 存储需要 --public-url" in bad.err


def test_every_message_of_client_uploads_has_a_chinese_translation() -> None:
    catalog = i18n._catalog("zh_CN")
    ids = [msgid for source in sorted((REPO / "client" / "uploads").glob("*.py"))
           for _line, msgid, _comments, _context in extract_from_file("python", str(source))
           if isinstance(msgid, str)]
    assert len(ids) > 80  # the errors, steps and test descriptions of every provider
    untranslated = [m for m in ids if catalog.gettext(m) == m]
    assert untranslated == []
