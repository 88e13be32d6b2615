"""Checks before sending (client.compose.checks): each finding, in the rep's own text only,
across languages, the limits, and switching a check off."""

from __future__ import annotations

from pathlib import Path

import pytest

from client.compose.build import InlineImage, OutgoingAttachment
from client.compose.checks import (
    CHECKS,
    Limits,
    disabled_checks,
    is_no_reply,
    own_text,
    run_checks,
    set_check_enabled,
)
from client.compose.drafts import DraftFields
from client.outgoing.presend import checks_for
from client.store.db import Store

MB = 1024 * 1024


def _fields(**kw: object) -> DraftFields:
    base: dict[str, object] = {"sender": "anna@company.example", "to": "buyer@importer.example",
                               "subject": "Quotation LED panels", "text": "Dear buyer,\n"}
    base.update(kw)
    return DraftFields(**base)  # type: ignore[arg-type]


def _codes(fields: DraftFields, **kw: object) -> list[str]:
    return [f.code for f in run_checks(fields, **kw)]  # type: ignore[arg-type]


@pytest.mark.parametrize("text", [
    "Please find the price list attached.",  # English
    "Anbei das Angebot, wie besprochen.",  # German
    "Bitte beachten Sie den Anhang.",  # German
    "Adjunto la cotización.",  # Spanish
    "Segue em anexo a proposta.",  # Portuguese
    "Veuillez trouver ci-joint notre offre.",  # French
    "Voir la pièce jointe.",  # French
    "Il listino è in allegato.",  # Italian
    "Прайс-лист во вложении.",  # Russian
    "报价单见附件，请查收。",  # Chinese
    "見積書を添付します。",  # Japanese
    "مرفق عرض السعر",  # Arabic
])
def test_a_mentioned_attachment_with_nothing_attached_is_found(text: str) -> None:
    found = run_checks(_fields(text=text))
    assert [f.code for f in found] == ["forgotten-attachment"]
    assert found[0].detail.lower() in text.lower()
    with_file = _fields(text=text, attachments=(OutgoingAttachment("prices.pdf", b"%PDF"),))
    assert _codes(with_file) == []
    assert _codes(_fields(text=text), link_files=1) == []  # a file going as a link counts
    pasted = _fields(text=text, inline_images=(InlineImage("p@x", b"png", "image/png", "p.png"),))
    assert _codes(pasted) == []  # a pasted picture too


def test_words_inside_other_words_and_plain_text_are_not_mentions() -> None:
    for text in ("We reattached nothing.", "A detached house", "Thanks for the call.",
                 "我们下周发货。"):
        assert _codes(_fields(text=text)) == [], text


def test_only_the_reps_own_text_counts_not_the_quote_nor_the_signature() -> None:
    quote = ("On Nov 27, 2026, Hans wrote:\n> Anbei unsere Anfrage, siehe Anhang.\n"
             "> Please see the attachment.\n")
    fields = _fields(text="Thank you, we will answer tomorrow.\n-- \nAnna Li\nAttachments: none\n",
                     quote_text=quote)
    assert "Anhang" not in own_text(fields) and "Attachments" not in own_text(fields)
    assert _codes(fields) == []
    # an answer written between the buyer's quoted lines is the rep's text
    inline = quote.replace("> Please", "The drawing is attached.\n> Please")
    assert _codes(_fields(text="", quote_text=inline)) == ["forgotten-attachment"]
    forward = ("---------- Forwarded message ----------\nFrom: Hans\n\nsee attached file\n")
    assert _codes(_fields(text="FYI", quote_text=forward)) == []
    html_only = _fields(text=None, html="<p>Bitte finden Sie <b>anbei</b> die Liste</p>")
    assert _codes(html_only) == ["forgotten-attachment"]


def test_empty_subject_and_no_reply_recipients() -> None:
    assert _codes(_fields(subject="  ")) == ["empty-subject"]
    for address in ("noreply@shop.example", "no-reply@x.example", "do-not-reply@x.example",
                    "DoNotReply@x.example", "no_reply+123@x.example", "MAILER-DAEMON@mx.example"):
        assert is_no_reply(address), address
        found = run_checks(_fields(cc=f"Shop <{address}>"))
        assert [(f.code, f.detail) for f in found] == [("no-reply", address)]
    for address in ("noreplyanna@x.example", "anna@noreply.example", "reply@x.example"):
        assert not is_no_reply(address), address


def test_attachments_over_the_provider_limit_or_the_link_threshold() -> None:
    big = OutgoingAttachment("catalogue.pdf", b"x" * (8 * MB))
    small = OutgoingAttachment("spec.pdf", b"x" * (2 * MB))
    fields = _fields(attachments=(small, big))
    # 10 MB raw is about 13.5 MB once base64-encoded: over a 12 MB SIZE
    [finding] = run_checks(fields, Limits(size_limit=12 * MB))
    assert (finding.code, finding.limit, finding.detail) == ("too-large", 12 * MB, "catalogue.pdf")
    assert finding.files[0] == 1  # the biggest first: a link for it is offered
    assert _codes(fields, limits=Limits(size_limit=20 * MB)) == []
    [over] = run_checks(fields, Limits(link_threshold=5 * MB))
    assert (over.code, over.limit, over.files) == ("too-large", 0, (1,))


def test_every_check_can_be_switched_off(tmp_path: Path) -> None:
    fields = _fields(subject="", text="see attached", to="noreply@x.example",
                     attachments=())
    assert _codes(fields) == ["empty-subject", "forgotten-attachment", "no-reply"]
    assert _codes(fields, disabled=CHECKS) == []
    with Store.open(tmp_path / "t.db") as store:
        account = store.add_account("anna@company.example", imap_host="h", smtp_host="h").id
        assert disabled_checks(store) == frozenset()
        set_check_enabled(store, "empty-subject", False)
        set_check_enabled(store, "empty-subject", False)  # idempotent
        assert disabled_checks(store) == {"empty-subject"}
        assert [f.code for f in checks_for(store, account, fields)] == [
            "forgotten-attachment", "no-reply"]
        set_check_enabled(store, "empty-subject", True)
        assert "empty-subject" in [f.code for f in checks_for(store, account, fields)]
        with pytest.raises(ValueError, match="unknown check"):
            set_check_enabled(store, "spelling", False)


def test_the_recorded_smtp_size_wins_over_the_presets_limit(tmp_path: Path) -> None:
    with Store.open(tmp_path / "t.db") as store:
        account = store.add_account("anna@gmail.com", imap_host="h", smtp_host="h",
                                    preset="google").id
        fields = _fields(attachments=(OutgoingAttachment("a.zip", b"x" * (20 * MB)),))
        found = checks_for(store, account, fields, threshold=False)
        assert [(f.code, f.limit) for f in found] == [("too-large", 25 * MB)]
        store.set_setting(f"smtp.size_limit.{account}", 50 * MB)
        assert checks_for(store, account, fields, threshold=False) == ()
