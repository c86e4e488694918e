"""The sample journal's site in a real browser (Debian's Chromium through Playwright),
served as a static site from 127.0.0.1: a reader goes from the home page to an issue,
an article and its PDF; every link of the site's pages resolves; the search finds a
Turkish word as written, with a suffix, and typed without its diacritics."""
from __future__ import annotations

import functools
import threading
import urllib.request
from contextlib import contextmanager
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urljoin, urlparse

from tests.conftest import require_tool

try:
    from press.screenshots import CHROMIUM_FLAGS
except ImportError:  # pragma: no cover
    CHROMIUM_FLAGS = ["--no-sandbox"]


class Quiet(SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@contextmanager
def serving(folder):
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(folder)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()


def status(url: str) -> int:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def searched(page, base: str, lang_prefix: str, query: str) -> list[str]:
    page.goto(f"{base}{lang_prefix}search/")
    page.fill(".pagefind-ui__search-input", query)
    page.wait_for_timeout(300)
    try:
        page.wait_for_selector(".pagefind-ui__result-link", timeout=8000)
    except Exception:
        return []
    return page.eval_on_selector_all(".pagefind-ui__result-link", "links => links.map(a => a.href)")


def test_reader_navigates_and_searches(journal_site):
    chromium = require_tool("chromium", "apt-get install chromium")
    from playwright.sync_api import sync_playwright

    with serving(journal_site) as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, args=CHROMIUM_FLAGS)
        try:
            page = browser.new_page()
            errors = []
            page.on("pageerror", lambda error: errors.append(str(error)))
            page.goto(base)
            assert page.locator("h1").inner_text() == "Avrasya Çalışmaları Dergisi"
            page.click("text=Cilt 3, Sayı 1 (2024)")
            assert page.locator("h1").inner_text().startswith("Cilt 3, Sayı 1")
            page.click(".article-title a >> nth=1")
            assert "Corridors and Mediators" in page.locator("h1.title").inner_text()
            pdf = page.get_attribute(".downloads a >> nth=0", "href")
            assert status(urljoin(page.url, pdf)) == 200
            page.click(".journal-footer a >> nth=1")
            assert page.url == base
            page.click("nav >> text=English")
            assert page.url == f"{base}en/" and page.locator("html").get_attribute("lang") == "en"

            # every link of the site's own pages resolves
            checked = set()
            for start in (base, f"{base}en/", f"{base}archive/", f"{base}issues/2024-2/", f"{base}en/issues/2024-1/"):
                page.goto(start)
                for href in page.eval_on_selector_all("a[href]", "links => links.map(a => a.href)"):
                    if urlparse(href).netloc == urlparse(base).netloc and href not in checked:
                        checked.add(href.split("#")[0])
            assert len(checked) > 20
            assert [href for href in sorted(checked) if status(href) != 200] == []

            # the search: as written, with a suffix, without diacritics, from both languages
            article = "sinir-kapilari-ve-gundelik-diplomasi-sarp-ve-kapikoy-ornekleri"
            for prefix, query in (("", "gümrük"), ("", "gümrükçülerin"), ("", "gumruk"), ("en/", "Gümrük")):
                assert any(article in link for link in searched(page, base, prefix, query)), query
            assert any("corridors-and-mediators" in link for link in searched(page, base, "", "mediators"))
            assert errors == [], errors
        finally:
            browser.close()
