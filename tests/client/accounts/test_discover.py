"""Settings discovery: presets, MX presets, RFC 6186 SRV and Mozilla autoconfig (offline)."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from client.accounts.discover import (
    MAX_AUTOCONFIG_BYTES,
    SrvRecord,
    discover,
    https_get,
    parse_autoconfig,
)
from client.accounts.presets import ServerSettings

AUTOCONFIG = b"""<?xml version="1.0" encoding="UTF-8"?>
<clientConfig version="1.1">
  <emailProvider id="example-trading.com">
    <domain>example-trading.com</domain>
    <incomingServer type="pop3">
      <hostname>pop.example-trading.com</hostname><port>995</port><socketType>SSL</socketType>
    </incomingServer>
    <incomingServer type="imap">
      <hostname>plain.example-trading.com</hostname><port>143</port><socketType>plain</socketType>
    </incomingServer>
    <incomingServer type="imap">
      <hostname>starttls.example-trading.com</hostname><port>143</port><socketType>STARTTLS</socketType>
    </incomingServer>
    <incomingServer type="imap">
      <hostname>IMAP.example-trading.com</hostname><port>993</port><socketType>SSL</socketType>
      <username>%EMAILLOCALPART%</username>
    </incomingServer>
    <outgoingServer type="smtp">
      <hostname>smtp.example-trading.com</hostname><port>587</port><socketType>STARTTLS</socketType>
    </outgoingServer>
  </emailProvider>
</clientConfig>"""


class FakeResolver:
    def __init__(self, mx: dict[str, list[str]] | None = None,
                 srv: dict[str, list[SrvRecord]] | None = None, fail: bool = False,
                 cname: dict[str, list[str]] | None = None) -> None:
        self._mx = mx or {}
        self._srv = srv or {}
        self._cname = cname or {}
        self.fail = fail
        self.queries: list[str] = []

    def mx(self, domain: str) -> list[str]:
        self.queries.append(f"MX {domain}")
        if self.fail:
            raise OSError("network is unreachable")
        return self._mx.get(domain, [])

    def srv(self, name: str) -> list[SrvRecord]:
        self.queries.append(f"SRV {name}")
        return self._srv.get(name, [])

    def cname(self, name: str) -> list[str]:
        self.queries.append(f"CNAME {name}")
        if self.fail:
            raise OSError("network is unreachable")
        return self._cname.get(name, [])


def no_http(url: str) -> bytes | None:
    raise AssertionError(f"unexpected HTTP fetch of {url}")


def test_domain_preset_needs_no_network() -> None:
    resolver = FakeResolver()
    result = discover("rep@gmail.com", resolver=resolver, http_get=no_http)
    assert result and result.source == "preset" and result.preset == "google"
    assert result.imap == ServerSettings("imap.gmail.com", 993, "ssl")
    assert result.username == "rep@gmail.com" and result.notes
    assert resolver.queries == []


def test_mx_preset_for_hosted_company_domain() -> None:
    resolver = FakeResolver(mx={"acme-export.cn": ["mxbiz1.qq.com", "mxbiz2.qq.com"]})
    result = discover("sales@acme-export.cn", resolver=resolver, http_get=no_http)
    assert result and result.source == "mx-preset" and result.preset == "tencent-exmail"
    assert (result.imap.host, result.smtp and result.smtp.port) == ("imap.exmail.qq.com", 465)


def test_srv_records_prefer_implicit_tls_and_priority() -> None:
    resolver = FakeResolver(srv={
        "_imaps._tcp.example-trading.com": [SrvRecord(20, 0, 993, "backup.example-trading.com."),
                                             SrvRecord(10, 5, 993, "imap.example-trading.com.")],
        "_imap._tcp.example-trading.com": [SrvRecord(0, 0, 143, "plain.example-trading.com")],
        "_submission._tcp.example-trading.com": [SrvRecord(0, 0, 587, "smtp.example-trading.com")],
    })
    result = discover("rep@example-trading.com", resolver=resolver, http_get=no_http)
    assert result and result.source == "srv" and result.preset is None
    assert result.imap == ServerSettings("imap.example-trading.com", 993, "ssl")
    assert result.smtp == ServerSettings("smtp.example-trading.com", 587, "starttls")


def test_srv_target_dot_means_no_service() -> None:
    resolver = FakeResolver(srv={"_imaps._tcp.example.org": [SrvRecord(0, 0, 0, ".")]})
    assert discover("a@example.org", resolver=resolver, http_get=lambda url: None) is None


def test_autoconfig_picks_tls_imap_and_expands_username() -> None:
    result = parse_autoconfig(AUTOCONFIG, "li.wei@example-trading.com")
    assert result and result.source == "autoconfig"
    assert result.imap == ServerSettings("imap.example-trading.com", 993, "ssl")
    assert result.username == "li.wei"
    assert result.smtp == ServerSettings("smtp.example-trading.com", 587, "starttls")


@pytest.mark.parametrize(
    "bad",
    [
        b"<!DOCTYPE x [<!ENTITY a 'aaaa'>]><clientConfig><emailProvider/></clientConfig>",
        b"<clientConfig><emailProvider><incomingServer type='imap'><hostname>h.example</hostname>"
        b"<port>143</port><socketType>plain</socketType></incomingServer></emailProvider></clientConfig>",
        b"<clientConfig><emailProvider><incomingServer type='imap'><hostname>bad host;rm</hostname>"
        b"<port>993</port><socketType>SSL</socketType></incomingServer></emailProvider></clientConfig>",
        b"<clientConfig><emailProvider><incomingServer type='imap'><hostname>h.example</hostname>"
        b"<port>99999</port><socketType>SSL</socketType></incomingServer></emailProvider></clientConfig>",
        b"not xml at all <",
        b"<other/>",
        b"<clientConfig>" + b" " * MAX_AUTOCONFIG_BYTES + b"</clientConfig>",
    ],
)
def test_autoconfig_rejects_unsafe_or_useless_documents(bad: bytes) -> None:
    assert parse_autoconfig(bad, "a@example.org") is None


def test_failed_lookups_return_none_never_raise() -> None:
    def exploding_http(url: str) -> bytes | None:
        raise RuntimeError("boom")

    assert discover("rep@example.org", resolver=FakeResolver(fail=True), http_get=exploding_http) is None
    assert discover("not an address", resolver=FakeResolver(), http_get=no_http) is None
    assert discover("rep@example.org", use_network=False) is None


# -- integration: a real HTTP server on loopback serves the autoconfig --------------------

class _Handler(BaseHTTPRequestHandler):
    served: dict[str, bytes] = {}
    redirects: dict[str, str] = {}
    requests: list[str] = []

    def do_GET(self) -> None:
        type(self).requests.append(self.path)
        target = self.redirects.get(self.path.split("?")[0])
        if target is not None:
            self.send_response(302)
            self.send_header("Location", target)
            self.end_headers()
            return
        body = self.served.get(self.path.split("?")[0])
        if body is None:
            self.send_response(404)
            self.end_headers()
            return
        self.send_response(200)
        self.send_header("Content-Type", "text/xml")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        return None


@pytest.fixture
def http_server() -> Iterator[tuple[int, type[_Handler]]]:
    handler = type("Handler", (_Handler,), {"served": {}, "redirects": {}, "requests": []})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server.server_address[1], handler
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


def test_autoconfig_from_loopback_http_server(http_server: tuple[int, type[_Handler]]) -> None:
    port, handler = http_server
    handler.served["/.well-known/autoconfig/mail/config-v1.1.xml"] = AUTOCONFIG
    fetched: list[str] = []

    def loopback_get(url: str) -> bytes | None:
        # Same fetcher as production, pointed at the loopback server instead of the domain.
        fetched.append(url)
        path = url.split("://", 1)[1].split("/", 1)[1]
        return https_get(f"http://127.0.0.1:{port}/{path}", timeout=5)

    result = discover("li.wei@example-trading.com", resolver=FakeResolver(), http_get=loopback_get)
    assert result and result.source == "autoconfig"
    assert result.imap.host == "imap.example-trading.com" and result.username == "li.wei"
    assert fetched[0].startswith("https://autoconfig.example-trading.com/mail/config-v1.1.xml")
    assert fetched[1].startswith("https://example-trading.com/.well-known/autoconfig/")
    assert handler.requests[-1].endswith("emailaddress=li.wei@example-trading.com")


def test_https_get_caps_size_and_refuses_errors(http_server: tuple[int, type[_Handler]]) -> None:
    port, handler = http_server
    handler.served["/big"] = b"x" * (MAX_AUTOCONFIG_BYTES + 1)
    handler.served["/ok"] = b"fine"
    assert https_get(f"http://127.0.0.1:{port}/big") is None
    assert https_get(f"http://127.0.0.1:{port}/missing") is None
    assert https_get(f"http://127.0.0.1:{port}/ok") == b"fine"


# -- Microsoft 365 behind a mail filter (autodiscover) ----------------------------------------

FILTERED_MX = {"dragon-export.cn": ["eu-smtp-inbound-1.mimecast.com"]}


def test_autodiscover_cname_finds_microsoft_behind_a_mail_filter() -> None:
    dns = FakeResolver(mx=FILTERED_MX,
                       cname={"autodiscover.dragon-export.cn": ["autodiscover.outlook.com."]})
    result = discover("li.wei@dragon-export.cn", resolver=dns, http_get=no_http)
    assert result is not None and result.source == "autodiscover"
    assert result.preset == "microsoft365"
    assert result.imap == ServerSettings("outlook.office365.com", 993, "ssl")
    assert "CNAME autodiscover.dragon-export.cn" in dns.queries


def test_a_cname_elsewhere_is_no_hint() -> None:
    dns = FakeResolver(mx=FILTERED_MX,
                       cname={"autodiscover.dragon-export.cn": ["autodiscover.outlook.com.evil.example"]})
    assert discover("li.wei@dragon-export.cn", resolver=dns, http_get=no_http) is None


AUTODISCOVER_PATH = "/autodiscover/autodiscover.json/v1.0/li.wei@dragon-export.cn"


def _v2_getter(port: int, fetched: list[str]) -> Callable[[str], bytes | None]:
    def loopback_get(url: str) -> bytes | None:
        # The production fetcher (no redirects followed), pointed at the loopback server.
        fetched.append(url)
        path = url.split("://", 1)[1].split("/", 1)[1]
        return https_get(f"http://127.0.0.1:{port}/{path}", timeout=5)
    return loopback_get


def test_autodiscover_v2_is_asked_last_and_names_exchange_online(
        http_server: tuple[int, type[_Handler]]) -> None:
    port, handler = http_server
    handler.served[AUTODISCOVER_PATH] = (
        b'{"Protocol":"AutodiscoverV1",'
        b'"Url":"https://outlook.office365.com/autodiscover/autodiscover.xml"}')
    fetched: list[str] = []
    result = discover("li.wei@dragon-export.cn", resolver=FakeResolver(mx=FILTERED_MX),
                      http_get=_v2_getter(port, fetched))
    assert result is not None and result.source == "autodiscover"
    assert result.preset == "microsoft365"
    # The address goes to Microsoft only after the domain's own autoconfig found nothing.
    assert [u.split("?")[0] for u in fetched] == [
        "https://autoconfig.dragon-export.cn/mail/config-v1.1.xml",
        "https://dragon-export.cn/.well-known/autoconfig/mail/config-v1.1.xml",
        "https://outlook.office365.com" + AUTODISCOVER_PATH]
    assert handler.requests[-1].endswith("?Protocol=AutodiscoverV1")


def test_autodiscover_v2_redirect_means_not_microsoft(
        http_server: tuple[int, type[_Handler]]) -> None:
    port, handler = http_server
    handler.redirects[AUTODISCOVER_PATH] = "https://autodiscover.dragon-export.cn/autodiscover.xml"
    fetched: list[str] = []
    assert discover("li.wei@dragon-export.cn", resolver=FakeResolver(mx=FILTERED_MX),
                    http_get=_v2_getter(port, fetched)) is None
    assert len(fetched) == 3


@pytest.mark.parametrize("body", [
    b"not json",
    b"[]",
    b'{"Protocol":"AutodiscoverV1"}',
    b'{"Protocol":"ActiveSync","Url":"https://outlook.office365.com/x"}',
    b'{"Protocol":"AutodiscoverV1","Url":"http://outlook.office365.com/autodiscover.xml"}',
    b'{"Protocol":"AutodiscoverV1","Url":"https://office365.com.evil.example/a.xml"}',
    b'\xff\xfe',
])
def test_autodiscover_v2_answers_that_do_not_name_exchange_online(body: bytes) -> None:
    from client.accounts.ms_autodiscover import autodiscover_says_microsoft

    assert autodiscover_says_microsoft("li.wei@dragon-export.cn", lambda _url: body) is False


def test_autodiscover_hints_never_raise() -> None:
    from client.accounts.ms_autodiscover import autodiscover_says_microsoft, cname_says_microsoft

    def broken(_arg: str) -> list[str]:
        raise RuntimeError("resolver bug")

    def broken_get(_url: str) -> bytes | None:
        raise OSError("no route to host")

    assert cname_says_microsoft("dragon-export.cn", broken) is False
    assert autodiscover_says_microsoft("li.wei@dragon-export.cn", broken_get) is False
