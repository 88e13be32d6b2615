"""Authentication-Results (checklist B5, I4): only the rep's own server's topmost header counts."""

from __future__ import annotations

from pathlib import Path

from client.security.auth_results import (
    DKIM_UNALIGNED,
    DMARC_FAIL,
    SPF_DKIM_FAIL,
    default_authserv_id,
    header_values,
    trusted_verdict,
)

CORPUS = Path(__file__).resolve().parents[2] / "data" / "corpus" / "mime" / "flanker"


def test_a_failure_from_another_server_is_ignored() -> None:
    values = ["evil.example; dmarc=fail header.from=buyer.com",
              "mx.rep.test; spf=pass smtp.mailfrom=buyer.com; dkim=pass header.d=buyer.com; "
              "dmarc=pass header.from=buyer.com"]
    assert trusted_verdict(values, "rep.test", "buyer.com") == ()


def test_only_the_topmost_own_header_counts_not_a_forged_pass_below() -> None:
    values = ["mx.rep.test; spf=fail smtp.mailfrom=buyer.com; dkim=none; dmarc=fail "
              "header.from=buyer.com",
              "mx.rep.test; spf=pass smtp.mailfrom=buyer.com; dmarc=pass header.from=buyer.com"]
    assert trusted_verdict(values, "rep.test", "buyer.com") == (DMARC_FAIL, SPF_DKIM_FAIL)
    assert trusted_verdict(values[::-1], "rep.test", "buyer.com") == ()


def test_dkim_of_another_domain_is_not_aligned() -> None:
    values = ["mx.rep.test; spf=pass smtp.mailfrom=mailer.net; dkim=pass header.d=mailer.net"]
    assert trusted_verdict(values, "mx.rep.test", "buyer.com") == (DKIM_UNALIGNED,)
    assert trusted_verdict(values, "mx.rep.test", "mailer.net") == ()


def test_a_forged_header_on_a_real_corpus_message() -> None:
    """iphone.eml carries Google's A-R (spf and dkim pass) on top; a sender's forged header
    naming Google with a failure sits below it and is ignored, while a real failure in the
    topmost header counts, and a header of another server never does."""
    raw = (CORPUS / "iphone.eml").read_bytes()
    values = header_values(raw)
    assert values and values[0].startswith("mx.google.com")
    assert trusted_verdict(values, "google.com", "gmail.com") == ()
    real = b"header.i=@gmail.com\n"
    assert real in raw
    below = raw.replace(real, real + b"Authentication-Results: mx.google.com; dmarc=fail\n", 1)
    assert len(header_values(below)) == 2
    assert trusted_verdict(header_values(below), "google.com", "gmail.com") == ()
    on_top = b"Authentication-Results: mx.google.com; dmarc=fail\n" + raw
    assert trusted_verdict(header_values(on_top), "google.com", "gmail.com") == (DMARC_FAIL,)
    assert trusted_verdict(header_values(on_top), "rep.test", "gmail.com") == ()


def test_unparseable_headers_are_skipped_and_the_default_id_is_the_imap_domain() -> None:
    assert trusted_verdict(["%%%; ;;", ""], "rep.test", "buyer.com") == ()
    assert header_values(b"\xff\xfe garbage") == []
    assert default_authserv_id("imap.mail.rep.co.uk") == "rep.co.uk"
