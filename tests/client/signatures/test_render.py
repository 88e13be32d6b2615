"""Template choice and rendering: rules, language and reply forms, escaping, Chinese and Arabic."""

from __future__ import annotations

import json
from typing import Any

import pytest

from client.signatures.bundle import PolicyBundle, check_contents
from client.signatures.example import DIRECTORY, POLICY, example_files
from client.signatures.render import (
    SignatureRequest,
    preview_document,
    render_signature,
    template_for,
)
from client.signatures.schema import PolicyError


def _bundle(edit: Any = None) -> PolicyBundle:
    files = example_files()
    if edit is not None:
        policy, directory = json.loads(json.dumps(POLICY)), json.loads(json.dumps(DIRECTORY))
        edit(policy, directory)
        files["policy.json"] = json.dumps(policy).encode()
        files["directory.json"] = json.dumps(directory).encode()
    return check_contents(files)


def test_us_alias_gets_the_us_template_with_us_phone_and_address() -> None:
    bundle = _bundle()
    us = render_signature(bundle, SignatureRequest("anna@us.company.example"))
    home = render_signature(bundle, SignatureRequest("anna.li@company.example"))
    assert us.template == "us" and home.template == "global"
    assert "+1 212 555 0100" in us.block.text and "New York" in us.block.text
    assert "+86 574 8888 0000" not in us.block.text
    assert "+86 574 8888 0000" in home.block.text and "Ningbo" in home.block.html
    assert "anna@us.company.example" in us.block.text  # the sending address, not the main one
    assert "Anna Li" in us.block.html and "Export Sales Manager" in us.block.html


def test_department_rule_and_default() -> None:
    bundle = _bundle()
    assert render_signature(bundle, SignatureRequest("wang.fang@company.example")).template == \
        "logistics"
    assert render_signature(bundle, SignatureRequest("omar.haddad@company.example")).template == \
        "global"


def test_logo_is_a_cid_image_never_remote() -> None:
    rendered = render_signature(_bundle(), SignatureRequest("anna.li@company.example"))
    [image] = rendered.block.images
    assert rendered.block.html.count("<img") == 1
    assert f'src="cid:{image.content_id}"' in rendered.block.html
    assert "http" not in rendered.block.html.split("<img", 1)[1].split(">", 1)[0]
    assert image.data.startswith(b"\x89PNG") and image.content_type == "image/png"


def test_chinese_variant_by_recipient_domain_renders_the_chinese_name() -> None:
    rendered = render_signature(_bundle(), SignatureRequest(
        "anna.li@company.example", recipients=("buyer@trade.com.cn",)))
    assert rendered.language == "zh"
    assert rendered.block.text.splitlines()[:3] == ["李安娜", "出口销售经理", "宁波信风贸易有限公司"]
    assert "<b>李安娜</b>" in rendered.block.html and 'lang="zh"' in rendered.block.html
    assert "本邮件及其附件均为保密信息" in rendered.block.text  # the Chinese disclaimer


def test_arabic_variant_is_right_to_left() -> None:
    rendered = render_signature(_bundle(), SignatureRequest(
        "omar.haddad@company.example", recipients=("buyer@acme.ae",)))
    assert rendered.language == "ar"
    assert rendered.block.html.startswith('<div dir="rtl" lang="ar" style="direction:rtl;'
                                          'text-align:right">')
    assert "<b>عمر حداد</b>" in rendered.block.html
    assert rendered.block.text.splitlines()[0] == "عمر حداد"
    # numbers stay left-to-right runs inside the right-to-left block (else "+971 50 000 1234"
    # shows as "1234 000 50 971+"): marks in the text form, dir="ltr" in the HTML form
    assert "واتساب \u200e+971 50 000 1234\u200e" in rendered.block.text
    assert '<a dir="ltr" href="https://wa.me/971500001234">+971 50 000 1234</a>' in \
        rendered.block.html
    assert rendered.direction == "rtl"


def test_template_for_names_the_template_render_uses() -> None:
    bundle = _bundle()
    for address in ("anna@us.company.example", "wang.fang@company.example",
                    "anna.li@company.example"):
        expected = render_signature(bundle, SignatureRequest(address)).template
        assert template_for(bundle, address).name == expected
    # no directory entry: the rep's own department chooses
    assert template_for(bundle, "new@company.example", {"department": "Logistics"}).name == \
        "logistics"
    assert render_signature(bundle, SignatureRequest("anna.li@company.example")).direction == "ltr"


def test_explicit_language_wins_and_unknown_language_falls_back() -> None:
    bundle = _bundle()
    chosen = render_signature(bundle, SignatureRequest(
        "anna.li@company.example", ("buyer@acme.ae",), language="zh-CN"))
    assert chosen.language == "zh"
    fallback = render_signature(bundle, SignatureRequest("anna.li@company.example",
                                                         language="fr"))
    assert fallback.language is None and "Anna Li" in fallback.block.text


def test_reply_form_is_shorter_and_used_only_for_replies() -> None:
    bundle = _bundle()
    full = render_signature(bundle, SignatureRequest("anna.li@company.example"))
    reply = render_signature(bundle, SignatureRequest("anna.li@company.example", reply=True))
    assert reply.variant == "reply" and full.variant == "full"
    assert reply.block.text == "Anna Li · Export Sales Manager\n" \
        "+86 574 8888 0000 · https://www.company.example\n"
    assert "{{logo}}" not in reply.block.html and "cid:" in reply.block.html
    logistics = render_signature(bundle, SignatureRequest("wang.fang@company.example",
                                                          reply=True))
    assert logistics.variant == "full"  # that template has no reply form


def test_values_are_html_escaped_and_not_interpreted() -> None:
    def hostile(policy: dict[str, Any], directory: dict[str, Any]) -> None:
        directory["people"]["anna.li@company.example"]["full_name"] = \
            'Anna "<script>alert(1)</script>" & Co'
        directory["people"]["anna.li@company.example"]["wechat"] = "{{email}}\" onmouseover=\"x"

    rendered = render_signature(_bundle(hostile), SignatureRequest("anna.li@company.example"))
    html = rendered.block.html
    assert "<script>" not in html
    assert "Anna &quot;&lt;script&gt;alert(1)&lt;/script&gt;&quot; &amp; Co" in html
    assert "{{email}}&quot; onmouseover=&quot;x" in html  # a value is never expanded again
    assert 'Anna "<script>alert(1)</script>" & Co' in rendered.block.text


def test_empty_sections_disappear_whole() -> None:
    rendered = render_signature(_bundle(), SignatureRequest("wang.fang@company.example"))
    assert "Mobile" not in rendered.block.text and "WeChat" not in rendered.block.text
    assert "\n\n\n" not in rendered.block.text
    assert rendered.block.text.splitlines()[:3] == [
        "Wang Fang · Shipping Coordinator", "Logistics desk · Tradewind Trading Co., Ltd.",
        "Tel +86 574 8888 0000"]


def test_rep_values_fill_only_editable_fields_and_never_override_the_directory() -> None:
    bundle = _bundle()
    rendered = render_signature(bundle, SignatureRequest("wang.fang@company.example"), {
        "wechat": "wangfang88", "title": "CEO", "mobile": "+86 139 1111 2222"})
    assert "WeChat wangfang88" in rendered.block.text and "CEO" not in rendered.block.text
    anna = render_signature(bundle, SignatureRequest("anna.li@company.example"),
                            {"mobile": "+86 100"})
    assert "+86 138 0000 1234" in anna.block.text and "+86 100" not in anna.block.text


def test_missing_required_field_says_how_to_fix_it() -> None:
    with pytest.raises(PolicyError, match="needs full_name, title; ask the admin"):
        render_signature(_bundle(), SignatureRequest("stranger@company.example"))


def test_no_matching_rule_is_a_clear_error() -> None:
    def no_default(policy: dict[str, Any], directory: dict[str, Any]) -> None:
        policy["rules"] = policy["rules"][:1]

    with pytest.raises(PolicyError, match="No rule .* chooses a template for anna.li"):
        render_signature(_bundle(no_default), SignatureRequest("anna.li@company.example"))


def test_rendering_is_deterministic_and_preview_inlines_the_logo() -> None:
    bundle = _bundle()
    first = render_signature(bundle, SignatureRequest("anna.li@company.example"))
    assert render_signature(_bundle(), SignatureRequest("anna.li@company.example")) == first
    page = preview_document(first)
    assert "data:image/png;base64,iVBOR" in page and "cid:" not in page
