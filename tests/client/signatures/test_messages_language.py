"""What a rep is told about the company signature, in the rep's language (``client.i18n``):
a value the policy refuses, a field reps may not fill, what an address still needs."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from client import i18n
from client.signatures import provision
from client.signatures.schema import PolicyError
from client.store.db import Store
from tests.client.signatures.conftest import Keys


@pytest.fixture
def chinese() -> Iterator[None]:
    i18n.set_language("zh_CN")
    yield
    i18n.set_language("en")


def test_refused_values_in_chinese(tmp_path: Path, make_policy: Callable[..., Path],
                                   keys: Keys, chinese: None) -> None:
    with Store.open(tmp_path / "t.db") as store:
        bundle = provision.use_policy(store, str(make_policy()), keys.public.read_bytes())
    editable = bundle.directory.rep_editable
    assert "whatsapp" in editable
    with pytest.raises(PolicyError) as phone:
        provision.check_rep_value(bundle, "whatsapp", "call me {maybe}")
    assert str(phone.value) == ("您填写的值：'whatsapp' = 'call me {maybe}' 不是电话号码"
                                "（只能包含数字、空格和 + ( ) - . /）。")
    with pytest.raises(PolicyError) as not_editable:
        provision.check_rep_value(bundle, "email", "x@y.example")
    assert str(not_editable.value).startswith("公司策略不允许销售代表填写 'email'（可以填写的字段：")
    assert provision.check_rep_value(bundle, "whatsapp", " +86 138 0000 9999 ") == \
        "+86 138 0000 9999"
