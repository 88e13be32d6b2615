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
from tests.client.signatures.fixtures import Keys


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


def test_a_malformed_policy_is_explained_in_chinese(chinese: None) -> None:
    import json

    from client.signatures.schema import parse_policy

    with pytest.raises(PolicyError) as no_logo:
        parse_policy(json.dumps({"schema_version": 1}).encode())
    assert str(no_logo.value) == 'policy.json 需要 "logo": {"file": "logo.png", ...}。'
    assert no_logo.value.code == "policy"
    doc = {"schema_version": 1, "logo": {"file": "logo.png"},
           "templates": {"t": {"html": "<p>{{full_name}}</p>", "text": "{{full_name}}"}},
           "rules": [{"template": "t"}]}
    with pytest.raises(PolicyError) as no_placeholder:
        parse_policy(json.dumps(doc).encode())
    assert str(no_placeholder.value) == ("policy.json templates.t.html 必须包含 {{logo}}："
                                         "每封邮件都要带上公司徽标。")
    with pytest.raises(PolicyError) as version:
        parse_policy(json.dumps({"schema_version": "one"}).encode())
    assert version.value.code == "policy" and "缺少 schema_version" in str(version.value)


def test_an_unsafe_template_is_explained_in_chinese(chinese: None) -> None:
    from client.signatures.templating import TemplateError, check_template

    with pytest.raises(TemplateError) as image:
        check_template('<img src="x.png">', "t.html", is_html=True)
    assert str(image.value) == "t.html：签名中不允许使用 <img>（徽标通过 {{logo}} 添加）。"
    with pytest.raises(TemplateError) as unknown:
        check_template("{{nickname}}", "t.text", is_html=False)
    assert str(unknown.value) == "t.text：未知占位符 {{nickname}}。"
