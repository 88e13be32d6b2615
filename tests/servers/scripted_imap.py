"""A scripted, misbehaving IMAP server on 127.0.0.1 for TLS-downgrade and robustness tests.

It speaks just enough IMAP for a client to reach LOGIN, and misbehaves the way a ``Script``
says: no STARTTLS offered, STARTTLS answered NO/BAD/``+``, a PREAUTH greeting, bytes injected
after ``OK Begin TLS``, a referral in the LOGIN reply, an absurd literal, or silence. Every line
the client sends is recorded in ``received`` (plaintext and after TLS alike), so a test can
assert that LOGIN never arrived.

``ScriptedImapServer(Script(...)).start(tmp_dir)`` writes the test CA to ``ca_file`` and
serves each connection on its own thread; ``stop()`` closes everything.
"""

from __future__ import annotations

import contextlib
import socket
import ssl
import threading
from dataclasses import dataclass, field

import trustme

HOST = "127.0.0.1"


@dataclass
class Script:
    """What the server does. ``implicit_tls`` wraps the socket before the greeting."""

    greeting: bytes = b"* OK scripted IMAP server ready"
    capabilities: str = "IMAP4rev1 STARTTLS LOGINDISABLED"
    tls_capabilities: str = "IMAP4rev1 AUTH=PLAIN"
    starttls_reply: str = "OK Begin TLS negotiation now"
    inject_after_starttls: bytes = b""
    login_reply: str = "OK logged in"
    implicit_tls: bool = False
    silent: bool = False
    inject_delay: float = 0.0  # send the injected bytes in a later packet, after this pause
    hangup_after: tuple[str, ...] = ()  # commands whose response is cut off: close right after
    # command name (upper case) → raw untagged lines sent before "TAG OK done"
    responses: dict[str, bytes] = field(default_factory=dict)


class ScriptedImapServer:
    def __init__(self, script: Script) -> None:
        self.script = script
        self.ca = trustme.CA()
        self._cert = self.ca.issue_cert(HOST, "localhost")
        self.received: list[bytes] = []
        self._lock = threading.Lock()
        self._listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self._listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self._listener.bind((HOST, 0))
        self._listener.listen(4)
        self._listener.settimeout(0.2)
        self.port = int(self._listener.getsockname()[1])
        self._stop = threading.Event()
        self._threads: list[threading.Thread] = []
        self._conns: list[socket.socket] = []
        self.ca_file = ""

    # -- lifecycle ---------------------------------------------------------------------------

    def start(self, ca_dir: str) -> ScriptedImapServer:
        """Write the CA to ``ca_dir/ca.pem`` (``ca_file``) and start accepting."""
        self.ca_file = f"{ca_dir}/scripted-ca.pem"
        self.ca.cert_pem.write_to_path(self.ca_file)
        thread = threading.Thread(target=self._accept_loop, name="scripted-imap", daemon=True)
        thread.start()
        self._threads.append(thread)
        return self

    def stop(self) -> None:
        self._stop.set()
        with contextlib.suppress(OSError):
            self._listener.close()
        for conn in list(self._conns):
            with contextlib.suppress(OSError):
                conn.close()
        for thread in self._threads:
            thread.join(timeout=5)

    def commands(self) -> list[str]:
        """The command names received (second word of each tagged line), upper case."""
        with self._lock:
            lines = list(self.received)
        names = []
        for line in lines:
            parts = line.split()
            if len(parts) >= 2:
                names.append(parts[1].decode("ascii", "replace").upper())
        return names

    # -- serving -----------------------------------------------------------------------------

    def _server_context(self) -> ssl.SSLContext:
        ctx = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        self._cert.configure_cert(ctx)
        return ctx

    def _accept_loop(self) -> None:
        while not self._stop.is_set():
            try:
                conn, _addr = self._listener.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            self._conns.append(conn)
            thread = threading.Thread(target=self._serve_safely, args=(conn,), daemon=True)
            thread.start()
            self._threads.append(thread)

    def _serve_safely(self, conn: socket.socket) -> None:
        try:
            self._serve(conn)
        except (OSError, ssl.SSLError, ValueError):
            pass
        finally:
            with contextlib.suppress(OSError):
                conn.close()

    def _serve(self, conn: socket.socket) -> None:
        script = self.script
        conn.settimeout(10)
        sock: socket.socket = conn
        if script.implicit_tls:
            sock = self._server_context().wrap_socket(conn, server_side=True)
        if script.silent:
            self._stop.wait(10)
            return
        reader = sock.makefile("rb")
        tls = script.implicit_tls
        sock.sendall(script.greeting + b"\r\n")
        while not self._stop.is_set():
            line = reader.readline(65536)
            if not line:
                return
            with self._lock:
                self.received.append(line.rstrip(b"\r\n"))
            parts = line.split()
            if len(parts) < 2:
                continue
            tag, name = parts[0], parts[1].decode("ascii", "replace").upper()
            if name == "CAPABILITY":
                caps = script.tls_capabilities if tls else script.capabilities
                sock.sendall(b"* CAPABILITY " + caps.encode() + b"\r\n" + tag + b" OK done\r\n")
            elif name == "STARTTLS":
                reply = tag + b" " + script.starttls_reply.encode() + b"\r\n"
                if script.inject_delay:
                    sock.sendall(reply)
                    self._stop.wait(script.inject_delay)
                    sock.sendall(script.inject_after_starttls)
                else:
                    sock.sendall(reply + script.inject_after_starttls)
                if not script.starttls_reply.startswith("OK"):
                    continue
                sock = self._server_context().wrap_socket(sock, server_side=True)
                reader = sock.makefile("rb")
                tls = True
            elif name == "LOGIN" or name == "AUTHENTICATE":
                if name == "AUTHENTICATE":
                    sock.sendall(b"+ \r\n")
                    reader.readline(65536)
                sock.sendall(tag + b" " + script.login_reply.encode() + b"\r\n")
            elif name == "LOGOUT":
                sock.sendall(b"* BYE bye\r\n" + tag + b" OK bye\r\n")
                return
            elif name in script.hangup_after:
                sock.sendall(script.responses.get(name, b""))
                return
            elif name in script.responses:
                sock.sendall(script.responses[name] + tag + b" OK done\r\n")
            else:
                sock.sendall(tag + b" OK " + name.encode() + b" done\r\n")
