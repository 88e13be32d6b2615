"""The reply attribution line and the forward header block in English and Simplified Chinese,
through the core functions, the composer's fields and the CLI's --lang."""

from __future__ import annotations

import email
from collections.abc import Callable
from datetime import UTC, datetime, timedelta, timezone
from email import policy
from pathlib import Path

from client.compose.actions import forward_fields, reply_fields
from client.compose.headers import Recipient
from client.compose.quote_language import attribution_line, quote_date, words_for
from client.compose.reply import (
    Original,
    forward_header_block,
    forward_html,
    quote_html,
    quote_text,
)
from client.demo import build_demo_profile
from client.profile.paths import DATABASE_NAME
from client.smtp.outbox import Outbox
from client.store.db import Store
from tests.client.cli.fixtures import CliResult

BEIJING = timezone(timedelta(hours=8))
WANG = Recipient("Wang Wei", "wang.wei@importer.cn")


def _original(**kw: object) -> Original:
    base: dict[str, object] = dict(
        sender=(WANG,), to=(Recipient("Anna", "anna@company.example"),),
        cc=(Recipient("", "sales@company.example"),), reply_to=(), subject="询价 LED panels",
        date=datetime(2026, 11, 27, 6, 5, tzinfo=UTC), message_id="m1@importer.cn",
        references=(), text="请报价\nFOB Ningbo",
    )
    base.update(kw)
    return Original(**base)  # type: ignore[arg-type]


def test_attribution_in_chinese_with_a_chinese_date() -> None:
    assert quote_text(_original(), "zh_CN", BEIJING).splitlines()[0] == (
        "2026年11月27日 14:05，Wang Wei <wang.wei@importer.cn> 写道：")
    html = quote_html(_original(), "zh_CN", BEIJING)
    assert "2026年11月27日 14:05，Wang Wei &lt;wang.wei@importer.cn&gt; 写道：" in html


def test_attribution_in_english_by_default() -> None:
    first = quote_text(_original(), zone=BEIJING).splitlines()[0]
    assert first.startswith("On Nov 27, 2026, 2:05") and first.endswith(
        "PM, Wang Wei <wang.wei@importer.cn> wrote:")
    assert "写道" not in quote_html(_original(), "en", BEIJING)


def test_unknown_date_and_unknown_language() -> None:
    assert attribution_line("Wang Wei", None, "zh_CN") == "Wang Wei 写道："
    assert attribution_line("Wang Wei", None, "xx_NOPE") == "Wang Wei wrote:"
    assert words_for("zh-Hans") is words_for("zh_CN") and words_for("ko") is words_for("en")
    assert quote_date(None, "zh_CN") == ""
    assert quote_date(datetime(2026, 11, 27, 6, 5, tzinfo=UTC), "en_GB", UTC) == "27 Nov 2026, 06:05"


def test_forward_header_block_in_both_languages() -> None:
    zh = forward_header_block(_original(), "zh_CN", BEIJING).splitlines()
    assert zh[:5] == ["---------- 转发的邮件 ----------",
                      "发件人：Wang Wei <wang.wei@importer.cn>", "日期：2026年11月27日 14:05",
                      "主题：询价 LED panels", "收件人：Anna <anna@company.example>"]
    assert zh[5] == "抄送：sales@company.example"
    en = forward_header_block(_original(cc=()), "en", BEIJING).splitlines()
    assert en[0] == "---------- Forwarded message ----------" and en[1].startswith("From: Wang")
    assert en[3] == "Subject: 询价 LED panels" and not any(line.startswith("Cc") for line in en)
    html = forward_html(_original(text="<b>x</b>"), "zh_CN", BEIJING)
    assert "发件人：Wang Wei &lt;wang.wei@importer.cn&gt;" in html and "&lt;b&gt;x" in html


def _demo(tmp_path: Path) -> tuple[Path, int]:
    profile = tmp_path / "demo"
    build_demo_profile(profile)
    db = profile / DATABASE_NAME
    with Store.open(db) as store:
        row = next(r for r in store.list_messages(None, 50, 0) if r.from_name)
    return profile, row.id


def test_reply_and_forward_fields_follow_the_language(tmp_path: Path) -> None:
    profile, row = _demo(tmp_path)
    with Store.open(profile / DATABASE_NAME) as store:
        zh_reply = reply_fields(store, row, language="zh_CN")
        en_reply = reply_fields(store, row)
        zh_forward = forward_fields(store, row, language="zh_CN")
    assert "写道：" in (zh_reply.quote_text or "") and "写道：" in (zh_reply.quote_html or "")
    assert "wrote:" in (en_reply.quote_text or "") and "写道" not in (en_reply.quote_html or "")
    assert (zh_forward.quote_text or "").startswith("---------- 转发的邮件 ----------")
    assert "发件人：" in (zh_forward.quote_html or "")


def test_cli_reply_takes_lang(tmp_path: Path, cli: Callable[..., CliResult]) -> None:
    profile, row = _demo(tmp_path)
    for lang in ("zh_CN", None):
        extra = ("--lang", lang) if lang else ()
        result = cli("--profile", str(profile), "reply", str(row), "--queue-only", "--json",
                     *extra)
        assert result.code == 0, result.err
    with Store.open(profile / DATABASE_NAME) as store:
        box = Outbox(store)
        account = store.list_accounts()[0]
        zh, en = (email.message_from_bytes(box.raw(i.id), policy=policy.default)
                  for i in box.items(account.id))
    zh_text = zh.get_body(("plain",)).get_content()  # type: ignore[union-attr]
    en_text = en.get_body(("plain",)).get_content()  # type: ignore[union-attr]
    assert "写道：" in zh_text and "wrote:" not in zh_text
    assert "wrote:" in en_text and "写道" not in en_text
