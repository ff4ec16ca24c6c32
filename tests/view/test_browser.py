"""The view in a real browser: Debian's headless Chromium (/usr/bin/chromium) driven by Playwright.

Skipped where Chromium or the `playwright` package is missing (Playwright's own browser download is
never used). Each test saves what a user sees to out/screenshots/view-<article id>[-<what>].png.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from extractor import ExtractionResult, Link, Mention
from extractor.view import render_article
from tests.conftest import ROOT
from tests.view.test_view import SEED_ID, first, hand_built

CHROMIUM = Path("/usr/bin/chromium")
if not CHROMIUM.exists():
    pytest.skip(f"{CHROMIUM} is missing: apt-get install -y chromium", allow_module_level=True)
sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is missing: pip install playwright")

CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
SCREENSHOTS = ROOT / "out" / "screenshots"
# A person named in both texts of seed 000, paired by reading the article.
PERSON_PAIR = ("Shi Guoliang", "施国良")
COUNTERPART = re.compile(r"\bcounterpart\b")
ACTIVE = re.compile(r"\bactive\b")


@pytest.fixture(scope="module")
def browser() -> Iterator[sync_api.Browser]:
    with sync_api.sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@pytest.fixture
def open_page(browser: sync_api.Browser, tmp_path: Path) -> Iterator[Callable[[ExtractionResult], sync_api.Page]]:
    pages: list[sync_api.Page] = []

    def opener(result: ExtractionResult) -> sync_api.Page:
        path = tmp_path / f"{result.id}.html"
        path.write_text(render_article(result), encoding="utf-8")
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        pages.append(page)
        page.goto(path.as_uri())
        return page

    yield opener
    for page in pages:
        page.close()


def screenshot(page: sync_api.Page, name: str) -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(path))
    return path


def with_person_link(result: ExtractionResult) -> tuple[ExtractionResult, Link]:
    """The result with a person link: the extraction's own if it has one, else the hand-read pair added."""
    for link in result.links:
        if link.type == "person":
            return result, link
    data = result.model_dump()
    mentions = list(result.mentions)
    ends: list[Mention] = []
    for lang, name in zip(("en", "zh"), PERSON_PAIR, strict=True):
        found = next((m for m in mentions if m.lang == lang and m.type == "person" and m.text == name), None)
        if found is None:
            text = result.article.text(lang) or ""
            start = text.index(name)
            found = Mention(
                id=f"{lang}:test-person", lang=lang, type="person", text=name, start=start, end=start + len(name)
            )
            mentions.append(found)
        ends.append(found)
    link = Link(
        type="person",
        en=ends[0].text,
        zh=ends[1].text,
        status="agree",
        en_mention=ends[0].id,
        zh_mention=ends[1].id,
        score=1.0,
        reason="added by the browser test",
    )
    data |= {"mentions": [m.model_dump() for m in mentions], "links": [*data["links"], link.model_dump()]}
    return ExtractionResult.model_validate(data), link


def dom_id(result: ExtractionResult, mention_id: str) -> str:
    return f"m{[m.id for m in result.mentions].index(mention_id)}"


def check_person_counterpart(page: sync_api.Page, result: ExtractionResult, link: Link) -> None:
    en = page.locator(f"#{dom_id(result, link.en_mention)}")
    zh = page.locator(f'[data-m="{dom_id(result, link.zh_mention)}"]').first
    en.focus()
    sync_api.expect(zh).to_have_class(COUNTERPART)
    assert zh.evaluate("el => getComputedStyle(el).outlineStyle") != "none"
    sync_api.expect(page.locator("#info")).to_contain_text(link.zh)
    page.keyboard.press("Enter")  # pin
    sync_api.expect(en).to_have_attribute("aria-pressed", "true")
    page.locator("h1").click()  # focus leaves the mention; the pinned highlight stays
    sync_api.expect(zh).to_have_class(COUNTERPART)
    en.evaluate("el => el.scrollIntoView({block: 'center'})")


def test_focusing_a_person_lights_up_its_chinese_counterpart(
    open_page: Callable[[ExtractionResult], sync_api.Page],
    seed_results: dict[str, ExtractionResult],
) -> None:
    result, link = with_person_link(seed_results[SEED_ID])
    page = open_page(result)
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.classList.contains('m')"), "the first tab stop is a mention"
    check_person_counterpart(page, result, link)
    page.mouse.move(1, 1)
    screenshot(page, f"view-{result.id}")
    en = page.locator(f"#{dom_id(result, link.en_mention)}")
    zh = page.locator(f'[data-m="{dom_id(result, link.zh_mention)}"]').first
    en.focus()
    page.keyboard.press(" ")  # Space releases the pin
    page.locator("h1").click()
    sync_api.expect(zh).not_to_have_class(COUNTERPART)
    sync_api.expect(en).to_have_attribute("aria-pressed", "false")


def test_real_person_link_lights_up_in_the_browser(
    open_page: Callable[[ExtractionResult], sync_api.Page],
    seed_results: dict[str, ExtractionResult],
    request: pytest.FixtureRequest,
) -> None:
    found = [(r, link) for r in seed_results.values() for link in r.links if link.type == "person"]
    if not found:
        request.applymarker(pytest.mark.xfail(strict=False, reason="the cross-check links no person in the seeds yet"))
    assert found, "no person link in any seed's extraction"
    result, link = found[0]
    page = open_page(result)
    check_person_counterpart(page, result, link)
    page.mouse.move(1, 1)
    screenshot(page, f"view-{result.id}-real")


def test_nested_mentions_light_up_separately(open_page: Callable[[ExtractionResult], sync_api.Page]) -> None:
    result = hand_built()
    page = open_page(result)
    unit = page.locator(f"#{dom_id(result, first(result.mentions, 'unit', 'Xinhua News Agency').id)}")
    role = page.locator(f"#{dom_id(result, first(result.mentions, 'role', 'Xinhua News Agency reporter').id)}")
    zh_unit = page.locator(f"#{dom_id(result, first(result.mentions, 'unit', '新华社').id)}")
    zh_role = page.locator(f"#{dom_id(result, first(result.mentions, 'role', '记者').id)}")
    unit.hover()
    sync_api.expect(unit).to_have_class(ACTIVE)
    sync_api.expect(role).not_to_have_class(ACTIVE)
    sync_api.expect(zh_unit).to_have_class(COUNTERPART)
    sync_api.expect(zh_role).not_to_have_class(COUNTERPART)
    box = role.bounding_box()
    assert box is not None
    role.hover(position={"x": box["width"] - 4, "y": box["height"] / 2})  # on "reporter", outside the unit
    sync_api.expect(role).to_have_class(ACTIVE)
    sync_api.expect(zh_role).to_have_class(COUNTERPART)
    sync_api.expect(page.locator("#info")).to_contain_text("记者")
    screenshot(page, f"view-{result.id}-nested")


def test_print_keeps_what_hovering_shows(open_page: Callable[[ExtractionResult], sync_api.Page]) -> None:
    result = hand_built()
    page = open_page(result)
    page.emulate_media(media="print")
    assert page.locator("#info").evaluate("el => getComputedStyle(el).display") == "none"
    figure = page.locator(f"#{dom_id(result, first(result.mentions, 'figure', '1,010,000 tons').id)}")
    assert "figure 1010000 ton" in figure.evaluate("el => getComputedStyle(el, '::after').content")
    conflict = page.locator(f"#{dom_id(result, first(result.mentions, 'figure', '10,000 tons').id)}")
    assert "conflict" in conflict.evaluate("el => getComputedStyle(el, '::after').content")
    styles = {
        kind: page.locator(f".m.t-{kind}").first.evaluate("el => getComputedStyle(el).borderBottomStyle")
        for kind in ("person", "role", "unit", "place")
    }
    assert len(set(styles.values())) == 4, styles
    conflict.evaluate("el => el.scrollIntoView({block: 'center'})")
    screenshot(page, f"view-{result.id}-print")
