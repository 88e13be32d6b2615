"""The benchmark mailbox generator: deterministic, parseable, realistic in shape."""

from __future__ import annotations

import email
import email.policy
import hashlib
from collections import Counter
from email.message import EmailMessage

import pytest

from tests.benchmarks.mailgen import FOLDERS, GeneratedMessage, MailboxSpec, generate_mailbox
from tests.benchmarks.mailgen_mime import encode_words

SMALL = MailboxSpec(messages=400, attachment_scale=0.01)


def _digest(spec: MailboxSpec) -> str:
    digest = hashlib.sha256()
    for msg in generate_mailbox(spec):
        digest.update(msg.folder.encode() + b"\0" + msg.raw)
    return digest.hexdigest()


COUNT = 1200


@pytest.fixture(scope="module")
def mailbox() -> list[GeneratedMessage]:
    return list(generate_mailbox(MailboxSpec(messages=COUNT, attachment_scale=0.01)))


@pytest.fixture(scope="module")
def parsed(mailbox: list[GeneratedMessage]) -> dict[int, EmailMessage]:
    """Each message parsed once by the standard library (message index -> message)."""
    out = {}
    for msg in mailbox:
        message = email.message_from_bytes(msg.raw, policy=email.policy.default)
        assert isinstance(message, EmailMessage)
        out[msg.index] = message
    return out


def test_same_seed_gives_same_bytes_and_another_seed_differs() -> None:
    assert _digest(SMALL) == _digest(SMALL)
    assert _digest(MailboxSpec(seed=7, messages=400, attachment_scale=0.01)) != _digest(SMALL)


def test_count_is_exact_and_order_is_internal_date(mailbox: list[GeneratedMessage]) -> None:
    assert len(mailbox) == COUNT
    assert [m.index for m in mailbox] == list(range(COUNT))
    dates = [m.internaldate for m in mailbox]
    assert dates == sorted(dates)


def test_every_message_parses_and_decodes_with_the_stdlib(
    mailbox: list[GeneratedMessage], parsed: dict[int, EmailMessage]
) -> None:
    charsets: Counter[str] = Counter()
    for msg in mailbox:
        message = parsed[msg.index]
        assert not message.defects, (msg.index, message.defects)
        assert message["Message-ID"] == msg.message_id
        assert str(message["Subject"]) == msg.subject, msg.raw[:1500]
        for part in message.walk():
            assert not part.defects, (msg.index, part.defects)
            if part.get_content_maintype() == "text":
                charsets[str(part.get_content_charset())] += 1
                assert part.get_content().strip()
            elif part.get_filename():
                payload = part.get_payload(decode=True)
                assert isinstance(payload, bytes)
                size = int(str(part.get_param("size", header="content-disposition")))
                assert len(payload) == size
                assert payload[:2] in (b"%P", b"PK", b"\xff\xd8")
    for wanted in ("gb2312", "gb18030", "utf-8", "iso-8859-1", "iso-8859-2", "iso-8859-15",
                   "windows-1252", "iso-2022-jp"):
        assert charsets[wanted] > 0, charsets


def test_about_one_in_ten_messages_has_attachments(
    mailbox: list[GeneratedMessage], parsed: dict[int, EmailMessage]
) -> None:
    with_attachment = [m for m in mailbox if m.has_attachment]
    assert 0.07 < len(with_attachment) / len(mailbox) < 0.13
    for msg in mailbox:
        assert (parsed[msg.index].get_content_type() == "multipart/mixed") == msg.has_attachment


def test_replies_form_real_threads(
    mailbox: list[GeneratedMessage], parsed: dict[int, EmailMessage]
) -> None:
    by_id = {m.message_id: m for m in mailbox}
    replies = 0
    sizes: Counter[int] = Counter(m.thread for m in mailbox)
    for msg in mailbox:
        parent_id = parsed[msg.index]["In-Reply-To"]
        if parent_id is None:
            continue
        replies += 1
        parent = by_id[str(parent_id)]
        assert parent.thread == msg.thread
        assert parent.internaldate < msg.internaldate
        assert str(parsed[msg.index]["References"]).split()[-1] == parent_id
        assert msg.subject.endswith(parent.subject.split(": ", 1)[-1].split("：", 1)[-1])
        assert msg.subject[:3] in ("Re:", "RE:", "AW:", "Odp", "回复：", "答复:")
    assert replies > len(mailbox) * 0.4
    assert max(sizes.values()) >= 6
    assert any(m.subject.startswith("回复：") for m in mailbox)


def test_folders_and_sizes_look_like_a_trade_mailbox(mailbox: list[GeneratedMessage]) -> None:
    folders = Counter(m.folder for m in mailbox)
    assert set(folders) == set(FOLDERS)
    assert folders.most_common(1)[0][0] == "INBOX"
    plain = sorted(len(m.raw) for m in mailbox if not m.has_attachment)
    assert 3_000 < plain[len(plain) // 2] < 15_000


def test_full_scale_mailbox_is_about_1_2_gb() -> None:
    sample = list(generate_mailbox(MailboxSpec(messages=1000)))
    total = sum(len(m.raw) for m in sample)
    assert 80e6 < total < 160e6  # x10 for the default 10,000 messages
    assert max(len(m.raw) for m in sample) < 5_000_000 * 1.4 + 100_000


def test_search_vocabulary_is_present(
    mailbox: list[GeneratedMessage], parsed: dict[int, EmailMessage]
) -> None:
    texts = []
    for msg in mailbox:
        body = parsed[msg.index].get_body(("plain",))
        texts.append((body.get_content() if body is not None else "") + msg.subject)
    for word in ("quotation", "报价", "集装箱", "FOB", "container", "L/C", "samples"):
        hits = sum(word in text for text in texts)
        assert COUNT * 0.01 < hits < COUNT * 0.9, (word, hits)


@pytest.mark.parametrize(("text", "charset"), [
    ("回复：询价：LED平板灯 600x600 40W 报价单 集装箱订舱", "gb2312"),
    ("お見積り依頼：LEDパネルライト 600x600 40W", "iso-2022-jp"),
    ("Preisanfrage Edelstahl-Küchenspüle SS304 – 3000 Stück", "iso-8859-1"),
    ("Małgorzata Wójcik", "iso-8859-2"),
])
def test_encoded_words_round_trip_and_stay_within_75_columns(text: str, charset: str) -> None:
    encoded = encode_words(text, charset)
    assert all(len(word) <= 75 for word in encoded.split("\n "))
    parsed = email.message_from_bytes(f"Subject: {encoded}\n\n".encode(), policy=email.policy.default)
    assert str(parsed["Subject"]) == text
