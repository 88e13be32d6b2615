"""The rep's own signature per identity (client.signatures.personal): used when the company
sets no policy, sanitised, removed when emptied; a policy in force wins."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from client.compose.assemble import signature_text
from client.compose.drafts import DraftFields
from client.signatures import provision
from client.signatures.personal import get_personal, personal_block, set_personal
from client.store.db import Store
from tests.client.signatures.fixtures import Keys
from tests.client.signatures.test_enforce import ANNA, Profile, _bodies


@pytest.fixture
def profile(tmp_path: Path) -> Iterator[Profile]:
    store = Store.open(tmp_path / "tradewind.db")
    yield Profile(store)
    store.close()


def test_the_personal_signature_goes_below_the_text_without_a_policy(profile: Profile) -> None:
    set_personal(profile.store, ANNA.upper(), '<p><b>Anna Li</b><br>Export sales</p>'
                 '<img src="https://tracker.example/x.png"><script>alert(1)</script>',
                 "Anna Li\nExport sales")
    stored = get_personal(profile.store, ANNA)
    assert stored is not None and "script" not in stored.html and "tracker" not in stored.html
    msg, notices = profile.queue(text="Dear buyer,\nour offer follows.")
    text, html = _bodies(msg)
    assert text.startswith("Dear buyer,\nour offer follows.\n\n-- \nAnna Li\nExport sales\n")
    assert "<b>Anna Li</b>" in html and notices == ()
    other, _ = profile.queue(sender="anna@us.company.example", text="Hello")  # not this one's
    assert "Export sales" not in other.as_string()


def test_an_emptied_signature_is_removed(profile: Profile) -> None:
    set_personal(profile.store, ANNA, "<p>Anna</p>", "Anna")
    set_personal(profile.store, ANNA, "<p> </p>", "")
    assert get_personal(profile.store, ANNA) is None and personal_block(profile.store, ANNA) is None
    with pytest.raises(ValueError, match="too long"):
        set_personal(profile.store, ANNA, "x" * 30_000)


def test_a_company_policy_wins_over_the_personal_signature(
        profile: Profile, make_policy: Callable[..., Path], keys: Keys) -> None:
    set_personal(profile.store, ANNA, "<p>My own sig</p>", "My own sig")
    provision.use_policy(profile.store, str(make_policy()), keys.public.read_bytes())
    msg, _ = profile.queue(text="Hello")
    text, _html = _bodies(msg)
    assert "My own sig" not in msg.as_string()
    assert signature_text(profile.expected()) in text
    assert DraftFields(sender=ANNA).language is None


def test_the_signature_variant_follows_the_correspondence_language(
        profile: Profile, make_policy: Callable[..., Path], keys: Keys) -> None:
    # a .cn buyer writing English gets the English variant: the message's language, not the
    # recipient domain's, decides (DraftFields.language, set by reply_fields)
    provision.use_policy(profile.store, str(make_policy()), keys.public.read_bytes())
    english, _ = profile.queue(to="wang.wei@importer.cn", text="Hello", language="en")
    domain, _ = profile.queue(to="wang.wei@importer.cn", text="Hello")
    assert "李安娜" not in _bodies(english)[0] and "李安娜" in _bodies(domain)[0]
