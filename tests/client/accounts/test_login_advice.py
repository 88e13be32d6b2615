"""Chinese providers' "use the authorization code" advice and its refusal texts; OAuth2 presets."""

from __future__ import annotations

import pytest

from client.accounts.login_advice import advice_for, advice_for_refusal
from client.accounts.presets import preset_by_key, preset_for_domain


@pytest.mark.parametrize("key", ["qq", "tencent-exmail", "netease", "netease-qiye", "alibaba"])
def test_every_chinese_preset_has_advice_in_both_languages(key: str) -> None:
    assert preset_by_key(key) is not None
    english, chinese = advice_for(key, "en"), advice_for(key, "zh_CN")
    assert english and chinese and english != chinese
    assert "授权码" in chinese or "客户端专用密码" in chinese


def test_the_qq_refusal_repeats_the_advice() -> None:
    refusal = "Login fail. Please using authorized code to login. More information at …"
    advice = advice_for_refusal("qq", refusal, "zh_CN")
    assert advice is not None and "授权码" in advice


def test_another_refusal_or_provider_gets_no_advice() -> None:
    assert advice_for_refusal("qq", "Mailbox is full") is None
    assert advice_for_refusal("google", "Login fail. Please using authorized code") is None
    assert advice_for(None) is None


def test_microsoft_and_google_presets_sign_in_with_oauth2() -> None:
    assert preset_for_domain("outlook.com").oauth == "microsoft"  # type: ignore[union-attr]
    assert preset_for_domain("gmail.com").oauth == "google"  # type: ignore[union-attr]
    assert preset_for_domain("qq.com").oauth is None  # type: ignore[union-attr]
