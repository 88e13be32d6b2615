"""How to sign in at providers whose "safe login" refuses the web password (Chinese
providers), and recognising their refusal text. Pure data and pure functions; any thread.

QQ Mail and Tencent Exmail accept only an authorization code (授权码) in mail clients since
November 2022 (Tencent's notice, reported publicly); NetEase 163/126 and NetEase Qiye use a
client authorization code (客户端授权密码 / 授权码); Alibaba Mail a client-only password
(客户端专用密码, "三方客户端安全密码"). Where to get each is from the providers' help pages as
quoted in public guides; the exact refusal wordings below are the ones seen in public reports
and are matched as case-insensitive fragments (not verified against the live servers here).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Advice:
    en: str
    zh_cn: str
    #: lower-case fragments of the server's refusal that mean "use the code, not the password"
    markers: tuple[str, ...]

    def text(self, language: str = "en") -> str:
        return self.zh_cn if language.lower().replace("-", "_").startswith("zh") else self.en


_TENCENT_MARKERS = ("authorized code", "authorization code", "授权码", "login fail", "-errqq")
ADVICE: dict[str, Advice] = {
    "qq": Advice(
        en="QQ Mail's safe login needs an authorization code (授权码) instead of your QQ "
           "password: in QQ Mail on the web open Settings → Account, turn on the IMAP/SMTP "
           "service, choose \"Generate authorization code\" and enter that 16-character code "
           "as the password here.",
        zh_cn="QQ 邮箱的安全登录要求在客户端使用授权码，而不是 QQ 密码：请在网页版 QQ 邮箱中打开"
              "“设置 → 账户”，开启 IMAP/SMTP 服务，点击“生成授权码”，然后在这里把 16 位授权码当作密码输入。",
        markers=_TENCENT_MARKERS),
    "tencent-exmail": Advice(
        en="Tencent Exmail's safe login needs a client-only password (客户端专用密码) instead of "
           "your web password: in Exmail on the web open Settings → Client settings (or WeChat "
           "binding → Security), generate a client-only password and enter it here.",
        zh_cn="腾讯企业邮开启安全登录后，客户端须使用客户端专用密码，而不是网页登录密码：请在网页版企业邮"
              "“设置 → 客户端设置”（或“微信绑定 → 安全登录”）中生成客户端专用密码，并在这里输入。",
        markers=(*_TENCENT_MARKERS, "客户端专用密码", "client-specific password")),
    "netease": Advice(
        en="NetEase Mail (163/126) needs a client authorization code (授权码) instead of your "
           "web password: in the web mail open Settings → POP3/SMTP/IMAP, turn on IMAP/SMTP, "
           "add an authorization code and enter it here.",
        zh_cn="网易邮箱（163/126）要求客户端使用授权码，而不是网页登录密码：请在网页版邮箱“设置 → "
              "POP3/SMTP/IMAP”中开启 IMAP/SMTP 服务并新增授权码，然后在这里输入授权码。",
        markers=("unsafe login", "authorization code", "授权码", "authentication failed")),
    "netease-qiye": Advice(
        en="NetEase Qiye's safe login needs a client authorization code (客户端授权码) instead "
           "of your web password: in the web mail open Settings → Client settings, turn on the "
           "client authorization code and enter it here.",
        zh_cn="网易企业邮箱开启安全登录后，客户端须使用客户端授权码，而不是网页登录密码：请在网页版"
              "“设置 → 客户端设置”中开启并生成客户端授权码，然后在这里输入。",
        markers=("unsafe login", "authorization code", "授权码", "authentication failed")),
    "alibaba": Advice(
        en="Alibaba Mail's safe login needs a client-only password (客户端专用密码) instead of "
           "your web password: in Alibaba Mail on the web open Settings → Account and security "
           "→ Client-only password, generate one and enter it here.",
        zh_cn="阿里邮箱开启安全登录后，客户端须使用客户端专用密码（三方客户端安全密码），而不是网页登录密码："
              "请在网页版阿里邮箱“设置 → 账户与安全 → 客户端专用密码”中生成，并在这里输入。",
        markers=("客户端专用密码", "安全密码", "client-only password", "passerr",
                 "authentication failed")),
}


def advice_for(preset_key: str | None, language: str = "en") -> str | None:
    """What the wizard says for this preset before the rep types a password, or None."""
    advice = ADVICE.get(preset_key or "")
    return advice.text(language) if advice else None


def advice_for_refusal(preset_key: str | None, refusal: str, language: str = "en") -> str | None:
    """The advice again when `refusal` (the server's words) is the provider's "use the
    authorization code" refusal; None otherwise."""
    advice = ADVICE.get(preset_key or "")
    if advice is None:
        return None
    text = refusal.lower()
    return advice.text(language) if any(m in text for m in advice.markers) else None
