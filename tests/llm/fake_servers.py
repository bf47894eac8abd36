"""Misbehaving OpenAI-compatible servers on loopback: garbage, hangs, closed connections, bad keys."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

Reply = Callable[[dict], str]


def make_handler(mode: str, reply: Reply | None, calls: list[dict]):
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args: object) -> None:
            pass

        def _send(self, status: int, body: bytes, kind: str = "application/json") -> None:
            self.send_response(status)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def do_GET(self) -> None:
            if mode == "bad_key":
                self._send(401, b'{"error": "invalid api key"}')
                return
            self._send(200, json.dumps({"data": [{"id": "tiny"}]}).encode())

        def do_POST(self) -> None:
            body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
            calls.append(body)
            if mode == "hang":
                time.sleep(30)
            if mode == "close":
                self.connection.close()
                return
            if mode == "bad_key":
                self._send(401, b'{"error": "invalid api key"}')
                return
            if mode == "unknown_model":
                self._send(404, b'{"error": "model not found"}')
                return
            if mode == "garbage":
                self._send(200, b"<html>definitely not json</html>", "text/html")
                return
            content = reply(body) if reply else "ok"
            doc = {
                "model": body.get("model"),
                "choices": [{"message": {"role": "assistant", "content": content}}],
            }
            self._send(200, json.dumps(doc).encode())

    return Handler


@contextmanager
def fake_server(mode: str = "ok", reply: Reply | None = None) -> Iterator[tuple[str, list[dict]]]:
    calls: list[dict] = []
    server = ThreadingHTTPServer(("127.0.0.1", 0), make_handler(mode, reply, calls))
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/v1", calls
    finally:
        server.shutdown()
        server.server_close()
