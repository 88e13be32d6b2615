"""The wizard's company-signature step on its own: each refusal in words, nothing changed,
the policy in force offered to keep; Chinese and Arabic variants named in their own script."""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from client.signatures import provision
from client.store.db import Store
from tests.client.signatures.fixtures import HttpsServer, Keys
from ui.qt.tasks import wait_for_background_tasks
from ui.wizard.signature_jobs import PolicyKey, check, refusal
from ui.wizard.signature_step import SignatureStep

REP = "omar.haddad@company.example"


@pytest.fixture
def db(empty_profile_db: Path) -> Path:
    return empty_profile_db


@pytest.fixture
def step(qtbot, db: Path) -> Iterator[SignatureStep]:  # type: ignore[no-untyped-def]
    widget = SignatureStep()
    qtbot.addWidget(widget)
    widget.show()
    with qtbot.waitSignal(widget.stepFinished) as looked:
        widget.start(db, REP)
    assert looked.args == ["none"]
    yield widget
    wait_for_background_tasks()


def _check(qtbot, step: SignatureStep, location: str, key: str = "", pasted: str = "") -> str:  # type: ignore[no-untyped-def]
    step.location_field.setText(location)
    step.key_file_field.setText(key)
    step.key_text.setPlainText(pasted)
    with qtbot.waitSignal(step.stepFinished, timeout=20000) as done:
        step.check_button.click()
    return str(done.args[0])


def test_valid_policy_names_the_template_and_its_language_variants(qtbot, step: SignatureStep, make_policy: Callable[..., Path], keys: Keys, db: Path) -> None:  # type: ignore[no-untyped-def]
    assert _check(qtbot, step, str(make_policy()), str(keys.public)) == "checked"
    words = step.result_detail.text()
    assert "gets the template “global”" in words and "Replies get a shorter form." in words
    assert "中文 (zh)" in words and "العربية (ar)" in words
    assert step.checked is not None and step.checked.problem is None  # Omar is in the directory
    with Store.open(db) as store:
        assert provision.source(store) is None


@pytest.mark.parametrize("damage, kind, words", [
    ("schema", "schema", "schema version 2"),
    ("logo", "logo", "logo.png is listed in the signed manifest but missing"),
    ("gone", "unreachable", "cannot be found"),
    ("unsigned", "signature", "not signed"),
])
def test_refusals_are_said_in_words_and_change_nothing(qtbot, step: SignatureStep, make_policy: Callable[..., Path], keys: Keys, db: Path, tmp_path: Path, damage: str, kind: str, words: str) -> None:  # type: ignore[no-untyped-def]
    if damage == "schema":
        directory = make_policy(edit=lambda p, d: p.update(schema_version=2))
    elif damage == "unsigned":
        directory = make_policy(sign=False)
    else:
        directory = make_policy()
    if damage == "logo":
        (directory / "logo.png").unlink()
    if damage == "gone":
        shutil.move(directory, tmp_path / "unmounted")
    assert _check(qtbot, step, str(directory), str(keys.public)) == "refused"
    assert step.last_refusal == kind
    assert words in step.result_detail.text() and "Nothing was changed." in \
        step.result_detail.text()
    assert step.result_title.text()  # a title in words for each kind
    with qtbot.waitSignal(step.stepFinished) as installed:
        step.install(lambda ok: None)
    assert installed.args == ["refused"]
    with Store.open(db) as store:
        assert provision.source(store) is None


def test_wrong_or_missing_key_is_refused(qtbot, step: SignatureStep, make_policy: Callable[..., Path], other_keys: Keys) -> None:  # type: ignore[no-untyped-def]
    directory = str(make_policy())
    assert _check(qtbot, step, directory, pasted=other_keys.public.read_text()) == "refused"
    assert step.last_refusal == "signature" and "signed with key" in step.result_detail.text()
    assert _check(qtbot, step, directory) == "refused"
    assert "public key" in step.result_detail.text() and step.last_refusal == "key"
    assert _check(qtbot, step, "", str(other_keys.public)) == "refused"
    assert step.last_refusal == "location"


def test_https_location_is_checked_with_the_system_trust_store(qtbot, step: SignatureStep, make_policy: Callable[..., Path], keys: Keys, https_policy_server: HttpsServer, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    shutil.copytree(make_policy(), https_policy_server.root / "signature")
    url = https_policy_server.url + "signature/"
    assert _check(qtbot, step, url, str(keys.public)) == "refused"  # the test CA is not trusted
    assert step.last_refusal == "location" and "certificate" in step.result_detail.text()
    monkeypatch.setenv("SSL_CERT_FILE", str(https_policy_server.ca_file))
    assert _check(qtbot, step, url, str(keys.public)) == "checked", step.result_detail.text()
    assert step.checked is not None and step.checked.location == url
    assert "/signature/signature.json" in https_policy_server.requests


def test_policy_in_force_is_offered_to_keep_and_install_is_idempotent(qtbot, db: Path, make_policy: Callable[..., Path], keys: Keys) -> None:  # type: ignore[no-untyped-def]
    directory = make_policy()
    with Store.open(db) as store:
        provision.use_policy(store, str(directory), keys.public.read_bytes())
    step = SignatureStep()
    qtbot.addWidget(step)
    with qtbot.waitSignal(step.stepFinished) as looked:
        step.start(db, "someone.new@company.example")
    assert looked.args == ["current"] and step.keeps_current() and not step.wants_install()
    assert "needs full_name, title" in step.current_label.text()  # not in the directory yet
    step.replace_choice.setChecked(True)
    step.location_field.setText(str(directory))
    step.key_file_field.setText(str(keys.public))
    for _ in range(2):
        outcomes: list[bool] = []
        with qtbot.waitSignal(step.stepFinished) as installed:
            step.install(outcomes.append)
        assert installed.args == ["installed"] and outcomes == [True]
    with Store.open(db) as store:
        assert provision.policy_in_force(store) is not None
    wait_for_background_tasks()


def test_refusal_kinds_without_qt(make_policy: Callable[..., Path], keys: Keys) -> None:
    summary = check(str(make_policy()), PolicyKey(file=str(keys.public)),
                    "anna@us.company.example")
    assert summary.template == "us" and summary.problem is None
    assert refusal(RuntimeError("boom")) == "other"


def test_step_and_settings_tab_speak_chinese(qtbot, qapp) -> None:  # type: ignore[no-untyped-def]
    from ui.qt.i18n import install_translators
    from ui.settings.signature_tab import SignatureTab
    from ui.settings.values import SettingsSnapshot, SyncSettings

    assert install_translators(qapp, "zh_CN")
    try:
        step = SignatureStep()
        qtbot.addWidget(step)
        assert step.check_button.text() == "检查" and step.keep_choice.text() == "保留当前生效的策略"
        tab = SignatureTab(lambda name: name)
        qtbot.addWidget(tab)
        tab.fill(SettingsSnapshot((), SyncSettings(), "system"))
        texts = [label.text() for label in tab.findChildren(type(step.result_title))]
        assert "此配置文件未配置公司签名策略，因此这里无需填写。" in texts
    finally:
        install_translators(qapp, "en")


@pytest.fixture
def chinese(qapp) -> Iterator[None]:  # type: ignore[no-untyped-def]
    from ui.qt.i18n import install_translators

    assert install_translators(qapp, "zh_CN")
    yield
    install_translators(qapp, "en")


@pytest.mark.parametrize("damage, kind, title, words", [
    ("schema", "schema", "格式版本", "policy.json 使用的格式版本 2 是此版本 Tradewind 无法识别的"),
    ("logo", "logo", "徽标", "logo.png 列在已签署的清单中，但文件不存在。"),
    ("changed", "signature", "数字签名无效", "policy.json 在策略签署后被修改过"),
    ("gone", "unreachable", "无法访问", "找不到签名策略文件夹"),
    ("unsigned", "signature", "数字签名无效", "签名策略未经签署（缺少 signature.json）"),
    ("wrong-key", "signature", "数字签名无效", "不是本客户端的密钥"),
    ("bad-manifest", "signature", "数字签名无效", "signature.json 不是有效的 JSON："),
    ("no-key", "key", "公钥", "请选择公司的公钥文件，或直接粘贴公钥。"),
    ("no-location", "location", "策略位置", "请输入公司存放签名策略的位置"),
])
def test_refusals_in_chinese_are_told_apart_by_their_code(qtbot, chinese: None, step: SignatureStep, make_policy: Callable[..., Path], keys: Keys, other_keys: Keys, tmp_path: Path, damage: str, kind: str, title: str, words: str) -> None:  # type: ignore[no-untyped-def]
    """The core's words are Chinese here, so a wizard that matched English text would get
    every kind wrong; it branches on ``PolicyError.code``."""
    if damage == "schema":
        directory = make_policy(edit=lambda p, d: p.update(schema_version=2))
    elif damage == "unsigned":
        directory = make_policy(sign=False)
    else:
        directory = make_policy()
    if damage == "logo":
        (directory / "logo.png").unlink()
    if damage == "changed":
        policy = directory / "policy.json"
        policy.write_text(policy.read_text().replace("global", "globa1", 1))
    if damage == "gone":
        shutil.move(directory, tmp_path / "unmounted")
    if damage == "bad-manifest":
        (directory / "signature.json").write_text("{not json")
    location = "" if damage == "no-location" else str(directory)
    key = "" if damage == "no-key" else str(
        (other_keys if damage == "wrong-key" else keys).public)
    assert _check(qtbot, step, location, key) == "refused"
    assert step.last_refusal == kind
    assert title in step.result_title.text(), step.result_title.text()
    assert words in step.result_detail.text(), step.result_detail.text()
    assert step.result_detail.text().endswith("未做任何更改。")


def test_what_an_address_still_needs_is_said_in_chinese(make_policy: Callable[..., Path], keys: Keys) -> None:
    from client import i18n

    i18n.set_language("zh_CN")
    try:
        summary = check(str(make_policy()), PolicyKey(file=str(keys.public)),
                        "someone.new@company.example")
    finally:
        i18n.set_language("en")
    assert summary.problem is not None
    assert summary.problem.startswith("someone.new@company.example 的公司签名还缺少 full_name, title；")
