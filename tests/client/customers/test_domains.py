"""Registrable domains from the public-suffix list (offline) and the free-mail list."""

from __future__ import annotations

import socket

import pytest

from client.customers.domains import is_free_mail, registrable_domain


@pytest.mark.parametrize(("address", "domain"), [
    ("li.wei@sales.shenzhen-led.com.cn", "shenzhen-led.com.cn"),
    ("buyer@mail.acme.co.uk", "acme.co.uk"),
    ("x@Import.Example.DE", "example.de"),
    ("a@b.c.d.example.com.au", "example.com.au"),
    ("k@kobe-trading.co.jp", "kobe-trading.co.jp"),
    ("nobody@localhost", ""),
    ("hans@sales.kraemer-licht.example", "kraemer-licht.example"),  # no listed suffix
    ("it@mail.corp.local", "corp.local"),
    ("x@192.168.1.20", ""),
    ("no-at-sign", ""),
    ("x@co.uk", ""),  # a bare public suffix is nobody's company
])
def test_registrable_domain_follows_the_public_suffix_list(address: str, domain: str) -> None:
    assert registrable_domain(address) == domain


def test_no_network_is_used(monkeypatch: pytest.MonkeyPatch) -> None:
    from client.customers import domains

    domains._extractor.cache_clear()

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("network used")

    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    assert registrable_domain("a@b.example.org.br") == "example.org.br"


@pytest.mark.parametrize(("domain", "free"), [
    ("gmail.com", True), ("163.com", True), ("qq.com", True), ("outlook.com", True),
    ("yahoo.com", True), ("yahoo.co.uk", True), ("yahoo.com.cn", True), ("hotmail.fr", True),
    ("acme.co.uk", False), ("yahoo-parts.com", False), ("alibaba.com", False),
    ("outlookmotors.de", False),
])
def test_free_mail_domains_with_wildcard_suffixes(domain: str, free: bool) -> None:
    assert is_free_mail(domain) is free
