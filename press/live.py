"""The author's loop: rebuild on every save (``watch``) and a live preview (``serve``).

The preview serves the output folder on localhost; pages get a small script that
reloads them after each build, and a failed build shows its message in the page
instead of a stale edition.
"""
from __future__ import annotations

import html
import http.server
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from filters.diagnostics import BuildError
from press.cache import Cache
from press.pipeline import Report, build

HERE = Path(__file__).resolve().parent.parent
RELOAD_SCRIPT = ('<script>new EventSource("/__press/events").onmessage = '
                 '() => location.reload();</script>')


def watched_paths(root: Path, out: Path) -> list[Path]:
    """What an author edits, and the .bib files the last build read wherever they
    lie (the metadata may name one outside bibliography/). A change to the
    filters' code needs a restart."""
    folders = [root / "manuscript", root / "bibliography", HERE / "templates"]
    named = [Path(p) for p in Cache(out).state.bibliography]
    return [p for p in dict.fromkeys(folders + named) if p.exists()]


def rebuild(root: Path, out: Path, wanted: list[str]) -> Report | BuildError:
    try:
        return build(root, out, wanted)
    except BuildError as error:
        return error


def watch(root: Path, out: Path, wanted: list[str],
          on_build: Callable[[Report | BuildError], None],
          stop: threading.Event | None = None) -> None:
    """Build now, then after every change until ``stop`` is set."""
    from watchfiles import watch as changes

    on_build(rebuild(root, out, wanted))
    for _ in changes(*watched_paths(root, out), stop_event=stop, debounce=80, step=20):
        on_build(rebuild(root, out, wanted))


@dataclass
class Preview:
    """The state the preview pages show: the build count and the last error."""
    version: int = 0
    error: str | None = None
    changed: threading.Condition = field(default_factory=threading.Condition)

    def update(self, result: Report | BuildError) -> None:
        with self.changed:
            self.version += 1
            self.error = str(result) if isinstance(result, BuildError) else None
            self.changed.notify_all()


def handler_for(out: Path, preview: Preview):
    class Handler(http.server.SimpleHTTPRequestHandler):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, directory=str(out), **kwargs)

        def log_message(self, *args):  # the terminal shows builds, not requests
            pass

        def do_GET(self):
            if self.path == "/__press/events":
                return self.events()
            if self.path in ("/", "/index.html"):
                self.send_response(302)
                self.send_header("Location", "/html/index.html")
                return self.end_headers()
            if self.path.split("?")[0].endswith(".html"):
                return self.page()
            return super().do_GET()

        def page(self):
            path = out / self.path.split("?")[0].lstrip("/")
            body = path.read_text(encoding="utf-8") if path.is_file() else "<!DOCTYPE html><body></body>"
            if preview.error:
                banner = ('<pre role="alert" style="background:#fde8e8;color:#8a1111;padding:1em;'
                          f'white-space:pre-wrap;margin:0">{html.escape(preview.error)}</pre>')
                body = body.replace("<body>", "<body>" + banner, 1)
            data = body.replace("</body>", RELOAD_SCRIPT + "</body>", 1).encode("utf-8")
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(data)))
            self.send_header("Cache-Control", "no-store")
            self.end_headers()
            self.wfile.write(data)

        def events(self):
            self.send_response(200)
            self.send_header("Content-Type", "text/event-stream")
            self.send_header("Cache-Control", "no-store")
            self.end_headers()
            with preview.changed:
                seen = preview.version
                # One message per connection, or none within a minute; the browser reconnects.
                preview.changed.wait_for(lambda: preview.version != seen, timeout=60)
                changed = preview.version != seen
            if changed:
                self.wfile.write(b"data: reload\n\n")
                self.wfile.flush()

    return Handler


def serve(root: Path, out: Path, wanted: list[str], port: int,
          on_build: Callable[[Report | BuildError], None],
          stop: threading.Event | None = None, ready: Callable[[int], None] | None = None) -> None:
    """Serve ``out`` on 127.0.0.1:port while watching the sources."""
    preview = Preview()
    stop = stop or threading.Event()
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler_for(out, preview))
    server.daemon_threads = True

    def built(result):
        preview.update(result)
        on_build(result)

    watcher = threading.Thread(target=watch, args=(root, out, wanted, built, stop), daemon=True)
    watcher.start()
    threading.Thread(target=server.serve_forever, daemon=True).start()
    if ready:
        ready(server.server_address[1])
    try:
        stop.wait()
    finally:
        server.shutdown()
        server.server_close()
