"""`client.mime` loads its names on first use (issue 10): each listed name resolves, and a light
part (the Message-ID normaliser, the model) imports without the parsers."""

from __future__ import annotations

import subprocess
import sys

import pytest

import client.mime


def test_every_listed_name_resolves_to_its_module() -> None:
    for name in client.mime.__all__:
        value = getattr(client.mime, name)
        assert getattr(value, "__name__", name) == name or name.isupper()
    with pytest.raises(AttributeError, match="no attribute 'nothing'"):
        client.mime.nothing  # noqa: B018


def test_the_normaliser_and_the_model_load_no_parser() -> None:
    code = ("import sys, client.mime.msgid, client.mime.model; "
            "print(sorted(m for m in sys.modules if m.startswith(('client.mime.', "
            "'charset_normalizer', 'html.parser'))))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          timeout=60, check=True)
    assert done.stdout.strip() == "['client.mime.model', 'client.mime.msgid']"
