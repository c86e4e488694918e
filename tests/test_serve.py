"""The live preview as an attacker and a crowd would use it: requests that try to
leave the output folder, 200 at once, browsers that go away, builds that crash."""
import http.client
import socket
import struct
import threading
import time

import pytest
from conftest import previewing, wait_for, write_manuscript

SECTIONS = {"01-giris.md": "# Giriş\n\nSavaş 27 Eylül 2020’de başladı [@a].\n"}
METADATA = "lang: tr\ntitle: Deneme\n"
BIB = "@book{a, author = {Aslanlı, A.}, title = {Kitap}, year = {2015}, publisher = {P}}\n"
SECRET = "GIZLI-5c1d"


@pytest.fixture
def preview(tmp_path):
    """A running preview of a small manuscript, after its first build: (port, root, builds)."""
    root = write_manuscript(tmp_path / "makale", SECTIONS, METADATA, BIB)
    with previewing(root, root / "build") as (port, builds):
        yield port, root, builds


def get(port, path, timeout=10):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    connection.request("GET", path)  # the path goes out as written: no client normalises it
    response = connection.getresponse()
    return response.status, response.read().decode("utf-8", "replace")


def test_no_request_reads_outside_the_output_folder_or_the_cache(preview, tmp_path):
    port, root, _ = preview
    (tmp_path / "secret.html").write_text(SECRET, encoding="utf-8")
    (root / "build" / "html" / "link.html").symlink_to(tmp_path / "secret.html")
    for path in ("/../../secret.html", "/html/../../../secret.html", "/%2e%2e/%2e%2e/secret.html",
                 "/html/link.html", "/.cache/state.json", "/.cache/filtered.json", "/.staging/lock",
                 "/.cache/"):
        status, body = get(port, path)
        assert status == 404 and SECRET not in body and "ast_key" not in body, path
    status, body = get(port, "/html/index.html")
    assert status == 200 and "Savaş" in body
    assert get(port, "/html/style.css")[0] == 200


def test_two_hundred_requests_at_once_are_all_answered(preview):
    port, _, _ = preview
    start, answers = threading.Barrier(200), []

    def ask():
        start.wait()
        try:
            answers.append(get(port, "/html/index.html")[0])
        except OSError as error:
            answers.append(repr(error))

    clients = [threading.Thread(target=ask) for _ in range(200)]
    for client in clients:
        client.start()
    for client in clients:
        client.join()
    assert answers == [200] * 200


def test_reload_streams_are_released_when_the_browser_goes(preview):
    port, _, _ = preview
    before = threading.active_count()
    streams = []
    for _ in range(20):
        stream = socket.create_connection(("127.0.0.1", port))
        stream.sendall(f"GET /__press/events HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n\r\n".encode())
        streams.append(stream)
    assert wait_for(lambda: threading.active_count() >= before + 20)
    for stream in streams:
        stream.close()
    assert wait_for(lambda: threading.active_count() <= before, seconds=5)


def test_a_browser_that_disconnects_prints_no_traceback(preview, capfd):
    port, _, _ = preview
    for request in (b"GET /html/index.html HTTP/1.1\r\n", b"GET /html/style.css HTTP/1.0\r\n\r\n"):
        client = socket.create_connection(("127.0.0.1", port))
        client.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))  # close = reset
        client.sendall(request)
        client.close()
    assert get(port, "/html/index.html")[0] == 200  # the server goes on
    time.sleep(0.2)
    assert "Traceback" not in capfd.readouterr().err


def test_a_rebuild_that_crashes_is_shown_and_the_next_save_rebuilds(preview, monkeypatch):
    from press import live

    port, root, builds = preview
    real_build = live.build

    def crash_once(*args, **kwargs):
        monkeypatch.setattr(live, "build", real_build)
        raise KeyError("a bug")

    monkeypatch.setattr(live, "build", crash_once)
    source = root / "manuscript" / "01-giris.md"
    source.write_text(source.read_text(encoding="utf-8") + "\nİkinci.\n", encoding="utf-8")
    assert wait_for(lambda: len(builds) >= 2)
    status, body = get(port, "/html/index.html")
    assert 'role="alert"' in body and "the build failed unexpectedly: KeyError: &#x27;a bug&#x27;" in body
    source.write_text(source.read_text(encoding="utf-8") + "\nÜçüncü.\n", encoding="utf-8")
    assert wait_for(lambda: len(builds) >= 3), "the watcher died with the crash"
    status, body = get(port, "/html/index.html")
    assert "Üçüncü" in body and 'role="alert"' not in body
