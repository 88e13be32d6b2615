"""The account wizard against real Dovecot servers: discovery, failures in words, certificate
trust by fingerprint, the password only in the keyring."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from client.accounts.discover import DiscoveryResult
from client.accounts.manager import format_fingerprint
from client.accounts.presets import ServerSettings
from client.profile import secrets
from client.signatures import provision
from client.store.db import Store
from tests.client.signatures.fixtures import Keys, edit_json
from tests.servers.dovecot import DovecotServer, MailUser, free_port
from tests.servers.submission import SubmissionServer
from tests.support.memory_keyring import MemoryKeyring
from ui.qt.tasks import wait_for_background_tasks
from ui.wizard.dialog import PAGE_SERVERS, PAGE_SIGNATURE, PAGE_TEST, AccountWizard

Discover = Callable[[str], DiscoveryResult | None]


def found_at(server: DovecotServer, smtp_port: int | None = None) -> Discover:
    """Discovery that 'finds' this server (the test bed has no DNS or autoconfig); without
    ``smtp_port`` the outgoing server is a port where nothing listens."""
    def discover(email: str) -> DiscoveryResult:
        port = smtp_port or free_port()
        return DiscoveryResult(email, ServerSettings(server.host, server.imaps_port, "ssl"),
                               ServerSettings(server.host, port, "starttls"), "preset",
                               None, email)
    return discover


def _start(qtbot, wizard: AccountWizard, user: MailUser, password: str) -> str:  # type: ignore[no-untyped-def]
    wizard.name_field.setText("Mei Lin")
    wizard.email_field.setText(user.email)
    wizard.password_field.setText(password)
    wizard.username_field.setText(user.username)  # Dovecot's login name differs from the address
    with qtbot.waitSignal(wizard.stepFinished) as found:
        wizard.next_button.click()
    assert found.args == ["found"]
    with qtbot.waitSignal(wizard.stepFinished, timeout=20000) as tested:
        pass
    return str(tested.args[0])


def test_untrusted_certificate_shows_its_fingerprint_and_trusting_it_passes(qtbot, make_wizard, db: Path, dovecot: DovecotServer, submission: SubmissionServer, smtp_user: MailUser, memory_keyring: MemoryKeyring) -> None:  # type: ignore[no-untyped-def]
    imap_user = smtp_user
    wizard = make_wizard(db, found_at(dovecot, submission.starttls_port))
    assert _start(qtbot, wizard, imap_user, imap_user.password) == "failed"
    assert wizard.pages.currentIndex() == PAGE_TEST
    assert "not trusted" in wizard.test_title.text()
    expected = format_fingerprint(dovecot.cert_sha256)
    assert wizard.fingerprint == expected
    assert expected in wizard.fingerprint_label.text().replace("\n", ":")  # shown on two lines
    assert wizard.trust_button.isVisible() and not wizard.next_button.isEnabled()
    with qtbot.waitSignal(wizard.stepFinished, timeout=20000) as tested:
        wizard.trust_button.click()
    assert tested.args == ["tested"], wizard.test_detail.text()
    assert "Connected" in wizard.test_title.text() and wizard.next_button.isEnabled()
    assert wizard.smtp_problem is None  # the outgoing server (same certificate) logged in too
    assert submission.auth_log, "the wizard logged in to the submission server"
    with qtbot.waitSignal(wizard.signature_step.stepFinished) as looked:
        wizard.next_button.click()  # Continue: the optional company-signature step
    assert looked.args == ["none"] and wizard.pages.currentIndex() == PAGE_SIGNATURE
    assert wizard.skip_button.isVisible() and wizard.next_button.text() == "Finish"
    with qtbot.waitSignal(wizard.accountAdded) as added:
        wizard.next_button.click()  # Finish with nothing entered: no policy, like Skip
    assert added.args == [imap_user.email.lower()]
    with Store.open(db) as store:
        account = store.get_account(imap_user.email)
        assert account is not None and account.status == "ok"
        assert account.pinned_sha256 == dovecot.cert_sha256.lower()  # exactly that certificate
        dump = "\n".join(store.conn.iterdump())
        assert provision.source(store) is None  # skipped: the profile has no signature policy
    assert imap_user.email.lower() in dump and imap_user.password not in dump
    assert secrets.get_password(imap_user.email) == imap_user.password  # keyring only


def test_wrong_password_is_explained_and_can_be_corrected(qtbot, make_wizard, db: Path, dovecot: DovecotServer, imap_user: MailUser) -> None:  # type: ignore[no-untyped-def]
    wizard = make_wizard(db, found_at(dovecot))
    assert _start(qtbot, wizard, imap_user, "not-the-password") == "failed"
    with qtbot.waitSignal(wizard.stepFinished, timeout=20000):
        wizard.trust_button.click()  # the test server's certificate comes first
    assert "refused the password" in wizard.test_title.text()
    assert "app password" in wizard.test_detail.text()
    assert not wizard.trust_button.isVisible() and wizard.retry_button.isVisible()
    wizard.password_field.setText(imap_user.password)
    with qtbot.waitSignal(wizard.stepFinished, timeout=20000) as tested:
        wizard.retry_button.click()
    assert tested.args == ["tested"], wizard.test_detail.text()
    assert secrets.get_password(imap_user.email) == imap_user.password
    # nothing listens at the outgoing port: said in words, and the account is still usable
    assert wizard.smtp_problem and "Sending could not be checked" in wizard.test_detail.text()


def test_nothing_found_shows_manual_settings_and_unreachable_server_in_words(qtbot, make_wizard, db: Path) -> None:  # type: ignore[no-untyped-def]
    wizard = make_wizard(db, lambda _email: None)
    wizard.email_field.setText("rep@nowhere.example")
    wizard.password_field.setText("secret")
    with qtbot.waitSignal(wizard.stepFinished):
        wizard.next_button.click()
    assert wizard.pages.currentIndex() == PAGE_SERVERS
    assert "No settings were found for nowhere.example" in wizard.servers_note.text()
    assert wizard.imap_host.text() == "imap.nowhere.example"
    wizard.imap_host.setText("127.0.0.1")
    wizard.imap_port.setValue(free_port())  # nothing listens there
    wizard.smtp_host.setText("127.0.0.1")
    with qtbot.waitSignal(wizard.stepFinished, timeout=20000) as tested:
        wizard.next_button.click()  # Test connection
    assert tested.args == ["failed"]
    assert "cannot be reached" in wizard.test_title.text()
    assert "server name and port" in wizard.test_detail.text()
    with Store.open(db) as store:
        assert store.get_account("rep@nowhere.example") is not None
    wizard.reject()  # Cancel removes what the wizard stored, keyring entry included
    wait_for_background_tasks()
    with Store.open(db) as store:
        assert store.get_account("rep@nowhere.example") is None
    assert secrets.get_password("rep@nowhere.example") is None


def test_missing_password_and_bad_address_are_refused_before_anything_runs(qtbot, make_wizard, db: Path) -> None:  # type: ignore[no-untyped-def]
    wizard = make_wizard(db, lambda _email: pytest.fail("no lookup for bad input"))
    wizard.email_field.setText("rep-at-company")
    wizard.password_field.setText("x")
    wizard.next_button.click()
    assert "full e-mail address" in wizard.account_error.text()
    wizard.email_field.setText("rep@company.example")
    wizard.password_field.setText("")
    wizard.next_button.click()
    assert "password" in wizard.account_error.text()
    wait_for_background_tasks()


def test_ask_for_manual_settings_even_when_discovery_finds_some(qtbot, make_wizard, db: Path) -> None:  # type: ignore[no-untyped-def]
    def discover(email: str) -> DiscoveryResult:
        return DiscoveryResult(email, ServerSettings("imap.company.example", 143, "starttls"),
                               ServerSettings("smtp.company.example", 587, "starttls"), "srv",
                               None, email)

    wizard = make_wizard(db, discover)
    wizard.email_field.setText("rep@company.example")
    wizard.password_field.setText("secret")
    with qtbot.waitSignal(wizard.stepFinished):
        wizard.manual_button.click()
    assert wizard.pages.currentIndex() == PAGE_SERVERS
    form = wizard.form()
    assert (form.imap_host, form.imap_port, form.imap_security) == (
        "imap.company.example", 143, "starttls")
    assert (form.smtp_host, form.smtp_port, form.smtp_security) == (
        "smtp.company.example", 587, "starttls")
    with Store.open(db) as store:
        assert store.list_accounts() == []  # nothing stored before the test step


def _to_signature_step(qtbot, wizard: AccountWizard, user: MailUser) -> str:  # type: ignore[no-untyped-def]
    """Log in (trusting the test server's certificate), then Continue to the signature step."""
    assert _start(qtbot, wizard, user, user.password) == "failed"  # the certificate comes first
    with qtbot.waitSignal(wizard.stepFinished, timeout=20000) as tested:
        wizard.trust_button.click()
    assert tested.args == ["tested"], wizard.test_detail.text()
    assert "Continue" in wizard.test_detail.text() and wizard.next_button.text() == "Continue"
    with qtbot.waitSignal(wizard.signature_step.stepFinished) as looked:
        wizard.next_button.click()
    assert wizard.pages.currentIndex() == PAGE_SIGNATURE
    return str(looked.args[0])


def _in_directory(email: str) -> Callable[[dict[str, Any], dict[str, Any]], None]:
    def edit(_policy: dict[str, Any], directory: dict[str, Any]) -> None:
        directory["people"][email.lower()] = {
            "full_name": "Wang Fang", "title": "Shipping Coordinator",
            "department": "Logistics", "languages": {"zh": {"full_name": "王芳"}}}
    return edit


def test_signature_step_checks_then_provisions_a_signed_policy(qtbot, make_wizard, db: Path, dovecot: DovecotServer, imap_user: MailUser, make_policy, keys: Keys) -> None:  # type: ignore[no-untyped-def]
    policy_dir = make_policy(edit=_in_directory(imap_user.email))
    wizard = make_wizard(db, found_at(dovecot))
    assert _to_signature_step(qtbot, wizard, imap_user) == "none"
    step = wizard.signature_step
    assert not step.keep_choice.isVisible() and not step.current_label.isVisible()
    step.location_field.setText(str(policy_dir))
    step.key_file_field.setText(str(keys.public))
    with qtbot.waitSignal(step.stepFinished, timeout=20000) as checked:
        step.check_button.click()
    assert checked.args == ["checked"], step.result_detail.text()
    assert "Valid policy of Tradewind Trading Co., Ltd. (schema version 1)" in \
        step.result_title.text()
    assert "gets the template “logistics”" in step.result_detail.text()
    with Store.open(db) as store:
        assert provision.source(store) is None  # Check keeps nothing
    with qtbot.waitSignal(wizard.accountAdded, timeout=20000):
        wizard.next_button.click()  # Finish installs, then closes
    assert step.result_detail.text().endswith("It is now in force for this profile.")
    with Store.open(db) as store:
        source = provision.source(store)
        assert source is not None and source.location == str(policy_dir.resolve())
        bundle = provision.policy_in_force(store)
        assert bundle is not None and bundle.directory.person(imap_user.email) is not None


def test_signature_step_refuses_a_tampered_policy_and_keeps_the_one_in_force(qtbot, make_wizard, db: Path, dovecot: DovecotServer, imap_user: MailUser, make_policy, keys: Keys) -> None:  # type: ignore[no-untyped-def]
    good = make_policy("good")
    with Store.open(db) as store:
        provision.use_policy(store, str(good), keys.public.read_bytes())
    tampered = make_policy("tampered", edit=_in_directory(imap_user.email))
    edit_json(tampered / "directory.json",
              lambda d: d["people"]["anna.li@company.example"].update(title="CEO"))
    wizard = make_wizard(db, found_at(dovecot))
    assert _to_signature_step(qtbot, wizard, imap_user) == "current"
    step = wizard.signature_step
    assert "already uses the company signature policy of Tradewind Trading Co., Ltd." in \
        step.current_label.text() and str(good) in step.current_label.text()
    assert step.keep_choice.isChecked() and not step.location_field.isEnabled()
    step.replace_choice.setChecked(True)
    step.location_field.setText(str(tampered))
    step.key_text.setPlainText(keys.public.read_text())  # pasted instead of a file
    with qtbot.waitSignal(step.stepFinished, timeout=20000) as checked:
        step.check_button.click()
    assert checked.args == ["refused"] and step.last_refusal == "signature"
    assert "signature is not valid" in step.result_title.text()
    assert "directory.json was changed after the policy was signed" in step.result_detail.text()
    assert "The policy in force stays in force." in step.result_detail.text()
    with qtbot.waitSignal(step.stepFinished, timeout=20000) as finished:
        wizard.next_button.click()  # Finish tries to install it: refused, the wizard stays open
    assert finished.args == ["refused"] and wizard.isVisible()
    with Store.open(db) as store:
        source = provision.source(store)
        assert source is not None and source.location == str(good)
        assert provision.policy_in_force(store) is not None
    with qtbot.waitSignal(wizard.accountAdded):
        wizard.skip_button.click()  # Skip: the account is added, the old policy stays
    with Store.open(db) as store:
        source = provision.source(store)
        assert source is not None and source.location == str(good)


@pytest.fixture
def chinese(qapp) -> Iterator[None]:  # type: ignore[no-untyped-def]
    from ui.qt.i18n import install_translators

    assert install_translators(qapp, "zh_CN")
    yield
    install_translators(qapp, "en")


def test_in_chinese_the_certificate_reason_and_the_refused_password_are_in_chinese(qtbot, chinese: None, make_wizard, db: Path, dovecot: DovecotServer, imap_user: MailUser) -> None:  # type: ignore[no-untyped-def]
    """Real Dovecot: its test certificate (unknown CA), then a wrong password. Titles, the
    core's details and the advice are all Chinese, and the wizard still tells the two apart
    (typed errors: it shows the fingerprint and Trust only for the certificate)."""
    wizard = make_wizard(db, found_at(dovecot))
    assert _start(qtbot, wizard, imap_user, "错误的密码-wrong") == "failed"
    assert wizard.test_title.text() == "这台电脑不信任该服务器的证书。"
    assert wizard.test_detail.text().startswith("该证书由这台电脑不认识的机构颁发\n\n只有在 IT 部门")
    assert wizard.trust_button.isVisible() and wizard.fingerprint is not None
    with qtbot.waitSignal(wizard.stepFinished, timeout=20000) as tested:
        wizard.trust_button.click()
    assert tested.args == ["failed"]
    assert wizard.test_title.text() == "服务器拒绝了密码（或用户名）。"
    where = f"{dovecot.host}:{dovecot.imaps_port}"
    assert wizard.test_detail.text().startswith(f"服务器 {where} 拒绝了用户名或密码。\n\n请检查密码")
    assert "错误的密码" not in wizard.test_detail.text()
    assert not wizard.trust_button.isVisible() and wizard.retry_button.isVisible()
    wizard.password_field.setText(imap_user.password)
    with qtbot.waitSignal(wizard.stepFinished, timeout=20000) as tested:
        wizard.retry_button.click()
    assert tested.args == ["tested"], wizard.test_detail.text()
    # nothing listens at the outgoing port: the SMTP check's words are Chinese too
    assert wizard.smtp_problem and wizard.smtp_problem.startswith(
        f"无法连接邮件服务器 {dovecot.host}:")
    assert wizard.smtp_problem in wizard.test_detail.text()


def test_in_chinese_an_unreachable_server_is_said_in_chinese(qtbot, chinese: None, make_wizard, db: Path) -> None:  # type: ignore[no-untyped-def]
    wizard = make_wizard(db, lambda _email: None)
    wizard.email_field.setText("rep@nowhere.example")
    wizard.password_field.setText("secret")
    with qtbot.waitSignal(wizard.stepFinished):
        wizard.next_button.click()
    wizard.imap_host.setText("127.0.0.1")
    port = free_port()  # nothing listens there
    wizard.imap_port.setValue(port)
    wizard.smtp_host.setText("127.0.0.1")
    with qtbot.waitSignal(wizard.stepFinished, timeout=20000) as tested:
        wizard.next_button.click()
    assert tested.args == ["failed"]
    assert wizard.test_title.text() == "无法连接到服务器。"
    assert wizard.test_detail.text().startswith(f"无法连接到 127.0.0.1:{port}：")
    assert wizard.test_detail.text().endswith("请检查服务器名称、端口以及网络连接。")
    wizard.reject()


def test_explain_branches_on_the_error_code_not_the_words() -> None:
    from client.imap import (
        AuthenticationError,
        PasswordNotSaved,
        ProtocolError,
        ServerUnavailable,
        TLSVerificationError,
    )
    from ui.wizard.jobs import explain

    cases = [
        (TLSVerificationError("证书", "AB:CD", "该证书已过期"), "certificate", "该证书已过期"),
        (AuthenticationError("服务器拒绝了用户名或密码。"), "password", "服务器拒绝了用户名或密码。"),
        (PasswordNotSaved("系统钥匙串中没有保存密码。"), "password", "系统钥匙串中没有保存密码。"),
        (ServerUnavailable("服务器响应超时。"), "unreachable", "服务器响应超时。"),
        (ProtocolError("服务器拒绝了 STARTTLS。"), "protocol", "服务器拒绝了 STARTTLS。"),
        (secrets.KeyringUnavailableError("无法安全地保存密码"), "account", "无法安全地保存密码"),
    ]
    for exc, title, detail in cases:
        why = explain(exc, "imap.example.com", 993)
        assert (why.title, why.detail) == (title, detail), exc
    assert explain(cases[0][0], "h", 1).fingerprint == "AB:CD"
    assert explain(RuntimeError("boom"), "h", 1).title == "other"
