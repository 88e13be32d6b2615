"""Provider presets: IMAP/SMTP settings of the mail services export teams use most.

A preset matches an address by its domain (``gmail.com``) or, for company domains hosted at a
provider, by the domain's MX hosts (``*.mail.protection.outlook.com`` → Microsoft 365). Pure
data and pure functions; any thread.

Sources and what could not be verified (checked with the search tool, November 2026):
- Tencent Exmail: imap.exmail.qq.com:993 SSL, smtp.exmail.qq.com:465 SSL, overseas
  hwimap/hwsmtp.exmail.qq.com — from Tencent's own help text. MX mxbiz1/mxbiz2.qq.com is from
  common knowledge, not verified here.
- Alibaba Mail: smtp.qiye.aliyun.com:465 SSL (help.aliyun.com) and imap.qiye.aliyun.com (the
  CNAME target in Alibaba's DNS table; port 993 SSL assumed, not seen in writing); MX
  mx1/mx2/mx3.qiye.aliyun.com verified; mxhz.qiye.aliyun.com and the older HiChina
  ``*.mxhichina.com`` MX are unverified.
- NetEase Qiye: imap.qiye.163.com:993 / smtp.qiye.163.com:465 and its MX names
  (``qiye163mx*.mxmail.netease.com`` or ``*.qiye.163.com``) are not verified here.
- Zoho: organisation accounts use imappro/smtppro.zoho.com (seen in a public client config),
  personal ones imap/smtp.zoho.com:993/465 (several public configs); MX mx/mx2/mx3.zoho.com
  verified in a public DNS guide; the EU data centre uses ``.zoho.eu``.
- Microsoft 365 (outlook.office365.com:993, smtp.office365.com:587 STARTTLS) and Google
  (imap.gmail.com:993, smtp.gmail.com:465; MX aspmx.l.google.com, smtp.google.com) are widely
  documented. Both usually refuse plain passwords today (OAuth or app passwords): see ``note``.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from fnmatch import fnmatchcase

from client.imap.models import Security


@dataclass(frozen=True)
class ServerSettings:
    """One server: host, port and security (``ssl`` = implicit TLS, ``starttls``)."""

    host: str
    port: int
    security: Security = "ssl"


@dataclass(frozen=True)
class Preset:
    key: str
    name: str
    imap: ServerSettings
    smtp: ServerSettings
    domains: tuple[str, ...] = ()
    mx_patterns: tuple[str, ...] = ()
    note: str | None = None
    #: the built-in OAuth2 provider (client/oauth/providers.py) this preset signs in with by
    #: default; None: a password (or app password / authorization code)
    oauth: str | None = None


_MS_NOTE = ("Microsoft 365 signs in with OAuth2 in the browser (--oauth microsoft); a password "
            "works only if your administrator enabled basic authentication or app passwords.")
_GOOGLE_NOTE = ("Google signs in with OAuth2 in the browser (--oauth google); an app password "
                "works too (--password-stdin), with IMAP enabled in Gmail settings.")
_CN_NOTE = "Enable IMAP/SMTP in the web mail settings; some accounts need a client-only password."

PRESETS: tuple[Preset, ...] = (
    Preset("microsoft365", "Microsoft 365 / Outlook",
           ServerSettings("outlook.office365.com", 993), ServerSettings("smtp.office365.com", 587, "starttls"),
           domains=("outlook.com", "hotmail.com", "live.com", "msn.com", "office365.com"),
           mx_patterns=("*.mail.protection.outlook.com", "*.mail.protection.partner.outlook.cn"),
           note=_MS_NOTE, oauth="microsoft"),
    Preset("google", "Google Workspace / Gmail",
           ServerSettings("imap.gmail.com", 993), ServerSettings("smtp.gmail.com", 465),
           domains=("gmail.com", "googlemail.com"),
           mx_patterns=("aspmx.l.google.com", "alt*.aspmx.l.google.com", "aspmx*.googlemail.com",
                        "smtp.google.com"),
           note=_GOOGLE_NOTE, oauth="google"),
    Preset("tencent-exmail", "Tencent Exmail (腾讯企业邮)",
           ServerSettings("imap.exmail.qq.com", 993), ServerSettings("smtp.exmail.qq.com", 465),
           domains=("exmail.qq.com",),
           mx_patterns=("mxbiz*.qq.com",),
           note="Outside mainland China, hwimap.exmail.qq.com / hwsmtp.exmail.qq.com may be faster."),
    Preset("qq", "QQ Mail (QQ邮箱)",
           ServerSettings("imap.qq.com", 993), ServerSettings("smtp.qq.com", 465),
           domains=("qq.com", "foxmail.com", "vip.qq.com"),
           mx_patterns=("mx*.qq.com",), note=_CN_NOTE),
    Preset("alibaba", "Alibaba Mail (阿里邮箱)",
           ServerSettings("imap.qiye.aliyun.com", 993), ServerSettings("smtp.qiye.aliyun.com", 465),
           domains=("aliyun.com",),
           mx_patterns=("mx*.qiye.aliyun.com", "*.qiye.aliyun.com", "*.mxhichina.com"),
           note=_CN_NOTE),
    Preset("netease-qiye", "NetEase Qiye (网易企业邮箱)",
           ServerSettings("imap.qiye.163.com", 993), ServerSettings("smtp.qiye.163.com", 465),
           mx_patterns=("qiye163mx*.qiye.163.com", "qiye163mx*.mxmail.netease.com", "*.qiye.163.com"),
           note=_CN_NOTE),
    Preset("netease", "NetEase Mail (163/126)",
           ServerSettings("imap.163.com", 993), ServerSettings("smtp.163.com", 465),
           domains=("163.com", "126.com", "yeah.net"),
           mx_patterns=("*.mxmail.netease.com",), note=_CN_NOTE),
    Preset("zoho", "Zoho Mail",
           ServerSettings("imappro.zoho.com", 993), ServerSettings("smtppro.zoho.com", 465),
           mx_patterns=("mx.zoho.com", "mx2.zoho.com", "mx3.zoho.com")),
    Preset("zoho-eu", "Zoho Mail (EU)",
           ServerSettings("imappro.zoho.eu", 993), ServerSettings("smtppro.zoho.eu", 465),
           mx_patterns=("mx.zoho.eu", "mx2.zoho.eu", "mx3.zoho.eu")),
    Preset("zoho-personal", "Zoho Mail (personal)",
           ServerSettings("imap.zoho.com", 993), ServerSettings("smtp.zoho.com", 465),
           domains=("zoho.com", "zohomail.com")),
)

_BY_KEY = {p.key: p for p in PRESETS}


def preset_by_key(key: str) -> Preset | None:
    return _BY_KEY.get(key)


def _clean(host: str) -> str:
    return host.strip().rstrip(".").lower()


def preset_for_domain(domain: str) -> Preset | None:
    """The preset whose own domains include ``domain`` (case-insensitive), or None."""
    wanted = _clean(domain)
    for preset in PRESETS:
        if wanted in preset.domains:
            return preset
    return None


def preset_for_mx(mx_hosts: Iterable[str]) -> Preset | None:
    """The preset matching the first MX host (in the order given, best preference first) that
    matches any preset's patterns, or None."""
    for host in mx_hosts:
        name = _clean(host)
        if not name:
            continue
        for preset in PRESETS:
            if any(fnmatchcase(name, pattern) for pattern in preset.mx_patterns):
                return preset
    return None
