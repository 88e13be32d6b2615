"""`tradewind policy init DIR`: a complete, commented example policy an admin edits.

Writes `policy.json` (three templates: the global one with a reply form and Chinese and Arabic
(right-to-left) variants, a US template with the US office's phone and address for the
@us. alias, a logistics template chosen by department), `directory.json` (three reps, one with a
US alias), the sample `logo.png` and a README.md explaining each part. `"_comment"` keys are
comments and ignored by Tradewind. Refuses to overwrite existing files. Filesystem only; any
thread.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from client.signatures.sample_logo import sample_logo_png
from client.signatures.schema import PolicyError

_CONTACT_LINES = [
    "{{#phone}}Tel <a href=\"{{phone_tel}}\">{{phone}}</a><br>{{/phone}}",
    "{{#mobile}}Mobile <a href=\"{{mobile_tel}}\">{{mobile}}</a><br>{{/mobile}}",
    "<a href=\"mailto:{{email}}\">{{email}}</a> · <a href=\"{{website}}\">{{website}}</a><br>",
    "{{#address}}{{address}}<br>{{/address}}",
    "{{#linkedin}}<a href=\"{{linkedin}}\">LinkedIn</a> {{/linkedin}}"
    "{{#whatsapp}}<a href=\"{{whatsapp_url}}\">WhatsApp {{whatsapp}}</a> {{/whatsapp}}"
    "{{#wechat}}WeChat: {{wechat}}{{/wechat}}",
]

_TABLE_OPEN = ("<table cellpadding=\"0\" cellspacing=\"0\" style=\"font-family:Arial,sans-serif;"
               "font-size:13px;color:#333333\"><tr>")


def _html(name_line: str, body: list[str]) -> list[str]:
    return [_TABLE_OPEN,
            "<td style=\"padding:0 12px;vertical-align:top\">{{logo}}</td>",
            "<td style=\"vertical-align:top\">",
            name_line, *body, "</td></tr></table>"]


_FULL_TEXT = [
    "{{full_name}}",
    "{{title}}{{#department}} · {{department}}{{/department}}",
    "{{company}}",
    "{{#phone}}Tel {{phone}}{{/phone}}",
    "{{#mobile}}Mobile {{mobile}}{{/mobile}}",
    "{{email}} · {{website}}",
    "{{#address}}{{address}}{{/address}}",
    "{{#linkedin}}LinkedIn {{linkedin}}{{/linkedin}}",
    "{{#whatsapp}}WhatsApp {{whatsapp}}{{/whatsapp}}",
    "{{#wechat}}WeChat {{wechat}}{{/wechat}}",
]

_REPLY = {
    "_comment": "The shorter form used for replies (optional). It still needs {{logo}}.",
    "html": _html("<b>{{full_name}}</b> · {{title}}<br>",
                  ["{{#phone}}<a href=\"{{phone_tel}}\">{{phone}}</a> · {{/phone}}"
                   "<a href=\"{{website}}\">{{website}}</a>"]),
    "text": ["{{full_name}} · {{title}}", "{{#phone}}{{phone}} · {{/phone}}{{website}}"],
    "disclaimer": False,
}

_FULL_HTML = _html("<b>{{full_name}}</b><br>",
                   ["{{title}}{{#department}} · {{department}}{{/department}}<br>",
                    "{{company}}<br>", *_CONTACT_LINES])

POLICY: dict[str, Any] = {
    "_comment": "Tradewind signature policy. Keys starting with _ are comments. Documented in "
                "docs/signature-policy.md (schema version 1). Sign after every change: "
                "tradewind policy sign DIR --key policy-signing-key.pem",
    "schema": "tradewind-signature-policy",
    "schema_version": 1,
    "company": {
        "_comment": "Company-wide values; directory entries and templates override them.",
        "company": "Tradewind Trading Co., Ltd.",
        "website": "https://www.company.example",
        "phone": "+86 574 8888 0000",
        "address": "88 Harbour Road, Ningbo, China",
    },
    "logo": {"_comment": "PNG or JPEG beside this file, embedded in every message as cid:",
             "file": "logo.png", "alt": "Tradewind Trading", "width": 160, "height": 48},
    "disclaimer": {
        "_comment": "Optional; appended below every form whose \"disclaimer\" is not false.",
        "text": "This e-mail and its attachments are confidential and meant for the addressee "
                "only.",
        "languages": {"zh": "本邮件及其附件均为保密信息，仅供收件人使用。",
                      "ar": "هذه الرسالة ومرفقاتها سرية ومخصصة للمرسل إليه فقط."},
    },
    "recipient_languages": {
        "_comment": "Recipient domain suffix -> language variant to use (when the template has it).",
        "cn": "zh", "com.cn": "zh", "hk": "zh", "tw": "zh",
        "sa": "ar", "ae": "ar", "eg": "ar", "qa": "ar", "kw": "ar",
    },
    "templates": {
        "global": {
            "_comment": "The default template. html and text may be strings or lists of lines.",
            "html": _FULL_HTML,
            "text": _FULL_TEXT,
            "reply": _REPLY,
            "languages": {
                "zh": {
                    "html": _html("<b>{{full_name}}</b><br>",
                                  ["{{title}}<br>", "{{company}}<br>",
                                   "{{#phone}}电话 {{phone}}<br>{{/phone}}",
                                   "{{#mobile}}手机 {{mobile}}<br>{{/mobile}}",
                                   "邮箱 <a href=\"mailto:{{email}}\">{{email}}</a><br>",
                                   "{{#wechat}}微信 {{wechat}}<br>{{/wechat}}",
                                   "<a href=\"{{website}}\">{{website}}</a>"]),
                    "text": ["{{full_name}}", "{{title}}", "{{company}}",
                             "{{#phone}}电话 {{phone}}{{/phone}}",
                             "{{#mobile}}手机 {{mobile}}{{/mobile}}", "邮箱 {{email}}",
                             "{{#wechat}}微信 {{wechat}}{{/wechat}}", "{{website}}"],
                    "values": {"company": "宁波信风贸易有限公司", "address": "中国宁波港湾路88号"},
                },
                "ar": {
                    "_comment": "Right-to-left: the block gets dir=\"rtl\".",
                    "dir": "rtl",
                    "html": _html("<b>{{full_name}}</b><br>",
                                  ["{{title}}<br>", "{{company}}<br>",
                                   "{{#phone}}هاتف <a dir=\"ltr\" href=\"{{phone_tel}}\">{{phone}}"
                                   "</a><br>{{/phone}}",
                                   "{{#whatsapp}}واتساب <a dir=\"ltr\" href=\"{{whatsapp_url}}\">"
                                   "{{whatsapp}}</a><br>{{/whatsapp}}",
                                   "<a dir=\"ltr\" href=\"mailto:{{email}}\">{{email}}</a>"]),
                    # Numbers and addresses are left-to-right runs inside right-to-left text:
                    # dir="ltr" isolates them in HTML, LEFT-TO-RIGHT MARKs (U+200E) in text, or
                    # "+86 574 8888 0000" would show as "0000 8888 574 86+".
                    "text": ["{{full_name}}", "{{title}}", "{{company}}",
                             "{{#phone}}هاتف \u200e{{phone}}\u200e{{/phone}}",
                             "{{#whatsapp}}واتساب \u200e{{whatsapp}}\u200e{{/whatsapp}}",
                             "\u200e{{email}}\u200e"],
                    "values": {"company": "شركة ترايدويند للتجارة"},
                },
            },
        },
        "us": {
            "_comment": "For the US-market alias: the US office's phone and address.",
            "values": {"phone": "+1 212 555 0100",
                       "address": "350 Fifth Avenue, New York, NY 10118, USA",
                       "website": "https://us.company.example"},
            "html": _FULL_HTML,
            "text": _FULL_TEXT,
            "reply": _REPLY,
        },
        "logistics": {
            "_comment": "Chosen by department (see rules).",
            "html": _html("<b>{{full_name}}</b> · {{title}}<br>",
                          ["Logistics desk · {{company}}<br>", *_CONTACT_LINES]),
            "text": ["{{full_name}} · {{title}}", "Logistics desk · {{company}}",
                     *_FULL_TEXT[3:]],
        },
    },
    "rules": [
        {"_comment": "First match wins; conditions: identity_domain, identity_address, department",
         "when": {"identity_domain": "us.company.example"}, "template": "us"},
        {"when": {"department": "Logistics"}, "template": "logistics"},
        {"_comment": "The default (no when).", "template": "global"},
    ],
}

DIRECTORY: dict[str, Any] = {
    "_comment": "Per-rep values keyed by e-mail address. aliases: other sending addresses of the "
                "same rep. languages: values for a language variant (e.g. a Chinese name).",
    "schema_version": 1,
    "rep_editable": ["mobile", "whatsapp", "wechat", "linkedin"],
    "required": ["full_name", "title"],
    "people": {
        "anna.li@company.example": {
            "full_name": "Anna Li", "title": "Export Sales Manager", "department": "Sales",
            "mobile": "+86 138 0000 1234", "wechat": "annali_trade",
            "linkedin": "https://www.linkedin.com/in/anna-li-example",
            "aliases": ["anna@us.company.example"],
            "languages": {"zh": {"full_name": "李安娜", "title": "出口销售经理"},
                          "ar": {"full_name": "آنا لي", "title": "مديرة مبيعات التصدير"}},
        },
        "omar.haddad@company.example": {
            "full_name": "Omar Haddad", "title": "Sales Representative, Middle East",
            "department": "Sales", "whatsapp": "+971 50 000 1234",
            "languages": {"ar": {"full_name": "عمر حداد", "title": "مندوب مبيعات الشرق الأوسط"}},
        },
        "wang.fang@company.example": {
            "full_name": "Wang Fang", "title": "Shipping Coordinator", "department": "Logistics",
            "languages": {"zh": {"full_name": "王芳", "title": "船务协调员"}},
        },
    },
}

README = """# Company signature policy

This folder is a Tradewind signature policy. Edit the files, then sign and publish the folder.

- `policy.json`: templates (HTML and plain text, an optional shorter `reply` form, language
  variants such as `zh` and right-to-left `ar`), the rules that choose a template (by sending
  address, domain or department), the disclaimer and the logo. Placeholders: `{{full_name}}`,
  `{{title}}`, `{{department}}`, `{{company}}`, `{{phone}}`, `{{mobile}}`, `{{fax}}`, `{{email}}`,
  `{{website}}`, `{{address}}`, `{{linkedin}}`, `{{whatsapp}}`, `{{wechat}}`, `{{skype}}`,
  `{{line}}`, links `{{phone_tel}}`, `{{mobile_tel}}`, `{{whatsapp_url}}`, and `{{logo}}` (HTML
  only, required). `{{#field}}…{{/field}}` shows its content only when the rep has that field.
- `directory.json`: one entry per rep, keyed by e-mail address; `rep_editable` lists the fields
  a rep may fill once in Settings; `required` the fields every signature needs.
- `logo.png`: the company logo (PNG or JPEG). It travels inside every message, never as a link.

Sign and check (the private key stays with the admin):

    tradewind policy keygen ~/policy-keys
    tradewind policy sign THIS_FOLDER --key ~/policy-keys/policy-signing-key.pem
    tradewind policy verify THIS_FOLDER --key ~/policy-keys/policy-public-key.pem

Publish the folder (shared folder or HTTPS) and provision each client once:

    tradewind policy use https://intranet.company.example/signature/ --key policy-public-key.pem

Full reference: docs/signature-policy.md in the Tradewind repository.
"""


def _dump(doc: dict[str, Any]) -> bytes:
    return (json.dumps(doc, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def example_files() -> dict[str, bytes]:
    """The example policy's files by name."""
    return {"policy.json": _dump(POLICY), "directory.json": _dump(DIRECTORY),
            "logo.png": sample_logo_png(), "README.md": README.encode("utf-8")}


def write_example(directory: Path) -> list[Path]:
    """Write the example into `directory` (created if needed); refuses to overwrite files."""
    files = example_files()
    existing = [name for name in files if (directory / name).exists()]
    if existing:
        raise PolicyError(f"{directory} already has {', '.join(existing)}; choose an empty folder.")
    directory.mkdir(parents=True, exist_ok=True)
    written = []
    for name, data in files.items():
        path = directory / name
        path.write_bytes(data)
        written.append(path)
    return written
