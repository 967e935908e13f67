"""The web client in a real headless Chromium, against every adapter.

Debian's Chromium, driven by Playwright; nothing is downloaded. The page is
served from its own origin, so every call is cross-origin (the contract's CORS
header at work). Every run takes a screenshot; ``UPDATE_DOCS=1`` keeps it as
docs/client.png (it shows the run's random ports, so it is not rewritten each time).
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from contextlib import ExitStack
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser
from playwright.sync_api import expect
from playwright.sync_api import sync_playwright

from client.serve import serve_client
from harness.adapters import ROOT
from harness.adapters import Adapter
from harness.adapters import discover
from harness.servers.live import serve

CHROMIUM_FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]  # fmt: skip
SCREENSHOT = ROOT / "docs" / "client.png"


@dataclass(frozen=True)
class Site:
    page: str
    adapters: dict[str, str]


def chromium_path() -> str:
    path = shutil.which("chromium") or shutil.which("chromium-browser")
    if path is None:
        pytest.fail("Chromium is missing: `make test` installs it (apt-get install chromium)")
    return path


@pytest.fixture(scope="module")
def site() -> Iterator[Site]:
    """Every adapter as a live server, and the page on another port."""
    with ExitStack() as stack:
        urls = {a.name: stack.enter_context(serve(a)).url for a in discover()}
        yield Site(stack.enter_context(serve_client(urls)), urls)


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    """One headless Chromium for the module."""
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_FLAGS)
        yield chromium
        chromium.close()


@pytest.mark.live
def test_sum_error_and_echo_in_the_page(browser: Browser, site: Site, adapter: Adapter) -> None:
    page = browser.new_page()
    errors: list[Any] = []
    page.on("pageerror", lambda error: errors.append(error))
    page.goto(site.page)
    page.select_option("#adapter", site.adapters[adapter.name])
    expect(page.locator("#base-url")).to_have_value(site.adapters[adapter.name])

    page.fill("#number1", "13")
    page.fill("#number2", "28")
    page.click("#sum-path")
    expect(page.locator("#result")).to_have_text("Sum: 41")
    expect(page.locator("#status")).to_have_text("200")
    expect(page.locator("#request")).to_have_text(f"GET {site.adapters[adapter.name]}/sum/13/28")

    page.fill("#number1", "-0.5")
    page.click("#sum-query")
    expect(page.locator("#result")).to_have_text("Sum: 27.5")

    page.fill("#number2", "abc")
    page.click("#sum-path")
    expect(page.locator("#result")).to_have_text("Error: Invalid number as addend")
    expect(page.locator("#status")).to_have_text("400")

    text = "héllo wörld 😀 / ?"
    page.fill("#echo-text", text)
    page.click("#echo")
    expect(page.locator("#status")).to_have_text("404")  # an encoded / is still a path separator
    page.fill("#echo-text", "héllo wörld 😀")
    page.click("#echo")
    expect(page.locator("#result")).to_have_text("Echo: héllo wörld 😀 héllo wörld 😀")
    expect(page.locator("#status")).to_have_text("200")

    assert errors == []
    page.close()


@pytest.mark.live
def test_screenshot_of_the_client(browser: Browser, site: Site, tmp_path: Path) -> None:
    """The page as a learner first sees it, after one click; kept in docs/ on request."""
    page = browser.new_page(viewport={"width": 900, "height": 900})
    page.goto(site.page)
    page.click("#sum-path")
    expect(page.locator("#result")).to_have_text("Sum: 41")
    taken = tmp_path / SCREENSHOT.name
    page.screenshot(path=str(taken), full_page=True)
    page.close()
    assert taken.read_bytes().startswith(b"\x89PNG")
    if os.environ.get("UPDATE_DOCS") == "1":
        shutil.copyfile(taken, SCREENSHOT)
