"""The chronology's review page, used in a real browser as an editor would: each
entry beside its sentences; edit a text, change a date, drop an entry; every
decision lands in manuscript/chronology.yaml and the next build prints it. A page
of another site cannot post a decision."""
from __future__ import annotations

import shutil
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from conftest import previewing, require_tool, wait_for

SAMPLE = Path(__file__).parent / "samples" / "article-en"


@pytest.fixture
def reviewing(tmp_path):
    root = tmp_path / "article"
    shutil.copytree(SAMPLE, root)
    with previewing(root, tmp_path / "out") as (port, builds):
        yield root, tmp_path / "out", port, builds


def appendix(out: Path) -> str:
    page = (out / "html" / "index.html").read_text(encoding="utf-8")
    return page.split('id="chronology"')[1]


@pytest.mark.slow
def test_an_editor_reviews_the_chronology_in_the_browser(reviewing):
    chromium = require_tool("chromium", "apt-get install chromium")
    from playwright.sync_api import sync_playwright

    from press.screenshots import CHROMIUM_FLAGS

    root, out, port, builds = reviewing
    corrections = root / "manuscript" / "chronology.yaml"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, args=CHROMIUM_FLAGS)
        try:
            page = browser.new_page()
            page.goto(f"http://127.0.0.1:{port}/__press/chronology")
            assert page.locator("h1").inner_text() == "Chronology: 5 entries"
            first = page.locator("section.entry").first
            assert "12 May 1994" in first.locator("h2").inner_text()
            assert "ceasefire of 12 May 1994" in first.locator(".places").inner_text()  # beside its sentence
            # edit the text
            first.locator("input[name=text]").fill("The ceasefire between Armenia and Azerbaijan took effect.")
            first.locator("button[value=text]").click()
            assert wait_for(lambda: corrections.is_file() and "took effect" in corrections.read_text())
            assert wait_for(lambda: "took effect" in appendix(out), 60), "the next build prints it"
            # change a date
            page.goto(f"http://127.0.0.1:{port}/__press/chronology")
            second = page.locator("section.entry").nth(1)
            second.locator("input[name=new_date]").fill("2006-07-14")
            second.locator("button[value=date]").click()
            assert wait_for(lambda: "new-date: \"2006-07-14\"" in corrections.read_text())
            assert wait_for(lambda: "14 July 2006" in appendix(out), 60)
            # drop the last entry
            page.goto(f"http://127.0.0.1:{port}/__press/chronology")
            last = page.locator("section.entry").last
            dropped = last.locator("h2").inner_text()
            last.locator("button[value=drop]").click()
            assert wait_for(lambda: "drop: true" in corrections.read_text())
            assert wait_for(lambda: dropped not in appendix(out), 60)
            page.goto(f"http://127.0.0.1:{port}/__press/chronology")
            assert page.locator("h1").inner_text() == "Chronology: 4 entries"
            assert "took effect" in page.locator("section.entry").first.locator(".text").inner_text()
        finally:
            browser.close()


def post(port: int, fields: str, origin: str | None = None) -> int:
    request = urllib.request.Request(f"http://127.0.0.1:{port}/__press/chronology", data=fields.encode(),
                                     method="POST", headers={"Origin": origin} if origin else {})
    try:
        return urllib.request.urlopen(request, timeout=10).status
    except urllib.error.HTTPError as answer:
        return answer.code


def test_another_site_cannot_post_a_decision(reviewing):
    root, _, port, _ = reviewing
    assert post(port, "action=drop&date=1994-05-12&token=guessed") == 403
    page = urllib.request.urlopen(f"http://127.0.0.1:{port}/__press/chronology", timeout=30).read().decode()
    token = page.split('name="token" value="')[1].split('"')[0]
    assert post(port, f"action=drop&date=1994-05-12&token={token}", origin="http://evil.example") == 403
    assert not (root / "manuscript" / "chronology.yaml").exists()
    assert post(port, f"action=teleport&date=1994-05-12&token={token}") == 400
    # the page's own form: accepted, then the page again (the redirect followed)
    assert post(port, f"action=drop&date=1994-05-12&place=ceasefire&token={token}") == 200
    assert "drop: true" in (root / "manuscript" / "chronology.yaml").read_text(encoding="utf-8")
