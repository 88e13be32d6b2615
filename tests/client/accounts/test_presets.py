"""Provider presets matched by domain and by MX host."""

from __future__ import annotations

import pytest

from client.accounts.presets import PRESETS, preset_by_key, preset_for_domain, preset_for_mx


@pytest.mark.parametrize(
    ("domain", "key"),
    [("gmail.com", "google"), ("GoogleMail.com.", "google"), ("outlook.com", "microsoft365"),
     ("hotmail.com", "microsoft365"), ("qq.com", "qq"), ("163.com", "netease"),
     ("zoho.com", "zoho-personal"), ("example-trading.com", None)],
)
def test_domain_presets(domain: str, key: str | None) -> None:
    preset = preset_for_domain(domain)
    assert (preset.key if preset else None) == key


@pytest.mark.parametrize(
    ("mx", "key"),
    [
        (["acme-com.mail.protection.outlook.com."], "microsoft365"),
        (["ASPMX.L.GOOGLE.COM", "alt1.aspmx.l.google.com"], "google"),
        (["smtp.google.com"], "google"),
        (["mxbiz1.qq.com", "mxbiz2.qq.com"], "tencent-exmail"),
        (["mx1.qiye.aliyun.com"], "alibaba"),
        (["mxhz.qiye.aliyun.com"], "alibaba"),
        (["mxw.mxhichina.com"], "alibaba"),
        (["qiye163mx01.mxmail.netease.com"], "netease-qiye"),
        (["qiye163mx02.qiye.163.com"], "netease-qiye"),
        (["mx.zoho.com", "mx2.zoho.com"], "zoho"),
        (["mx.zoho.eu"], "zoho-eu"),
        (["mail.example-trading.com", "mxbiz1.qq.com"], "tencent-exmail"),  # first match wins
        (["mail.example-trading.com"], None),
        ([], None),
    ],
)
def test_mx_presets(mx: list[str], key: str | None) -> None:
    preset = preset_for_mx(mx)
    assert (preset.key if preset else None) == key


def test_required_provider_settings() -> None:
    exmail = preset_by_key("tencent-exmail")
    assert exmail and (exmail.imap.host, exmail.imap.port, exmail.smtp.host, exmail.smtp.port) == (
        "imap.exmail.qq.com", 993, "smtp.exmail.qq.com", 465)
    ms = preset_by_key("microsoft365")
    assert ms and ms.smtp.security == "starttls" and ms.imap.security == "ssl"
    assert preset_by_key("netease-qiye").imap.host == "imap.qiye.163.com"  # type: ignore[union-attr]
    assert preset_by_key("alibaba").imap.host == "imap.qiye.aliyun.com"  # type: ignore[union-attr]


def test_every_preset_uses_tls_and_has_unique_key() -> None:
    assert len({p.key for p in PRESETS}) == len(PRESETS)
    for preset in PRESETS:
        assert preset.imap.security in ("ssl", "starttls")
        assert preset.smtp.security in ("ssl", "starttls")
