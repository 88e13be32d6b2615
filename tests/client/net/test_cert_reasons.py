"""Certificate refusals in the rep's words, against real Dovecot servers with bad certificates
(checklist T7: expired, wrong host, unknown CA), and a refused password (T10) in Chinese
without the password in it; each error keeps its stable code whatever the language."""

from __future__ import annotations

import traceback
from collections.abc import Iterator

import pytest

from client import i18n
from client.imap import AuthenticationError, Endpoint, ImapSession, TLSVerificationError
from tests.servers.dovecot import DovecotServer, MailUser


@pytest.fixture
def chinese() -> Iterator[None]:
    i18n.set_language("zh_CN")
    yield
    i18n.set_language("en")


def _endpoint(server: DovecotServer, ca: bool = True) -> Endpoint:
    return Endpoint(host=server.host, port=server.imaps_port, security="ssl",
                    ca_file=str(server.ca_file) if ca else None, timeout=20)


@pytest.mark.parametrize("kind, reason", [
    ("expired", "该证书已过期"),
    ("wrong-host", "该证书是为其他服务器地址颁发的"),  # the test bed connects to 127.0.0.1
])
def test_bad_certificates_are_explained_in_chinese(make_dovecot, chinese: None, kind: str,  # type: ignore[no-untyped-def]
                                                    reason: str) -> None:
    server: DovecotServer = make_dovecot(cert=kind)
    user = server.add_user("certuser", "pw-certuser")
    with pytest.raises(TLSVerificationError) as info:
        ImapSession.connect(_endpoint(server), user.username, user.password)
    assert info.value.code == "untrusted-certificate"
    assert info.value.reason == reason
    assert str(info.value).startswith(
        f"{server.host}:{server.imaps_port} 的证书不受信任（{reason}）。其 SHA-256 指纹为 ")


def test_unknown_authority_in_english_by_default(dovecot: DovecotServer,
                                                 imap_user: MailUser) -> None:
    with pytest.raises(TLSVerificationError) as info:
        ImapSession.connect(_endpoint(dovecot, ca=False), imap_user.username, imap_user.password)
    assert info.value.reason == "the certificate was issued by an authority this computer does not know"
    assert "is not trusted (the certificate was issued by an authority" in str(info.value)


def test_a_refused_password_in_chinese_never_shows_the_password(
        dovecot: DovecotServer, imap_user: MailUser, chinese: None) -> None:
    secret = "错误-密码-{where}-pass"
    with pytest.raises(AuthenticationError) as info:
        ImapSession.connect(_endpoint(dovecot), imap_user.username, secret)
    assert info.value.code == "auth-failed"
    assert str(info.value) == f"服务器 {dovecot.host}:{dovecot.imaps_port} 拒绝了用户名或密码。"
    text = "".join(traceback.format_exception(info.value)) + repr(info.value)
    assert secret not in text and "密码-{where}" not in text
