"""moto's S3 server mode (``ThreadedMotoServer``) on a loopback port, with a byte counter and
a quota switch in front of its WSGI app.

moto checks neither the signature nor the expiry of presigned URLs (TESTBED.md), so tests
check the expiry cap in Tradewind's code. Any access key is accepted by moto; ``wrong_key``
makes the front refuse requests signed with it (403 ``InvalidAccessKeyId``, as AWS answers).
``fail_puts``: statuses (500/503) the next PUTs answer (a 5xx storm). ``quota_bytes``: an ``UploadPart``/``PutObject`` past it answers 400 ``EntityTooLarge`` (how
S3-compatible services report a quota). ``counter.bytes_received`` counts request bodies.
``complete_seconds``: the time moto spent in ``CompleteMultipartUpload`` requests so far (the
benchmark's split of server time; ``python -m tests.servers.s3`` prints it for a ``stats`` line).
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterable
from typing import Any

from moto.moto_server.threaded_moto_server import ThreadedMotoServer
from moto.moto_server.werkzeug_app import (
    DomainDispatcherApplication,
    MotoRequestHandler,
    create_backend_app,
)
from werkzeug.serving import make_server

from tests.servers.dovecot import HOST, free_port
from tests.servers.wsgi_host import CountingApp

ACCESS_KEY = "AKIATRADEWINDTEST"
SECRET_KEY = "tradewind-test-secret-key"


def _error(code: str, message: str) -> bytes:
    return (f'<?xml version="1.0" encoding="UTF-8"?><Error><Code>{code}</Code>'
            f"<Message>{message}</Message></Error>").encode()


class _Front:
    def __init__(self, server: S3Server, app: Any) -> None:
        self.server, self.app = server, app

    def __call__(self, environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
        auth = str(environ.get("HTTP_AUTHORIZATION", ""))
        query = str(environ.get("QUERY_STRING", ""))
        if self.server.wrong_key and (self.server.wrong_key in auth or self.server.wrong_key in query):
            body = _error("InvalidAccessKeyId", "The AWS Access Key Id you provided does not exist.")
            environ["wsgi.input"].read(int(environ.get("CONTENT_LENGTH") or 0))
            start_response("403 Forbidden", [("Content-Length", str(len(body)))])
            return [body]
        size = int(environ.get("CONTENT_LENGTH") or 0)
        if environ["REQUEST_METHOD"] == "PUT" and self.server.fail_puts:
            with self.server.lock:
                status = self.server.fail_puts.pop(0) if self.server.fail_puts else None
            if status is not None:
                environ["wsgi.input"].read(size)
                body = _error("ServiceUnavailable" if status == 503 else "InternalError",
                              "Injected fault")
                start_response(f"{status} Injected", [("Content-Length", str(len(body)))])
                return [body]
        if environ["REQUEST_METHOD"] == "PUT" and self.server.quota_bytes is not None:
            with self.server.lock:
                over = self.server.stored + size > self.server.quota_bytes
                if not over:
                    self.server.stored += size
            if over:
                environ["wsgi.input"].read(size)
                body = _error("EntityTooLarge", "Your proposed upload exceeds the maximum allowed size")
                start_response("400 Bad Request", [("Content-Length", str(len(body)))])
                return [body]
        if environ["REQUEST_METHOD"] == "POST" and "uploadId=" in query:  # CompleteMultipartUpload
            started = time.perf_counter()
            try:
                return self.app(environ, start_response)
            finally:
                with self.server.lock:
                    self.server.complete_seconds += time.perf_counter() - started
        return self.app(environ, start_response)


class _QuietHandler(MotoRequestHandler):
    def log_request(self, *args: Any, **kwargs: Any) -> None:
        pass


class S3Server(ThreadedMotoServer):
    def __init__(self) -> None:
        super().__init__(ip_address=HOST, port=free_port(), verbose=False)
        self.lock = threading.Lock()
        self.quota_bytes: int | None = None
        self.stored = 0
        self.wrong_key: str | None = None
        self.fail_puts: list[int] = []
        self.complete_seconds = 0.0
        self.counter = CountingApp(lambda e, s: [])

    def _server_entry(self) -> None:
        app = DomainDispatcherApplication(create_backend_app)
        self.counter.app = _Front(self, app)
        self._server = make_server(self._ip_address, self._port, self.counter, True,
                                   request_handler=_QuietHandler)
        self._server_ready_event.set()
        self._server.serve_forever()

    @property
    def url(self) -> str:
        return f"http://{HOST}:{self._port}"

    def reset_faults(self) -> None:
        self.quota_bytes = None
        self.stored = 0
        self.wrong_key = None
        self.fail_puts = []
        self.counter.reset()


def main() -> None:
    """`python -m tests.servers.s3`: serve in this process (for the benchmark, so the server
    does not share the measured process); prints the URL, answers a `stats` line with
    `complete_seconds` on a line, runs until stdin closes."""
    import sys

    server = S3Server()
    server.start()
    print(server.url, flush=True)
    for line in sys.stdin:
        if line.strip() == "stats":
            print(f"{server.complete_seconds:.3f}", flush=True)
    server.stop()


if __name__ == "__main__":
    main()
