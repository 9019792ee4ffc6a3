"""Serve a built JupyterLite site from a folder, on this machine only.

``python -m ocworkbook.publish.lite_serve _build/lite`` prints the address to open. Any static web
server works as well; this one only makes sure the types that browsers check are right
(``.wasm`` as ``application/wasm``, ``.mjs`` as JavaScript: a module script served as
``application/octet-stream`` is refused), listens on the loopback address by default, and logs
nothing unless asked. The tests and the benchmark use it too.
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import sys
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from ..i18n import t

TYPES = {
    ".wasm": "application/wasm",
    ".mjs": "text/javascript",
    ".js": "text/javascript",
    ".json": "application/json",
    ".whl": "application/zip",
    ".ipynb": "application/json",
    ".webmanifest": "application/manifest+json",
}


class LiteHandler(SimpleHTTPRequestHandler):
    extensions_map = {**SimpleHTTPRequestHandler.extensions_map, **TYPES}
    requests: list[str] | None = None  # set per server by serve(record=True)

    def log_message(self, format, *args):  # noqa: A002 - the base class's name
        if self.requests is not None:
            self.requests.append(self.path)


@contextlib.contextmanager
def serve(folder: Path, host: str = "127.0.0.1", port: int = 0, record: bool = False):
    """Serve ``folder`` in a background thread; yield ``(url, requests)`` and stop on exit."""
    requests: list[str] | None = [] if record else None
    handler = type("Handler", (LiteHandler,), {"requests": requests})
    server = ThreadingHTTPServer((host, port), functools.partial(handler, directory=str(folder)))
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, name="lite-serve", daemon=True)
    thread.start()
    try:
        yield f"http://{host}:{server.server_address[1]}/", requests
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m ocworkbook.publish.lite_serve", description=t("lite.serve_help"))
    parser.add_argument("folder", type=Path, nargs="?", default=Path("_build/lite"))
    parser.add_argument("--port", type=int, default=8000)
    parser.add_argument("--host", default="127.0.0.1", help=t("lite.serve_host_help"))
    args = parser.parse_args(argv)
    if not (args.folder / "index.html").is_file():
        print(t("cli.error", message=t("lite.serve_missing", folder=str(args.folder))), file=sys.stderr)
        return 1
    with serve(args.folder, args.host, args.port) as (url, _):
        print(t("lite.serving", url=f"{url}lab/index.html"))
        try:
            threading.Event().wait()
        except KeyboardInterrupt:
            pass
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
