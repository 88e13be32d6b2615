"""The wizard's advice for providers whose "safe login" needs an authorization code instead
of the web password (QQ, Tencent Exmail, NetEase, Alibaba), in the rep's language.

The English text is `client.accounts.login_advice` (the CLI's); the Chinese is in
`tradewind_oauth_zh_CN.ts` (a test keeps both equal to the core's). GUI thread (translator)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication

from client.accounts.login_advice import advice_for_refusal

_TEXT: dict[str, Callable[[], str]] = {
    "qq": lambda: QCoreApplication.translate(
        "SafeLogin",
        "QQ Mail's safe login needs an authorization code (授权码) instead of your QQ password: in QQ Mail on the web open Settings → Account, turn on the IMAP/SMTP service, choose \"Generate authorization code\" and enter that 16-character code as the password here."),
    "tencent-exmail": lambda: QCoreApplication.translate(
        "SafeLogin",
        "Tencent Exmail's safe login needs a client-only password (客户端专用密码) instead of your web password: in Exmail on the web open Settings → Client settings (or WeChat binding → Security), generate a client-only password and enter it here."),
    "netease": lambda: QCoreApplication.translate(
        "SafeLogin",
        "NetEase Mail (163/126) needs a client authorization code (授权码) instead of your web password: in the web mail open Settings → POP3/SMTP/IMAP, turn on IMAP/SMTP, add an authorization code and enter it here."),
    "netease-qiye": lambda: QCoreApplication.translate(
        "SafeLogin",
        "NetEase Qiye's safe login needs a client authorization code (客户端授权码) instead of your web password: in the web mail open Settings → Client settings, turn on the client authorization code and enter it here."),
    "alibaba": lambda: QCoreApplication.translate(
        "SafeLogin",
        "Alibaba Mail's safe login needs a client-only password (客户端专用密码) instead of your web password: in Alibaba Mail on the web open Settings → Account and security → Client-only password, generate one and enter it here."),
}


def advice(preset_key: str | None) -> str | None:
    """What the wizard shows for this preset before the rep tests the login, or None."""
    text = _TEXT.get(preset_key or "")
    return text() if text else None


def advice_after_refusal(preset_key: str | None, server_reply: str) -> str | None:
    """The advice again when the server's refusal is the provider's "use the code" one."""
    if advice_for_refusal(preset_key, server_reply) is None:
        return None
    return advice(preset_key)
