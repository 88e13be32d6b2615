"""The link threshold rule and the link block's words (pure logic)."""

from __future__ import annotations

from client.uploads.block import human_size, render_html, render_text
from client.uploads.links import LinkBlock
from client.uploads.outgoing import MB, linked_indexes

BLOCK = LinkBlock("报价单 <Q-7>.zip", 30 * MB, "https://files.example/pub/tradewind/t/q.zip",
                  1_800_000_000.0, "ab" * 32, True)


def test_files_over_the_threshold_go_as_links() -> None:
    assert linked_indexes([11 * MB, 9 * MB], threshold=10 * MB) == {0}
    assert linked_indexes([9 * MB], threshold=0) == {0}


def test_the_largest_files_go_until_the_rest_fits_the_servers_size() -> None:
    sizes = [4 * MB, 8 * MB, 1 * MB, 6 * MB]
    # 19 MB attached would be about 25 MB encoded: over 12 MB, so 8 then 6 go as links
    assert linked_indexes(sizes, threshold=10 * MB, server_limit=12 * MB) == {1, 3}
    assert linked_indexes(sizes, threshold=10 * MB, server_limit=None) == set()


def test_the_block_in_english_and_chinese_has_name_size_expiry_and_hash() -> None:
    text = render_text([BLOCK], "en")
    assert "报价单 <Q-7>.zip" in text and "30.0 MB" in text and "ab" * 32 in text
    assert "Available until: January 15, 2027" in text
    assert "password for this link is sent to you separately" in text
    chinese = render_text([BLOCK], "zh_CN")
    assert "有效期至：2027年1月15日" in chinese and "此链接的密码将另行发送给您" in chinese
    html = render_html([BLOCK], "zh_CN")
    assert "&lt;Q-7&gt;" in html and "<Q-7>" not in html and "<img" not in html
    assert 'href="https://files.example/pub/tradewind/t/q.zip"' in html


def test_sizes_read_as_people_write_them() -> None:
    assert human_size(512, "en") == "512 bytes"
    assert human_size(1536, "en") == "1.5 KB"


def test_rebuild_puts_the_block_in_place_and_keeps_headers_and_attachments() -> None:
    import email
    from email import policy

    from client.compose.build import Draft, OutgoingAttachment, build_message, to_bytes
    from client.compose.headers import Recipient
    from client.uploads.outgoing import rebuild

    marker = "TRADEWIND-LINK-BLOCK-0123456789abcdef01234567"
    draft = Draft(
        sender=Recipient("王伟 Wang Wei", "wang.wei@company.example"),
        to=(Recipient("Müller, Jürgen", "jm@lieferant.example"),), cc=(), bcc=(),
        subject="报价单 Q-2026-118 — catalogue and samples for the autumn fair",
        text=f"Dear Jürgen,\n\n{marker}\n\nBest regards\n",
        html=f"<p>Dear Jürgen,</p><div>{marker}</div><p>Best regards</p>",
        attachments=(OutgoingAttachment("spec.pdf", b"%PDF-1.7 spec"),))
    raw = to_bytes(build_message(draft))
    rebuilt = rebuild(raw, marker, [BLOCK], "zh_CN")
    before = email.message_from_bytes(raw, policy=policy.default)
    after = email.message_from_bytes(rebuilt, policy=policy.default)
    for name in ("Subject", "From", "To", "Message-ID", "Date"):
        assert str(after[name]) == str(before[name])
    text = after.get_body(("plain",)).get_content()  # type: ignore[union-attr]
    html = after.get_body(("html",)).get_content()  # type: ignore[union-attr]
    assert marker not in text + html
    assert text.startswith("Dear Jürgen,\n\n以链接方式共享的文件：") and "ab" * 32 in text
    assert '<div class="tradewind-links">' in html and "Best regards" in html
    [att] = list(after.iter_attachments())
    assert att.get_filename() == "spec.pdf" and att.get_content() == b"%PDF-1.7 spec"
