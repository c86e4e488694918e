"""The author's loop: rebuild on every save (``watch``) and a live preview (``serve``).

The preview serves the output folder on localhost; pages get a small script that
reloads them after each build, and a failed build shows its message in the page
instead of a stale edition. A rebuild that fails in any way, a bug included, is
reported like a content error, and the next save rebuilds.

The server answers only for the editions' files: a request path is normalised and
must name a file inside the output folder, never a hidden one (the cache, the
staging folder); a link out of the folder is not followed. It answers only requests
addressed to ``127.0.0.1:PORT`` or ``localhost:PORT`` (403 otherwise): a web page
whose host name is rebound to this machine cannot read the preview.

>>> served_file(Path("/srv/build"), "/html/index.html?x=1")
PosixPath('/srv/build/html/index.html')
>>> served_file(Path("/srv/build"), "/html/../../../etc/x.html")  # normalised: inside, and absent
PosixPath('/srv/build/etc/x.html')
>>> served_file(Path("/srv/build"), "/.cache/state.json") is None
True
"""
from __future__ import annotations

import html
import http.server
import posixpath
import secrets
import select
import socket
import sys
import threading
import traceback
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable
from urllib.parse import parse_qs, quote, unquote, urlsplit

from core.diagnostics import BuildError
from core.templatepath import TemplatePath, template_path
from press.cache import Cache
from press.manuscript import too_deep_in
from press.pipeline import Report, build

RELOAD_SCRIPT = ('<script>new EventSource("/__press/events").onmessage = '
                 '() => location.reload();</script>')
EVENTS = "/__press/events"
REVIEW = "/__press/chronology"   # the chronology's review page (press/review.py)
MAX_FORM = 64 * 1024             # a review decision is a few fields
# How often a waiting reload stream looks whether its browser is still there.
POLL_SECONDS = 0.25
# How long the watcher waits before it says it listens (then looks for saves it missed).
LISTENING_MS = 200


def watched_paths(root: Path, out: Path, templates: TemplatePath = template_path(),
                  path: Path | None = None) -> list[Path]:
    """What an author edits (the manuscript folder, or the one Markdown file named),
    every folder of the template path (a journal's and the system's), and the files
    the last build read wherever they lie (the .bib files the metadata names, the
    figures). A change to the filters' code needs a restart."""
    folders = [path] if path else [root / "manuscript", root / "bibliography"]
    folders += templates.folders
    named = [Path(p) for p in Cache(out).state.read]
    return [p for p in dict.fromkeys(folders + named) if p.exists()]


def rebuild(root: Path, out: Path, wanted: list[str], options: dict | None = None) -> Report | BuildError:
    """One build; whatever goes wrong comes back as an error to show, so that the
    watcher lives on to the next save."""
    try:
        return build(root, out, wanted, **(options or {}))
    except BuildError as error:
        return error
    except RecursionError:
        return too_deep_in(root, (options or {}).get("path"))
    except Exception as failure:  # a bug: shown whole, in the terminal and the page
        details = "".join(traceback.format_exception_only(failure)).strip()
        return BuildError(f"the build failed unexpectedly: {details}",
                          hint="the next save rebuilds; `python build.py --debug` shows the traceback")


def stamps(paths: list[Path]) -> dict[str, tuple[int, int]]:
    """Each file's time and size under ``paths``: what a save changes.

    >>> import tempfile; folder = Path(tempfile.mkdtemp())
    >>> _ = (folder / "a.md").write_text("one")
    >>> list(stamps([folder]).values())[0][1]
    3
    """
    found = {}
    for path in paths:
        for file in ([path] if path.is_file() else sorted(path.rglob("*"))):
            try:
                status = file.stat()
            except OSError:  # removed while looked at: the next look sees it gone
                continue
            found[str(file)] = (status.st_mtime_ns, status.st_size)
    return found


def watch(root: Path, out: Path, wanted: list[str],
          on_build: Callable[[Report | BuildError], None],
          stop: threading.Event | None = None, options: dict | None = None) -> None:
    """Build now, then after every change until ``stop`` is set.

    A watcher listens only from the moment it is set up, after the build: a save made
    while the build ran, or before the watcher listened, would be missed. So each build
    is stamped before it starts, and once the watcher listens the stamps are looked at
    again; any difference rebuilds at once. The watcher is set up again after each
    build, so that files a build has just begun to read (a new .bib) are watched too."""
    from watchfiles import watch as changes

    from core.tools import TYPST
    TYPST.isolated = False  # the author's own loop: Typst's memoised layout makes a recompile ten times faster
    stop = stop or threading.Event()
    templates = template_path((options or {}).get("templates", ()))
    path = (options or {}).get("path")
    while not stop.is_set():
        before_paths = watched_paths(root, out, templates, path)
        before = stamps(before_paths)
        on_build(rebuild(root, out, wanted, options))
        looked = False
        for changed in changes(*watched_paths(root, out, templates, path), stop_event=stop,
                               debounce=80, step=20, yield_on_timeout=True, rust_timeout=LISTENING_MS):
            if changed or not looked and stamps(before_paths) != before:
                break
            looked = True  # listening: from now on the watcher sees every save


@dataclass
class Preview:
    """The state the preview pages show: the build count and the last error."""
    version: int = 0
    error: str | None = None
    closed: bool = False
    changed: threading.Condition = field(default_factory=threading.Condition)

    def update(self, result: Report | BuildError) -> None:
        with self.changed:
            self.version += 1
            self.error = str(result) if isinstance(result, BuildError) else None
            self.changed.notify_all()

    def close(self) -> None:
        with self.changed:
            self.closed = True
            self.changed.notify_all()


def served_file(out: Path, request_path: str) -> Path | None:
    """The file under ``out`` a request names, or None: a path that leaves ``out``
    (``..``, or a link out of it) or names a hidden file or folder."""
    path = posixpath.normpath("/" + unquote(urlsplit(request_path).path))
    parts = [part for part in path.split("/") if part]
    if any(part.startswith(".") or "\\" in part or "\0" in part for part in parts):
        return None
    target = out.joinpath(*parts)
    if not target.resolve().is_relative_to(out.resolve()):
        return None
    return target


def preview_hosts(port: int) -> tuple[str, str]:
    """The ``Host:`` headers the preview answers.

    >>> preview_hosts(8000)
    ('127.0.0.1:8000', 'localhost:8000')
    """
    return f"127.0.0.1:{port}", f"localhost:{port}"


def client_gone(connection: socket.socket) -> bool:
    """True when the browser closed the connection (it sends nothing on a reload
    stream, so a readable socket with nothing to read is a closed one)."""
    try:
        readable, _, _ = select.select([connection], [], [], 0)
        return bool(readable) and not connection.recv(1, socket.MSG_PEEK)
    except OSError:
        return True


def handler_for(out: Path, preview: Preview, root: Path | None = None, options: dict | None = None):
    """The preview's request handler; with ``root``, the chronology's review page too."""
    token = secrets.token_urlsafe(24)  # a page of this server's own: no other site can post a decision

    class Handler(http.server.SimpleHTTPRequestHandler):
        timeout = 30  # a client that sends no request within this is let go

        def __init__(self, *args, **kwargs):
            super().__init__(*args, directory=str(out), **kwargs)

        def log_message(self, *args):  # the terminal shows builds, not requests
            pass

        def allowed_host(self) -> bool:
            """Only this machine's own names for the preview: a page of another site that
            points its host name at 127.0.0.1 (DNS rebinding) is answered 403."""
            if self.headers.get("Host", "") in preview_hosts(self.server.server_address[1]):
                return True
            self.send_error(403, "the preview answers only http://127.0.0.1:PORT/ and http://localhost:PORT/")
            return False

        def do_GET(self):
            if not self.allowed_host():
                return None
            if self.path == EVENTS:
                return self.events()
            if root is not None and urlsplit(self.path).path == REVIEW:
                return self.review()
            if self.path in ("/", "/index.html"):
                self.send_response(302)
                self.send_header("Location", "/html/index.html")
                return self.end_headers()
            target = self.target()
            if target is None:
                return self.send_error(404)
            if target.suffix == ".html":
                return self.page(target)
            return super().do_GET()

        def review(self):
            """The review page: the entries as the next build prints them."""
            from press import review

            try:
                entries, lang = review.entries(root)
                body = review.page(entries, lang, token, template_path((options or {}).get("templates", ())))
            except BuildError as error:
                body = ('<!DOCTYPE html><html><body><pre role="alert">'
                        f"{html.escape(str(error))}</pre></body></html>")
            self.send_html(body.replace("</body>", RELOAD_SCRIPT + "</body>", 1))

        def do_POST(self):
            """A review decision, written to chronology.yaml; the watcher rebuilds."""
            from press import review

            length = int(self.headers.get("Content-Length") or 0)
            origin = self.headers.get("Origin")
            if urlsplit(self.path).path != REVIEW or root is None:
                return self.send_error(404)
            if length > MAX_FORM or (origin and urlsplit(origin).netloc != self.headers.get("Host")):
                return self.send_error(403)
            form = {key: values[0] for key, values in parse_qs(self.rfile.read(length).decode("utf-8")).items()}
            if not secrets.compare_digest(form.get("token", ""), token):
                return self.send_error(403)
            try:
                review.record(root, review.decision(form.get("action", ""), form.get("date", ""),
                                                    form.get("place", ""), form.get("text", ""),
                                                    form.get("new_date", "")))
            except ValueError as problem:
                return self.send_error(400, str(problem))
            self.send_response(303)
            self.send_header("Location", f"{REVIEW}#entry-{quote(form.get('entry', ''))}")
            self.end_headers()

        def send_html(self, body: str):
            data = body.encode("utf-8")
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(data)))
            self.send_header("Cache-Control", "no-store")
            self.end_headers()
            self.wfile.write(data)

        def do_HEAD(self):
            if not self.allowed_host():
                return None
            if self.target() is None:
                return self.send_error(404)
            return super().do_HEAD()

        def target(self) -> Path | None:
            """The file the request names (for a folder, its index.html). The
            request's path becomes that file's, so that the file server sends
            exactly the file checked here."""
            target = served_file(out, self.path)
            if target is not None and target.is_dir():
                target = target / "index.html"
            if target is not None:
                self.path = quote("/" + target.relative_to(out).as_posix())
            return target

        def page(self, path: Path):
            if not path.is_file() and not preview.error:
                return self.send_error(404)
            # Before any build succeeded, a page that does not exist yet shows the error.
            body = path.read_text(encoding="utf-8") if path.is_file() else "<!DOCTYPE html><body></body>"
            if preview.error:
                banner = ('<pre role="alert" style="background:#fde8e8;color:#8a1111;padding:1em;'
                          f'white-space:pre-wrap;margin:0">{html.escape(preview.error)}</pre>')
                body = body.replace("<body>", "<body>" + banner, 1)
            self.send_html(body.replace("</body>", RELOAD_SCRIPT + "</body>", 1))

        def events(self):
            """One message after the next build, then the stream ends (the browser
            reconnects): ended early when the browser goes, or after a minute."""
            self.send_response(200)
            self.send_header("Content-Type", "text/event-stream")
            self.send_header("Cache-Control", "no-store")
            self.end_headers()
            with preview.changed:
                seen = preview.version
            for _ in range(int(60 / POLL_SECONDS)):
                with preview.changed:
                    if preview.changed.wait_for(lambda: preview.version != seen or preview.closed,
                                                timeout=POLL_SECONDS):
                        break
                if client_gone(self.connection):
                    return
            if preview.version != seen:
                self.wfile.write(b"data: reload\n\n")
                self.wfile.flush()

    return Handler


class PreviewServer(http.server.ThreadingHTTPServer):
    """A thread per request, and room for many at once: socketserver listens with
    a backlog of 5, so a page's burst of requests (or 200 at once) was partly left
    unanswered."""
    daemon_threads = True
    request_queue_size = 256

    def handle_error(self, request, client_address):
        if isinstance(sys.exc_info()[1], ConnectionError):
            return  # the browser went away mid-request: nothing to report
        super().handle_error(request, client_address)


def serve(root: Path, out: Path, wanted: list[str], port: int,
          on_build: Callable[[Report | BuildError], None],
          stop: threading.Event | None = None, ready: Callable[[int], None] | None = None,
          options: dict | None = None) -> None:
    """Serve ``out`` on 127.0.0.1:port while watching the sources."""
    preview = Preview()
    stop = stop or threading.Event()
    server = PreviewServer(("127.0.0.1", port), handler_for(out, preview, root, options))

    def built(result):
        preview.update(result)
        on_build(result)

    watcher = threading.Thread(target=watch, args=(root, out, wanted, built, stop, options), daemon=True)
    watcher.start()
    threading.Thread(target=server.serve_forever, daemon=True).start()
    if ready:
        ready(server.server_address[1])
    try:
        stop.wait()
    finally:
        preview.close()
        server.shutdown()
        server.server_close()
